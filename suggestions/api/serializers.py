"""What the suggestions API answers (WORKFLOWS.md §7): lean rows for lists; details that
carry `actions`, what the requesting user may do with the record now."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from congress.api.serializers import OPTIONAL_DEADLINE, WithActions
from suggestions.models import Assignment, Commitment, CoSigner, Reply, Suggestion
from suggestions.selectors import all_clocks
from suggestions.workflow import CoSignerStatus, Status

extend_schema_field_deadline = extend_schema_field(OPTIONAL_DEADLINE)


def _all_clocks(assignment: Assignment) -> dict[str, Any]:
    return {code: clock.as_api() for code, clock in all_clocks(assignment).items()}


def co_signer_ids(suggestion: Suggestion) -> list[int]:
    """WORKFLOWS.md §7 `co_signers`: the invited deputies who have not declined."""
    return [c.deputy_id for c in suggestion.cosigners.all() if c.status != CoSignerStatus.DECLINED]


class SuggestionListSerializer(serializers.Serializer):
    """Lean: only what a list shows (no body), declared field by field. A ModelSerializer
    inspects the model on every request; a list of 20 rows spent more time there than on
    the rows themselves."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True, allow_null=True)
    number_label = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    kind = serializers.ChoiceField(choices=Suggestion.Kind.choices, read_only=True)
    title = serializers.CharField(read_only=True)
    lead_deputy = serializers.IntegerField(source="lead_deputy_id", read_only=True)
    lead_deputy_name = serializers.CharField(source="lead_deputy.name", read_only=True)
    co_signers = serializers.SerializerMethodField()
    session = serializers.IntegerField(source="session_id", read_only=True, allow_null=True)
    subject_area = serializers.IntegerField(source="subject_area_id", read_only=True)
    urgent = serializers.BooleanField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_co_signers(self, obj: Suggestion) -> list[int]:
        return co_signer_ids(obj)


class CoSignerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="deputy.name")
    text_confirmed = serializers.SerializerMethodField()

    class Meta:
        model = CoSigner
        fields = ["deputy", "name", "status", "confirmed_version", "text_confirmed"]

    def get_text_confirmed(self, obj: CoSigner) -> bool:
        return obj.confirmed_version == obj.suggestion.text_version


class SuggestionDetailSerializer(WithActions, serializers.ModelSerializer):
    co_signers = serializers.SerializerMethodField()
    lead_deputy_name = serializers.CharField(source="lead_deputy.name", read_only=True)
    lead_deputy_npc = serializers.BooleanField(
        source="lead_deputy.npc_deputy",
        read_only=True,
        help_text="filed by an NPC deputy elected in the province (S§48)",
    )
    cosigners = CoSignerSerializer(many=True, read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id", "number", "number_label", "status", "kind", "title", "lead_deputy", "lead_deputy_name", "lead_deputy_npc",
            "co_signers", "session", "subject_area", "urgent", "submitted_at", "body", "text_version", "cosigners",
            "entered_on_paper", "return_message", "not_accepted_ground", "forwarded_to", "merged_into", "delegation",
            "delegation_members", "delegation_votes_for", "delegation_head_signed", "created_at", "assigned_at",
            "actions",
        ]  # fmt: skip

    def get_co_signers(self, obj: Suggestion) -> list[int]:
        return co_signer_ids(obj)


class AssignmentSerializer(serializers.ModelSerializer):
    """An assignment in a list: its unit, role, status and clocks (deadline objects)."""

    objection_due = serializers.SerializerMethodField()
    reply_due = serializers.SerializerMethodField()
    co_opinion_due = serializers.SerializerMethodField()
    reassignment_due = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id", "suggestion", "unit", "unit_name", "role", "status", "assigned_at", "objection_due", "reply_due",
            "co_opinion_due", "reassignment_due", "extended", "objection_reason", "replaced_by",
        ]  # fmt: skip

    def _clocks(self, obj: Assignment) -> dict[str, Any]:
        cache = getattr(obj, "_clocks", None)
        if cache is None:
            cache = obj._clocks = _all_clocks(obj)  # type: ignore[attr-defined]
        return cache

    @extend_schema_field_deadline
    def get_objection_due(self, obj: Assignment) -> dict[str, Any] | None:
        return self._clocks(obj).get("objection")

    @extend_schema_field_deadline
    def get_reply_due(self, obj: Assignment) -> dict[str, Any] | None:
        return self._clocks(obj).get("reply")

    @extend_schema_field_deadline
    def get_co_opinion_due(self, obj: Assignment) -> dict[str, Any] | None:
        return self._clocks(obj).get("co_opinion")

    @extend_schema_field_deadline
    def get_reassignment_due(self, obj: Assignment) -> dict[str, Any] | None:
        return self._clocks(obj).get("reassignment")


class AssignmentDetailSerializer(WithActions, AssignmentSerializer):
    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "actions"]


class ReplySerializer(WithActions, serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = [
            "id", "assignment", "round", "category", "body", "plan", "path", "completion_date", "contact", "status",
            "drafted_at", "approved_at", "public", "withheld_ground", "actions",
        ]  # fmt: skip


class CommitmentSerializer(serializers.ModelSerializer):
    suggestion = serializers.IntegerField(source="reply.assignment.suggestion_id", read_only=True)
    unit = serializers.IntegerField(source="reply.assignment.unit_id", read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "suggestion", "unit", "text", "promised_date", "done_on"]
