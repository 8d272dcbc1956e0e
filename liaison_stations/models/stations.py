"""Stations and points (D§28), the deputies attached to them (D§21) and their officers (D§33)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
