"""Writes: notify users (the inbox, and the outbox delivery.py sends), mark read, save choices."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from congress.models import User
from congress.notifications import selectors
from congress.notifications.delivery import enqueue
from congress.notifications.models import Channel, Notification, NotificationPreference, OutboxMessage

KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SUBJECT_MAX = Notification._meta.get_field("subject").max_length or 200


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str | Promise,
    body: str | Promise,
    link: str,
    dedupe_key: str | None = None,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and queue its email and SMS.

    Runs in the caller's transaction: if the caller rolls back, nobody is notified. Delivery
    is enqueued only after the commit, and a broker that is down never fails the caller: the
    outbox rows stay pending and drain_outbox() sends them later.

    Inactive accounts are skipped. With a `dedupe_key`, a recipient who already has a
    notification with that key gets no second one. Returns the notifications created.
    """
    if not KIND.match(kind):
        raise ValueError(f"kind must be a short snake_case code, got {kind!r}")
    if link and (not link.startswith("/") or link.startswith(("//", "/\\"))):
        raise ValueError(f"link must be a path on the portal, got {link!r}")
    # No user has a language of their own yet: store the text in the portal's language.
    with translation.override(settings.LANGUAGE_CODE):
        subject_text = _one_line(str(subject), SUBJECT_MAX)
        body_text = str(body)

    users = list(
        User.objects.filter(pk__in={u.pk for u in recipients}, is_active=True)
        .select_related("deputy")
        .order_by("pk")
    )
    now = timezone.now()
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            subject=subject_text,
            body=body_text,
            link=link,
            created=now,
            dedupe_key=dedupe_key or None,
        )
        for user in users
    ]
    created = _create_once(rows, dedupe_key) if dedupe_key else Notification.objects.bulk_create(rows)

    preferences = selectors.preferences_of(users)
    messages = OutboxMessage.objects.bulk_create(
        message for n in created for message in _outbox_for(n, preferences[n.recipient_id], now)
    )
    immediate = [m.pk for m in messages if not m.digest]
    if immediate:
        transaction.on_commit(partial(enqueue, immediate))
    return created


@dataclass(frozen=True)
class Message:
    """One notification to several people, for notify_many()."""

    recipient_ids: Sequence[int]
    kind: str
    subject: str
    body: str
    link: str
    dedupe_key: str | None = None


def notify_many(messages: Sequence[Message]) -> int:
    """notify() for a batch (the deadline sweep): a fixed number of queries per batch.

    The caller must hold the sweep's lock: keys already used are read once, not raced for.
    Returns how many notifications were created.
    """
    if not messages:
        return 0
    now = timezone.now()
    ids = {pk for m in messages for pk in m.recipient_ids}
    users = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True).select_related("deputy")}
    keys = [m.dedupe_key for m in messages if m.dedupe_key]
    taken = (
        set(Notification.objects.filter(dedupe_key__in=keys).values_list("recipient_id", "dedupe_key"))
        if keys
        else set()
    )
    rows = []
    with translation.override(settings.LANGUAGE_CODE):
        for m in messages:
            if not KIND.match(m.kind):
                raise ValueError(f"kind must be a short snake_case code, got {m.kind!r}")
            for pk in dict.fromkeys(m.recipient_ids):
                if pk in users and (pk, m.dedupe_key) not in taken:
                    rows.append(
                        Notification(
                            recipient=users[pk],
                            kind=m.kind,
                            subject=_one_line(str(m.subject), SUBJECT_MAX),
                            body=str(m.body),
                            link=m.link,
                            created=now,
                            dedupe_key=m.dedupe_key or None,
                        )
                    )
    created = Notification.objects.bulk_create(rows, batch_size=1000)
    preferences = selectors.preferences_of(list(users.values()))
    outbox = OutboxMessage.objects.bulk_create(
        (message for n in created for message in _outbox_for(n, preferences[n.recipient_id], now)),
        batch_size=1000,
    )
    immediate = [m.pk for m in outbox if not m.digest]
    if immediate:
        transaction.on_commit(partial(enqueue, immediate))
    return len(created)


def _one_line(text: str, limit: int) -> str:
    # Email headers and SMS take one line; long titles are cut, the body keeps the whole text.
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _create_once(rows: list[Notification], dedupe_key: str) -> list[Notification]:
    already = set(
        Notification.objects.filter(
            dedupe_key=dedupe_key, recipient__in=[n.recipient_id for n in rows]
        ).values_list("recipient_id", flat=True)
    )
    created = []
    for notification in rows:
        if notification.recipient_id in already:
            continue
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            # A concurrent notify() with the same key committed first: that one stands.
            continue
        created.append(notification)
    return created


def _outbox_for(
    notification: Notification, preference: NotificationPreference, now: dt.datetime
) -> Iterable[OutboxMessage]:
    user = notification.recipient
    if preference.email_enabled and selectors.email_address_of(user):
        yield OutboxMessage(
            notification=notification,
            channel=Channel.EMAIL,
            digest=preference.email_digest,
            created=now,
            not_before=now,
        )
    if preference.sms_enabled and selectors.phone_number_of(user):
        yield OutboxMessage(notification=notification, channel=Channel.SMS, created=now, not_before=now)


def mark_read(*, notification: Notification) -> Notification:
    """Mark it read; the first reading time is kept."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def update_preferences(
    *, user: Any, email_enabled: bool, sms_enabled: bool, email_digest: bool, phone: str
) -> NotificationPreference:
    """Save the user's choices and the phone number SMS go to ("" falls back to the deputy's).

    Messages already queued keep the route they were queued with.
    """
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user,
        defaults={"email_enabled": email_enabled, "sms_enabled": sms_enabled, "email_digest": email_digest},
    )
    if user.phone != phone:
        user.phone = phone
        user.save(update_fields=["phone"])
    return preference
