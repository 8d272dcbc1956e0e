"""How the API shows a motion: the detail with everything it carries (its `actions` among it),
the lean list row, and its history."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from congress.api.serializers import OPTIONAL_DEADLINE, WithActions
from motions.models import (
    Attachment,
    CoSignature,
    Hearing,
    Motion,
    MotionEvent,
    NextSessionReport,
    PlenaryResult,
    PresidiumDecision,
    Recommendation,
    Reconsideration,
)
from motions.selectors import merge_label, report_deadline


class MotionCoSignerSerializer(serializers.Serializer):
    deputy = serializers.IntegerField()
    name = serializers.CharField()
    invited_at = serializers.DateTimeField()
    confirmed = serializers.BooleanField(help_text="confirmed the current text (M§12)")
    status = serializers.ChoiceField(
        choices=CoSignature.Status.choices, help_text="the invitation: invited, confirmed, declined or lapsed"
    )


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
        fields = [
            "id",
            "kind",
            "body",
            "held_at",
            "place",
            "proposers_invited",
            "attended_by",
            "held_by",
            "summary",
        ]


class NextSessionReportSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.get_full_name")

    class Meta:
        model = NextSessionReport
        fields = ["kind", "session", "sent_on", "note", "recorded_by", "recorded_at"]


class MotionSerializer(WithActions, serializers.ModelSerializer):
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
    next_session_report = serializers.SerializerMethodField(
        help_text="what went to the next session, by whom and when (M§21, M§26)"
    )

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
            "responsible_person",
            "attachments",
            "hearings",
            "plenary_result",
            "recess_report",
            "conclusion",
            "next_session_report",
            "converted_to",
            "changed_at",
            "actions",
        ]

    def get_numbers(self, obj: Motion) -> str:
        return merge_label(obj)

    @extend_schema_field(MotionCoSignerSerializer(many=True))
    def get_co_signers(self, obj: Motion) -> list[dict[str, Any]]:
        # Prefetched with their deputies' names by the viewset: no query per motion.
        return [
            {
                "deputy": s.deputy_id,
                "name": s.deputy_name,  # type: ignore[attr-defined]  # annotated by the viewset
                "invited_at": s.invited_at,
                "confirmed": s.confirmed_version == obj.text_version,
                "status": s.status,
            }
            for s in obj.cosignatures.all()
        ]

    @extend_schema_field(OPTIONAL_DEADLINE)
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

    @extend_schema_field(NextSessionReportSerializer(allow_null=True))
    def get_next_session_report(self, obj: Motion) -> dict[str, Any] | None:
        sent = NextSessionReport.objects.filter(motion=obj).select_related("recorded_by").first()
        return NextSessionReportSerializer(sent).data if sent else None


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
