"""The portal's URLs plus a page and an API view whose query sleeps: a slow request, as the
statement timeout must stop it (tests/scale/test_query_timeout.py)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.urls import urlpatterns as portal_urls

SLEEP_SECONDS = 5


def _sleep() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [SLEEP_SECONDS])


def slow_page(request: HttpRequest) -> HttpResponse:
    _sleep()
    return HttpResponse("finished")


class SlowApi(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    def get(self, request: Request) -> Response:
        _sleep()
        return Response({"finished": True})


urlpatterns = [path("slow/", slow_page), path("api/v1/slow/", SlowApi.as_view()), *portal_urls]
