"""The suggestions collection and its actions (WORKFLOWS.md §7): filing, the review,
routing and re-routing, the deputies' disagreement and evaluation, re-handling, key handling.
Each action calls one service and answers the suggestion with its `actions`."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from congress.errors import DomainError
from suggestions.api.payloads import (
    AssignSerializer,
    DecideRehandlingSerializer,
    EvaluateSerializer,
    MarkKeySerializer,
    MergeSerializer,
    NotAcceptSerializer,
    ReasonSerializer,
    RerouteSerializer,
    ReturnSerializer,
    SuggestionCreateSerializer,
    WithdrawSerializer,
    actor,
    handling_units,
    valid,
)
from suggestions.api.serializers import SuggestionDetailSerializer, SuggestionListSerializer
from suggestions.filters import SuggestionFilter
from suggestions.models import CoSigner, Suggestion
from suggestions.permissions import visible_suggestions
from suggestions.services import assignment as routing
from suggestions.services import evaluation, filing, key_handling, review
from suggestions.workflow.who import deputy_of

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
        data = valid(SuggestionCreateSerializer, request)
        user = actor(request)
        lead = data.get("lead_deputy") or deputy_of(user)
        if lead is None:
            raise DomainError("lead_deputy_required", _("Name the lead deputy (lead_deputy)."), status=400)
        vote = None
        if data["kind"] == Suggestion.Kind.DELEGATION:
            vote = filing.DelegationVote(
                data.get("delegation_members", 0),
                data.get("delegation_votes_for", 0),
                data["delegation_head_signed"],
            )
        suggestion = filing.suggestion_create(
            actor=user, lead_deputy=lead, title=data["title"], body=data["body"],
            subject_area=data.get("subject_area"), session=data.get("session"), kind=data["kind"],
            co_signers=data.get("co_signers", []), delegation_vote=vote, urgent=data["urgent"],
        )  # fmt: skip
        return self._detail(suggestion, status.HTTP_201_CREATED)

    def _act(self, function: Any, **kwargs: Any) -> Response:
        suggestion = self.get_object()
        function(suggestion=suggestion, actor=actor(self.request), **kwargs)
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
        return self._act(filing.suggestion_withdraw, letter=valid(WithdrawSerializer, request)["letter"])

    @extend_schema(request=None, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._act(review.suggestion_accept)

    @extend_schema(request=ReturnSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._act(review.suggestion_return, message=valid(ReturnSerializer, request)["message"])

    @extend_schema(request=NotAcceptSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="not-accept")
    def not_accept(self, request: Request, pk: str | None = None) -> Response:
        data = valid(NotAcceptSerializer, request)
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
        data = valid(MergeSerializer, request)
        visible = visible_suggestions(request.user)
        if data.get("into"):
            target = visible.filter(pk=data["into"].pk).first()
            if target is None:
                raise DomainError("not_found", status=404)
            review.suggestion_merge(
                suggestions=[suggestion],
                into=target,
                actor=actor(request),
            )
        else:
            others = list(visible.filter(pk__in=[s.pk for s in data.get("suggestions", [])]))
            review.suggestion_merge(
                suggestions=others,
                into=suggestion,
                actor=actor(request),
            )
        return self._detail(suggestion)

    @extend_schema(request=AssignSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Route to units (S§19), accepting it first if it awaits review. Once assigned, a
        second assign is refused (409): re-routing is `reroute`."""
        units = handling_units(valid(AssignSerializer, request))
        return self._act(routing.suggestion_accept_and_assign, units=units)

    @extend_schema(request=RerouteSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def reroute(self, request: Request, pk: str | None = None) -> Response:
        """Route an assigned suggestion again (S§21): its open assignments end, new ones start,
        and the deputies' open disagreements are answered with the reason."""
        data = valid(RerouteSerializer, request)
        return self._act(routing.suggestion_reroute, units=handling_units(data), reason=data["reason"])

    @extend_schema(request=ReasonSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def disagree(self, request: Request, pk: str | None = None) -> Response:
        return self._act(routing.suggestion_disagree, reason=valid(ReasonSerializer, request)["reason"])

    @extend_schema(request=EvaluateSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: str | None = None) -> Response:
        """Each deputy rates the reply (S§30)."""
        d = valid(EvaluateSerializer, request)
        return self._act(evaluation.suggestion_evaluate, rating=d["rating"], comment=d["comment"])

    @extend_schema(request=DecideRehandlingSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="decide-rehandling")
    def decide_rehandling(self, request: Request, pk: str | None = None) -> Response:
        d = valid(DecideRehandlingSerializer, request)
        return self._act(
            evaluation.suggestion_decide_rehandling, rehandle=d["rehandle"], explanation=d["explanation"]
        )

    @extend_schema(request=MarkKeySerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="mark-key")
    def mark_key(self, request: Request, pk: str | None = None) -> Response:
        """Key handling with its grounds and supervision (S§34–S§39)."""
        return self._act(key_handling.suggestion_mark_key, **valid(MarkKeySerializer, request))
