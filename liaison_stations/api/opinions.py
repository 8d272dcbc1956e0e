"""Opinions (D§31, D§34, D§35): registered at stations and points or sent online; station
staff summarise, forward and answer them, and a deputy may make one a suggestion. Each step is
an action; the service decides, the API only reads the request."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.serializers import DEADLINE, OPTIONAL_DEADLINE, WithActions
from congress.lists import PortalFilterSet
from congress.models import Organisation
from liaison_stations.api.base import StationReasonSerializer, actor, valid
from liaison_stations.models import Forwarding, Opinion
from liaison_stations.selectors import (
    forwarding_deadline,
    open_forwarding,
    opinions_matching,
    opinions_overdue,
    opinions_visible_to,
)
from liaison_stations.services.opinions import (
    opinion_answer,
    opinion_classify,
    opinion_dismiss,
    opinion_feedback,
    opinion_forward,
    opinion_register,
    opinion_report,
)
from liaison_stations.services.suggestions import opinion_to_suggestion
from liaison_stations.workflow import Category
from suggestions.models import SubjectArea


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
    # Blank until the visitor is told (DRF drops allow_blank from a read-only model field, so
    # the schema would not admit "").
    feedback_way = serializers.ChoiceField(
        choices=Opinion.FeedbackWay.choices, allow_blank=True, read_only=True
    )

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

    @extend_schema_field(OPTIONAL_DEADLINE)
    def get_reply_due(self, opinion: Opinion) -> dict[str, object] | None:
        """The answer due date of the forwarding that is open, if any."""
        forwarding = open_forwarding(opinion)
        return deadline_object(forwarding) if forwarding else None


class StationOpinionDetailSerializer(WithActions, StationOpinionSerializer):
    class Meta(StationOpinionSerializer.Meta):
        fields = [*StationOpinionSerializer.Meta.fields, "actions"]


class OpinionFilter(PortalFilterSet):
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
    category = serializers.ChoiceField(choices=Category.choices)
    is_secret = serializers.BooleanField(default=False)


class StationOpinionForwardSerializer(serializers.Serializer):
    body_name = serializers.CharField(required=False, allow_blank=True, default="")
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    forwarded_on = serializers.DateField(required=False)


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

    filterset_class = OpinionFilter
    ordering_fields = ["received_on", "id"]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        # A list stays lean: each row's actions would ask who runs its station again. A new
        # opinion is read as before and answered as a detail.
        if self.action in ("list", "create"):
            return StationOpinionSerializer
        return StationOpinionDetailSerializer

    def get_queryset(self) -> QuerySet[Opinion]:
        return opinions_visible_to(self.request.user).prefetch_related("forwardings", "received_by")

    @extend_schema(responses={201: StationOpinionDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        opinion = opinion_register(
            venue=data["station"],
            visitor_name=data["visitor_name"],
            visitor_contact=data["visitor_contact"],
            visitor_address=data.get("visitor_address", ""),
            matter=data["matter"],
            category=data.get("category", ""),
            received_on=data.get("received_on"),
            received_by=data.get("received_by", []),
            reception=data.get("reception"),
            actor=actor(request),
        )
        return Response(self._fresh(opinion), status=status.HTTP_201_CREATED)

    def _fresh(self, opinion: Opinion) -> dict[str, Any]:
        fresh = Opinion.objects.prefetch_related("forwardings", "received_by").get(pk=opinion.pk)
        return dict(StationOpinionDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=StationOpinionDetailSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """A point sends its record up to the station (D§31)."""
        opinion = opinion_report(opinion=self.get_object(), actor=actor(request))
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionClassifySerializer, responses=StationOpinionDetailSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StationOpinionClassifySerializer, request)
        opinion = opinion_classify(opinion=self.get_object(), actor=actor(request), **data)
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionForwardSerializer, responses=StationOpinionDetailSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StationOpinionForwardSerializer, request)
        forwarding = opinion_forward(
            opinion=self.get_object(),
            body_name=data["body_name"],
            unit=data.get("unit"),
            note=data["note"],
            forwarded_on=data.get("forwarded_on"),
            actor=actor(request),
        )
        return Response(self._fresh(forwarding.opinion))

    @extend_schema(request=StationOpinionAnswerSerializer, responses=StationOpinionDetailSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StationOpinionAnswerSerializer, request)
        opinion = opinion_answer(
            opinion=self.get_object(),
            answer=data["answer"],
            answered_on=data.get("answered_on"),
            actor=actor(request),
        )
        return Response(self._fresh(opinion))

    @extend_schema(request=StationOpinionFeedbackSerializer, responses=StationOpinionDetailSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StationOpinionFeedbackSerializer, request)
        opinion = opinion_feedback(
            opinion=self.get_object(),
            way=data["way"],
            fed_back_on=data.get("fed_back_on"),
            note=data["note"],
            actor=actor(request),
        )
        return Response(self._fresh(opinion))

    @extend_schema(
        request=StationOpinionToSuggestionSerializer, responses={201: StationOpinionDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path="to-suggestion")
    def to_suggestion(self, request: Request, pk: str | None = None) -> Response:
        """A deputy who received the matter turns it into a draft suggestion, linked to it."""
        data = valid(StationOpinionToSuggestionSerializer, request)
        opinion = self.get_object()
        opinion_to_suggestion(opinion=opinion, actor=actor(request), **data)
        return Response(self._fresh(opinion), status=status.HTTP_201_CREATED)

    @extend_schema(request=StationReasonSerializer, responses=StationOpinionDetailSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StationReasonSerializer, request)
        opinion = opinion_dismiss(
            opinion=self.get_object(),
            reason=data["reason"],
            actor=actor(request),
        )
        return Response(self._fresh(opinion))
