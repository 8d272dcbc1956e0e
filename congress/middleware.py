from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from congress.deadlines.calendar import refresh_if_changed


class CalendarRefreshMiddleware:
    """Picks up calendar edits made by other processes before the request computes deadlines."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refresh_if_changed()
        return self.get_response(request)
