"""The portal's URLs plus two yardsticks of bench.suggestions: `bench/bare/`, the same rows as
the API list from a plain Django JSON view with no framework, no auth and no permissions; and
`bench/layout/`, the portal's page layout with nothing in it for a signed-in user (what every
HTML page costs before its own content: the session, the user and roles, the menu)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import path

from congress.urls import urlpatterns as portal_urls
from suggestions.models import Suggestion


def bare_json(request: HttpRequest) -> JsonResponse:
    rows = Suggestion.objects.filter(status="submitted").order_by("-submitted_at", "-id")
    fields = ["id", "number", "status", "kind", "title", "lead_deputy_id", "session_id", "submitted_at"]
    return JsonResponse({"results": list(rows.values(*fields)[:20])})


EMPTY_PAGE = engines["django"].from_string('{% extends "base.html" %}{% block content %}{% endblock %}')


@login_required
def layout(request: HttpRequest) -> HttpResponse:
    return HttpResponse(EMPTY_PAGE.render({}, request))


urlpatterns = [path("bench/bare/", bare_json), path("bench/layout/", layout), *portal_urls]
