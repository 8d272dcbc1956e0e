"""A joint suggestion's co-signing on the one engine (S§14): the lead and one co-signer at
least, and every co-signer still invited confirms the final text before it is filed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from congress.cosigning import Kinds, Signing, Threshold, register
from suggestions.notices import filing as notices
from suggestions.services.steps import event, recorded
from suggestions.workflow import SUGGESTION


def _lapsed(suggestion: Any, deputy: Any, actor: Any, why: str) -> None:
    # "uninvite" reads "invitation withdrawn" in the suggestion's history; the note says why.
    event(
        suggestion,
        actor=actor,
        action="uninvite",
        note=recorded("%(name)s: %(why)s", name=deputy.name, why=why),
    )


SUGGESTION_SIGNING = register(
    Signing(
        model="suggestions.CoSigner",
        item_field="suggestion",
        # S§14: 联名提出 — the lead and at least one other deputy.
        threshold=Threshold(count=2),
        article="S§14",
        kinds=Kinds(confirmed="cosign_confirmed", declined="cosign_declined"),
        invited_notice=notices.cosigners_invited,
        voided_notice=notices.confirmations_voided,
        lapsed_record=_lapsed,
        open_statuses=SUGGESTION.sources("confirm"),
        all_must_confirm=True,
        short_code="no_cosigner",
        short_message=_("A joint suggestion needs at least one co-signer who confirmed the text (S§14)."),
        pending_message=_(
            "These co-signers have not confirmed the final text yet (S§14): %(names)s. Wait for them or withdraw their invitation."
        ),
        # Co-signers of a suggestion are not checked against the congress term (S§48: an NPC
        # deputy elected in the province files and signs under these measures too).
        check_congress=False,
    )
)
