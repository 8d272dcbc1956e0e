"""D§45, D§46: a suspended or terminated deputy cannot file, sign or be invited. Their open
invitations lapse, each lead is told; what they already signed stays on record.

Runs inside the status change's transaction. The suggestions' and motions' own services keep
refusing such a deputy (`deputy_not_active`); here only what is still open is closed:
- a suggestion's invitation is answered `declined` (the co-signer row has a status; the
  filing check leaves declined rows out), its history says why;
- a motion's co-signature not yet confirmed is removed as a declined one is (M§12), its
  history says why;
- an invitation to a planned training is withdrawn.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import User
from deputies import notices
from deputies.models import Deputy, TrainingInvitation
from deputies.services.common import event
from deputies.workflow import TRAINING_INVITING
from motions.models import CoSignature
from motions.services.common import record as motion_event
from motions.workflow import MOTION
from suggestions.models import CoSigner
from suggestions.services.steps import event as suggestion_event
from suggestions.services.steps import recorded
from suggestions.workflow import SUGGESTION, CoSignerStatus


def lapse_invitations(deputy: Deputy, *, actor: User, why: str) -> int:
    """Close the deputy's open invitations; answer how many lapsed."""
    return _suggestions(deputy, actor, why) + _motions(deputy, actor, why) + _trainings(deputy, actor, why)


def _suggestions(deputy: Deputy, actor: User, why: str) -> int:
    rows = list(
        CoSigner.objects.select_for_update(of=("self",))
        .select_related("suggestion__lead_deputy__user")
        .filter(
            deputy=deputy,
            status=CoSignerStatus.INVITED,
            suggestion__status__in=sorted(SUGGESTION.sources("confirm")),
        )
    )
    now = timezone.now()
    for row in rows:
        row.status, row.confirmed_version, row.responded_at = CoSignerStatus.DECLINED, None, now
        row.save(update_fields=["status", "confirmed_version", "responded_at"])
        suggestion = row.suggestion
        # "uninvite" reads "invitation withdrawn" in the suggestion's history; the note says why.
        suggestion_event(
            suggestion,
            actor=actor,
            action="uninvite",
            note=recorded("%(name)s: %(why)s", name=deputy.name, why=why),
        )
        notices.invitation_lapsed(
            suggestion.lead_deputy, deputy, suggestion.title, suggestion.get_absolute_url()
        )
    return len(rows)


def _motions(deputy: Deputy, actor: User, why: str) -> int:
    rows = list(
        CoSignature.objects.select_related("motion__lead_deputy__user").filter(
            deputy=deputy, confirmed_at__isnull=True, motion__status__in=sorted(MOTION.sources("confirm"))
        )
    )
    for row in rows:
        motion = row.motion
        row.delete()
        motion_event(motion, actor, "uninvite", note=why, data={"deputy": deputy.name})
        notices.invitation_lapsed(
            motion.lead_deputy, deputy, motion.title, reverse("motions:detail", args=[motion.pk])
        )
    return len(rows)


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
