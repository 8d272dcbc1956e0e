"""Receptions (D§31): station staff schedule them and record them held or cancelled; deputies
see theirs."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.serializers import WithActions
from congress.lists import PortalFilterSet
from deputies.models import Deputy
from liaison_stations.api.base import StationReasonSerializer, actor, valid
from liaison_stations.models import Reception
from liaison_stations.selectors import receptions_visible_to
from liaison_stations.services.receptions import reception_cancel, reception_hold, reception_schedule


class ReceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reception
        fields = [
            "id", "station", "point", "kind", "theme", "starts_at", "ends_at", "place", "deputies",
            "other_deputies", "other_attendees", "status", "summary",
        ]  # fmt: skip
        read_only_fields = ["point", "status", "summary"]
        extra_kwargs = {"deputies": {"required": False}}

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        # `station` may be a point: the reception then counts for the point's station.
        fields["station"].help_text = "a station or point id"
        return fields


class ReceptionDetailSerializer(WithActions, ReceptionSerializer):
    class Meta(ReceptionSerializer.Meta):
        fields = [*ReceptionSerializer.Meta.fields, "actions"]


class ReceptionFilter(PortalFilterSet):
    station = django_filters.NumberFilter(method="at_station", label="station")
    deputy = django_filters.NumberFilter(field_name="deputies")
    year = django_filters.NumberFilter(field_name="starts_at", lookup_expr="year")
    month = django_filters.NumberFilter(field_name="starts_at", lookup_expr="month")

    class Meta:
        model = Reception
        fields = ["station", "status", "kind", "deputy", "year", "month"]

    def at_station(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(station_id=value) | Q(point_id=value))


class ReceptionHoldSerializer(serializers.Serializer):
    """The deputies who came; either list left out keeps those the reception was scheduled with."""

    summary = serializers.CharField(required=False, allow_blank=True, default="")
    deputies = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)
    other_deputies = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ReceptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Receptions: station staff schedule them and record them held; deputies see theirs."""

    filterset_class = ReceptionFilter
    ordering_fields = ["starts_at"]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        # A list stays lean: each row's actions would ask who runs its station again. A new
        # reception is read as before and answered as a detail.
        if self.action in ("list", "create"):
            return ReceptionSerializer
        return ReceptionDetailSerializer

    def get_queryset(self) -> QuerySet[Reception]:
        return receptions_visible_to(self.request.user).prefetch_related("deputies").distinct()

    @extend_schema(responses={201: ReceptionDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        reception = reception_schedule(
            venue=data["station"],
            kind=data.get("kind", Reception.Kind.REGULAR),
            theme=data.get("theme", ""),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data.get("place", ""),
            deputies=data.get("deputies", []),
            other_deputies=data.get("other_deputies", ""),
            other_attendees=data.get("other_attendees", ""),
            actor=actor(request),
        )
        detail = ReceptionDetailSerializer(reception, context=self.get_serializer_context())
        return Response(detail.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReceptionHoldSerializer, responses=ReceptionDetailSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, pk: str | None = None) -> Response:
        data = valid(ReceptionHoldSerializer, request)
        reception = reception_hold(
            reception=self.get_object(),
            summary=data["summary"],
            deputies=data.get("deputies"),
            other_deputies=data.get("other_deputies"),
            actor=actor(request),
        )
        return Response(self.get_serializer(reception).data)

    @extend_schema(request=StationReasonSerializer, responses=ReceptionDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StationReasonSerializer, request)
        reception = reception_cancel(reception=self.get_object(), reason=data["reason"], actor=actor(request))
        return Response(self.get_serializer(reception).data)
