"""The history of the stations' records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from liaison_stations.models.opinions import Opinion
from liaison_stations.models.receptions import Reception


class Event(models.Model):
    """The history of the app: who did what, when, from which status to which, and why."""

    opinion = models.ForeignKey(
        Opinion, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    reception = models.ForeignKey(
        Reception, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(opinion__isnull=False, reception__isnull=True)
                | Q(opinion__isnull=True, reception__isnull=False),
                name="event_has_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
