from typing import Any

from django.conf import settings
from django.http import HttpRequest

from congress.navigation import nav_for, show_api_docs
from congress.notifications.selectors import unread_count
from congress.roles import Role


def portal(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    context: dict[str, Any] = {
        "portal_name": settings.PORTAL_NAME,
        "congress_name": settings.CONGRESS_NAME,
        "site": settings.SITE_IDENTITY,
        "show_api_docs": show_api_docs(user),
    }
    if user.is_authenticated:
        context["nav_sections"] = nav_for(user, request.path)
        context["my_roles"] = [Role(r).label for r in sorted(user.roles)]
        # Counted with the user at the start of the request by congress.accounts.backends.Backend. Whatever
        # changes the count is a POST that redirects, so the page shown after it counts anew.
        counted = getattr(user, "unread_at_load", None)
        context["unread_notifications"] = counted if counted is not None else unread_count(user=user)
    return context
