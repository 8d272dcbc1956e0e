"""A joint motion's co-signing on the one engine (M§8, M§12): ten or more deputies, the lead
included, each having confirmed the final text. A delegation motion is voted, not co-signed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.cosigning import Kinds, Signing, Threshold, register
from motions import notices
from motions.services.common import record
from motions.workflow import MOTION

# M§2, M§8(1): a joint motion needs ten deputies, the lead included.
MIN_SIGNERS = 10


def _lapsed(motion: Any, deputy: Any, actor: Any, why: str) -> None:
    record(motion, actor, "uninvite", note=why, data={"deputy": deputy.name})


MOTION_SIGNING = register(
    Signing(
        model="motions.CoSignature",
        item_field="motion",
        threshold=Threshold(count=MIN_SIGNERS),
        article="M§12",
        kinds=Kinds(confirmed="motion_cosign_confirmed", declined="motion_cosign_declined"),
        invited_notice=notices.invited,
        voided_notice=notices.confirmations_voided,
        lapsed_record=_lapsed,
        open_statuses=MOTION.sources("confirm"),
        short_message=_(
            "%(count)s deputies have signed the current text; a joint motion needs at least %(min)s, the lead included (M§2, M§12)."
        ),
        link=lambda motion: reverse("motions:detail", args=[motion.pk]),
        congress_of=lambda motion: motion.session.congress,
    )
)
