"""REST API for suggestions and assignments (WORKFLOWS.md §7)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from congress.errors import DomainError
from congress.models import Organisation, Session, User
from deputies.models import Deputy
from suggestions import selectors
from suggestions.filters import AssignmentFilter, SuggestionFilter
from suggestions.models import (
    Assignment,
    Commitment,
    Communication,
    CoSigner,
    Evaluation,
    KeySuggestion,
    NotAcceptedGround,
    Reply,
    SubjectArea,
    Suggestion,
)
from suggestions.permissions import visible_assignments, visible_suggestions
from suggestions.services import assignment as routing
from suggestions.services import filing, follow_up, handling, review
from suggestions.workflow import Role, Status

DEADLINE = inline_serializer(
    "Deadline",
    {
        "due": serializers.DateField(),
        "explanation": serializers.CharField(),
        "provisional": serializers.BooleanField(),
    },
)
extend_schema_field_deadline = extend_schema_field(DEADLINE)


def _all_clocks(assignment: Assignment) -> dict[str, Any]:
    return {code: clock.as_api() for code, clock in selectors.all_clocks(assignment).items()}


def co_signer_ids(suggestion: Suggestion) -> list[int]:
    """WORKFLOWS.md §7 `co_signers`: the invited deputies who have not declined."""
    return [c.deputy_id for c in suggestion.cosigners.all() if c.status != CoSigner.Status.DECLINED]


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


class SuggestionDetailSerializer(serializers.ModelSerializer):
    co_signers = serializers.SerializerMethodField()
    lead_deputy_name = serializers.CharField(source="lead_deputy.name", read_only=True)
    cosigners = CoSignerSerializer(many=True, read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id", "number", "number_label", "status", "kind", "title", "lead_deputy", "lead_deputy_name",
            "co_signers", "session", "subject_area", "urgent", "submitted_at", "body", "text_version", "cosigners",
            "entered_on_paper", "return_message", "not_accepted_ground", "forwarded_to", "merged_into", "delegation",
            "delegation_members", "delegation_votes_for", "delegation_head_signed", "created_at", "assigned_at",
        ]  # fmt: skip

    def get_co_signers(self, obj: Suggestion) -> list[int]:
        return co_signer_ids(obj)


class SuggestionCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField()
    kind = serializers.ChoiceField(choices=Suggestion.Kind.choices, default=Suggestion.Kind.SINGLE)
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)
    session = serializers.PrimaryKeyRelatedField(
        queryset=Session.objects.all(), required=False, allow_null=True
    )
    subject_area = serializers.PrimaryKeyRelatedField(queryset=SubjectArea.objects.all(), required=False)
    lead_deputy = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), required=False, help_text="staff entering a paper form name the deputy"
    )
    urgent = serializers.BooleanField(default=False)
    delegation_members = serializers.IntegerField(required=False, min_value=1)
    delegation_votes_for = serializers.IntegerField(required=False, min_value=0)
    delegation_head_signed = serializers.BooleanField(default=False)


class UnitRoleSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)
    )
    role = serializers.ChoiceField(choices=Role.choices)


class AssignSerializer(serializers.Serializer):
    units = UnitRoleSerializer(many=True)


class RerouteSerializer(AssignSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


def _units(data: dict[str, Any]) -> list[routing.HandlingUnit]:
    return [routing.HandlingUnit(row["unit"], row["role"]) for row in data["units"]]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ReturnSerializer(serializers.Serializer):
    message = serializers.CharField()


class WithdrawSerializer(serializers.Serializer):
    letter = serializers.CharField(help_text="the withdrawal in writing (S§16)")


class NotAcceptSerializer(serializers.Serializer):
    ground = serializers.ChoiceField(choices=NotAcceptedGround.choices)
    forwarded_to = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=Suggestion.objects.all(), required=False, help_text="merge this suggestion into that one"
    )
    suggestions = serializers.PrimaryKeyRelatedField(
        queryset=Suggestion.objects.all(),
        many=True,
        required=False,
        help_text="merge these suggestions into this one",
    )


# A client that names no subject area files under 其他 ("other"); staff re-classify.
DEFAULT_AREA = "其他"


def _actor(request: Request) -> User:
    """Every action needs a signed-in user (the default permission); this names its type."""
    return cast(User, request.user)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- Payloads of handling after assignment (issue 5) ----------------------------------------------


class CommunicateSerializer(serializers.Serializer):
    date = serializers.DateField()
    way = serializers.ChoiceField(choices=Communication.Way.choices)
    summary = serializers.CharField()
    participants = serializers.CharField(required=False, allow_blank=True, default="")


class OpinionSerializer(serializers.Serializer):
    body = serializers.CharField()


class DecideExtensionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DraftReplySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Reply.Category.choices)
    body = serializers.CharField()
    plan = serializers.CharField(required=False, allow_blank=True, default="")
    path = serializers.CharField(required=False, allow_blank=True, default="")
    completion_date = serializers.DateField(required=False, allow_null=True, default=None)
    contact = serializers.CharField(required=False, allow_blank=True, default="")
    scan = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="the sealed scan, PDF (multipart)"
    )


class ApproveReplySerializer(serializers.Serializer):
    scan = serializers.FileField(required=False, allow_null=True, default=None)


class ReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = [
            "id", "assignment", "round", "category", "body", "plan", "path", "completion_date", "contact", "status",
            "drafted_at", "approved_at", "public", "withheld_ground",
        ]  # fmt: skip


class EvaluateSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Evaluation.Rating.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class DecideRehandlingSerializer(serializers.Serializer):
    rehandle = serializers.BooleanField()
    explanation = serializers.CharField()


class MarkKeySerializer(serializers.Serializer):
    ground = serializers.ChoiceField(choices=KeySuggestion.Ground.choices)
    grounds_text = serializers.CharField()
    approved_on = serializers.DateField(required=False, allow_null=True, default=None)
    supervising_body = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    supervising_leader = serializers.CharField(required=False, allow_blank=True, default="")
    leading_official = serializers.CharField(required=False, allow_blank=True, default="")


def _current_reply(assignment: Assignment) -> Reply:
    reply = assignment.replies.filter(round=assignment.suggestion.reply_round).first()
    if reply is None:
        raise DomainError("no_draft_reply", _("There is no drafted reply to sign off."), status=409)
    return reply


# The columns the list serializer reads; nothing else is fetched or instantiated.
LIST_COLUMNS = [
    "id", "number", "number_scope", "session_id", "status", "kind", "title", "lead_deputy_id",
    "lead_deputy__name", "subject_area_id", "urgent", "submitted_at",
]  # fmt: skip


class SuggestionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = SuggestionFilter
    ordering_fields = ["submitted_at", "number", "id"]
    ordering = ["-submitted_at", "-id"]

    def get_queryset(self) -> QuerySet[Suggestion]:
        queryset = visible_suggestions(self.request.user).select_related("lead_deputy")
        if self.action == "list":
            # Only the columns a list shows; co-signers in one query per page.
            return queryset.only(*LIST_COLUMNS).prefetch_related(
                Prefetch(
                    "cosigners", queryset=CoSigner.objects.only("id", "suggestion_id", "deputy_id", "status")
                )
            )
        return queryset.prefetch_related("cosigners__deputy")

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return SuggestionListSerializer
        if self.action == "create":
            return SuggestionCreateSerializer
        return SuggestionDetailSerializer

    def _detail(self, suggestion: Suggestion, code: int = status.HTTP_200_OK) -> Response:
        suggestion = self.get_queryset().get(pk=suggestion.pk)
        return Response(
            SuggestionDetailSerializer(suggestion, context={"request": self.request}).data, status=code
        )

    @extend_schema(request=SuggestionCreateSerializer, responses=SuggestionDetailSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(SuggestionCreateSerializer, request)
        user = _actor(request)
        lead = data.get("lead_deputy") or getattr(user, "deputy", None)
        if lead is None:
            raise DomainError("lead_deputy_required", _("Name the lead deputy (lead_deputy)."), status=400)
        vote = None
        if data["kind"] == Suggestion.Kind.DELEGATION:
            vote = filing.DelegationVote(
                data.get("delegation_members", 0),
                data.get("delegation_votes_for", 0),
                data["delegation_head_signed"],
            )
        area = data.get("subject_area") or SubjectArea.objects.get(name=DEFAULT_AREA)
        suggestion = filing.suggestion_create(
            actor=user, lead_deputy=lead, title=data["title"], body=data["body"], subject_area=area,
            session=data.get("session"), kind=data["kind"], co_signers=data.get("co_signers", []),
            delegation_vote=vote, urgent=data["urgent"],
        )  # fmt: skip
        return self._detail(suggestion, status.HTTP_201_CREATED)

    def _act(self, function: Any, **kwargs: Any) -> Response:
        suggestion = self.get_object()
        function(suggestion=suggestion, actor=_actor(self.request), **kwargs)
        return self._detail(suggestion)

    @extend_schema(request=None, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._act(filing.suggestion_submit)

    @extend_schema(request=None, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        """A co-signer confirms the final text (S§14)."""
        return self._act(filing.cosigner_confirm)

    @extend_schema(request=None, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._act(filing.cosigner_decline)

    @extend_schema(request=WithdrawSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._act(filing.suggestion_withdraw, letter=_valid(WithdrawSerializer, request)["letter"])

    @extend_schema(request=None, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._act(review.suggestion_accept)

    @extend_schema(request=ReturnSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._act(review.suggestion_return, message=_valid(ReturnSerializer, request)["message"])

    @extend_schema(request=NotAcceptSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="not-accept")
    def not_accept(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(NotAcceptSerializer, request)
        return self._act(
            review.suggestion_not_accept,
            ground=data["ground"],
            forwarded_to=data["forwarded_to"],
            note=data["note"],
        )

    @extend_schema(request=MergeSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        suggestion = self.get_object()
        data = _valid(MergeSerializer, request)
        visible = visible_suggestions(request.user)
        if data.get("into"):
            target = visible.filter(pk=data["into"].pk).first()
            if target is None:
                raise DomainError("not_found", status=404)
            review.suggestion_merge(
                suggestions=[suggestion],
                into=target,
                actor=_actor(request),
            )
        else:
            others = list(visible.filter(pk__in=[s.pk for s in data.get("suggestions", [])]))
            review.suggestion_merge(
                suggestions=others,
                into=suggestion,
                actor=_actor(request),
            )
        return self._detail(suggestion)

    @extend_schema(request=AssignSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Route to units (S§19), accepting it first if it awaits review. Once assigned, a
        second assign is refused (409): re-routing is `reroute`."""
        units = _units(_valid(AssignSerializer, request))
        return self._act(routing.suggestion_accept_and_assign, units=units)

    @extend_schema(request=RerouteSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def reroute(self, request: Request, pk: str | None = None) -> Response:
        """Route an assigned suggestion again (S§21): its open assignments end, new ones start,
        and the deputies' open disagreements are answered with the reason."""
        data = _valid(RerouteSerializer, request)
        return self._act(routing.suggestion_reroute, units=_units(data), reason=data["reason"])

    @extend_schema(request=ReasonSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def disagree(self, request: Request, pk: str | None = None) -> Response:
        return self._act(routing.suggestion_disagree, reason=_valid(ReasonSerializer, request)["reason"])

    @extend_schema(request=EvaluateSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: str | None = None) -> Response:
        """Each deputy rates the reply (S§30)."""
        d = _valid(EvaluateSerializer, request)
        return self._act(handling.suggestion_evaluate, rating=d["rating"], comment=d["comment"])

    @extend_schema(request=DecideRehandlingSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="decide-rehandling")
    def decide_rehandling(self, request: Request, pk: str | None = None) -> Response:
        d = _valid(DecideRehandlingSerializer, request)
        return self._act(
            handling.suggestion_decide_rehandling, rehandle=d["rehandle"], explanation=d["explanation"]
        )

    @extend_schema(request=MarkKeySerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="mark-key")
    def mark_key(self, request: Request, pk: str | None = None) -> Response:
        """Key handling with its grounds and supervision (S§34–S§39)."""
        return self._act(follow_up.suggestion_mark_key, **_valid(MarkKeySerializer, request))


class AssignmentSerializer(serializers.ModelSerializer):
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


class ReassignSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    ordering_fields = ["assigned_at", "reply_due", "objection_due", "id"]
    ordering = ["reply_due", "id"]

    def get_queryset(self) -> QuerySet[Assignment]:
        return visible_assignments(self.request.user).select_related("unit")

    def _act(self, function: Any, **kwargs: Any) -> Response:
        assignment = self.get_object()
        result = function(assignment=assignment, actor=_actor(self.request), **kwargs)
        shown = result if isinstance(result, Assignment) and result.pk != assignment.pk else assignment
        shown = Assignment.objects.select_related("unit").get(pk=shown.pk)
        return Response(AssignmentSerializer(shown).data)

    @extend_schema(request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        return self._act(routing.assignment_acknowledge)

    @extend_schema(request=ReasonSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def object(self, request: Request, pk: str | None = None) -> Response:
        """Not this unit's responsibility, within 5 days of receipt (S§20)."""
        return self._act(routing.assignment_object, reason=_valid(ReasonSerializer, request)["reason"])

    @extend_schema(request=ReassignSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request: Request, pk: str | None = None) -> Response:
        """The assigning body moves it to another unit (S§20); answers the new assignment."""
        data = _valid(ReassignSerializer, request)
        return self._act(routing.assignment_reassign, unit=data["unit"], reason=data["reason"])

    @extend_schema(request=ReasonSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="reject-objection")
    def reject_objection(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            routing.assignment_reject_objection, reason=_valid(ReasonSerializer, request)["reason"]
        )

    @extend_schema(request=CommunicateSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def communicate(self, request: Request, pk: str | None = None) -> Response:
        """Record a visit, meeting, call or online exchange with the deputy (S§24)."""
        d = _valid(CommunicateSerializer, request)
        return self._act(
            handling.assignment_communicate,
            date=d["date"],
            way=d["way"],
            participants=d["participants"],
            summary=d["summary"],
        )

    @extend_schema(request=OpinionSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="send-opinion")
    def send_opinion(self, request: Request, pk: str | None = None) -> Response:
        """A co unit's written opinion to the lead unit, within two months (S§26)."""
        return self._act(handling.assignment_send_opinion, body=_valid(OpinionSerializer, request)["body"])

    @extend_schema(request=ReasonSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="request-extension")
    def request_extension(self, request: Request, pk: str | None = None) -> Response:
        """Once, with reasons, before the reply is due (S§28)."""
        return self._act(
            handling.assignment_request_extension, reason=_valid(ReasonSerializer, request)["reason"]
        )

    @extend_schema(request=DecideExtensionSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="decide-extension")
    def decide_extension(self, request: Request, pk: str | None = None) -> Response:
        d = _valid(DecideExtensionSerializer, request)
        return self._act(handling.assignment_decide_extension, approve=d["approve"], reason=d["reason"])

    @extend_schema(
        request={"multipart/form-data": DraftReplySerializer, "application/json": DraftReplySerializer},
        responses=ReplySerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="draft-reply",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def draft_reply(self, request: Request, pk: str | None = None) -> Response:
        """Draft the reply of the current round (S§25); refused without a communication (S§24)."""
        assignment = self.get_object()
        reply = handling.assignment_draft_reply(
            assignment=assignment, actor=_actor(request), **_valid(DraftReplySerializer, request)
        )
        return Response(ReplySerializer(reply).data)

    @extend_schema(
        request={"multipart/form-data": ApproveReplySerializer, "application/json": ApproveReplySerializer},
        responses=ReplySerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="approve-reply",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def approve_reply(self, request: Request, pk: str | None = None) -> Response:
        """The unit's head signs off the drafted reply with the sealed scan (S§29); it is delivered."""
        assignment = self.get_object()
        reply = handling.reply_approve(
            reply=_current_reply(assignment),
            actor=_actor(request),
            scan=_valid(ApproveReplySerializer, request)["scan"],
        )
        return Response(ReplySerializer(reply).data)


class CommitmentSerializer(serializers.ModelSerializer):
    suggestion = serializers.IntegerField(source="reply.assignment.suggestion_id", read_only=True)
    unit = serializers.IntegerField(source="reply.assignment.unit_id", read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "suggestion", "unit", "text", "promised_date", "done_on"]


class ProgressSerializer(serializers.Serializer):
    text = serializers.CharField()
    done = serializers.BooleanField(default=False)


class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Commitments of category-B replies (S§32); the unit reports progress."""

    serializer_class = CommitmentSerializer
    filterset_fields = ["reply__assignment__unit", "reply__assignment__suggestion"]
    ordering = ["promised_date", "id"]

    def get_queryset(self) -> QuerySet[Commitment]:
        visible = visible_assignments(self.request.user)
        return Commitment.objects.filter(reply__assignment__in=visible).select_related("reply__assignment")

    @extend_schema(request=ProgressSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        commitment = self.get_object()
        d = _valid(ProgressSerializer, request)
        follow_up.commitment_progress(
            commitment=commitment, actor=_actor(request), text=d["text"], done=d["done"]
        )
        commitment.refresh_from_db()
        return Response(CommitmentSerializer(commitment).data)
