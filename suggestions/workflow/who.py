"""Who the user is to a suggestion, an assignment or a reply (WORKFLOWS.md §6): the `who`
checks of the tables, and the relations the pages and notices ask about.

Duck-typed on the records and the user (no model imports); a check may follow relations.
A `who` check reads (record, user) and its docstring says the relation in a few words.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from congress.errors import DomainError
from congress.roles import Role as UserRole
from suggestions.workflow.statuses import AssignmentStatus, CoSignerStatus, Kind

# --- The user ---------------------------------------------------------------------------------


def is_assigning_staff(user: Any, suggestion: Any = None) -> bool:
    """The assigning body: the secretariat for what deputies file during a session (S§17),
    the committee for what they file in recess (S§18).

    The committee also acts on session suggestions: during the session it receives them and
    proposes their assignment for the secretariat (S§11(1)), and it coordinates every stage of
    every suggestion (S§6(1)). No article names who acts for the secretariat once the session
    closes; the portal lets the committee (portal policy, resting on S§6(1))."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_role(UserRole.COMMITTEE_STAFF):
        return True
    if user.has_role(UserRole.SECRETARIAT):
        return suggestion is None or suggestion.session_id is not None
    return False


def unit_of(user: Any) -> int | None:
    """The handling unit the user acts for."""
    return user.unit_id_for_work() if user.is_authenticated else None


def supervising_body(user: Any) -> int | None:
    """The special committee or working body a supervisor acts for (S§39)."""
    if user.is_authenticated and user.has_role(UserRole.SUPERVISOR) and user.organisation_id:
        return int(user.organisation_id)
    return None


def deputy_of(user: Any) -> Any:
    return getattr(user, "deputy", None)


# --- The records --------------------------------------------------------------------------------


def delegation_members(suggestion: Any) -> list[Any]:
    """The members of the delegation a delegation suggestion comes from (S§14), in office (a
    suspended or former deputy does not act as one, D§45, D§46); none for any other kind. An
    NPC deputy elected in the province (S§48) is no member of a provincial delegation."""
    if suggestion.kind != Kind.DELEGATION or suggestion.delegation_id is None:
        return []
    members = suggestion.delegation.deputies.select_related("user").order_by("pk")
    return [d for d in members if d.is_active and not d.npc_deputy]


def deputies_of(suggestion: Any) -> list[Any]:
    """Everyone the reply goes to (S§27): the lead, the co-signers who confirmed the text,
    every member of the delegation of a delegation suggestion, and the deputies of the
    suggestions merged into this one (S§15). They are told of the assignment and may disagree
    (S§21), and each rates the reply (S§30)."""
    deputies = [suggestion.lead_deputy]
    deputies += [
        c.deputy
        for c in suggestion.cosigners.select_related("deputy__user").filter(status=CoSignerStatus.CONFIRMED)
    ]
    deputies += delegation_members(suggestion)
    for merged in suggestion.merged.select_related("lead_deputy__user"):
        deputies += deputies_of(merged)
    seen: set[int] = set()
    return [d for d in deputies if not (d.pk in seen or seen.add(d.pk))]  # type: ignore[func-returns-value]


def suggestion_of(record: Any) -> Any:
    """The suggestion a suggestion, an assignment or a reply belongs to."""
    if hasattr(record, "assignment"):
        record = record.assignment
    return getattr(record, "suggestion", record)


def unit_id_of(record: Any) -> int:
    """The handling unit of an assignment or of a reply."""
    return int(getattr(record, "assignment", record).unit_id)


def is_lead(suggestion: Any, user: Any) -> bool:
    deputy = deputy_of(user)
    return deputy is not None and suggestion.lead_deputy_id == deputy.pk


# --- The tables' `who` checks --------------------------------------------------------------------


def lead_or_enterer(suggestion: Any, user: Any) -> bool:
    """the lead deputy, or who entered it on the deputy's behalf (S§13)"""
    return is_lead(suggestion, user) or suggestion.entered_by_id == user.pk


def invited_cosigner(suggestion: Any, user: Any) -> bool:
    """a deputy invited to co-sign (S§14)"""
    deputy = deputy_of(user)
    return deputy is not None and suggestion.cosigners.filter(deputy=deputy).exists()


def not_invited() -> DomainError:
    """The refusal of `confirm` and `decline` for anyone the lead did not invite (a public code)."""
    return DomainError("not_invited", _("You are not invited to co-sign this suggestion."), status=403)


def proposer(suggestion: Any, user: Any) -> bool:
    """the lead deputy, a confirmed co-signer, or a member of the delegation (S§14, S§21)"""
    deputy = deputy_of(user)
    if deputy is None:
        return False
    return (
        is_lead(suggestion, user)
        or suggestion.cosigners.filter(deputy=deputy, status=CoSignerStatus.CONFIRMED).exists()
        or any(d.pk == deputy.pk for d in delegation_members(suggestion))
    )


def addressee(suggestion: Any, user: Any) -> bool:
    """a deputy the reply is addressed to (S§27)"""
    deputy = deputy_of(user)
    return deputy is not None and any(d.pk == deputy.pk for d in deputies_of(suggestion))


def withdrawer(suggestion: Any, user: Any) -> bool:
    """the lead deputy, or the assigning body for a suggestion it entered from paper (S§16)"""
    return is_lead(suggestion, user) or (suggestion.entered_on_paper and is_assigning_staff(user))


def assigning_body(record: Any, user: Any) -> bool:
    """the assigning body: the secretariat for session suggestions, the committee (S§17, S§18)"""
    return is_assigning_staff(user, suggestion_of(record))


def unit_staff(record: Any, user: Any) -> bool:
    """the handling unit's own staff"""
    return unit_of(user) == unit_id_of(record)


def unit_or_assigning_body(reply: Any, user: Any) -> bool:
    """the handling unit or the assigning body (S§33)"""
    return unit_staff(reply, user) or is_assigning_staff(user)


def head_refusal(reply: Any, user: Any) -> DomainError | None:
    """Why this user may not sign the reply off: the head of the unit signs it off, someone
    other than its drafter (S§29). The service answers with the reason's own code."""
    if not unit_staff(reply, user):
        return DomainError("permission_denied", status=403)
    if not (user.is_superuser or user.has_role(UserRole.UNIT_HEAD)):
        return DomainError(
            "head_approval_required", _("A reply is signed off by the head of the unit (S§29)."), status=403
        )
    if reply.drafted_by_id == user.pk:
        return DomainError(
            "second_person_required",
            _("The reply is signed off by someone other than its drafter (S§29)."),
            status=403,
        )
    return None


def unit_head(reply: Any, user: Any) -> bool:
    """the unit's head, not the reply's drafter (S§29)"""
    return head_refusal(reply, user) is None


def supervisor(suggestion: Any, user: Any) -> bool:
    """the body supervising the key suggestion (S§39, S§40)"""
    key = getattr(suggestion, "key", None)
    body = supervising_body(user)
    return key is not None and body is not None and key.supervising_body_id == body


def replied_unit(suggestion: Any, user: Any) -> bool:
    """a handling unit that replied (S§41)"""
    unit_id = unit_of(user)
    return bool(
        unit_id and suggestion.assignments.filter(unit_id=unit_id, status=AssignmentStatus.REPLIED).exists()
    )


def portal(record: Any, user: Any) -> bool:
    """the portal itself, as the consequence of another step (never a user)"""
    return False
