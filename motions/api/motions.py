"""The motions collection of the API (WORKFLOWS.md §7) and its actions. Thin: each action
parses its payload, calls one service and answers the motion as it now stands; what is
allowed is decided by the services and shown in the motion's `actions`."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.pagination import KeysFirstPagination
from congress.models import User
from motions.api.payloads import (
    AttachmentUploadSerializer,
    ClassifySerializer,
    ConcludeSerializer,
    DecideSerializer,
    HearingCreateSerializer,
    InviteSerializer,
    MotionCreateSerializer,
    MotionMergeSerializer,
    MotionReasonSerializer,
    MotionUpdateSerializer,
    NextSessionSerializer,
    NotToVoteSerializer,
    OpinionAnswerSerializer,
    OpinionRequestSerializer,
    OutcomeSerializer,
    RecommendSerializer,
    ReconsiderationAnswerSerializer,
    ReconsiderationRequestSerializer,
    RefileSerializer,
    ReportUploadSerializer,
    ResponsiblePersonSerializer,
)
from motions.api.serializers import EventSerializer, MotionListSerializer, MotionSerializer
from motions.filters import MotionFilter
from motions.models import CoSignature, Motion
from motions.selectors import motion_list, motions_visible_to
from motions.services import filing, intake, presidium, recess, review


def _user(request: Request) -> User:
    return cast(User, request.user)


# What the list shows of each co-signature (MotionSerializer.get_co_signers).
CO_SIGNER_COLUMNS = ("motion", "deputy", "invited_at", "confirmed_version", "status")


class MotionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Motions (议案). Drafts are seen only by their lead, invited co-signers and the delegation
    staff who entered them; filed motions by deputies and congress staff."""

    filterset_class = MotionFilter
    pagination_class = KeysFirstPagination  # ordered by the session's opening day, a join
    ordering_fields = ["number", "submitted_at", "report_due", "changed_at"]
    ordering = ["session", "number", "id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[Motion]:
        # Each co-signer shows as its deputy's name and answer: the rows carry the name, not a
        # deputy built for every one of the ~290 co-signatures of a page (issue 15).
        cosigners = CoSignature.objects.annotate(deputy_name=F("deputy__name"))
        if self.action == "list":
            # The list shows no texts, decisions, hearings or files, and names the proposers
            # and the reviewing body by id: of the related rows only the session is read.
            return (
                motion_list(self.request.user)
                .select_related(None)
                .select_related("session")
                .prefetch_related(Prefetch("cosignatures", queryset=cosigners.only(*CO_SIGNER_COLUMNS)))
            )
        related = (
            "session__congress",
            "lead_deputy",
            "delegation",
            "review_body",
            "subject_body",
            "merged_into",
        )
        return (
            motions_visible_to(self.request.user)
            .select_related(*related)
            .prefetch_related(
                "merged_motions",
                Prefetch("cosignatures", queryset=cosigners),
                "decisions",
                "reconsiderations__signers",
                "attachments",
                "hearings__attended_by",
            )
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
        motion = filing.motion_create(
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
        motion = filing.motion_update(motion=self.get_object(), actor=_user(request), **data)
        return self._done(motion)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk: str | None = None) -> Response:
        """The motion's whole history, oldest first: one list, not paginated (a motion has a few
        dozen events at most), and the schema says so."""
        events = self.get_object().events.select_related("actor")
        return Response(EventSerializer(events, many=True).data)

    @extend_schema(request=AttachmentUploadSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(AttachmentUploadSerializer, request)
        motion = self.get_object()
        filing.motion_attach(motion=motion, actor=_user(request), kind=data["kind"], file=data["file"])
        return self._done(motion)

    @extend_schema(request=InviteSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(InviteSerializer, request)
        motion = self.get_object()
        filing.motion_invite(motion=motion, actor=_user(request), deputies=data["co_signers"])
        return self._done(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        motion = self.get_object()
        filing.motion_confirm(motion=motion, actor=_user(request))
        return self._done(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        motion = self.get_object()
        filing.motion_decline(motion=motion, actor=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._done(filing.motion_submit(motion=self.get_object(), actor=_user(request)))

    @extend_schema(request=MotionReasonSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """By the proposers; once on the agenda, recorded by the secretariat with the presidium's consent (D§11)."""
        data = self._payload(MotionReasonSerializer, request)
        motion = presidium.motion_withdraw(
            motion=self.get_object(),
            actor=_user(request),
            reason=data["reason"],
            consented_at=data.get("consented_at"),
        )
        return self._done(motion)

    @extend_schema(
        request=RefileSerializer,
        responses={201: inline_serializer("Refiled", {"suggestion": serializers.IntegerField()})},
    )
    @action(detail=True, methods=["post"], url_path="refile-as-suggestion")
    def refile_as_suggestion(self, request: Request, pk: str | None = None) -> Response:
        """After `motion_deadline_passed`: the draft's text becomes a draft suggestion (M§13, S§14)."""
        data = self._payload(RefileSerializer, request)
        suggestion = filing.motion_refile_as_suggestion(
            motion=self.get_object(), actor=_user(request), subject_area=data["subject_area"]
        )
        return Response({"suggestion": suggestion.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ClassifySerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(ClassifySerializer, request)
        motion = intake.motion_classify(
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
        intake.motion_request_opinion(
            motion=motion, actor=_user(request), body=data["body"], question=data["question"]
        )
        return self._done(motion)

    @extend_schema(request=OpinionAnswerSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="record-opinion")
    def record_opinion(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(OpinionAnswerSerializer, request)
        motion = self.get_object()
        opinion = get_object_or_404(motion.opinions, pk=data["opinion"])
        intake.opinion_record(opinion=opinion, actor=_user(request), text=data["text"])
        return self._done(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="send-to-review")
    def send_to_review(self, request: Request, pk: str | None = None) -> Response:
        return self._done(intake.motion_send_to_review(motion=self.get_object(), actor=_user(request)))

    @extend_schema(request=RecommendSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def recommend(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(RecommendSerializer, request)
        motion = self.get_object()
        review.motion_recommend(
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
        review.motion_merge(
            motion=motion, into=into, actor=_user(request), meeting=data["meeting"], reason=data["reason"]
        )
        return self._done(motion)

    @extend_schema(request=DecideSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(DecideSerializer, request)
        motion = self.get_object()
        presidium.motion_decide(
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
        presidium.motion_request_reconsideration(
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
        presidium.motion_answer_reconsideration(
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
        """A meeting on the motion with the proposers invited (M§22, M§24, M§26), or the responsible
        person's face-to-face meeting with them (`face_to_face`, M§5)."""
        data = self._payload(HearingCreateSerializer, request)
        motion = self.get_object()
        recess.motion_record_hearing(
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
        presidium.motion_record_outcome(motion=motion, actor=_user(request), **data)
        return self._done(motion)

    @extend_schema(request=NotToVoteSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="not-to-vote")
    def not_to_vote(self, request: Request, pk: str | None = None) -> Response:
        """The presidium decided not to put the motion on the agenda to the plenary vote (M§20)."""
        data = self._payload(NotToVoteSerializer, request)
        motion = self.get_object()
        presidium.motion_not_to_vote(
            motion=motion,
            actor=_user(request),
            decided_at=data.get("decided_at") or timezone.now(),
            note=data["note"],
        )
        return self._done(motion)

    @extend_schema(request=ResponsiblePersonSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="responsible-person")
    def responsible_person(self, request: Request, pk: str | None = None) -> Response:
        """The reviewing body names the person responsible for the motion (M§5)."""
        data = self._payload(ResponsiblePersonSerializer, request)
        motion = self.get_object()
        recess.motion_name_responsible(motion=motion, actor=_user(request), person=data["person"])
        return self._done(motion)

    @extend_schema(request=ReportUploadSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """The reviewing body's report (multipart: summary, file), due 6 months after the close (M§23)."""
        data = self._payload(ReportUploadSerializer, request)
        motion = self.get_object()
        recess.motion_submit_report(
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
        recess.motion_conclude(motion=motion, actor=_user(request), **data)
        return self._done(motion)

    @extend_schema(request=NextSessionSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def distribute(self, request: Request, pk: str | None = None) -> Response:
        """What came of a concluded motion goes to the next session (M§21, M§26)."""
        data = self._payload(NextSessionSerializer, request)
        motion = self.get_object()
        sent_on = data.get("sent_on") or timezone.localdate()
        recess.motion_distribute(motion=motion, actor=_user(request), sent_on=sent_on, note=data["note"])
        return self._done(motion)

    @extend_schema(request=NextSessionSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"], url_path="submit-to-next-session")
    def submit_to_next_session(self, request: Request, pk: str | None = None) -> Response:
        """The SC submits an authorized motion to the next session for deliberation (M§21)."""
        data = self._payload(NextSessionSerializer, request)
        motion = self.get_object()
        sent_on = data.get("sent_on") or timezone.localdate()
        recess.motion_submit_to_next_session(
            motion=motion, actor=_user(request), sent_on=sent_on, note=data["note"]
        )
        return self._done(motion)
