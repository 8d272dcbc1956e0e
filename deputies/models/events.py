"""The history of the deputies' records: who did what, when, from which status to which."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deputies.models.archive import ConstituentReport
from deputies.models.deputy import Deputy
from deputies.models.inspections import Feedback, Inspection
from deputies.models.sessions import Leave
from deputies.models.trainings import Training

SUBJECTS = ("deputy", "leave", "training", "inspection", "feedback", "report")


def _one_subject() -> Q:
    return reduce(
        or_,
        (Q(**{f"{s}__isnull": s != subject for s in SUBJECTS}) for subject in SUBJECTS),
    )


class Event(models.Model):
    """One line of a record's history. A status change of a deputy carries its particulars in
    `data`: ground, effective date, decision and announcement (D§45, D§48, D§49)."""

    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    leave = models.ForeignKey(Leave, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    report = models.ForeignKey(
        ConstituentReport, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [models.CheckConstraint(condition=_one_subject(), name="deputies_event_one_subject")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
