"""Who is told what, when a suggestion moves. Called after the transaction commits.

Each function loads what it needs and hands the message to the notifications part of
congress; a notice never blocks or undoes the transition that caused it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from congress.models import User
from congress.notifications.services import notify
from congress.roles import Role
from deputies.models import Deputy
from suggestions.models import Assignment, CoSigner, Disagreement, Suggestion


def on_commit(function: Callable[..., None], *args: Any) -> None:
    transaction.on_commit(lambda: function(*args))


def _link(suggestion: Suggestion) -> str:
    return f"/suggestions/{suggestion.pk}/"


def _users(deputies: Iterable[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user and d.user.is_active]


def deputies_of(suggestion: Suggestion) -> list[Deputy]:
    """Everyone the reply goes to: the lead, confirmed co-signers, and the deputies of the
    suggestions merged into this one (S§27)."""
    deputies = [suggestion.lead_deputy]
    deputies += [
        c.deputy
        for c in suggestion.cosigners.select_related("deputy__user").filter(status=CoSigner.Status.CONFIRMED)
    ]
    for merged in suggestion.merged.select_related("lead_deputy__user"):
        deputies += deputies_of(merged)
    seen: set[int] = set()
    return [d for d in deputies if not (d.pk in seen or seen.add(d.pk))]  # type: ignore[func-returns-value]


def _unit_users(unit_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=unit_id, is_active=True, role_rows__role__in=[Role.UNIT_HANDLER, Role.UNIT_HEAD]
        ).distinct()
    )


def _assigning_staff(suggestion: Suggestion) -> list[User]:
    roles = [Role.COMMITTEE_STAFF] + ([Role.SECRETARIAT] if suggestion.session_id else [])
    return list(User.objects.filter(is_active=True, role_rows__role__in=roles).distinct())


def _send(recipients: Iterable[User], kind: str, subject: str, body: str, link: str) -> None:
    recipients = list({u.pk: u for u in recipients}.values())
    if recipients:
        notify(recipients=recipients, kind=kind, subject=subject, body=body, link=link)


def _load(pk: int) -> Suggestion:
    return Suggestion.objects.select_related("lead_deputy__user", "session").get(pk=pk)


# Messages are written in Chinese, the portal's language: they are stored and emailed,
# read later by people whose interface is Chinese.
def _zh(function: Callable[..., None]) -> Callable[..., None]:
    def wrapper(*args: Any) -> None:
        with translation.override("zh-hans"):
            function(*args)

    wrapper.__name__ = function.__name__
    return wrapper


@_zh
def cosigners_invited(suggestion_id: int, cosigner_ids: list[int]) -> None:
    s = _load(suggestion_id)
    rows = CoSigner.objects.select_related("deputy__user").filter(pk__in=cosigner_ids)
    _send(
        _users(r.deputy for r in rows), "cosign_invitation",
        _("%(lead)s invites you to co-sign a suggestion: %(title)s") % {"lead": s.lead_deputy.name, "title": s.title},
        _("Read the final text and confirm it to join (S§14), or decline."), _link(s),
    )  # fmt: skip


@_zh
def confirmations_voided(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    rows = s.cosigners.select_related("deputy__user").filter(status=CoSigner.Status.INVITED)
    _send(
        _users(r.deputy for r in rows), "cosign_text_changed",
        _("The text you co-signed has changed: %(title)s") % {"title": s.title},
        _("Your earlier confirmation no longer counts. Read the new text and confirm again (S§14)."), _link(s),
    )  # fmt: skip


@_zh
def submitted(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    _send(
        _users(deputies_of(s)), "suggestion_submitted",
        _("Suggestion filed as %(number)s: %(title)s") % {"number": s.number_label, "title": s.title},
        _("It now awaits review (S§15)."), _link(s),
    )  # fmt: skip


@_zh
def returned(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    _send(
        [*_users([s.lead_deputy]), s.entered_by], "suggestion_returned",
        _("Suggestion %(number)s was returned for revision") % {"number": s.number_label},
        s.return_message, _link(s),
    )  # fmt: skip


@_zh
def not_accepted(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    _send(
        _users(deputies_of(s)), "suggestion_not_accepted",
        _("Suggestion %(number)s is handled as a deputy's letter") % {"number": s.number_label},
        _("%(ground)s It was forwarded to %(body)s.") % {"ground": s.get_not_accepted_ground_display(), "body": s.forwarded_to},
        _link(s),
    )  # fmt: skip


@_zh
def merged(suggestion_ids: list[int]) -> None:
    for s in Suggestion.objects.select_related("merged_into", "lead_deputy__user").filter(
        pk__in=suggestion_ids
    ):
        if s.merged_into is None:
            continue
        _send(
            _users(deputies_of(s)), "suggestion_merged",
            _("Suggestion %(number)s was merged into %(target)s") % {"number": s.number_label, "target": s.merged_into.number_label},
            _("Same or similar suggestions are handled together (S§15); you will receive the reply (S§27)."),
            _link(s.merged_into),
        )  # fmt: skip


@_zh
def assigned(suggestion_id: int, new_assignment_ids: list[int] | None = None) -> None:
    """The deputies learn every unit now handling it (S§21); units learn of their new work."""
    s = _load(suggestion_id)
    open_rows = list(s.assignments.select_related("unit").filter(closed_at__isnull=True))
    units = "、".join(f"{a.unit.name}（{a.get_role_display()}）" for a in open_rows)
    _send(
        _users(deputies_of(s)), "suggestion_assigned",
        _("Suggestion %(number)s was assigned") % {"number": s.number_label},
        _("Handling units: %(units)s. If you disagree, say so on the suggestion's page (S§21).") % {"units": units},
        _link(s),
    )  # fmt: skip
    for a in open_rows:
        if new_assignment_ids is not None and a.pk not in new_assignment_ids:
            continue
        _send(
            _unit_users(a.unit_id), "assignment_new",
            _("New suggestion to handle: %(number)s %(title)s") % {"number": s.number_label, "title": s.title},
            _("If it is not your unit's responsibility, say so in writing by %(due)s (S§20).") % {"due": a.objection_due.isoformat()},
            _link(s),
        )  # fmt: skip


@_zh
def withdrawn(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    unit_users = [u for a in s.assignments.all() for u in _unit_users(a.unit_id)]
    _send(
        [*unit_users, *_users(deputies_of(s))], "suggestion_withdrawn",
        _("Suggestion %(number)s was withdrawn by its proposer") % {"number": s.number_label},
        s.withdrawal_letter, _link(s),
    )  # fmt: skip


@_zh
def disagreed(disagreement_id: int) -> None:
    row = Disagreement.objects.select_related("suggestion", "deputy").get(pk=disagreement_id)
    _send(
        _assigning_staff(row.suggestion), "assignment_disagreement",
        _("%(deputy)s disagrees with the assignment of %(number)s") % {"deputy": row.deputy.name, "number": row.suggestion.number_label},
        row.reason, _link(row.suggestion),
    )  # fmt: skip


@_zh
def disagreement_answered(disagreement_id: int) -> None:
    row = Disagreement.objects.select_related("suggestion", "deputy__user").get(pk=disagreement_id)
    _send(
        _users([row.deputy]), "assignment_disagreement_answered",
        _("Your disagreement about %(number)s was answered") % {"number": row.suggestion.number_label},
        row.resolution, _link(row.suggestion),
    )  # fmt: skip


@_zh
def objected(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    if a.reassignment_due is None:
        return
    _send(
        _assigning_staff(a.suggestion), "assignment_objected",
        _("%(unit)s says %(number)s is not its responsibility") % {"unit": a.unit.name, "number": a.suggestion.number_label},
        _("Reassign it or reject the objection by %(due)s (S§20). Reason: %(reason)s")
        % {"due": a.reassignment_due.isoformat(), "reason": a.objection_reason},
        _link(a.suggestion),
    )  # fmt: skip


@_zh
def reassigned(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit", "replaced_by__unit").get(pk=assignment_id)
    if a.replaced_by is None:
        return
    _send(
        _unit_users(a.unit_id), "assignment_reassigned",
        _("%(number)s was reassigned to %(unit)s") % {"number": a.suggestion.number_label, "unit": a.replaced_by.unit.name},
        a.objection_decision, _link(a.suggestion),
    )  # fmt: skip
    assigned(a.suggestion_id, [a.replaced_by.pk])


@_zh
def objection_rejected(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    _send(
        _unit_users(a.unit_id), "assignment_objection_rejected",
        _("Your objection about %(number)s was not upheld: please handle it") % {"number": a.suggestion.number_label},
        a.objection_decision, _link(a.suggestion),
    )  # fmt: skip
