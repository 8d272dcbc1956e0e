"""D§45, D§46: a suspended or terminated deputy cannot file, sign or be invited. Their open
invitations lapse, each lead is told; what they already signed stays on record.

Runs inside the status change's transaction. The suggestions' and motions' own services keep
refusing such a deputy (`deputy_not_active`); here only what is still open is closed:
- an invitation to co-sign (a suggestion, a motion, any joint instrument) not yet confirmed
  lapses on the co-signing engine (the filing check leaves lapsed ones out), the item's
  history says why;
- an invitation to a planned training is withdrawn.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from congress.cosigning import signing_lapse
from congress.models import User
from deputies import notices
from deputies.models import Deputy, TrainingInvitation
from deputies.services.common import event
from deputies.workflow import TRAINING_INVITING


def lapse_invitations(deputy: Deputy, *, actor: User, why: str) -> int:
    """Close the deputy's open invitations; answer how many lapsed."""
    return _cosignatures(deputy, actor, why) + _trainings(deputy, actor, why)


def _cosignatures(deputy: Deputy, actor: User, why: str) -> int:
    """Every joint instrument's invitations lapse on the co-signing engine; each item's history
    says why and its lead is told."""
    lapsed = signing_lapse(deputy=deputy)
    for signing, row in lapsed:
        item = getattr(row, signing.item_field)
        signing.lapsed_record(item, deputy, actor, why)
        notices.invitation_lapsed(getattr(item, signing.lead_field), deputy, item.title, signing.link(item))
    return len(lapsed)


def _trainings(deputy: Deputy, actor: User, why: str) -> int:
    rows = list(
        TrainingInvitation.objects.select_related("training").filter(
            deputy=deputy, training__status__in=TRAINING_INVITING
        )
    )
    for row in rows:
        row.delete()
        event(
            row.training,
            actor=actor,
            action="lapse",
            note=_("%(name)s: %(why)s") % {"name": deputy.name, "why": why},
        )
    return len(rows)
