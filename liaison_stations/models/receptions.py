"""Receptions: deputies receiving constituents at a station or point (D§31)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models.stations import Station


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
    # They receive the public as much as this congress's deputies do (D§31).
    other_deputies = models.CharField(_("deputies of other congresses present"), max_length=500, blank=True)
    # Anyone else who took part: staff, officials of the units concerned.
    other_attendees = models.CharField(_("other attendees"), max_length=500, blank=True)
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
