"""The motions API (WORKFLOWS.md §7): `motions` with its actions, the review committee's
members, meetings and votes, and the review report. Views are thin: they parse, call one
service and return the motion as it now stands."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from congress.models import Organisation, Session, User
from deputies.models import Delegation, Deputy
from motions import report as review_report
from motions import services
from motions.models import (
    REVIEW_BODY_KINDS,
    Attachment,
    Category,
    CoSignature,
    Hearing,
    Kind,
    Motion,
    MotionEvent,
    PlenaryResult,
    PresidiumDecision,
    Recommendation,
    Reconsideration,
    ReportVote,
    ReviewMeeting,
    ReviewMember,
)
from motions.selectors import merge_label, motion_list, report_deadline
from motions.workflow import Status
from suggestions.models import SubjectArea

DEADLINE = inline_serializer(
    "MotionDeadline",
    {
        "due": serializers.DateField(),
        "explanation": serializers.CharField(),
        "provisional": serializers.BooleanField(),
    },
)


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


# --- read ------------------------------------------------------------------------------------


class MotionCoSignerSerializer(serializers.Serializer):
    deputy = serializers.IntegerField()
    name = serializers.CharField()
    invited_at = serializers.DateTimeField()
    confirmed = serializers.BooleanField(help_text="confirmed the current text (M§12)")


class RecommendationSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting.number")

    class Meta:
        model = Recommendation
        fields = ["kind", "body", "reason", "meeting", "recorded_at"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PresidiumDecision
        fields = ["kind", "body", "decided_at", "note"]


class ReconsiderationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reconsideration
        fields = [
            "id",
            "signers",
            "proposers_total",
            "reason",
            "requested_at",
            "outcome",
            "answer",
            "answered_at",
        ]


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "kind", "name", "uploaded_at"]


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = ["id", "kind", "body", "held_at", "place", "proposers_invited", "attended_by", "summary"]


class MotionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(
        source="number_text", read_only=True, help_text="0001, 0002, … in filing order"
    )
    numbers = serializers.SerializerMethodField(help_text="with merged motions: 0002号与0016号")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    co_signers = serializers.SerializerMethodField()
    report_due = serializers.SerializerMethodField()
    recommendation = serializers.SerializerMethodField()
    decisions = DecisionSerializer(many=True, read_only=True)
    reconsiderations = ReconsiderationSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    hearings = HearingSerializer(many=True, read_only=True)
    plenary_result = serializers.SerializerMethodField()
    recess_report = serializers.SerializerMethodField()
    conclusion = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = [
            "id",
            "number",
            "numbers",
            "session",
            "kind",
            "status",
            "status_label",
            "title",
            "reason",
            "grounds",
            "solution",
            "category",
            "regulation_action",
            "text_version",
            "lead_deputy",
            "co_signers",
            "delegation",
            "plenary_date",
            "member_count",
            "votes_for",
            "head_signed_by",
            "submitted_at",
            "subject_body",
            "preliminary_opinion",
            "merged_into",
            "recommendation",
            "decisions",
            "reconsiderations",
            "review_body",
            "report_due",
            "attachments",
            "hearings",
            "plenary_result",
            "recess_report",
            "conclusion",
            "converted_to",
            "changed_at",
        ]

    def get_numbers(self, obj: Motion) -> str:
        return merge_label(obj)

    @extend_schema_field(MotionCoSignerSerializer(many=True))
    def get_co_signers(self, obj: Motion) -> list[dict[str, Any]]:
        # Prefetched with their deputies by the viewset: no query per motion.
        return [
            {
                "deputy": s.deputy_id,
                "name": s.deputy.name,
                "invited_at": s.invited_at,
                "confirmed": s.confirmed_version == obj.text_version,
            }
            for s in obj.cosignatures.all()
        ]

    @extend_schema_field(DEADLINE)
    def get_report_due(self, obj: Motion) -> dict[str, object] | None:
        clock = report_deadline(obj)
        return clock.as_api() if clock else None

    @extend_schema_field(RecommendationSerializer(allow_null=True))
    def get_recommendation(self, obj: Motion) -> dict[str, Any] | None:
        recommendation = Recommendation.objects.filter(motion=obj).select_related("meeting").first()
        return RecommendationSerializer(recommendation).data if recommendation else None

    @extend_schema_field(
        inline_serializer(
            "PlenaryResult",
            {
                "outcome": serializers.CharField(),
                "voted_at": serializers.DateTimeField(),
                "votes_for": serializers.IntegerField(allow_null=True),
                "votes_against": serializers.IntegerField(allow_null=True),
                "abstentions": serializers.IntegerField(allow_null=True),
            },
            allow_null=True,
        )
    )
    def get_plenary_result(self, obj: Motion) -> dict[str, Any] | None:
        result = PlenaryResult.objects.filter(motion=obj).first()
        if result is None:
            return None
        return {
            "outcome": result.outcome,
            "voted_at": result.voted_at,
            "votes_for": result.votes_for,
            "votes_against": result.votes_against,
            "abstentions": result.abstentions,
        }

    @extend_schema_field(
        inline_serializer(
            "RecessReport",
            {
                "body": serializers.IntegerField(),
                "summary": serializers.CharField(),
                "submitted_at": serializers.DateTimeField(),
                "chairpersons_meeting_on": serializers.DateField(allow_null=True),
                "file": serializers.CharField(),
            },
            allow_null=True,
        )
    )
    def get_recess_report(self, obj: Motion) -> dict[str, Any] | None:
        report = getattr(obj, "recess_report", None)
        if report is None:
            return None
        return {
            "body": report.body_id,
            "summary": report.summary,
            "submitted_at": report.submitted_at,
            "chairpersons_meeting_on": report.chairpersons_meeting_on,
            "file": reverse("motions:report-file", args=[obj.pk]),
        }

    @extend_schema_field(
        inline_serializer(
            "Conclusion",
            {"sc_meeting_on": serializers.DateField(), "text": serializers.CharField()},
            allow_null=True,
        )
    )
    def get_conclusion(self, obj: Motion) -> dict[str, Any] | None:
        conclusion = getattr(obj, "conclusion", None)
        return {"sc_meeting_on": conclusion.sc_meeting_on, "text": conclusion.text} if conclusion else None


class MotionListSerializer(MotionSerializer):
    """The list keeps to what a list shows; the detail carries the rest."""

    class Meta(MotionSerializer.Meta):
        fields = [
            "id",
            "number",
            "numbers",
            "session",
            "kind",
            "status",
            "status_label",
            "title",
            "category",
            "lead_deputy",
            "co_signers",
            "delegation",
            "submitted_at",
            "review_body",
            "report_due",
            "changed_at",
        ]


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_full_name", default=None)

    class Meta:
        model = MotionEvent
        fields = ["at", "actor", "action", "from_status", "to_status", "note", "data"]


# --- write -----------------------------------------------------------------------------------


class MotionCreateSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(max_length=200)
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    grounds = serializers.CharField(allow_blank=True, required=False, default="")
    solution = serializers.CharField(allow_blank=True, required=False, default="")
    category = serializers.ChoiceField(choices=Category.choices)
    regulation_action = serializers.ChoiceField(
        choices=Motion.RegulationAction.choices, required=False, allow_blank=True, default=""
    )
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)
    lead_deputy = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), required=False, allow_null=True
    )
    delegation = serializers.PrimaryKeyRelatedField(
        queryset=Delegation.objects.all(), required=False, allow_null=True
    )


class MotionUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    reason = serializers.CharField(allow_blank=True, required=False)
    grounds = serializers.CharField(allow_blank=True, required=False)
    solution = serializers.CharField(allow_blank=True, required=False)
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    regulation_action = serializers.ChoiceField(
        choices=Motion.RegulationAction.choices, required=False, allow_blank=True
    )
    plenary_date = serializers.DateField(required=False)
    member_count = serializers.IntegerField(min_value=1, required=False)
    votes_for = serializers.IntegerField(min_value=0, required=False)
    head_signed_by = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False)


def _body_field(**kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind__in=REVIEW_BODY_KINDS), **kwargs
    )


class InviteSerializer(serializers.Serializer):
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True)


class MotionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
    consented_at = serializers.DateTimeField(
        required=False, help_text="on_agenda only: when the presidium consented (D§11); secretariat"
    )


class ClassifySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    subject_body = _body_field(allow_null=True, required=False)
    preliminary_opinion = serializers.CharField(allow_blank=True, required=False, default="")


class OpinionRequestSerializer(serializers.Serializer):
    body = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    question = serializers.CharField(allow_blank=True, required=False, default="")


class OpinionAnswerSerializer(serializers.Serializer):
    opinion = serializers.IntegerField(help_text="the opinion request's id")
    text = serializers.CharField()


class RecommendSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=ReviewMeeting.objects.all())
    kind = serializers.ChoiceField(choices=Recommendation.Kind.choices)
    body = _body_field(required=False, allow_null=True)
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class MotionMergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(queryset=Motion.objects.all())
    meeting = serializers.PrimaryKeyRelatedField(queryset=ReviewMeeting.objects.all())
    reason = serializers.CharField(allow_blank=True, required=False, default="")


DECISION_KINDS = [
    (k.value, k.label) for k in PresidiumDecision.Kind if k != PresidiumDecision.Kind.WITHDRAWAL_CONSENT
]


class DecideSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DECISION_KINDS)
    body = _body_field(required=False, allow_null=True)
    decided_at = serializers.DateTimeField(required=False)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class ReconsiderationRequestSerializer(serializers.Serializer):
    signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True)
    reason = serializers.CharField()


class ReconsiderationAnswerSerializer(serializers.Serializer):
    reconsideration = serializers.IntegerField(required=False, help_text="default: the open request")
    outcome = serializers.ChoiceField(choices=Reconsideration.Outcome.choices)
    answer = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=DECISION_KINDS, required=False, help_text="revised: the new decision"
    )
    body = _body_field(required=False, allow_null=True)
    answered_at = serializers.DateTimeField(required=False)


class HearingCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Hearing.Kind.choices)
    held_at = serializers.DateTimeField()
    place = serializers.CharField(allow_blank=True, required=False, default="")
    summary = serializers.CharField(allow_blank=True, required=False, default="")
    attended_by = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=PlenaryResult.Outcome.choices)
    voted_at = serializers.DateTimeField()
    votes_for = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    votes_against = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    abstentions = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class ReportUploadSerializer(serializers.Serializer):
    summary = serializers.CharField()
    file = serializers.FileField()
    chairpersons_meeting_on = serializers.DateField(required=False, allow_null=True)


class ConcludeSerializer(serializers.Serializer):
    sc_meeting_on = serializers.DateField()
    text = serializers.CharField()


class RefileSerializer(serializers.Serializer):
    subject_area = serializers.PrimaryKeyRelatedField(queryset=SubjectArea.objects.all())


class AttachmentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Attachment.Kind.choices)
    file = serializers.FileField()


# --- the motions collection ----------------------------------------------------------------------


class MotionFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    session = django_filters.NumberFilter(field_name="session_id")
    category = django_filters.ChoiceFilter(choices=Category.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    deputy = django_filters.NumberFilter(method="filter_deputy", label="deputy")
    delegation = django_filters.NumberFilter(field_name="delegation_id")
    review_body = django_filters.NumberFilter(field_name="review_body_id")
    due_before = django_filters.DateFilter(field_name="report_due", lookup_expr="lt")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="overdue")
    q = django_filters.CharFilter(method="search", label="q")

    class Meta:
        model = Motion
        fields = ["status", "session", "category", "kind", "deputy", "delegation", "review_body", "q"]

    def filter_deputy(self, queryset: QuerySet[Motion], name: str, value: int) -> QuerySet[Motion]:
        """Motions the deputy leads or co-signed (confirmed)."""
        return queryset.filter(
            Q(lead_deputy_id=value)
            | Q(cosignatures__deputy_id=value, cosignatures__confirmed_at__isnull=False)
        ).distinct()

    def filter_overdue(self, queryset: QuerySet[Motion], name: str, value: bool) -> QuerySet[Motion]:
        late = Q(status=Status.REFERRED, report_due__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def search(self, queryset: QuerySet[Motion], name: str, value: str) -> QuerySet[Motion]:
        return search_motions(queryset, value)


def search_motions(queryset: QuerySet[Motion], value: str) -> QuerySet[Motion]:
    """Title, text, lead deputy, delegation, or the number (16, 0016, 0016号)."""
    value = value.strip()
    condition = (
        Q(title__icontains=value)
        | Q(reason__icontains=value)
        | Q(solution__icontains=value)
        | Q(lead_deputy__name__icontains=value)
        | Q(delegation__name__icontains=value)
    )
    digits = value.removesuffix("号")
    if digits.isdigit():
        condition |= Q(number=int(digits))
    return queryset.filter(condition)


class MotionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Motions (议案). Drafts are seen only by their lead, invited co-signers and the delegation
    staff who entered them; filed motions by deputies and congress staff."""

    filterset_class = MotionFilter
    ordering_fields = ["number", "submitted_at", "report_due", "changed_at"]
    ordering = ["session", "number", "id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[Motion]:
        return motion_list(self.request.user).prefetch_related(
            Prefetch("cosignatures", queryset=CoSignature.objects.select_related("deputy")),
            "decisions",
            "reconsiderations__signers",
            "attachments",
            "hearings__attended_by",
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "list":
            return MotionListSerializer
        return MotionSerializer

    def _done(self, motion: Motion, code: int = status.HTTP_200_OK) -> Response:
        motion = self.get_queryset().get(pk=motion.pk)
        return Response(MotionSerializer(motion, context=self.get_serializer_context()).data, status=code)

    def _payload(self, serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(request=MotionCreateSerializer, responses={201: MotionSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._payload(MotionCreateSerializer, request)
        motion = services.motion_create(
            actor=_user(request),
            session=data["session"],
            kind=data["kind"],
            title=data["title"],
            reason=data["reason"],
            grounds=data["grounds"],
            solution=data["solution"],
            category=data["category"],
            regulation_action=data["regulation_action"],
            lead_deputy=data.get("lead_deputy"),
            delegation=data.get("delegation"),
            co_signers=data.get("co_signers", []),
        )
        return self._done(motion, status.HTTP_201_CREATED)

    @extend_schema(request=MotionUpdateSerializer, responses=MotionSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Edit a draft: changing the text voids the co-signers' confirmations (M§12)."""
        data = self._payload(MotionUpdateSerializer, request)
        motion = services.motion_update(motion=self.get_object(), actor=_user(request), **data)
        return self._done(motion)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        events = self.get_object().events.select_related("actor")
        return Response(EventSerializer(events, many=True).data)

    @extend_schema(request=AttachmentUploadSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(AttachmentUploadSerializer, request)
        motion = self.get_object()
        services.motion_attach(motion=motion, actor=_user(request), kind=data["kind"], file=data["file"])
        return self._done(motion)

    @extend_schema(request=InviteSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(InviteSerializer, request)
        motion = self.get_object()
        services.motion_invite(motion=motion, actor=_user(request), deputies=data["co_signers"])
        return self._done(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        motion = self.get_object()
        services.motion_confirm(motion=motion, actor=_user(request))
        return self._done(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        motion = self.get_object()
        services.motion_decline(motion=motion, actor=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._done(services.motion_submit(motion=self.get_object(), actor=_user(request)))

    @extend_schema(request=MotionReasonSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """By the proposers; once on the agenda, recorded by the secretariat with the presidium's consent (D§11)."""
        data = self._payload(MotionReasonSerializer, request)
        motion = self.get_object()
        actor = _user(request)
        if motion.status == Status.ON_AGENDA and "consented_at" in data:
            motion = services.motion_withdraw_with_consent(
                motion=motion, actor=actor, reason=data["reason"], consented_at=data["consented_at"]
            )
        else:
            motion = services.motion_withdraw(motion=motion, actor=actor, reason=data["reason"])
        return self._done(motion)

    @extend_schema(
        request=RefileSerializer,
        responses={201: inline_serializer("Refiled", {"suggestion": serializers.IntegerField()})},
    )
    @action(detail=True, methods=["post"], url_path="refile-as-suggestion")
    def refile_as_suggestion(self, request: Request, pk: str | None = None) -> Response:
        """After `motion_deadline_passed`: the draft's text becomes a draft suggestion (M§13, S§14)."""
        data = self._payload(RefileSerializer, request)
        suggestion = services.motion_refile_as_suggestion(
            motion=self.get_object(), actor=_user(request), subject_area=data["subject_area"]
        )
        return Response({"suggestion": suggestion.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ClassifySerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(ClassifySerializer, request)
        motion = services.motion_classify(
            motion=self.get_object(),
            actor=_user(request),
            category=data["category"],
            subject_body=data.get("subject_body"),
            preliminary_opinion=data["preliminary_opinion"],
        )
        return self._done(motion)

    @extend_schema(request=OpinionRequestSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="request-opinion")
    def request_opinion(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(OpinionRequestSerializer, request)
        motion = self.get_object()
        services.motion_request_opinion(
            motion=motion, actor=_user(request), body=data["body"], question=data["question"]
        )
        return self._done(motion)

    @extend_schema(request=OpinionAnswerSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="record-opinion")
    def record_opinion(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(OpinionAnswerSerializer, request)
        motion = self.get_object()
        opinion = get_object_or_404(motion.opinions, pk=data["opinion"])
        services.opinion_record(opinion=opinion, actor=_user(request), text=data["text"])
        return self._done(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="send-to-review")
    def send_to_review(self, request: Request, pk: str | None = None) -> Response:
        return self._done(services.motion_send_to_review(motion=self.get_object(), actor=_user(request)))

    @extend_schema(request=RecommendSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def recommend(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(RecommendSerializer, request)
        motion = self.get_object()
        services.motion_recommend(
            motion=motion,
            actor=_user(request),
            meeting=data["meeting"],
            kind=data["kind"],
            body=data.get("body"),
            reason=data["reason"],
        )
        return self._done(motion)

    @extend_schema(request=MotionMergeSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge this motion into `into` (M§18)."""
        data = self._payload(MotionMergeSerializer, request)
        motion = self.get_object()
        into = get_object_or_404(self.get_queryset(), pk=data["into"].pk)
        services.motion_merge(
            motion=motion, into=into, actor=_user(request), meeting=data["meeting"], reason=data["reason"]
        )
        return self._done(motion)

    @extend_schema(request=DecideSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(DecideSerializer, request)
        motion = self.get_object()
        services.motion_decide(
            motion=motion,
            actor=_user(request),
            kind=data["kind"],
            body=data.get("body"),
            decided_at=data.get("decided_at") or timezone.now(),
            note=data["note"],
        )
        return self._done(motion)

    @extend_schema(request=ReconsiderationRequestSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="request-reconsideration")
    def request_reconsideration(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(ReconsiderationRequestSerializer, request)
        motion = self.get_object()
        services.motion_request_reconsideration(
            motion=motion, actor=_user(request), signers=data["signers"], reason=data["reason"]
        )
        return self._done(motion, status.HTTP_201_CREATED)

    @extend_schema(request=ReconsiderationAnswerSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="answer-reconsideration")
    def answer_reconsideration(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(ReconsiderationAnswerSerializer, request)
        motion = self.get_object()
        requests = motion.reconsiderations.all()
        if "reconsideration" in data:
            pending = get_object_or_404(requests, pk=data["reconsideration"])
        else:
            pending = get_object_or_404(requests, answered_at__isnull=True)
        services.motion_answer_reconsideration(
            reconsideration=pending,
            actor=_user(request),
            outcome=data["outcome"],
            answer=data["answer"],
            answered_at=data.get("answered_at") or timezone.now(),
            kind=data.get("kind", ""),
            body=data.get("body"),
        )
        return self._done(motion)

    @extend_schema(request=HearingCreateSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def hearing(self, request: Request, pk: str | None = None) -> Response:
        """A meeting on the motion with the proposers invited (M§22, M§24, M§26)."""
        data = self._payload(HearingCreateSerializer, request)
        motion = self.get_object()
        services.motion_record_hearing(
            motion=motion,
            actor=_user(request),
            kind=data["kind"],
            held_at=data["held_at"],
            place=data["place"],
            summary=data["summary"],
            attended_by=data.get("attended_by", []),
        )
        return self._done(motion, status.HTTP_201_CREATED)

    @extend_schema(request=OutcomeSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="record-outcome")
    def record_outcome(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(OutcomeSerializer, request)
        motion = self.get_object()
        services.motion_record_outcome(motion=motion, actor=_user(request), **data)
        return self._done(motion)

    @extend_schema(request=ReportUploadSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """The reviewing body's report (multipart: summary, file), due 6 months after the close (M§23)."""
        data = self._payload(ReportUploadSerializer, request)
        motion = self.get_object()
        services.motion_submit_report(
            motion=motion,
            actor=_user(request),
            summary=data["summary"],
            file=data["file"],
            chairpersons_meeting_on=data.get("chairpersons_meeting_on"),
        )
        return self._done(motion)

    @extend_schema(request=ConcludeSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(ConcludeSerializer, request)
        motion = self.get_object()
        services.motion_conclude(motion=motion, actor=_user(request), **data)
        return self._done(motion)


# --- the motion-review committee ------------------------------------------------------------------


class ReviewMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())

    class Meta:
        model = ReviewMember
        fields = ["id", "session", "user", "name", "position"]


class ReviewMemberViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A session's motion-review committee (M§15); the secretariat records it."""

    queryset = ReviewMember.objects.select_related("user")
    serializer_class = ReviewMemberSerializer
    filterset_fields = ["session"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.review_member_add(actor=_user(request), **serializer.validated_data)
        return Response(self.get_serializer(member).data, status=status.HTTP_201_CREATED)


class ReviewMeetingSerializer(serializers.ModelSerializer):
    has_quorum = serializers.BooleanField(read_only=True)
    present = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()

    class Meta:
        model = ReviewMeeting
        fields = [
            "id",
            "session",
            "number",
            "held_at",
            "place",
            "convened_by",
            "members_total",
            "present_count",
            "has_quorum",
            "present",
            "votes",
        ]
        read_only_fields = ["number", "members_total", "present_count"]

    def get_present(self, obj: ReviewMeeting) -> list[int]:
        return [a.member_id for a in obj.attendance.all() if a.present]

    @extend_schema_field(
        inline_serializer(
            "MemberVote", {"member": serializers.IntegerField(), "choice": serializers.CharField()}, many=True
        )
    )
    def get_votes(self, obj: ReviewMeeting) -> list[dict[str, Any]]:
        return [{"member": v.member_id, "choice": v.choice} for v in obj.votes.all()]


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), help_text="ids of the members present")


class VoteSerializer(serializers.Serializer):
    votes = serializers.ListField(
        child=inline_serializer(
            "MemberVoteInput",
            {
                "member": serializers.IntegerField(),
                "choice": serializers.ChoiceField(choices=ReportVote.Choice.choices),
            },
        )
    )


class ReviewMeetingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Meetings of the motion-review committee: attendance (quorum, M§16) and the report vote."""

    queryset = ReviewMeeting.objects.prefetch_related("attendance", "votes")
    serializer_class = ReviewMeetingSerializer
    filterset_fields = ["session"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.review_meeting_create(actor=_user(request), **serializer.validated_data)
        return Response(self.get_serializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AttendanceSerializer, responses=ReviewMeetingSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        serializer = AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.review_meeting_attendance(
            meeting=self.get_object(), actor=_user(request), present=serializer.validated_data["present"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(
        request=VoteSerializer,
        responses=inline_serializer(
            "VoteResult",
            {
                "adopted": serializers.BooleanField(),
                "votes_for": serializers.IntegerField(),
                "members_total": serializers.IntegerField(),
            },
        ),
    )
    @action(detail=True, methods=["post"])
    def vote(self, request: Request, pk: str | None = None) -> Response:
        """The vote on the review report: adopted by more than half of all members (M§16)."""
        serializer = VoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        votes = {v["member"]: v["choice"] for v in serializer.validated_data["votes"]}
        report, adopted = services.review_report_vote(
            meeting=self.get_object(), actor=_user(request), votes=votes
        )
        return Response(
            {"adopted": adopted, "votes_for": report.votes_for, "members_total": report.members_total}
        )


class ApprovalSerializer(serializers.Serializer):
    approved_at = serializers.DateTimeField(required=False, help_text="the presidium's meeting; default now")


class ReviewReportViewSet(viewsets.GenericViewSet):
    """The review report of a session (M§19), generated from its motions; `id` is the session's."""

    queryset = Session.objects.all()

    @extend_schema(
        responses=inline_serializer(
            "ReviewReportContent",
            {
                "session": serializers.IntegerField(),
                "received": serializers.IntegerField(),
                "remaining": serializers.IntegerField(),
                "merges": serializers.ListField(child=serializers.CharField()),
                "adopted_at": serializers.DateTimeField(allow_null=True),
                "approved_at": serializers.DateTimeField(allow_null=True),
                "paragraphs": serializers.ListField(child=serializers.CharField()),
                "items": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        data = review_report.build(self.get_object())
        adoption = data.adoption
        return Response(
            {
                "session": data.session.pk,
                "received": data.received,
                "joint": data.joint,
                "delegation": data.delegation,
                "signatures": data.signatures,
                "remaining": data.remaining,
                "merges": data.merges,
                "withdrawn": data.withdrawn,
                "by_category": [s.__dict__ for s in data.by_category],
                "by_area": [s.__dict__ for s in data.by_area],
                "by_recommendation": [s.__dict__ for s in data.by_recommendation],
                "adopted_at": adoption.adopted_at if adoption else None,
                "votes_for": adoption.votes_for if adoption else None,
                "members_total": adoption.members_total if adoption else None,
                "approved_at": adoption.approved_at if adoption else None,
                "paragraphs": review_report.summary_paragraphs(data),
                "items": [
                    {
                        "numbers": i.numbers,
                        "motions": list(i.motion_ids),
                        "title": i.title,
                        "proposers": i.proposers,
                        "category": i.category,
                        "field": i.area,
                        "recommendation": i.recommendation_kind,
                        "reviewing_body": i.body,
                        "status": i.status,
                        "report_due": i.report_due,
                    }
                    for i in data.items
                ],
            }
        )

    @extend_schema(
        request=inline_serializer(
            "ReportApproval", {"approved_at": serializers.DateTimeField(required=False)}
        ),
        responses=inline_serializer("ReportApproved", {"decided": serializers.IntegerField()}),
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """The presidium passed the report: every recommended motion is decided as recommended."""
        serializer = ApprovalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        approved_at = serializer.validated_data.get("approved_at") or timezone.now()
        decided = services.review_report_approve(
            session=self.get_object(), actor=_user(request), approved_at=approved_at
        )
        return Response({"decided": decided})
