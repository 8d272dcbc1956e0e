"""The one co-signing engine for every joint instrument (WORKFLOWS.md §5b): suggestions (S§14),
motions (M§8, M§12), interpellations (D§14), recall motions (D§15) and investigation-committee
proposals (D§16).

The lead invites deputies; each reads the final text and confirms it or declines; an edit
of the text voids the confirmations given to the old one; an invitation to a deputy who is
suspended or leaves office meanwhile lapses; the lead is told of every answer; at submit the
threshold is checked. What differs per instrument is data, a `Signing` declared next to the
instrument's workflow table: its invitation model, its threshold, its notices, its article.

The engine neither locks the item nor asks the workflow table: the instrument's service does
both (`select_for_update`, `require(...)`) and calls the engine inside its transaction, then
records its own history event. Pure Django: no app is imported here.
"""

from congress.cosigning.invitation import CLOSED, Invitation, InvitationStatus
from congress.cosigning.rules import (
    PENDING,
    SHORT,
    SIGNINGS,
    Kinds,
    Progress,
    Signing,
    Threshold,
    in_office,
    register,
)
from congress.cosigning.services import (
    signing_confirm,
    signing_counts,
    signing_decline,
    signing_invite,
    signing_lapse,
    signing_progress,
    signing_refusal,
    signing_require,
    signing_void,
)

__all__ = [
    "CLOSED", "PENDING", "SHORT", "SIGNINGS", "Invitation", "InvitationStatus", "Kinds", "Progress", "Signing",
    "Threshold", "in_office", "register", "signing_confirm", "signing_counts", "signing_decline", "signing_invite",
    "signing_lapse", "signing_progress", "signing_refusal", "signing_require", "signing_void",
]  # fmt: skip
