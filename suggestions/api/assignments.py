"""The assignments collection and its actions (WORKFLOWS.md §7): the unit's side (take on,
object, hear the deputy, opinion, extension, reply) and the assigning body's decisions; and
the commitments of category-B replies, with their progress (S§32)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from congress.errors import DomainError
from suggestions.api.payloads import (
    ApproveReplySerializer,
    CommunicateSerializer,
    DecideExtensionSerializer,
    DraftReplySerializer,
    OpinionSerializer,
    ProgressSerializer,
    ReasonSerializer,
    ReassignSerializer,
    actor,
    valid,
)
from suggestions.api.serializers import (
    AssignmentDetailSerializer,
    AssignmentSerializer,
    CommitmentSerializer,
    ReplySerializer,
)
from suggestions.filters import AssignmentFilter
from suggestions.models import Assignment, Commitment, Reply
from suggestions.permissions import visible_assignments
from suggestions.services import assignment as routing
from suggestions.services import follow_up, handling


def current_reply(assignment: Assignment) -> Reply:
    """The reply of the current round, to sign off."""
    reply = assignment.replies.filter(round=assignment.suggestion.reply_round).first()
    if reply is None:
        raise DomainError("no_draft_reply", _("There is no drafted reply to sign off."), status=409)
    return reply


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = AssignmentFilter
    ordering_fields = ["assigned_at", "reply_due", "objection_due", "id"]
    ordering = ["reply_due", "id"]

    def get_queryset(self) -> QuerySet[Assignment]:
        related = ["unit"] if self.action == "list" else ["unit", "suggestion"]
        return visible_assignments(self.request.user).select_related(*related)

    def get_serializer_class(self) -> Any:
        # A list stays lean; one assignment says what the user may do with it.
        return AssignmentSerializer if self.action == "list" else AssignmentDetailSerializer

    def _act(self, function: Any, **kwargs: Any) -> Response:
        """Call the service; answer the assignment (or the new one a reassignment made)."""
        assignment = self.get_object()
        result = function(assignment=assignment, actor=actor(self.request), **kwargs)
        shown = result if isinstance(result, Assignment) and result.pk != assignment.pk else assignment
        shown = Assignment.objects.select_related("unit", "suggestion").get(pk=shown.pk)
        return Response(AssignmentDetailSerializer(shown, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        return self._act(routing.assignment_acknowledge)

    @extend_schema(request=ReasonSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def object(self, request: Request, pk: str | None = None) -> Response:
        """Not this unit's responsibility, within 5 days of receipt (S§20)."""
        return self._act(routing.assignment_object, reason=valid(ReasonSerializer, request)["reason"])

    @extend_schema(request=ReassignSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request: Request, pk: str | None = None) -> Response:
        """The assigning body moves it to another unit (S§20); answers the new assignment."""
        data = valid(ReassignSerializer, request)
        return self._act(routing.assignment_reassign, unit=data["unit"], reason=data["reason"])

    @extend_schema(request=ReasonSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"], url_path="reject-objection")
    def reject_objection(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            routing.assignment_reject_objection, reason=valid(ReasonSerializer, request)["reason"]
        )

    @extend_schema(request=CommunicateSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def communicate(self, request: Request, pk: str | None = None) -> Response:
        """Record a visit, meeting, call or online exchange with the deputies, and whether they
        understand how it is handled; for a delegation's suggestion also the city's SC (S§24)."""
        return self._act(handling.assignment_communicate, **valid(CommunicateSerializer, request))

    @extend_schema(request=OpinionSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"], url_path="send-opinion")
    def send_opinion(self, request: Request, pk: str | None = None) -> Response:
        """A co unit's written opinion to the lead unit, within two months (S§26)."""
        return self._act(handling.assignment_send_opinion, body=valid(OpinionSerializer, request)["body"])

    @extend_schema(request=ReasonSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"], url_path="request-extension")
    def request_extension(self, request: Request, pk: str | None = None) -> Response:
        """Once, with reasons, before the reply is due (S§28)."""
        return self._act(
            handling.assignment_request_extension, reason=valid(ReasonSerializer, request)["reason"]
        )

    @extend_schema(request=DecideExtensionSerializer, responses=AssignmentDetailSerializer)
    @action(detail=True, methods=["post"], url_path="decide-extension")
    def decide_extension(self, request: Request, pk: str | None = None) -> Response:
        d = valid(DecideExtensionSerializer, request)
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
            assignment=assignment, actor=actor(request), **valid(DraftReplySerializer, request)
        )
        return Response(ReplySerializer(reply, context=self.get_serializer_context()).data)

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
            reply=current_reply(assignment),
            actor=actor(request),
            scan=valid(ApproveReplySerializer, request)["scan"],
        )
        return Response(ReplySerializer(reply, context=self.get_serializer_context()).data)


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
        d = valid(ProgressSerializer, request)
        follow_up.commitment_progress(
            commitment=commitment, actor=actor(request), text=d["text"], done=d["done"]
        )
        commitment.refresh_from_db()
        return Response(CommitmentSerializer(commitment).data)
