"""Stations and points (D§28), with their officers (D§33), deputies attached (D§21) and points."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from rest_framework import serializers, viewsets

from congress.lists import PortalFilterSet
from liaison_stations.models import Attachment, LiaisonOfficer, Station


class StationOfficerSerializer(serializers.ModelSerializer):
    class Meta:
        model = LiaisonOfficer
        fields = ["name", "background"]


class StationDeputySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="deputy.name", read_only=True)
    delegation = serializers.CharField(source="deputy.delegation.name", read_only=True)

    class Meta:
        model = Attachment
        fields = ["deputy", "name", "delegation", "basis", "since"]


class StationSerializer(serializers.ModelSerializer):
    officers = StationOfficerSerializer(many=True, read_only=True)
    deputies = StationDeputySerializer(source="attachments", many=True, read_only=True)
    points = serializers.ManyRelatedField(
        child_relation=serializers.PrimaryKeyRelatedField(read_only=True), read_only=True
    )

    class Meta:
        model = Station
        fields = [
            "id", "kind", "name", "parent", "city", "county", "host_body", "host_kind", "address",
            "opening_hours", "duties", "head_name", "contact_phone", "officers", "deputies", "points",
            "established_on", "is_active",
        ]  # fmt: skip


class StationFilter(PortalFilterSet):
    q = django_filters.CharFilter(method="search", label="q")
    station = django_filters.NumberFilter(field_name="parent")

    class Meta:
        model = Station
        fields = ["city", "county", "host_kind", "is_active", "station"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))


class _StationBase(viewsets.ReadOnlyModelViewSet):
    serializer_class = StationSerializer
    filterset_class = StationFilter
    ordering_fields = ["name", "city", "county"]
    kind = Station.Kind.STATION

    def get_queryset(self) -> QuerySet[Station]:
        return (
            Station.objects.filter(kind=self.kind)
            .prefetch_related("officers", "attachments__deputy__delegation", "points")
            .order_by("city", "county", "name")
        )


class StationViewSet(_StationBase):
    """Liaison stations (代表联络站), with their officers, deputies attached and points."""


class PointViewSet(_StationBase):
    """Liaison points (代表联络点); `station` filters the points of one station."""

    kind = Station.Kind.POINT


# --- Receptions (D§31) -------------------------------------------------------------------
