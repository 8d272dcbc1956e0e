"""Who is told of filing (S§13–S§16): co-signers invited or whose confirmation the text's change
voided, the deputies of a filed or withdrawn suggestion, the units of a withdrawn one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from deputies.models import Deputy
from suggestions.models import Suggestion
from suggestions.notices.common import in_chinese, link, load, send, unit_users, users_of
from suggestions.workflow.who import deputies_of


@in_chinese
def cosigners_invited(s: Suggestion, deputies: list[Deputy]) -> None:
    send(
        users_of(deputies), "cosign_invitation",
        _("%(lead)s invites you to co-sign a suggestion: %(title)s") % {"lead": s.lead_deputy.name, "title": s.title},
        _("Read the final text and confirm it to join (S§14), or decline."), link(s),
    )  # fmt: skip


@in_chinese
def confirmations_voided(s: Suggestion, deputies: list[Deputy]) -> None:
    send(
        users_of(deputies), "cosign_text_changed",
        _("The text you co-signed has changed: %(title)s") % {"title": s.title},
        _("Your earlier confirmation no longer counts. Read the new text and confirm again (S§14)."), link(s),
    )  # fmt: skip


@in_chinese
def submitted(suggestion_id: int) -> None:
    s = load(suggestion_id)
    send(
        users_of(deputies_of(s)), "suggestion_submitted",
        _("Suggestion filed as %(number)s: %(title)s") % {"number": s.number_label, "title": s.title},
        _("It now awaits review (S§15)."), link(s),
    )  # fmt: skip


@in_chinese
def withdrawn(suggestion_id: int) -> None:
    s = load(suggestion_id)
    unit_staff = [u for a in s.assignments.all() for u in unit_users(a.unit_id)]
    send(
        [*unit_staff, *users_of(deputies_of(s))], "suggestion_withdrawn",
        _("Suggestion %(number)s was withdrawn by its proposer") % {"number": s.number_label},
        s.withdrawal_letter, link(s),
    )  # fmt: skip
