"""The account pages: signing in (with the optional second factor), one's API tokens (see,
issue, revoke), "log out everywhere"."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from congress.accounts.tokens import logout_everywhere, token_issue, token_revoke, tokens_of
from congress.accounts.two_factor import (
    check_code,
    device_of,
    may_use_second_factor,
    pending_device,
    qr_svg,
    second_factor_confirm,
    second_factor_disable,
    secret_text,
)
from congress.models import User
from congress.pages import refusals


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What the token is for"),
        max_length=60,
        help_text=gettext_lazy("For example the name of the program or dashboard that uses it."),
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = TokenForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        _token, new_key = token_issue(user=user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "registration/tokens.html",
        {"form": form, "tokens": list(tokens_of(user)), "new_key": new_key},
    )


@login_required
@require_POST
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    token_revoke(token=get_object_or_404(tokens_of(user), pk=pk), actor=user)
    messages.success(request, _("The token is revoked: programs using it can no longer sign in with it."))
    return redirect("account-tokens")


@login_required
@require_POST
def everywhere(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    logout_everywhere(user=user)
    logout(request)
    messages.success(request, _("You are signed out on every device, and every API token is ended."))
    return redirect("login")


# --- Signing in with a second factor ------------------------------------------------------

PENDING = "congress.pending_second_factor"
# The password step is good for this long; then it starts again.
PENDING_SECONDS = 300


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SignIn(auth_views.LoginView):
    """Django's sign-in; an account with the second factor on goes on to the code."""

    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if device_of(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time()}
        return redirect(f"{reverse('login-verify')}?{urlencode({'next': self.get_success_url()})}")


@refusals
def login_verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.error(request, _("Please sign in again."))
        return redirect("login")
    user = User.objects.get(pk=pending["user"])
    device = device_of(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and device is not None:
        check_code(user, device, form.cleaned_data["code"])
        del request.session[PENDING]
        login(request, user, backend=pending["backend"])
        otp_login(request, device)
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect(next_url)
    return render(request, "registration/login_verify.html", {"form": form})


@login_required
@refusals
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn the second factor on (scan, then confirm a code) or off (with a code)."""
    user: User = request.user  # type: ignore[assignment]
    if not may_use_second_factor(user):
        raise PermissionDenied
    device = device_of(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device is None:
            second_factor_confirm(user=user, code=form.cleaned_data["code"])
            messages.success(request, _("The second factor is on: from now on you sign in with a code too."))
        else:
            second_factor_disable(user=user, code=form.cleaned_data["code"])
            messages.success(request, _("The second factor is off."))
        return redirect("account-two-factor")
    context: dict[str, object] = {"form": form, "on": device is not None}
    if device is None:
        setup = pending_device(user)
        context |= {"qr": mark_safe(qr_svg(setup)), "secret": secret_text(setup)}  # noqa: S308 - our own SVG
    return render(request, "registration/two_factor.html", context)
