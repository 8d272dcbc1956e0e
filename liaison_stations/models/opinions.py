"""A visitor's opinion as registered (D§34) or sent online (D§37), and its forwardings (D§31)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models.receptions import Reception
from liaison_stations.models.stations import Station


class Opinion(models.Model):
    """One visitor's matter, as on the registration form (D§34), and how it was handled (D§35)."""

    Status = workflow.OpinionStatus
    Category = workflow.Category

    class Source(models.TextChoices):
        VISIT = "visit", _("Visit to the station")
        ONLINE = "online", _("Online")

    class FeedbackWay(models.TextChoices):
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("Text message")
        VISIT = "visit", _("In person")
        LETTER = "letter", _("Letter")
        ONLINE = "online", _("Online (tracking page)")

    # Given to the visitor: the key to the public tracking page (D§37).
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    # The station that summarises, forwards and answers (D§31); `point` where it was registered.
    station = models.ForeignKey(
        Station,
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    point = models.ForeignKey(
        Station,
        verbose_name=_("liaison point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="point_opinions",
    )
    # Sent online to one deputy (by the deputy's QR code).
    deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("addressed to deputy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions_addressed",
    )
    reception = models.ForeignKey(
        Reception,
        verbose_name=_("reception"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.VISIT)
    # The visitor's personal data: never on a public page or in the public API.
    visitor_name = models.CharField(_("visitor"), max_length=50)
    visitor_contact = models.CharField(_("contact"), max_length=100)
    visitor_address = models.CharField(_("address"), max_length=200, blank=True)
    matter = models.TextField(_("matter raised"))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, blank=True)
    received_on = models.DateField(_("date received"))
    received_by = models.ManyToManyField(
        Deputy, verbose_name=_("deputies who received it"), blank=True, related_name="opinions_received"
    )
    # The station's summary: the text the public board shows, written for publication.
    summary = models.TextField(_("summary"), blank=True)
    # D§35: matters involving state secrets are not published.
    is_secret = models.BooleanField(_("involves state secrets"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    reported_at = models.DateTimeField(_("sent to the station"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    feedback_on = models.DateField(_("visitor told on"), null=True, blank=True)
    feedback_way = models.CharField(
        _("how the visitor was told"), max_length=10, choices=FeedbackWay.choices, blank=True
    )
    dismissal_reason = models.CharField(_("reason not handled"), max_length=300, blank=True)
    # A deputy turned the matter into a suggestion (the draft they then edit and submit).
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        verbose_name=_("suggestion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="station_opinions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("constituent opinion")
        verbose_name_plural = _("constituent opinions")
        constraints = [
            models.CheckConstraint(
                condition=Q(station__isnull=False) | Q(deputy__isnull=False), name="opinion_has_addressee"
            ),
            models.CheckConstraint(
                condition=Q(point__isnull=True) | Q(station__isnull=False), name="opinion_point_has_station"
            ),
            models.CheckConstraint(
                condition=Q(status__in=workflow.OpinionStatus.values), name="opinion_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=workflow.WITH_ANSWER)
                | (Q(answered_on__isnull=False) & ~Q(answer="")),
                name="opinion_answered_has_answer",
            ),
            # Nothing reaches the public board without the station's summary (D§35).
            models.CheckConstraint(
                condition=~Q(status__in=workflow.PUBLIC) | ~Q(summary=""), name="opinion_public_has_summary"
            ),
        ]
        indexes = [
            models.Index(fields=["station", "status"], name="opinion_station_status"),
            models.Index(fields=["point", "status"], name="opinion_point_status"),
            models.Index(fields=["station", "received_on"], name="opinion_station_received"),
            # The committee's list of every registration, newest first.
            models.Index(fields=["-received_on", "-id"], name="opinion_received"),
            # The desk's queue: what waits on the station (D§31).
            models.Index(
                fields=["-received_on", "-id"],
                name="opinion_waiting",
                condition=Q(status__in=workflow.WAITING),
            ),
            # The public board of a station: published matters, newest first (D§35).
            models.Index(
                fields=["station", "-received_on", "-id"],
                name="opinion_published",
                condition=Q(status__in=workflow.PUBLIC, is_secret=False),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def venue(self) -> Station | None:
        return self.point or self.station

    @property
    def is_published(self) -> bool:
        return workflow.is_published(self.status, self.is_secret)


class Forwarding(models.Model):
    """The station sends an opinion to a unit or body, with a reply due date (D§31)."""

    class Outcome(models.TextChoices):
        OPEN = "", _("Awaiting the answer")
        ANSWERED = "answered", _("Answered")
        REDIRECTED = "redirected", _("Forwarded elsewhere")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="forwardings")
    body_name = models.CharField(_("unit or body"), max_length=100)
    # When the body is one of the portal's organisations (a provincial unit, a city SC).
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="station_forwardings",
    )
    note = models.TextField(_("what is asked"), blank=True)
    forwarded_on = models.DateField(_("forwarded on"))
    # policy_rule("station_forward"), from forwarded_on; provisional while the calendar lacks a year.
    reply_due = models.DateField(_("answer due"), db_index=True)
    reply_due_provisional = models.BooleanField(_("provisional"), default=False)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True, default="")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-forwarded_on", "-id"]
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", closed_on__isnull=True)
                | (~Q(outcome="") & Q(closed_on__isnull=False)),
                name="forwarding_closed_has_date",
            ),
            # One open forwarding per opinion: the clock that runs.
            models.UniqueConstraint(fields=["opinion"], condition=Q(outcome=""), name="forwarding_one_open"),
        ]
        indexes = [
            # The sweep's reminders and the overdue filter read open forwardings by due date.
            models.Index(fields=["reply_due"], condition=Q(outcome=""), name="forwarding_open_due"),
            models.Index(
                fields=["reply_due"],
                condition=Q(outcome="", reply_due_provisional=True),
                name="forwarding_provisional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opinion} → {self.body_name}"

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN
