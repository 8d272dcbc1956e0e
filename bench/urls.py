"""The portal's URLs plus `bench/bare/`: the same rows as the API list, from a plain Django
JSON view with no framework, no auth and no permissions — the yardstick of bench.suggestions."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from congress.urls import urlpatterns as portal_urls
from suggestions.models import Suggestion


def bare_json(request: HttpRequest) -> JsonResponse:
    rows = Suggestion.objects.filter(status="submitted").order_by("-submitted_at", "-id")
    fields = ["id", "number", "status", "kind", "title", "lead_deputy_id", "session_id", "submitted_at"]
    return JsonResponse({"results": list(rows.values(*fields)[:20])})


urlpatterns = [path("bench/bare/", bare_json), *portal_urls]
