"""Who may see what of suggestions (WORKFLOWS.md §6); who may do what is the tables' `who`
(suggestions.workflow.who).

A unit never sees another unit's assignments; a deputy sees another deputy's suggestion only
when it is published; every refusal is a 404 (not found) or a 403, never a leak.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from congress.models import Organisation
from congress.roles import Role
from suggestions.models import Assignment, CoSigner, KeySuggestion, Reply, Suggestion
from suggestions.workflow import REPLY, Status
from suggestions.workflow.who import is_assigning_staff, supervising_body, unit_of, unit_staff

# The provincial government's departments, whose handling its general office follows (S§43).
GOVERNMENT_UNITS = Q(unit__kind=Organisation.Kind.GOVERNMENT)


def is_general_office(user: Any) -> bool:
    """S§43: 省人民政府应当加强对省人民政府相关部门…办理代表建议…工作的督促检查: the government's
    general office follows its departments' assignments, clocks and replies (it reads; the
    departments act)."""
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    return organisation is not None and organisation.kind == Organisation.Kind.GENERAL_OFFICE


def visible_suggestions(user: Any, queryset: QuerySet[Suggestion] | None = None) -> QuerySet[Suggestion]:
    queryset = Suggestion.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    # A draft is the deputy's own until it is filed (S§13): its lead, the co-signers invited to
    # it and whoever entered it for the deputy see it; staff read it once it is filed.
    filed_or_entered = ~Q(status=Status.DRAFT) | Q(entered_by=user)
    if is_assigning_staff(user):
        return queryset.filter(filed_or_entered)
    # Each way of coming to see a suggestion is a query of its keys, and the suggestions are
    # looked up by key: an OR of EXISTS conditions instead made PostgreSQL read all 100,000
    # suggestions for a deputy's 200 (issue 15).
    keys: list[QuerySet[Any]] = []
    deputy = getattr(user, "deputy", None)
    if deputy is not None:
        keys.append(Suggestion.objects.filter(lead_deputy=deputy).values("pk"))
        keys.append(CoSigner.objects.filter(deputy=deputy).values("suggestion_id"))
        # A delegation's members see its suggestion once it is filed (S§14).
        keys.append(
            Suggestion.objects.filter(kind=Suggestion.Kind.DELEGATION, delegation_id=deputy.delegation_id)
            .exclude(status=Status.DRAFT)
            .values("pk")
        )
        # Deputies of a merged suggestion follow the one it was merged into (S§15, S§27).
        keys.append(
            Suggestion.objects.filter(lead_deputy=deputy, merged_into__isnull=False).values("merged_into_id")
        )
    if user.has_role(Role.DELEGATION_STAFF):
        delegations = list(user.delegations.values_list("pk", flat=True))
        keys.append(
            Suggestion.objects.filter(
                Q(lead_deputy__delegation_id__in=delegations) & filed_or_entered
            ).values("pk")
        )
    unit_id = unit_of(user)
    if unit_id:
        keys.append(Assignment.objects.filter(unit_id=unit_id).values("suggestion_id"))
    if is_general_office(user):
        keys.append(Assignment.objects.filter(GOVERNMENT_UNITS).values("suggestion_id"))
    if supervising_body(user):
        # S§39, S§40: a supervising body follows the key suggestions it supervises, no others.
        keys.append(
            KeySuggestion.objects.filter(supervising_body_id=supervising_body(user)).values("suggestion_id")
        )
    if not keys:
        return queryset.none()
    first, *others = [k.order_by() for k in keys]
    return queryset.filter(pk__in=first.union(*others, all=True) if others else first)


def visible_assignments(user: Any, queryset: QuerySet[Assignment] | None = None) -> QuerySet[Assignment]:
    queryset = Assignment.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_assigning_staff(user):
        return queryset
    unit_id = unit_of(user)
    if unit_id:
        return queryset.filter(unit_id=unit_id)
    if is_general_office(user):
        return queryset.filter(GOVERNMENT_UNITS)
    return queryset.filter(suggestion__in=visible_suggestions(user))


def may_see_reply(user: Any, reply: Reply) -> bool:
    """Of a suggestion the user may see: a draft is the unit's own (and the assigning body's)
    until signed off; a unit never sees another unit's reply."""
    own = unit_staff(reply, user) or is_assigning_staff(user)
    if reply.status in REPLY.open_statuses and not own:
        return False
    if is_general_office(user) and not own:
        return reply.assignment.unit.kind == Organisation.Kind.GOVERNMENT  # S§31, S§43
    return not (unit_of(user) and not own)
