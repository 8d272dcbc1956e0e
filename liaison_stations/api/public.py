"""The public, read-only endpoints and the online opinion form (D§30(3), D§35, D§37): no login,
the same check question and limits as the web form (liaison_stations.abuse), never a visitor's
personal data."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from deputies.models import Deputy
from liaison_stations.abuse import Sender, client_address, new_challenge, over_limit
from liaison_stations.api.base import valid
from liaison_stations.api.stations import StationFilter, StationOfficerSerializer
from liaison_stations.models import Station
from liaison_stations.selectors import (
    normalise_tracking_code,
    public_matter,
    public_stations,
    published_matters,
    tracking,
)
from liaison_stations.services.opinions import opinion_submit_online
from liaison_stations.workflow import refusal


class PublicStationSerializer(serializers.ModelSerializer):
    officers = StationOfficerSerializer(many=True, read_only=True)
    deputies = serializers.SerializerMethodField()

    class Meta:
        model = Station
        fields = [
            "id", "kind", "name", "parent", "city", "county", "host_body", "address", "opening_hours",
            "duties", "head_name", "contact_phone", "officers", "deputies",
        ]  # fmt: skip

    @extend_schema_field(
        inline_serializer(
            "StationPublicDeputy",
            {
                "id": serializers.IntegerField(),
                "name": serializers.CharField(),
                "delegation": serializers.CharField(),
            },
            many=True,
        )
    )
    def get_deputies(self, station: Station) -> list[dict[str, Any]]:
        return [
            {"id": a.deputy_id, "name": a.deputy.name, "delegation": a.deputy.delegation.name}
            for a in station.attachments.all()
            if a.deputy.is_active
        ]


class StationPublicMatterSerializer(serializers.Serializer):
    """A published matter: the station's summary and the answer, without personal data."""

    id = serializers.IntegerField()
    station = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    received_on = serializers.DateField()
    summary = serializers.CharField()
    answer = serializers.CharField()
    answered_on = serializers.DateField(allow_null=True)


class PublicStationViewSet(viewsets.ReadOnlyModelViewSet):
    """Stations and points as the public sees them (D§30(3)); `matters` is a station's board."""

    serializer_class = PublicStationSerializer
    filterset_class = StationFilter
    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Station]:
        return public_stations().prefetch_related("officers", "attachments__deputy__delegation")

    @extend_schema(responses=StationPublicMatterSerializer(many=True))
    @action(detail=True)
    def matters(self, request: Request, pk: str | None = None) -> Response:
        station = self.get_object()
        page = self.paginate_queryset(published_matters(station))
        rows = [dataclasses.asdict(public_matter(row)) for row in page or []]
        return self.get_paginated_response(StationPublicMatterSerializer(rows, many=True).data)


class StationPublicOpinionSerializer(serializers.Serializer):
    # Any station or deputy: the service refuses a closed station or a deputy not in office.
    station = serializers.PrimaryKeyRelatedField(queryset=Station.objects.all(), required=False)
    deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False)
    name = serializers.CharField(max_length=50)
    contact = serializers.CharField(max_length=100)
    matter = serializers.CharField(max_length=5000)
    challenge_token = serializers.CharField(
        max_length=500, help_text="`token` of a check question from `GET public/opinions/`"
    )
    challenge_answer = serializers.CharField(max_length=4, help_text="the answer to its `question`")


class StationChallengeSerializer(serializers.Serializer):
    """The check question the web form asks, for an API client to put to its user."""

    question = serializers.CharField(help_text="e.g. `3 + 4 = ?`")
    token = serializers.CharField(help_text="signed; good for one accepted opinion within the hour")


class StationTrackingSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    addressed_to = serializers.CharField()
    received_on = serializers.DateField()
    forwarded_to = serializers.CharField()
    answer = serializers.CharField()
    answered_on = serializers.DateField(allow_null=True)
    feedback_on = serializers.DateField(allow_null=True)


def _limit(request: Request, scope: str, rate: str) -> None:
    if over_limit(scope, client_address(request), rate):
        raise refusal("rate_limited", status=429)


class PublicOpinionView(APIView):
    """public/opinions/: anyone sends an opinion to a station or a deputy (D§37), answering the
    check question the web form asks (GET gives one)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        operation_id="public_opinions_challenge",
        summary="A check question for sending an opinion",
        description="Put `question` to the sender; send `token` and the answer with the opinion "
        "as `challenge_token` and `challenge_answer`. A question is good for one accepted opinion "
        "within the hour.",
        responses=StationChallengeSerializer,
    )
    def get(self, request: Request) -> Response:
        challenge = new_challenge()
        return Response({"question": challenge.question, "token": challenge.token})

    @extend_schema(
        summary="Send an opinion to a station or a deputy",
        description="With the answer to a check question from `GET public/opinions/` (a wrong, "
        "expired or used one: 400 `challenge_failed`). Opinions accepted are limited per hour per "
        "address and contact, and per address (429 `rate_limited`); refused ones do not count.",
        request=StationPublicOpinionSerializer,
        responses={201: inline_serializer("StationTrackingCode", {"tracking_code": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        data = valid(StationPublicOpinionSerializer, request)
        opinion = opinion_submit_online(
            sender=Sender(client_address(request), data["challenge_token"], data["challenge_answer"]),
            station=data.get("station"),
            deputy=data.get("deputy"),
            name=data["name"],
            contact=data["contact"],
            matter=data["matter"],
        )
        return Response({"tracking_code": opinion.tracking_code}, status=status.HTTP_201_CREATED)


class PublicTrackingView(APIView):
    """GET public/opinions/<tracking_code>/: status and answer, never the sender's data."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(responses=StationTrackingSerializer)
    def get(self, request: Request, code: str) -> Response:
        _limit(request, "tracking", settings.TRACKING_LOOKUP_RATE)
        found = tracking(normalise_tracking_code(code))
        if found is None:
            raise NotFound
        return Response(StationTrackingSerializer(dataclasses.asdict(found)).data)
