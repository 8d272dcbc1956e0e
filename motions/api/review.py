"""The motion-review committee in the API (M§15–M§19): its members, its meetings with their
attendance (the quorum) and the vote on the report, and the review report the presidium passes."""

from __future__ import annotations

from typing import Any, cast

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from congress.models import Session, User
from motions import report as review_report
from motions.models import ReportVote, ReviewMeeting, ReviewMember
from motions.selectors import reads_votes
from motions.services.presidium import review_report_approve
from motions.services.review import (
    review_meeting_attendance,
    review_meeting_create,
    review_member_add,
    review_report_vote,
)


def _user(request: Request) -> User:
    return cast(User, request.user)


class ReviewMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())

    class Meta:
        model = ReviewMember
        fields = ["id", "session", "user", "name", "position"]
        # The service decides: one chair, one or two vice-chairs (M§15), a member recorded again
        # changes position; the table's unique constraints would answer a bare "invalid".
        validators: list[Any] = []


class ReviewMemberViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A session's motion-review committee (M§15); the secretariat records it."""

    queryset = ReviewMember.objects.select_related("user")
    serializer_class = ReviewMemberSerializer
    filterset_fields = ["session"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = review_member_add(actor=_user(request), **serializer.validated_data)
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
        serializers.ListField(
            child=inline_serializer(
                "MemberVote", {"member": serializers.IntegerField(), "choice": serializers.CharField()}
            ),
            allow_null=True,
            help_text="each member's vote: null unless the user is of the committee, the secretariat or the presidium",
        )
    )
    def get_votes(self, obj: ReviewMeeting) -> list[dict[str, Any]] | None:
        if not reads_votes(self.context["request"].user, obj.session_id):
            return None
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
        meeting = review_meeting_create(actor=_user(request), **serializer.validated_data)
        return Response(self.get_serializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AttendanceSerializer, responses=ReviewMeetingSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        serializer = AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = review_meeting_attendance(
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
        report, adopted = review_report_vote(meeting=self.get_object(), actor=_user(request), votes=votes)
        return Response(
            {"adopted": adopted, "votes_for": report.votes_for, "members_total": report.members_total}
        )


class ApprovalSerializer(serializers.Serializer):
    approved_at = serializers.DateTimeField(required=False, help_text="the presidium's meeting; default now")


class ReviewReportViewSet(viewsets.GenericViewSet):
    """The review report of a session (M§19), generated from its motions; `id` is the session's."""

    queryset = Session.objects.all()
    # What `approve` reads; an OPTIONS request describes it from here.
    serializer_class = ApprovalSerializer

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
        decided = review_report_approve(
            session=self.get_object(), actor=_user(request), approved_at=approved_at
        )
        return Response({"decided": decided})
