"""What every page of the deputies' app shares: who acts, who may open a staff page, which of
a page's forms was posted, and a record's history in words."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from congress.models import User
from deputies.models import Event
from deputies.workflow import ACTION_LABELS


def actor(request: Any) -> User:
    """The signed-in user (login_required ensures there is one)."""
    return cast(User, request.user)


def require_role(request: HttpRequest, *roles: str) -> None:
    user = actor(request)
    if not (user.is_superuser or user.has_role(*roles)):
        raise PermissionDenied


def posted_to(request: HttpRequest, url_name: str) -> QueryDict | None:
    """What was typed into the form that posts to `url_name` when the page is shown again
    after that POST (congress.pages.refusals); None for the page's other forms."""
    match = request.resolver_match
    if request.POST and match is not None and match.url_name == url_name:
        return request.POST
    return None


def history(events: QuerySet[Event]) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at,
            "actor": e.actor,
            "label": ACTION_LABELS.get(e.action, e.action),
            "note": e.note,
            "data": e.data,
        }
        for e in events.select_related("actor").order_by("at", "id")
    ]
