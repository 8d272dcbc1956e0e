"""Trainings (D§41), inspections and research (D§22–D§27) with the bodies' feedback: each step
is an action of its table; the services decide, the API only reads the request."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.serializers import DEADLINE, WithActions
from congress.lists import PortalFilterSet
from congress.models import Organisation
from deputies.api.base import StepReasonSerializer, actor, valid
from deputies.models import Deputy, Feedback, Inspection, OfficialMeeting, Training
from deputies.permissions import feedbacks_visible_to, inspections_visible_to, trainings_visible_to
from deputies.reminders import feedback_deadline
from deputies.services.feedback import feedback_give
from deputies.services.inspections import (
    inspection_cancel,
    inspection_create,
    inspection_edit,
    inspection_forward,
    inspection_report,
    meeting_arrange,
    meeting_request,
)
from deputies.services.trainings import training_cancel, training_hold, training_invite, training_plan
from deputies.workflow.checks import refusal

DEPUTIES = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True)


class TrainingSerializer(serializers.ModelSerializer):
    deputies = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)

    class Meta:
        model = Training
        fields = ["id", "congress", "title", "kind", "date", "place", "status", "summary", "deputies"]
        read_only_fields = ["status", "summary"]


class TrainingDetailSerializer(WithActions, TrainingSerializer):
    attended = serializers.SerializerMethodField()

    class Meta(TrainingSerializer.Meta):
        fields = [*TrainingSerializer.Meta.fields, "attended", "actions"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_attended(self, training: Training) -> list[int]:
        return [i.deputy_id for i in training.invitations.all() if i.attended]


class TrainingFilter(PortalFilterSet):
    class Meta:
        model = Training
        fields = ["congress", "status", "kind"]


class TrainingInviteSerializer(serializers.Serializer):
    deputies = DEPUTIES


class TrainingHoldSerializer(serializers.Serializer):
    attended = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True)
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class TrainingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = TrainingFilter
    ordering_fields = ["date", "id"]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return TrainingSerializer if self.action == "list" else TrainingDetailSerializer

    def get_queryset(self) -> QuerySet[Training]:
        return trainings_visible_to(self.request.user).prefetch_related("deputies", "invitations")

    @extend_schema(request=TrainingSerializer, responses={201: TrainingDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(TrainingSerializer, request)
        training = training_plan(
            congress=data["congress"], title=data["title"], kind=data.get("kind", Training.Kind.COLLECTIVE),
            date=data["date"], place=data.get("place", ""), deputies=data.get("deputies", []), actor=actor(request),
        )  # fmt: skip
        return Response(
            TrainingDetailSerializer(training, context=self.get_serializer_context()).data, status=201
        )

    def _answer(self, training: Training) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=training.pk)).data)

    @extend_schema(request=TrainingInviteSerializer, responses=TrainingDetailSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        data = valid(TrainingInviteSerializer, request)
        training = self.get_object()
        training_invite(training=training, deputies=data["deputies"], actor=actor(request))
        return self._answer(training)

    @extend_schema(request=TrainingHoldSerializer, responses=TrainingDetailSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, pk: str | None = None) -> Response:
        data = valid(TrainingHoldSerializer, request)
        return self._answer(training_hold(training=self.get_object(), actor=actor(request), **data))

    @extend_schema(request=StepReasonSerializer, responses=TrainingDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StepReasonSerializer, request)
        return self._answer(
            training_cancel(training=self.get_object(), reason=data["reason"], actor=actor(request))
        )


# --- Inspections and feedback ------------------------------------------------------------------


class FeedbackSerializer(serializers.ModelSerializer):
    feedback_due = serializers.SerializerMethodField()
    body_name = serializers.CharField(source="body.name", read_only=True)

    class Meta:
        model = Feedback
        fields = [
            "id",
            "inspection",
            "body",
            "body_name",
            "status",
            "received_on",
            "feedback_due",
            "text",
            "given_on",
        ]

    @extend_schema_field(DEADLINE)
    def get_feedback_due(self, feedback: Feedback) -> dict[str, object]:
        """The §7 deadline object; the stored date is the one reminders and the board use."""
        result = feedback_deadline(feedback).as_api()
        result["due"] = feedback.feedback_due.isoformat()
        result["provisional"] = feedback.feedback_due_provisional
        return result


class FeedbackDetailSerializer(WithActions, FeedbackSerializer):
    class Meta(FeedbackSerializer.Meta):
        fields = [*FeedbackSerializer.Meta.fields, "actions"]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = OfficialMeeting
        fields = ["id", "official", "body", "requested_on", "arranged_on", "note"]


class InspectionSerializer(serializers.ModelSerializer):
    deputies = DEPUTIES
    organiser = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, help_text="default: the user's own body"
    )

    class Meta:
        model = Inspection
        fields = [
            "id", "congress", "kind", "title", "organiser", "date", "end_date", "places", "deputies", "findings",
            "opinions", "report", "status",
        ]  # fmt: skip
        read_only_fields = ["status"]
        extra_kwargs = {"report": {"required": False}}


class InspectionDetailSerializer(WithActions, InspectionSerializer):
    feedbacks = serializers.SerializerMethodField()
    meetings = MeetingSerializer(many=True, read_only=True)

    class Meta(InspectionSerializer.Meta):
        fields = [*InspectionSerializer.Meta.fields, "feedbacks", "meetings", "actions"]

    @extend_schema_field(FeedbackSerializer(many=True))
    def get_feedbacks(self, inspection: Inspection) -> list[dict[str, Any]]:
        request = self.context.get("request")
        visible = feedbacks_visible_to(request.user) if request else Feedback.objects.none()
        rows = visible.filter(inspection=inspection).select_related("body")
        return list(FeedbackSerializer(rows, many=True).data)


class InspectionEditSerializer(serializers.Serializer):
    title = serializers.CharField()
    date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    places = serializers.CharField(required=False, allow_blank=True, default="")
    deputies = DEPUTIES


class MeetingArrangeSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=OfficialMeeting.objects.all())
    held_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class InspectionFilter(PortalFilterSet):
    class Meta:
        model = Inspection
        fields = ["congress", "status", "kind", "organiser", "deputies"]


class InspectionReportSerializer(serializers.Serializer):
    report = serializers.CharField()
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    opinions = serializers.CharField(required=False, allow_blank=True, default="")


class InspectionForwardSerializer(serializers.Serializer):
    bodies = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), many=True)
    received_on = serializers.DateField(required=False, allow_null=True, default=None)


class MeetingRequestSerializer(serializers.Serializer):
    official = serializers.CharField()
    body = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class InspectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = InspectionFilter
    ordering_fields = ["date", "id"]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return InspectionSerializer if self.action == "list" else InspectionDetailSerializer

    def get_queryset(self) -> QuerySet[Inspection]:
        return (
            inspections_visible_to(self.request.user)
            .select_related("organiser")
            .prefetch_related("deputies", "meetings")
        )

    @extend_schema(request=InspectionSerializer, responses={201: InspectionDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(InspectionSerializer, request)
        organiser = data.get("organiser") or actor(request).organisation
        if organiser is None:
            raise refusal("organiser_invalid", status=400)
        inspection = inspection_create(
            congress=data["congress"], kind=data.get("kind", Inspection.Kind.INSPECTION), title=data["title"],
            organiser=organiser, date=data["date"], end_date=data.get("end_date"), places=data.get("places", ""),
            deputies=data["deputies"], report=data.get("report", ""), findings=data.get("findings", ""),
            opinions=data.get("opinions", ""), actor=actor(request),
        )  # fmt: skip
        return Response(
            InspectionDetailSerializer(inspection, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def _answer(self, inspection: Inspection) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=inspection.pk)).data)

    @extend_schema(request=InspectionEditSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request: Request, pk: str | None = None) -> Response:
        data = valid(InspectionEditSerializer, request)
        return self._answer(inspection_edit(inspection=self.get_object(), actor=actor(request), **data))

    @extend_schema(request=MeetingArrangeSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="arrange-meeting")
    def arrange_meeting(self, request: Request, pk: str | None = None) -> Response:
        data = valid(MeetingArrangeSerializer, request)
        inspection = self.get_object()
        if data["meeting"].inspection_id != inspection.pk:
            raise NotFound
        meeting_arrange(
            meeting=data["meeting"], held_on=data["held_on"], note=data["note"], actor=actor(request)
        )
        return self._answer(inspection)

    @extend_schema(request=InspectionReportSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        data = valid(InspectionReportSerializer, request)
        return self._answer(inspection_report(inspection=self.get_object(), actor=actor(request), **data))

    @extend_schema(request=InspectionForwardSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str | None = None) -> Response:
        data = valid(InspectionForwardSerializer, request)
        inspection = self.get_object()
        inspection_forward(inspection=inspection, actor=actor(request), **data)
        return self._answer(inspection)

    @extend_schema(request=StepReasonSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StepReasonSerializer, request)
        return self._answer(
            inspection_cancel(inspection=self.get_object(), reason=data["reason"], actor=actor(request))
        )

    @extend_schema(request=MeetingRequestSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="request-meeting")
    def request_meeting(self, request: Request, pk: str | None = None) -> Response:
        data = valid(MeetingRequestSerializer, request)
        inspection = self.get_object()
        meeting_request(inspection=inspection, actor=actor(request), **data)
        return self._answer(inspection)


class FeedbackFilter(PortalFilterSet):
    class Meta:
        model = Feedback
        fields = ["inspection", "body", "status"]


class FeedbackGiveSerializer(serializers.Serializer):
    text = serializers.CharField()
    given_on = serializers.DateField(required=False, allow_null=True, default=None)


class FeedbackViewSet(viewsets.ReadOnlyModelViewSet):
    """Each body's feedback on a forwarded report (D§27), with its 3-month clock."""

    filterset_class = FeedbackFilter
    ordering_fields = ["feedback_due", "id"]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return FeedbackSerializer if self.action == "list" else FeedbackDetailSerializer

    def get_queryset(self) -> QuerySet[Feedback]:
        return feedbacks_visible_to(self.request.user).select_related("body", "inspection")

    @extend_schema(request=FeedbackGiveSerializer, responses=FeedbackDetailSerializer)
    @action(detail=True, methods=["post"])
    def give(self, request: Request, pk: str | None = None) -> Response:
        data = valid(FeedbackGiveSerializer, request)
        return Response(
            self.get_serializer(feedback_give(feedback=self.get_object(), actor=actor(request), **data)).data
        )
