"""Inspections and research (D§22–D§27): organised by a committee or SC body with deputies,
or made by one deputy with the deputy card; the report the SC forwards, each body's feedback
due within 3 months of receipt (D§27), and the meetings with officials asked for (D§22)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Congress, Organisation
from deputies import workflow
from deputies.models.deputy import Deputy

# D§22: special committees, SC working bodies and the committee that serves deputies organise.
ORGANISER_KINDS = (
    Organisation.Kind.COMMITTEE,
    Organisation.Kind.SPECIAL_COMMITTEE,
    Organisation.Kind.WORKING_BODY,
)


class Inspection(models.Model):
    Status = workflow.InspectionStatus
    Kind = workflow.InspectionKind

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INSPECTION)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="inspections_organised",
        limit_choices_to={"kind__in": ORGANISER_KINDS},
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    places = models.CharField(_("places"), max_length=500, blank=True)
    deputies = models.ManyToManyField(Deputy, verbose_name=_("deputies"), related_name="inspections")
    findings = models.TextField(_("findings"), blank=True)
    opinions = models.TextField(_("opinions and suggestions raised"), blank=True)
    report = models.TextField(_("report"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("inspection or research")
        verbose_name_plural = _("inspections and research")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=workflow.InspectionStatus.values), name="inspection_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=workflow.InspectionKind.values), name="inspection_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="inspection_ends_after",
            ),
            # What is reported and forwarded has its report (D§27).
            models.CheckConstraint(
                condition=~Q(status__in=workflow.INSPECTION_TOOK_PLACE) | ~Q(report=""),
                name="inspection_reported_has_report",
            ),
        ]
        indexes = [models.Index(fields=["congress", "date"], name="inspection_term")]

    def __str__(self) -> str:
        return self.title


class Feedback(models.Model):
    """One body's feedback on an inspection report the SC forwarded to it (D§27)."""

    Status = workflow.FeedbackStatus

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="feedbacks")
    body = models.ForeignKey(
        Organisation, verbose_name=_("body"), on_delete=models.PROTECT, related_name="inspection_feedbacks"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # D§27: 三个月内 from the body's receipt of the report, the day the SC forwarded it.
    received_on = models.DateField(_("report received"))
    feedback_due = models.DateField(_("feedback due"))
    feedback_due_provisional = models.BooleanField(_("provisional"), default=False)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("feedback"), blank=True)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["feedback_due", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "body"], name="feedback_one_per_body"),
            models.CheckConstraint(
                condition=Q(status__in=workflow.FeedbackStatus.values), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=workflow.FEEDBACK_OWED) | (Q(given_on__isnull=False) & ~Q(text="")),
                name="feedback_given_has_text",
            ),
        ]
        indexes = [
            # The sweep's reminders, the overdue board and each body's inbox read open feedback by due date.
            models.Index(
                fields=["feedback_due"],
                condition=workflow.FEEDBACK.running("feedback"),
                name="feedback_open_due",
            ),
            models.Index(fields=["body", "status", "feedback_due"], name="feedback_body"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} → {self.body}"


class OfficialMeeting(models.Model):
    """D§22: deputies on an inspection ask to meet an official of a state body; the organiser
    arranges it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="meetings")
    official = models.CharField(_("official (name and post)"), max_length=100)
    body = models.ForeignKey(
        Organisation,
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("asked for on"), default=timezone.localdate)
    arranged_on = models.DateField(_("meeting held on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        verbose_name = _("meeting with an official")
        verbose_name_plural = _("meetings with officials")

    def __str__(self) -> str:
        return self.official
