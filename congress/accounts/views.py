"""The account pages: one's API tokens (see, issue, revoke) and "log out everywhere"."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.accounts.tokens import logout_everywhere, token_issue, token_revoke, tokens_of
from congress.models import User


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
