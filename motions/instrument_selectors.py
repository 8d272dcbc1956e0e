"""Reads of the joint instruments (D§14–D§16): what a user may see. A draft is seen by its
author, the deputies invited to sign it and the staff who entered it; a filed one by deputies
and the session's staff."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from congress.roles import Role

STAFF_ROLES = (Role.SECRETARIAT, Role.COMMITTEE_STAFF)


def may_read_instruments(user: Any) -> bool:
    """Deputies, delegation staff and the session's staff read the instruments; anyone else
    (a unit, a station, the review committee) would only ever see an empty list."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.has_role(*STAFF_ROLES, Role.DEPUTY, Role.DELEGATION_STAFF))
    )


def instruments_visible_to(user: Any, model: type[Any]) -> QuerySet[Any]:
    rows = model.objects.select_related("session__congress", "lead_deputy")
    if not may_read_instruments(user):
        return rows.none()
    if user.is_superuser or user.has_role(*STAFF_ROLES):
        return rows.exclude(status="draft") | rows.filter(created_by=user)
    mine = Q(created_by=user) | Q(lead_deputy__user=user) | Q(signers__deputy__user=user)
    if user.has_role(Role.DELEGATION_STAFF):
        mine |= Q(lead_deputy__delegation__in=user.delegations.all())
        if hasattr(model, "delegation"):
            mine |= Q(delegation__in=user.delegations.all())
    return rows.filter(~Q(status="draft") | mine).distinct()
