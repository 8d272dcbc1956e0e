"""API of the liaison stations (WORKFLOWS.md §7): stations, points, receptions, opinions, and
the public, read-only endpoints with the online opinion form (D§37)."""

from __future__ import annotations

import dataclasses
from typing import Any, cast

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.errors import DomainError
from congress.models import Organisation, User
from deputies.models import Deputy
from liaison_stations import services, workflow
from liaison_stations.abuse import client_address, over_limit
from liaison_stations.models import Attachment, Forwarding, LiaisonOfficer, Opinion, Reception, Station
from liaison_stations.selectors import (
    forwarding_deadline,
    normalise_tracking_code,
    opinions_matching,
    opinions_overdue,
    opinions_visible_to,
    public_matter,
    public_stations,
    published_matters,
    receptions_visible_to,
    tracking,
)
from suggestions.models import SubjectArea


def _actor(request: Any) -> User:
    """The signed-in user (login_required and the API's permissions ensure there is one)."""
    return cast(User, request.user)


# --- Stations and points -------------------------------------------------------------------


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


class StationFilter(django_filters.FilterSet):
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


class ReceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reception
        fields = [
            "id", "station", "point", "kind", "theme", "starts_at", "ends_at", "place", "deputies",
            "other_attendees", "status", "summary",
        ]  # fmt: skip
        read_only_fields = ["point", "status", "summary"]
        extra_kwargs = {"deputies": {"required": False}}

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        # `station` may be a point: the reception then counts for the point's station.
        fields["station"].help_text = "a station or point id"
        return fields


class ReceptionFilter(django_filters.FilterSet):
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
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    deputies = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)


class StationReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ReceptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Receptions: station staff schedule them and record them held; deputies see theirs."""

    serializer_class = ReceptionSerializer
    filterset_class = ReceptionFilter
    ordering_fields = ["starts_at"]

    def get_queryset(self) -> QuerySet[Reception]:
        return receptions_visible_to(self.request.user).prefetch_related("deputies").distinct()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        reception = services.reception_schedule(
            venue=data["station"],
            kind=data.get("kind", Reception.Kind.REGULAR),
            theme=data.get("theme", ""),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data.get("place", ""),
            deputies=data.get("deputies", []),
            other_attendees=data.get("other_attendees", ""),
            actor=_actor(request),
        )
        return Response(self.get_serializer(reception).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReceptionHoldSerializer, responses=ReceptionSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(ReceptionHoldSerializer, request)
        reception = services.reception_hold(
            reception=self.get_object(),
            summary=data["summary"],
            deputies=data.get("deputies"),
            actor=_actor(request),
        )
        return Response(self.get_serializer(reception).data)

    @extend_schema(request=StationReasonSerializer, responses=ReceptionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(StationReasonSerializer, request)
        reception = services.reception_cancel(
            reception=self.get_object(),
            reason=data["reason"],
            actor=_actor(request),
        )
        return Response(self.get_serializer(reception).data)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- Opinions (D§31, D§34, D§35) -----------------------------------------------------------


DEADLINE = inline_serializer(
    "StationDeadline",
    {
        "due": serializers.DateField(),
        "explanation": serializers.CharField(),
        "provisional": serializers.BooleanField(),
    },
)


def deadline_object(forwarding: Forwarding) -> dict[str, object]:
    """The §7 deadline object {"due", "explanation", "provisional"} of a forwarding."""
    result = forwarding_deadline(forwarding).as_api()
    # The stored date is the one reminders and filters use; it is what clients see.
    result["due"] = forwarding.reply_due.isoformat()
    result["provisional"] = forwarding.reply_due_provisional
    return result


class StationForwardingSerializer(serializers.ModelSerializer):
    reply_due = serializers.SerializerMethodField()

    class Meta:
        model = Forwarding
        fields = ["id", "body_name", "unit", "note", "forwarded_on", "reply_due", "outcome", "closed_on"]

    @extend_schema_field(DEADLINE)
    def get_reply_due(self, forwarding: Forwarding) -> dict[str, object]:
        return deadline_object(forwarding)


class StationOpinionSerializer(serializers.ModelSerializer):
    forwardings = StationForwardingSerializer(many=True, read_only=True)
    reply_due = serializers.SerializerMethodField()

    class Meta:
        model = Opinion
        fields = [
            "id", "tracking_code", "station", "point", "deputy", "reception", "source", "visitor_name",
            "visitor_contact", "visitor_address", "matter", "category", "received_on", "received_by",
            "summary", "is_secret", "status", "reply_due", "forwardings", "answer", "answered_on",
            "feedback_on", "feedback_way", "dismissal_reason", "suggestion", "created_at",
        ]  # fmt: skip
        read_only_fields = [
            "suggestion",
            "tracking_code", "point", "deputy", "source", "summary", "is_secret", "status", "answer",
            "answered_on", "feedback_on", "feedback_way", "dismissal_reason", "created_at",
        ]  # fmt: skip
        extra_kwargs = {
            "station": {"required": True, "allow_null": False, "help_text": "a station or point id"},
            "received_on": {"required": False},
            "received_by": {"required": False},
            "category": {"required": False},
        }

    @extend_schema_field(DEADLINE)
    def get_reply_due(self, opinion: Opinion) -> dict[str, object] | None:
        """The answer due date of the forwarding that is open, if any."""
        forwarding = next((f for f in opinion.forwardings.all() if f.is_open), None)
        return deadline_object(forwarding) if forwarding else None


class OpinionFilter(django_filters.FilterSet):
    station = django_filters.NumberFilter(method="at_station", label="station")
    deputy = django_filters.NumberFilter(method="of_deputy", label="deputy")
    overdue = django_filters.BooleanFilter(method="is_overdue", label="overdue")
    due_before = django_filters.DateFilter(method="due_by", label="due_before")
    q = django_filters.CharFilter(method="search", label="q")
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Opinion
        fields = ["station", "status", "category", "source", "deputy", "is_secret"]

    def at_station(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(station_id=value) | Q(point_id=value))

    def of_deputy(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        received = Opinion.received_by.through.objects.filter(opinion_id=OuterRef("pk"), deputy_id=value)
        return queryset.filter(Q(deputy_id=value) | Exists(received))

    def is_overdue(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return opinions_overdue(queryset, value)

    def due_by(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        due = Forwarding.objects.filter(
            opinion_id=OuterRef("pk"), outcome=Forwarding.Outcome.OPEN, reply_due__lte=value
        )
        return queryset.filter(Exists(due))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return opinions_matching(queryset, value)


class StationOpinionClassifySerializer(serializers.Serializer):
    summary = serializers.CharField()
    category = serializers.ChoiceField(choices=workflow.Category.choices)
    is_secret = serializers.BooleanField(default=False)


class StationOpinionForwardSerializer(serializers.Serializer):
    body_name = serializers.CharField(required=False, allow_blank=True, default="")
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    forwarded_on = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("body_name") and not attrs.get("unit"):
            raise serializers.ValidationError({"body_name": "name the unit or body"})
        return attrs


class StationOpinionAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()
    answered_on = serializers.DateField(required=False)


class StationOpinionFeedbackSerializer(serializers.Serializer):
    way = serializers.ChoiceField(choices=Opinion.FeedbackWay.choices)
    fed_back_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class StationOpinionToSuggestionSerializer(serializers.Serializer):
    """All optional: the draft is prefilled from the matter; the deputy edits it later."""

    title = serializers.CharField(required=False, allow_blank=True, default="")
    body = serializers.CharField(required=False, allow_blank=True, default="")
    subject_area = serializers.PrimaryKeyRelatedField(
        queryset=SubjectArea.objects.all(), required=False, allow_null=True, default=None
    )


class OpinionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Constituent opinions: registered at stations and points, or sent online; station staff
    summarise, forward and answer them (D§31, D§35)."""

    serializer_class = StationOpinionSerializer
    filterset_class = OpinionFilter
    ordering_fields = ["received_on", "id"]

    def get_queryset(self) -> QuerySet[Opinion]:
        return opinions_visible_to(self.request.user).prefetch_related("forwardings", "received_by")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        opinion = services.opinion_register(
            venue=data["station"],
            visitor_name=data["visitor_name"],
            visitor_contact=data["visitor_contact"],
            visitor_address=data.get("visitor_address", ""),
            matter=data["matter"],
            category=data.get("category", ""),
            received_on=data.get("received_on"),
            received_by=data.get("received_by", []),
            reception=data.get("reception"),
            actor=_actor(request),
        )
        return Response(self._fresh(opinion), status=status.HTTP_201_CREATED)

    def _fresh(self, opinion: Opinion) -> dict[str, Any]:
        fresh = Opinion.objects.prefetch_related("forwardings", "received_by").get(pk=opinion.pk)
        return dict(self.get_serializer(fresh).data)

    @extend_schema(request=None, responses=StationOpinionSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """A point sends its record up to the station (D§31)."""
        opinion = services.opinion_report(opinion=self.get_object(), actor=_actor(request))
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionClassifySerializer, responses=StationOpinionSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(StationOpinionClassifySerializer, request)
        opinion = services.opinion_classify(opinion=self.get_object(), actor=_actor(request), **data)
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionForwardSerializer, responses=StationOpinionSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(StationOpinionForwardSerializer, request)
        forwarding = services.opinion_forward(
            opinion=self.get_object(),
            body_name=data["body_name"],
            unit=data.get("unit"),
            note=data["note"],
            forwarded_on=data.get("forwarded_on"),
            actor=_actor(request),
        )
        return Response(self._fresh(forwarding.opinion))

    @extend_schema(request=StationOpinionAnswerSerializer, responses=StationOpinionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(StationOpinionAnswerSerializer, request)
        opinion = services.opinion_answer(
            opinion=self.get_object(),
            answer=data["answer"],
            answered_on=data.get("answered_on"),
            actor=_actor(request),
        )
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionFeedbackSerializer, responses=StationOpinionSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(StationOpinionFeedbackSerializer, request)
        opinion = services.opinion_feedback(
            opinion=self.get_object(),
            way=data["way"],
            fed_back_on=data.get("fed_back_on"),
            note=data["note"],
            actor=_actor(request),
        )
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionToSuggestionSerializer, responses={201: StationOpinionSerializer})
    @action(detail=True, methods=["post"], url_path="to-suggestion")
    def to_suggestion(self, request: Request, pk: str | None = None) -> Response:
        """A deputy who received the matter turns it into a draft suggestion, linked to it."""
        data = _valid(StationOpinionToSuggestionSerializer, request)
        opinion = self.get_object()
        services.opinion_to_suggestion(opinion=opinion, actor=_actor(request), **data)
        return Response(self._fresh(opinion), status=status.HTTP_201_CREATED)

    @extend_schema(request=StationReasonSerializer, responses=StationOpinionSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(StationReasonSerializer, request)
        opinion = services.opinion_dismiss(
            opinion=self.get_object(),
            reason=data["reason"],
            actor=_actor(request),
        )
        return Response(self._fresh(opinion))


# --- Public, no login (D§30(3), D§35, D§37) ----------------------------------------------


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
    station = serializers.PrimaryKeyRelatedField(
        queryset=Station.objects.filter(is_active=True), required=False
    )
    deputy = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.filter(status=Deputy.Status.ACTIVE), required=False
    )
    name = serializers.CharField(max_length=50)
    contact = serializers.CharField(max_length=100)
    matter = serializers.CharField(max_length=5000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("station")) == bool(attrs.get("deputy")):
            raise serializers.ValidationError("send it to a station or to a deputy, one of the two")
        return attrs


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
        raise DomainError("rate_limited", workflow.message("rate_limited"), status=429)


class PublicOpinionView(APIView):
    """POST public/opinions/: anyone sends an opinion to a station or a deputy (D§37)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        request=StationPublicOpinionSerializer,
        responses={201: inline_serializer("StationTrackingCode", {"tracking_code": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        _limit(request, "public-opinion", settings.PUBLIC_OPINION_RATE)
        data = _valid(StationPublicOpinionSerializer, request)
        opinion = services.opinion_submit_online(
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
