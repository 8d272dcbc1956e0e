"""The answer to a login refused by the throttle (django-axes, settings AXES_*).

Failures are counted per account *and* address: thirty wrong passwords lock that account at
that address for the cool-off, while colleagues behind the same office NAT sign in as usual.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

STATUS = 429


def lockout_message() -> str:
    cool_off = get_cool_off()
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return _(
        "Too many failed sign-ins for this account from your address. Try again in %(minutes)s minutes, or ask the committee's staff to reset your password."
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "too_many_attempts", "detail": lockout_message()}, status=STATUS)
    return render(
        request,
        "registration/locked_out.html",
        {"message": lockout_message(), "limit": settings.AXES_FAILURE_LIMIT},
        status=STATUS,
    )


def client_ip(request: HttpRequest) -> str:
    """The address a login comes from. Behind a proxy (LOGIN_PROXY_COUNT trusted hops) it is
    taken from X-Forwarded-For, counted from the right, so a client cannot forge it."""
    hops: int = settings.LOGIN_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))
