"""Role checks shared by pages and the API."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from congress.roles import ASSIGNING_ROLES, Role

# Who may see deputies' contact details: the people who serve them.
CONTACT_ROLES = frozenset({Role.COMMITTEE_STAFF, Role.SECRETARIAT, Role.DELEGATION_STAFF})


def is_staff_of_assigning_body(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(*ASSIGNING_ROLES)))


def may_see_contacts(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(*CONTACT_ROLES)))


class HasRole(BasePermission):
    """`HasRole.of(Role.X, Role.Y)` admits users holding any of the roles (and superusers)."""

    roles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *roles: str) -> type[HasRole]:
        return type("HasRole", (cls,), {"roles": frozenset(roles)})

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(user.is_authenticated and (user.is_superuser or user.has_role(*self.roles)))
