"""Health and error answers of the portal itself: /healthz for load balancers and compose,
and the error pages, which answer JSON under /api/ (WORKFLOWS.md §7: every API error is
{"code", "detail"}) and HTML elsewhere."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

from congress.celery import app

logger = logging.getLogger(__name__)
# PostgreSQL's SQLSTATE for a statement cancelled, by statement_timeout or by a cancel request.
QUERY_CANCELED = "57014"
# Seconds a client is asked to wait before trying again (Retry-After).
RETRY_AFTER = 30


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 naming what does not."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if healthy else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means "not healthy"; the log says which
        logger.exception("healthz: database check failed")
        return False


def _broker_ok() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # any failure means "not healthy"; the log says which
        logger.exception("healthz: broker check failed")
        return False


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"code": "not_found", "detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    too_big = isinstance(exception, RequestDataTooBig)
    if is_api(request):
        if too_big:
            return JsonResponse({"code": "too_large", "detail": _("The request is too large.")}, status=413)
        return JsonResponse(
            {"code": "bad_request", "detail": _("The request could not be read.")}, status=400
        )
    response = defaults.bad_request(request, exception)
    if too_big:
        response.status_code = 413
    return response


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            {"code": "permission_denied", "detail": _("You do not have permission to do this.")}, status=403
        )
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            {"code": "server_error", "detail": _("Something went wrong on our side; it has been logged.")},
            status=500,
        )
    return defaults.server_error(request)


def is_query_timeout(exception: BaseException) -> bool:
    """Django wraps the driver's error (psycopg2's QueryCanceled): look down the chain."""
    error: BaseException | None = exception
    while error is not None:
        if getattr(error, "pgcode", None) == QUERY_CANCELED:
            return True
        error = error.__cause__
    return False


def query_timeout(request: HttpRequest) -> HttpResponse:
    """503 for a request whose query ran past the statement timeout. The page is rendered
    without the request's context (no menus, no unread count): the database is busy, so this
    answer asks nothing more of it."""
    logger.warning("query cancelled at the statement timeout: %s %s", request.method, request.path)
    response: HttpResponse
    if is_api(request):
        detail = _("This request took too long and was stopped. Try again in a moment, or ask for less.")
        response = JsonResponse({"code": "query_timeout", "detail": detail}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
