"""Liaison stations (代表联络站) and points (联络点), D§28–38."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy


class Station(models.Model):
    class Kind(models.TextChoices):
        STATION = "station", _("Liaison station")
        POINT = "point", _("Liaison point")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STATION)
    name = models.CharField(_("name"), max_length=100)
    # A point belongs to a station (D§29).
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
    # The township presidium or the county SC's sub-district committee it belongs to (D§29).
    host_body = models.CharField(_("host body"), max_length=100)
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200)
    duties = models.TextField(_("duties"), blank=True)
    head_name = models.CharField(_("station head"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("station staff"), blank=True, related_name="stations"
    )
    deputies = models.ManyToManyField(
        Deputy, verbose_name=_("deputies attached"), blank=True, related_name="stations"
    )
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
        ]

    def __str__(self) -> str:
        return self.name
