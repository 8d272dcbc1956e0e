"""Delivery of the outbox: wake the worker, send each email and SMS once, drain what the
broker lost, send the daily digests, queue failed messages again.

Delivery is at least once: a message is marked sent in the same transaction that holds its
row lock while sending, so two workers never send it twice; only a crash between the send
and the commit can repeat it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from congress.models import User
from congress.notifications import selectors
from congress.notifications.models import Channel, OutboxMessage
from congress.notifications.models import OutboxStatus as Status
from congress.notifications.sms import get_sms_backend

logger = logging.getLogger(__name__)

# After this many failed sends a message is `failed`; the admin can queue it again.
MAX_ATTEMPTS = 8
# The task retries within 30 s, then 1, 2, 4, 8 min, then every 10 min (Celery's retry_backoff
# with jitter: each wait is random up to that bound).
RETRY_BACKOFF = 30
RETRY_BACKOFF_MAX = 600
# How long a new message has to reach the worker through the broker before drain_outbox()
# assumes the wake-up was lost and sends another.
DRAIN_GRACE = dt.timedelta(minutes=1)
# A message drain_outbox() enqueued is left alone this long before being enqueued again.
REQUEUE_AFTER = dt.timedelta(minutes=10)
DRAIN_BATCH = 500


class DeliveryFailed(Exception):
    """A send failed and will be tried again: the task retries on it."""


class Undeliverable(Exception):
    """Retrying cannot help (no address): the message is marked failed at once."""


def enqueue(message_ids: Sequence[int]) -> list[int]:
    """Wake the worker for each message; return the ids the broker took. Never raises."""
    from congress.notifications.tasks import deliver_outbox_message

    enqueued: list[int] = []
    for message_id in message_ids:
        try:
            deliver_outbox_message.delay(message_id)
        except Exception:
            # Whatever the broker's failure, the caller's transaction has committed and must
            # not see an error; the rows are pending and drain_outbox() will send them.
            logger.warning(
                "Broker unavailable: %d outbox message(s) stay pending for drain_outbox()",
                len(message_ids) - len(enqueued),
                exc_info=True,
            )
            break
        enqueued.append(message_id)
    return enqueued


def drain_outbox() -> int:
    """Enqueue the pending messages whose wake-up is overdue; beat runs this every 2 minutes.

    Catches what the broker lost or never got (it was down when notify() committed, a worker
    died, a retry was never published). Two drains at once claim different rows. Returns
    how many were enqueued.
    """
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, digest=False, not_before__lte=now - DRAIN_GRACE)
            .order_by("not_before")
            .values_list("pk", flat=True)[:DRAIN_BATCH]
        )
        OutboxMessage.objects.filter(pk__in=due).update(not_before=now + REQUEUE_AFTER)
    enqueued = set(enqueue(due))
    if missed := [pk for pk in due if pk not in enqueued]:
        # The broker is still down: make them due again for the next drain.
        OutboxMessage.objects.filter(pk__in=missed, status=Status.PENDING).update(not_before=now)
    return len(enqueued)


def deliver_outbox_message(*, message_id: int) -> None:
    """Send one outbox message unless it was sent already; raise DeliveryFailed to retry.

    The row stays locked while sending. On PostgreSQL a second worker holding the same id
    skips the locked row (SKIP LOCKED); on SQLite, which ignores row locks, the transaction
    takes the database's write lock at its start (settings: IMMEDIATE), so the second waits
    and then finds the message sent.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("notification__recipient__deputy")
            .filter(pk=message_id, status=Status.PENDING, digest=False)
            .first()
        )
        if message is None:
            return  # sent, failed for good, waiting for the digest, or another worker has it
        error = _attempt(message)
    if error:
        raise DeliveryFailed(error)


def _attempt(message: OutboxMessage) -> str:
    """Send once and record the outcome; the error if it should be retried, else ""."""
    now = timezone.now()
    message.attempts += 1
    try:
        _send(message)
    except Undeliverable as exc:
        message.status, message.last_error = Status.FAILED, str(exc)
    except Exception as exc:
        # Any failure of the mail server or gateway counts as an attempt, whatever its type.
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Status.FAILED
        else:
            # Celery's retry of this attempt comes within this delay; drain_outbox() waits
            # until after it, so it only steps in when that retry was lost.
            delay = min(RETRY_BACKOFF * 2 ** (message.attempts - 1), RETRY_BACKOFF_MAX)
            message.not_before = now + dt.timedelta(seconds=delay)
    else:
        message.status, message.sent_at, message.last_error = Status.SENT, now, ""
    message.save(update_fields=["status", "attempts", "last_error", "not_before", "sent_at"])
    return message.last_error if message.status == Status.PENDING else ""


def _send(message: OutboxMessage) -> None:
    notification = message.notification
    user = notification.recipient
    if not user.is_active:
        raise Undeliverable("the account is inactive")
    url = selectors.absolute_url(notification.link)
    if message.channel == Channel.EMAIL:
        address = selectors.email_address_of(user)
        if not address:
            raise Undeliverable("no email address")
        context = {"notification": notification, "url": url}
        _email(
            address=address, subject=notification.subject, template="notification", user=user, context=context
        )
    else:
        phone = selectors.phone_number_of(user)
        if not phone:
            raise Undeliverable("no mobile phone number")
        get_sms_backend().send(phone, f"{notification.subject} {url}")


def _email(*, address: str, subject: str, template: str, user: Any, context: dict[str, Any]) -> None:
    """A plain-text email in the portal's language, from templates/notifications/email/."""
    context = {
        **context,
        "name": user.get_full_name(),
        "inbox_url": selectors.absolute_url(reverse("notifications:inbox")),
        "preferences_url": selectors.absolute_url(reverse("notifications:preferences")),
        "portal_name": settings.PORTAL_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"notifications/email/{template}.txt", context)
    EmailMessage(subject=subject, body=body, to=[address]).send()


def send_daily_digests() -> int:
    """Send each user one email listing their email notifications that wait for the digest.

    Beat runs this once a day. Each user's messages are marked `digested` in the transaction
    that sends their email, so a second run, at once or later, finds nothing to send. A
    message the digest could not send stays pending for the next day's digest. Returns the
    number of emails sent.
    """
    recipient_ids = list(
        OutboxMessage.objects.filter(status=Status.PENDING, digest=True)
        .values_list("notification__recipient_id", flat=True)
        .order_by()
        .distinct()
    )
    return sum(_send_digest(recipient_id) for recipient_id in recipient_ids)


def _send_digest(recipient_id: int) -> bool:
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("notification")
            .filter(status=Status.PENDING, digest=True, notification__recipient_id=recipient_id)
            .order_by("notification__created", "pk")
        )
        if not messages:
            return False  # another run is sending this user's digest, or just did
        user = User.objects.select_related("deputy").get(pk=recipient_id)
        pks = [m.pk for m in messages]
        address = selectors.email_address_of(user)
        if not address or not user.is_active:
            reason = "the account is inactive" if not user.is_active else "no email address"
            OutboxMessage.objects.filter(pk__in=pks).update(
                status=Status.FAILED, attempts=F("attempts") + 1, last_error=reason
            )
            return False
        now = timezone.now()
        items = [(m.notification, selectors.absolute_url(m.notification.link)) for m in messages]
        with translation.override(settings.LANGUAGE_CODE):
            subject = gettext("Your notifications: %(count)d new") % {"count": len(items)}
        try:
            _email(address=address, subject=subject, template="digest", user=user, context={"items": items})
        except Exception as exc:
            logger.warning("Daily digest for user %s not sent; tomorrow's will try again", recipient_id)
            OutboxMessage.objects.filter(pk__in=pks).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )
            return False
        OutboxMessage.objects.filter(pk__in=pks).update(
            status=Status.DIGESTED, sent_at=now, attempts=F("attempts") + 1, last_error=""
        )
    return True


def retry_failed(*, messages: QuerySet[OutboxMessage]) -> int:
    """Queue failed messages again from scratch (e.g. after the SMS gateway was fixed)."""
    now = timezone.now()
    pks = list(messages.filter(status=Status.FAILED).values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=pks).update(
        status=Status.PENDING, attempts=0, last_error="", not_before=now
    )
    immediate = list(OutboxMessage.objects.filter(pk__in=pks, digest=False).values_list("pk", flat=True))
    if immediate:
        transaction.on_commit(partial(enqueue, immediate))
    return len(pks)
