"""Liaison stations (代表联络站) and points (联络点), D§28–38.

A station belongs to a township presidium or a county SC's sub-district working committee; a
point belongs to a station (D§28). Deputies are attached by the rule of D§21. Stations hold
receptions (D§31), register visitors (D§34) and handle what they raise: summarise, classify,
forward, follow up, answer and publish (D§31, D§35). The public sends opinions online (D§37).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.rules import attachment_basis_allowed

STATION_HOSTS = ("township_presidium", "subdistrict_committee")
POINT_HOSTS = ("village", "community", "other_organisation")


class Station(models.Model):
    class Kind(models.TextChoices):
        STATION = "station", _("Liaison station")
        POINT = "point", _("Liaison point")

    class HostKind(models.TextChoices):
        # D§28: who establishes a station …
        TOWNSHIP_PRESIDIUM = "township_presidium", _("Township people's congress presidium")
        SUBDISTRICT_COMMITTEE = "subdistrict_committee", _("Sub-district working committee of the county SC")
        # … and where a point is based.
        VILLAGE = "village", _("Administrative village")
        COMMUNITY = "community", _("Residential community")
        OTHER_ORGANISATION = "other_organisation", _("Other organisation")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STATION)
    name = models.CharField(_("name"), max_length=100)
    # A point belongs to a station (D§28).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points",
    )
    city = models.CharField(_("city"), max_length=20, db_index=True)
    county = models.CharField(_("county or district"), max_length=30)
    # The township presidium or the county SC's sub-district committee it belongs to (D§28).
    host_body = models.CharField(_("host body"), max_length=100)
    host_kind = models.CharField(_("kind of host"), max_length=30, choices=HostKind.choices)
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200)
    duties = models.TextField(_("duties"), blank=True)
    # D§33: the township congress chair or the sub-district committee's director.
    head_name = models.CharField(_("station head"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("station staff"), blank=True, related_name="stations"
    )
    deputies = models.ManyToManyField(
        Deputy,
        verbose_name=_("deputies attached"),
        blank=True,
        related_name="stations",
        through="Attachment",
    )
    # Months before it opened are not missing months (D§31).
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["city", "county", "name"]
        verbose_name = _("liaison station")
        verbose_name_plural = _("liaison stations")
        constraints = [
            models.UniqueConstraint(fields=["city", "county", "name"], name="station_unique_name"),
            # A station stands alone; a point always hangs under a station.
            models.CheckConstraint(
                name="station_point_has_parent",
                condition=Q(kind="station", parent__isnull=True) | Q(kind="point", parent__isnull=False),
            ),
            # D§28: a station is set up by a presidium or a sub-district committee; a point is
            # based in a village, a community or another organisation.
            models.CheckConstraint(
                name="station_host_kind_fits",
                condition=Q(kind="station", host_kind__in=STATION_HOSTS)
                | Q(kind="point", host_kind__in=POINT_HOSTS),
            ),
        ]
        indexes = [models.Index(fields=["kind", "city", "county"], name="station_region")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Only one level of points: a point hangs under a station, never under a point.
        if self.parent_id and self.parent and self.parent.kind != self.Kind.STATION:
            raise ValidationError(
                {"parent": _("A liaison point belongs to a station, not to another point.")}
            )

    @property
    def is_point(self) -> bool:
        return self.kind == self.Kind.POINT

    @property
    def handling_station(self) -> Station:
        """The station that summarises, forwards and answers for it (D§31)."""
        return self.parent if self.is_point and self.parent else self


class Attachment(models.Model):
    """A deputy attached to a station or point, and on which ground of D§21."""

    class Basis(models.TextChoices):
        CONSTITUENCY = "constituency", _("Where the deputy was elected")
        WORKPLACE = "workplace", _("Where the deputy works")
        RESIDENCE = "residence", _("Where the deputy lives")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="attachments")
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE, related_name="attachments"
    )
    basis = models.CharField(_("ground (D§21)"), max_length=20, choices=Basis.choices)
    since = models.DateField(_("since"), default=dt.date.today)

    class Meta:
        verbose_name = _("deputy attached")
        verbose_name_plural = _("deputies attached")
        constraints = [
            models.UniqueConstraint(fields=["station", "deputy"], name="attachment_unique"),
            models.CheckConstraint(
                condition=Q(basis__in=["constituency", "workplace", "residence"]),
                name="attachment_basis_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.station}"

    def clean(self) -> None:
        if (
            self.station_id
            and self.deputy_id
            and not attachment_basis_allowed(self.deputy.constituency, self.station.city, self.basis)
        ):
            raise ValidationError({"basis": workflow.message("attachment_outside_constituency")})


class LiaisonOfficer(models.Model):
    """A liaison officer of a station (D§33). The head is Station.head_name."""

    class Background(models.TextChoices):
        CONGRESS_STAFF = "congress_staff", _("Staff of the township congress or sub-district committee")
        LOCAL_DEPUTY = "local_deputy", _("County or township deputy")
        VOLUNTEER = "volunteer", _("Volunteer")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(_("name"), max_length=50)
    background = models.CharField(_("background (D§33)"), max_length=20, choices=Background.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("liaison officer")
        verbose_name_plural = _("liaison officers")

    def __str__(self) -> str:
        return self.name


class Reception(models.Model):
    """Deputies receiving constituents at a station or point (D§31)."""

    Kind = workflow.ReceptionKind
    Status = workflow.ReceptionStatus

    # The station it counts for; `point` when it is held at one of the station's points.
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="receptions"
    )
    point = models.ForeignKey(
        Station,
        verbose_name=_("liaison point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="point_receptions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    deputies = models.ManyToManyField(
        Deputy, verbose_name=_("deputies present"), blank=True, related_name="receptions"
    )
    # Deputies of the city, county and township congresses are not in this portal: named here.
    other_attendees = models.CharField(_("other deputies and attendees"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    summary = models.TextField(_("record of the reception"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("reception")
        verbose_name_plural = _("receptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="reception_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="thematic") | ~Q(theme=""), name="reception_thematic_has_theme"
            ),
            models.CheckConstraint(
                condition=Q(status__in=workflow.ReceptionStatus.values), name="reception_status_valid"
            ),
        ]
        indexes = [
            # The missing-months report and the station page read a station's year of receptions.
            models.Index(fields=["station", "starts_at"], name="reception_station_time"),
            models.Index(fields=["status", "starts_at"], name="reception_status_time"),
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.starts_at:%Y-%m-%d}"

    @property
    def venue(self) -> Station:
        return self.point or self.station


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
                condition=~Q(status__in=workflow.ANSWERED) | (Q(answered_on__isnull=False) & ~Q(answer="")),
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
