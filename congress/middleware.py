from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from congress.deadlines.calendar import refresh_if_changed
from congress.health import is_query_timeout, query_timeout


class CalendarRefreshMiddleware:
    """Picks up calendar edits made by other processes before the request computes deadlines."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refresh_if_changed()
        return self.get_response(request)


class QueryTimeoutMiddleware:
    """A query PostgreSQL cancelled at the web processes' statement_timeout (settings
    DB_STATEMENT_TIMEOUT_MS) answers 503 with a clear page, or `query_timeout` under /api/,
    instead of a server error: the request was too heavy for now, the site is fine."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return query_timeout(request) if is_query_timeout(exception) else None
