"""The role × endpoint access matrix (issue 14): every route of the URL configuration, asked by
every role and by an anonymous visitor, answers the status kept for it in tests/access_matrix.py.

The routes are walked from `get_resolver()`, so a new route without a row fails here, and a row
whose route is gone fails too. Pages and API reads are asked with GET; actions (an API action
without GET: its POST or DELETE; a page row marked `post`) with an empty body, answered by the
refusal, or for who may act by the form shown again or a validation error. The demo province is built once for the module inside a transaction rolled back at
the end; each cell runs in its own savepoint, so an action that succeeds changes nothing for the
next cell.

Two kinds of route are covered by one rule each instead of a row apiece:
- the API router's format-suffix variants (`motions/<pk>.json`): the same view as the route
  without the suffix, so the same permissions; checked to resolve to that view;
- the Django admin (`admin:*`): one row (ADMIN); every admin route is asked by the anonymous
  visitor and a signed-in user who is not is_staff, and both are sent to the admin's sign-in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access_matrix import ADMIN, TABLE, Row
from tests.congress.access_world import ACCOUNTS, ROLES, build_world

# Values for admin URL kwargs: any well-formed value reaches the admin's own checks.
ADMIN_KWARGS = {
    "app_label": "congress",
    "object_id": "1",
    "id": "1",
    "pk": "1",
    "content_type_id": "1",
    "url": "x",
}
GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    key: str  # the route's name (namespaced), or its pattern when it has none
    pattern: str
    callback: Any
    kwargs: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def is_format_suffix(self) -> bool:
        return "format" in self.kwargs

    def path(self, values: dict[str, str]) -> str:
        """The pattern with its kwargs filled in, as a URL path."""

        def fill(m: re.Match[str]) -> str:
            return str(values[m.group(1) or m.group(2)])

        raw = GROUP.sub(fill, self.pattern)
        return "/" + raw.replace("^", "").replace("$", "")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
            yield from _walk(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            pattern = prefix + str(p.pattern)
            key = (f"{namespace}:{p.name}".strip(":")) if p.name else pattern
            names = tuple(a or b for a, b in GROUP.findall(pattern))
            yield Route(key, pattern, p.callback, names)


ALL_ROUTES = list(_walk(get_resolver()))
ADMIN_ROUTES = [r for r in ALL_ROUTES if r.key.startswith("admin:") or r.pattern.startswith("admin/")]
ROUTES = [r for r in ALL_ROUTES if r not in ADMIN_ROUTES and not r.is_format_suffix]


def row_of(route: Route) -> Row | None:
    return TABLE.get(route.key) or (ADMIN if route in ADMIN_ROUTES else None)


def method_of(route: Route, row: Row | None) -> str:
    """API routes say it themselves: a router action's methods, an APIView's handlers. A page
    route's row says `post` for an action."""
    if route.is_api:
        actions = getattr(route.callback, "actions", None)
        if actions is not None:
            return next(m for m in ("get", "post", "delete", "patch") if m in actions)
        view_class = getattr(route.callback, "view_class", None) or getattr(route.callback, "cls", None)
        if view_class is not None and not hasattr(view_class, "get"):
            return "post"
        return "get"
    return row.method if row else "get"


def kwargs_of(route: Route, row: Row, world: dict[str, Any]) -> dict[str, str]:
    if route in ADMIN_ROUTES:
        return {name: ADMIN_KWARGS[name] for name in route.kwargs}
    values = {}
    for name in route.kwargs:
        key = row.kwargs.get(name) or (row.obj if name in ("pk", "year", "code") else None)
        assert key in world, f"{route.key}: no world object for URL kwarg {name!r} (got {key!r})"
        values[name] = world[key]
    return values


def askers(route: Route) -> list[str]:
    row = row_of(route)
    return list(row.askers) if row and row.askers else ROLES


CELLS = [
    pytest.param(route, role, id=f"{route.key}|{role}")
    for route in ROUTES + ADMIN_ROUTES
    for role in askers(route)
]


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo province and one signed-in session per role, built once for the module and
    rolled back at its end (every cell runs in a savepoint inside)."""
    with django_db_blocker.unblock(), transaction.atomic():
        from congress.models import User

        objects = build_world()
        sessions: dict[str, str] = {}
        for role, username in ACCOUNTS.items():
            if username:
                client = Client()
                client.force_login(User.objects.get(username=username))
                sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield {**objects, "_sessions": sessions}
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "role"), CELLS)
def test_each_role_gets_the_status_the_table_gives(world: dict[str, Any], route: Route, role: str) -> None:
    row = row_of(route)
    assert row is not None, (
        f"new route {route.key} ({route.pattern}): decide who may reach it in tests/access_matrix.py"
    )
    method = method_of(route, row)
    url = route.path(kwargs_of(route, row, world))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if role in world["_sessions"]:
        client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: world["_sessions"][role]})
    status = getattr(client, method)(url).status_code
    expected = row.expected[ROLES.index(role)]
    assert status < 500, f"{method.upper()} {url} as {role}: server error {status}"
    assert status == expected, f"{method.upper()} {url} as {role}: {status}, the table says {expected}"


def test_every_row_of_the_table_names_a_route() -> None:
    keys = {route.key for route in ROUTES + ADMIN_ROUTES}
    gone = sorted(set(TABLE) - keys)
    assert not gone, f"rows for routes that no longer exist (remove them from tests/access_matrix.py): {gone}"


def test_every_format_suffix_route_is_the_same_view_as_its_route() -> None:
    """`motions/<pk>.json` answers with the view of `motions/<pk>/`, so the row of the one
    covers the other."""
    views = {(route.key, route.callback) for route in ROUTES}
    suffixed = [route for route in ALL_ROUTES if route.is_format_suffix and route not in ADMIN_ROUTES]
    assert suffixed, "the API router's format-suffix routes were not found"
    strays = [route.pattern for route in suffixed if (route.key, route.callback) not in views]
    assert not strays, f"format-suffix routes with no route of the same view: {strays}"
