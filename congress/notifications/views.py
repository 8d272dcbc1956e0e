"""Pages: the inbox and the delivery choices."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.notifications import selectors, services
from congress.notifications.forms import PreferencesForm

PAGE_SIZE = 20


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    notifications = selectors.inbox(user=request.user, unread_only=unread_only)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Reading a notification means opening it: mark it read and go where it points."""
    notification = get_object_or_404(selectors.inbox(user=request.user), pk=pk)
    services.mark_read(notification=notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect(_back_to_inbox(request))


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=request.user)
    text = ngettext(
        "%(count)d notification marked as read.", "%(count)d notifications marked as read.", count
    )
    messages.success(request, text % {"count": count})
    return redirect(_back_to_inbox(request))


def _back_to_inbox(request: HttpRequest) -> str:
    # Keep the filter and page the user was on; only a path on this site is accepted.
    back = request.POST.get("next", "")
    return back if back.startswith("/notifications/") else "notifications:inbox"


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    preference = selectors.preference_for(user=user)
    form = PreferencesForm(
        request.POST or None,
        initial={
            "email_enabled": preference.email_enabled,
            "email_mode": PreferencesForm.DAILY if preference.email_digest else PreferencesForm.EACH,
            "sms_enabled": preference.sms_enabled,
            "phone": user.phone,  # type: ignore[union-attr]
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            user=user,
            email_enabled=form.cleaned_data["email_enabled"],
            sms_enabled=form.cleaned_data["sms_enabled"],
            email_digest=form.cleaned_data["email_mode"] == PreferencesForm.DAILY,
            phone=form.cleaned_data["phone"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    deputy = getattr(user, "deputy", None)
    context = {
        "form": form,
        "email_address": selectors.email_address_of(user),
        "sms_phone": selectors.phone_number_of(user),
        "deputy_phone": deputy.phone if deputy else "",
        "digest_hour": settings.NOTIFICATIONS_DIGEST_HOUR,
    }
    return render(request, "notifications/preferences.html", context)
