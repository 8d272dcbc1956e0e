"""The invitation to co-sign: the abstract model each instrument's invitations inherit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy


class InvitationStatus(models.TextChoices):
    INVITED = "invited", gettext_lazy("Invited")
    CONFIRMED = "confirmed", gettext_lazy("Confirmed the final text")
    DECLINED = "declined", gettext_lazy("Declined")
    # D§45, D§46: the deputy was suspended or left office before answering.
    LAPSED = "lapsed", gettext_lazy("Lapsed")


# Answers that take the deputy out of the count: they are not waited for.
CLOSED = (InvitationStatus.DECLINED, InvitationStatus.LAPSED)


class Invitation(models.Model):
    """A deputy invited to co-sign one item. Each instrument's concrete model adds the FK to its
    item and the unique (item, deputy) constraint."""

    Status = InvitationStatus

    deputy = models.ForeignKey(
        "deputies.Deputy",
        verbose_name=gettext_lazy("deputy"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_invitations",
    )
    status = models.CharField(
        gettext_lazy("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    invited_at = models.DateTimeField(gettext_lazy("invited"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(gettext_lazy("answered"), null=True, blank=True)
    # The item's text version the deputy confirmed: they agreed to a text, not to what it becomes.
    confirmed_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["invited_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="confirmed", confirmed_version__isnull=False)
                | (~Q(status="confirmed") & Q(confirmed_version__isnull=True)),
                name="%(app_label)s_%(class)s_confirmed_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_status_display()}"
