"""Who may see and do what with suggestions (WORKFLOWS.md §6).

A unit never sees another unit's assignments; a deputy sees another deputy's suggestion only
when it is published; every refusal is a 404 (not found) or a 403, never a leak.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from congress.roles import Role
from suggestions.models import Assignment, CoSigner, KeySuggestion, Suggestion


def is_assigning_staff(user: Any, suggestion: Suggestion | None = None) -> bool:
    """The committee acts in recess and takes over after a session (S§18, S§11); the
    secretariat acts on what was filed during the session (S§17)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_role(Role.COMMITTEE_STAFF):
        return True
    if user.has_role(Role.SECRETARIAT):
        return suggestion is None or suggestion.session_id is not None
    return False


def unit_of(user: Any) -> int | None:
    return user.unit_id_for_work() if user.is_authenticated else None


def visible_suggestions(user: Any, queryset: QuerySet[Suggestion] | None = None) -> QuerySet[Suggestion]:
    queryset = Suggestion.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_assigning_staff(user):
        return queryset
    condition: Any = Q(pk__in=[])
    deputy = getattr(user, "deputy", None)
    if deputy is not None:
        condition |= Q(lead_deputy=deputy)
        condition |= Exists(CoSigner.objects.filter(suggestion=OuterRef("pk"), deputy=deputy))
        condition |= Q(kind=Suggestion.Kind.DELEGATION, delegation_id=deputy.delegation_id) & ~Q(
            status="draft"
        )
        # Deputies of a merged suggestion follow the one it was merged into (S§15, S§27).
        condition |= Exists(Suggestion.objects.filter(merged_into=OuterRef("pk"), lead_deputy=deputy))
    if user.has_role(Role.DELEGATION_STAFF):
        condition |= Q(lead_deputy__delegation_id__in=list(user.delegations.values_list("pk", flat=True)))
    unit_id = unit_of(user)
    if unit_id:
        condition |= Exists(Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=unit_id))
    if supervising_body(user):
        # S§39, S§40: a supervising body follows the key suggestions it supervises, no others.
        condition |= Exists(
            KeySuggestion.objects.filter(
                suggestion=OuterRef("pk"), supervising_body_id=supervising_body(user)
            )
        )
    return queryset.filter(condition)


def supervising_body(user: Any) -> int | None:
    """The special committee or working body a supervisor acts for (S§39)."""
    if user.is_authenticated and user.has_role(Role.SUPERVISOR) and user.organisation_id:
        return int(user.organisation_id)
    return None


def visible_assignments(user: Any, queryset: QuerySet[Assignment] | None = None) -> QuerySet[Assignment]:
    queryset = Assignment.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_assigning_staff(user):
        return queryset
    unit_id = unit_of(user)
    if unit_id:
        return queryset.filter(unit_id=unit_id)
    return queryset.filter(suggestion__in=visible_suggestions(user))


def is_proposer(user: Any, suggestion: Suggestion) -> bool:
    deputy = getattr(user, "deputy", None)
    return deputy is not None and suggestion.lead_deputy_id == deputy.pk


def may_edit(user: Any, suggestion: Suggestion) -> bool:
    """The lead deputy, or the staff or delegation staff who entered it on the deputy's behalf."""
    if is_proposer(user, suggestion):
        return True
    return bool(user.is_authenticated and suggestion.entered_by_id == user.pk)


def acts_for_unit(user: Any, assignment: Assignment) -> bool:
    return unit_of(user) == assignment.unit_id
