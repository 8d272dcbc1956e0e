"""Reads: a user's inbox, unread count, delivery choices and addresses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.urls import reverse

from congress.models import UserRole
from congress.notifications.models import Notification, NotificationPreference
from congress.roles import Role


def inbox(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications: unread first, then newest first."""
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.alias(
        unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    ).order_by("-unread", "-created", "-id")


def unread_count(*, user: Any) -> int:
    # One COUNT on the (recipient, read_at, -created) index: cheap enough for every page.
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_of(users: Iterable[Any]) -> dict[int, NotificationPreference]:
    """Each user's saved choice, or the defaults for their role (two queries for any number)."""
    user_ids = {user.pk for user in users}
    saved = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    unsaved = user_ids - saved.keys()
    deputies = set(
        UserRole.objects.filter(user_id__in=unsaved, role=Role.DEPUTY).values_list("user_id", flat=True)
    )
    defaults = {
        pk: NotificationPreference.defaults_for(user_id=pk, is_deputy=pk in deputies) for pk in unsaved
    }
    return {**saved, **defaults}


def preference_for(*, user: Any) -> NotificationPreference:
    return preferences_of([user])[user.pk]


def email_address_of(user: Any) -> str:
    """The account's email, else the one on the deputy's record."""
    deputy = getattr(user, "deputy", None)
    return str(user.email or (deputy.email if deputy else ""))


def phone_number_of(user: Any) -> str:
    """The account's mobile phone, else the one on the deputy's record."""
    deputy = getattr(user, "deputy", None)
    return str(user.phone or (deputy.phone if deputy else ""))


def absolute_url(link: str) -> str:
    """A portal path as a URL that works outside the portal (email, SMS)."""
    return settings.PORTAL_BASE_URL + (link or reverse("notifications:inbox"))
