"""The inbox (Notification), its delivery queue (OutboxMessage) and each user's choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message in one user's inbox. The inbox is always on; email and SMS come on top."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Set by the app that notifies, e.g. `suggestion_assigned` or `reminder`; clients filter on it.
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    # Relative to the portal ("/suggestions/12/"), so the same row works behind any host name.
    link = models.CharField(_("link"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Per recipient: a second notify() with the same key for the same user creates nothing,
    # so a reminder sweep that runs twice still reminds once.
    dedupe_key = models.CharField(  # noqa: DJ001 - NULL is "no key": unique constraints skip NULLs
        _("deduplication key"), max_length=200, null=True, blank=True
    )

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The inbox and the header's unread count read only this index's prefix.
            models.Index(fields=["recipient", "read_at", "-created"], name="notification_inbox"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=Q(dedupe_key__isnull=False),
                name="notification_dedupe_once",
            ),
            models.CheckConstraint(
                condition=Q(dedupe_key__isnull=True) | ~Q(dedupe_key=""), name="notification_dedupe_not_blank"
            ),
            models.CheckConstraint(condition=~Q(kind=""), name="notification_kind_set"),
            # Only paths on this portal: "//host" and "/\host" are other sites to a browser.
            models.CheckConstraint(
                condition=Q(link="")
                | (Q(link__startswith="/") & ~Q(link__startswith="//") & ~Q(link__startswith="/\\")),
                name="notification_link_relative",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DIGESTED = "digested", _("Sent in the daily digest")


class OutboxMessage(models.Model):
    """One notification to deliver on one external channel; the worker's to-do list."""

    Channel = Channel
    Status = OutboxStatus

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="outbox"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Email for a user who chose the daily digest: the digest sends it, never the worker alone.
    digest = models.BooleanField(_("waits for the daily digest"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    # drain_outbox() leaves a pending message alone until then: the first enqueue, or the
    # worker's own retry, is still on its way.
    not_before = models.DateTimeField(_("not before"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            # "What is pending" is one index scan, however many sent rows accumulate.
            models.Index(fields=["not_before"], condition=Q(status="pending"), name="outbox_pending"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="outbox_one_per_channel"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="outbox_channel_valid"),
            models.CheckConstraint(condition=Q(status__in=OutboxStatus.values), name="outbox_status_valid"),
            models.CheckConstraint(
                condition=Q(digest=False) | Q(channel="email"), name="outbox_digest_is_email"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["sent", "digested"], sent_at__isnull=False)
                | Q(status__in=["pending", "failed"], sent_at__isnull=True),
                name="outbox_sent_at_iff_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.notification}"


class NotificationPreference(models.Model):
    """How a user wants to hear about new notifications, beyond the inbox (which is always on).

    A row exists only once the user (or an administrator) saved a choice; until then
    `selectors.preferences_of` supplies role-based defaults, see `defaults_for`.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("email"), default=True)
    sms_enabled = models.BooleanField(_("SMS"), default=False)
    email_digest = models.BooleanField(_("one email a day instead of one per notification"), default=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def defaults_for(cls, *, user_id: int, is_deputy: bool) -> NotificationPreference:
        """The unsaved choice for a user who never chose.

        Email comes as one digest a day, for deputies and units alike, not a flood (issue 6).
        A deputy reads on a phone between meetings and some notices need them soon (co-sign
        before the motion deadline, rate a reply): deputies also get each one by SMS at once.
        Staff and units: no SMS.
        """
        return cls(user_id=user_id, email_enabled=True, sms_enabled=is_deputy, email_digest=True)
