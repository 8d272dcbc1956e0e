"""One exception handler: every API refusal is {"code": ..., "detail": ...} (WORKFLOWS.md §7)."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from congress.errors import DomainError


def portal_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        body: dict[str, Any] = {"code": exc.code, "detail": str(exc.detail)}
        if exc.aliases:
            body["aliases"] = list(exc.aliases)
        return Response(body, status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response

    if isinstance(exc, exceptions.ValidationError):
        # Keep the per-field messages so a form can show each next to its field.
        response.data = {
            "code": "invalid",
            "detail": _first_message(exc.detail),
            "errors": exc.detail,
        }
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response

    codes = exc.get_codes()
    response.data = {
        "code": codes if isinstance(codes, str) else exc.default_code,
        "detail": str(exc.detail),
    }
    return response


def _first_message(detail: Any) -> str:
    """The first human message in a nested DRF error structure, prefixed by its field."""
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        field, inner = next(iter(detail.items()))
        message = _first_message(inner)
        return message if field == "non_field_errors" else f"{field}: {message}"
    return str(detail)
