"""The joint instruments in the API (WORKFLOWS.md §5b, §7): `interpellations`, `recalls` and
`investigation-proposals`, each with `invite`, `confirm`, `decline`, `submit`, the presidium's
actions as the secretariat records them, and for interpellations `evaluate`. Thin: each action
parses its payload and calls one service; the item's `actions` says what the user may do."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.serializers import WithActions
from congress.models import Organisation, Session, User
from deputies.models import Delegation, Deputy
from motions.instrument_selectors import instruments_visible_to
from motions.models import (
    Interpellation,
    InterpellationAnswer,
    InvestigationProposal,
    Recall,
    RecallDefence,
)
from motions.services import interpellations as iservices
from motions.services import joint
from motions.services.recalls import investigation_create, recall_create, recall_record_defence

# --- payloads ------------------------------------------------------------------------------


class InstrumentInviteSerializer(serializers.Serializer):
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True)


class InterpellationCreateSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    kind = serializers.ChoiceField(choices=Interpellation.Kind.choices, default="joint")
    title = serializers.CharField(max_length=200)
    target = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    questions = serializers.CharField()
    content = serializers.CharField(required=False, allow_blank=True, default="")
    lead_deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False)
    delegation = serializers.PrimaryKeyRelatedField(queryset=Delegation.objects.all(), required=False)
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)


class RecallCreateSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    person_name = serializers.CharField(max_length=50)
    person_office = serializers.CharField(max_length=200)
    reasons = serializers.CharField()
    lead_deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False)
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)


class InvestigationCreateSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    title = serializers.CharField(max_length=200)
    question = serializers.CharField()
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    lead_deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False)
    co_signers = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)


class DelegationVoteSerializer(serializers.Serializer):
    plenary_date = serializers.DateField()
    member_count = serializers.IntegerField(min_value=1)
    votes_for = serializers.IntegerField(min_value=0)
    head_signed_by = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), allow_null=True)


class FormSerializer(serializers.Serializer):
    form = serializers.ChoiceField(choices=InterpellationAnswer.Form.choices)
    meeting_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_blank=True, default="")


class ReanswerDecisionSerializer(FormSerializer):
    approve = serializers.BooleanField()
    form = serializers.ChoiceField(choices=InterpellationAnswer.Form.choices, required=False, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SpeechSerializer(serializers.Serializer):
    deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all())
    summary = serializers.CharField()


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField()
    answered_by = serializers.CharField(required=False, allow_blank=True, default="")
    answered_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class InterpellationEvaluateSerializer(serializers.Serializer):
    satisfied = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DefenceSerializer(serializers.Serializer):
    form = serializers.ChoiceField(choices=RecallDefence.Form.choices)
    text = serializers.CharField()
    given_on = serializers.DateField()


class PlenaryOutcomeSerializer(serializers.Serializer):
    adopted = serializers.BooleanField()
    decided_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- how an item reads ---------------------------------------------------------------------------


class SignerSerializer(serializers.Serializer):
    deputy = serializers.IntegerField(source="deputy_id")
    name = serializers.CharField(source="deputy.name")
    status = serializers.CharField()
    confirmed_version = serializers.IntegerField(allow_null=True)


class InstrumentSerializer(WithActions, serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    session = serializers.IntegerField(source="session_id")
    title = serializers.CharField()
    lead_deputy = serializers.IntegerField(source="lead_deputy_id", allow_null=True)
    text_version = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    co_signers = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    details = serializers.SerializerMethodField()

    def get_co_signers(self, item: Any) -> list[dict[str, Any]]:
        return list(SignerSerializer(item.signers.select_related("deputy"), many=True).data)

    def get_progress(self, item: Any) -> dict[str, int] | None:
        if item.lead_deputy_id is None:
            return None
        return joint.tally(item)

    def get_details(self, item: Any) -> dict[str, Any]:
        """The instrument's own fields: the target and questions, the person and reasons, the
        question to investigate; the answers and evaluations, or the defences and outcome."""
        if isinstance(item, Interpellation):
            return {
                "kind": item.kind,
                "target": item.target_id,
                "questions": item.questions,
                "content": item.content,
                "delegation": item.delegation_id,
                "published_at": item.published_at,
                "answers": [
                    {
                        "round": a.round,
                        "form": a.form,
                        "meeting_at": a.meeting_at,
                        "place": a.place,
                        "text": a.text,
                        "answered_at": a.answered_at,
                        "speeches": [{"deputy": s.deputy_id, "summary": s.summary} for s in a.speeches.all()],
                        "evaluations": [
                            {"deputy": e.deputy_id, "satisfied": e.satisfied} for e in a.evaluations.all()
                        ],
                    }
                    for a in item.answers.all()
                ],
            }
        if isinstance(item, Recall):
            return {
                "person_name": item.person_name,
                "person_office": item.person_office,
                "reasons": item.reasons,
                "decided_on": item.decided_on,
                "outcome_note": item.outcome_note,
                "defences": [
                    {"form": d.form, "text": d.text, "given_on": d.given_on} for d in item.defences.all()
                ],
            }
        return {
            "question": item.question,
            "reasons": item.reasons,
            "decided_on": item.decided_on,
            "outcome_note": item.outcome_note,
        }


# --- the collections ----------------------------------------------------------------------------


def _user(request: Request) -> User:
    return cast(User, request.user)


class InstrumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    model: type[Any] = Interpellation
    serializer_class = InstrumentSerializer
    filterset_fields = ["session", "status"]
    ordering_fields = ["number", "submitted_at", "changed_at"]
    ordering = ["session", "number", "id"]

    def get_queryset(self) -> Any:
        return instruments_visible_to(self.request.user, self.model)

    def _payload(self, serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _done(self, item: Any, code: int = status.HTTP_200_OK) -> Response:
        item = self.model.objects.get(pk=item.pk)
        return Response(InstrumentSerializer(item, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=InstrumentInviteSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(InstrumentInviteSerializer, request)
        item = self.get_object()
        joint.invite(item=item, actor=_user(request), deputies=data["co_signers"])
        return self._done(item)

    @extend_schema(request=None, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        joint.confirm(item=item, actor=_user(request))
        return self._done(item)

    @extend_schema(request=None, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        joint.decline(item=item, actor=_user(request))
        return self._done(item)

    @extend_schema(request=None, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._done(joint.submit(item=self.get_object(), actor=_user(request)))


class PlenaryActions(InstrumentViewSet):
    """A recall motion's or investigation proposal's way to the plenary (D§15, D§16)."""

    @extend_schema(request=NoteSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="put-to-plenary")
    def put_to_plenary(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(NoteSerializer, request)
        return self._done(
            joint.put_to_plenary(item=self.get_object(), actor=_user(request), note=data["reason"])
        )

    @extend_schema(request=PlenaryOutcomeSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="record-outcome")
    def record_outcome(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(PlenaryOutcomeSerializer, request)
        item = joint.record_outcome(item=self.get_object(), actor=_user(request), **data)
        return self._done(item)


class InterpellationViewSet(mixins.CreateModelMixin, InstrumentViewSet):
    """Interpellations (质询案, D§14)."""

    model = Interpellation

    @extend_schema(request=InterpellationCreateSerializer, responses={201: InstrumentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._payload(InterpellationCreateSerializer, request)
        item = iservices.interpellation_create(actor=_user(request), **data)
        return self._done(item, status.HTTP_201_CREATED)

    @extend_schema(request=DelegationVoteSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="record-vote")
    def record_vote(self, request: Request, pk: str | None = None) -> Response:
        """A delegation's interpellation: its plenary meeting, members, votes for, the head's signature (D§14)."""
        data = self._payload(DelegationVoteSerializer, request)
        item = self.get_object()
        iservices.interpellation_record_vote(interpellation=item, actor=_user(request), **data)
        return self._done(item)

    @extend_schema(request=FormSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="decide-form")
    def decide_form(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(FormSerializer, request)
        item = self.get_object()
        iservices.interpellation_decide_form(interpellation=item, actor=_user(request), **data)
        return self._done(item)

    @extend_schema(request=SpeechSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="record-speech")
    def record_speech(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(SpeechSerializer, request)
        item = self.get_object()
        iservices.interpellation_record_speech(interpellation=item, actor=_user(request), **data)
        return self._done(item)

    @extend_schema(request=AnswerSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="record-answer")
    def record_answer(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(AnswerSerializer, request)
        item = self.get_object()
        iservices.interpellation_record_answer(interpellation=item, actor=_user(request), **data)
        return self._done(item)

    @extend_schema(request=InterpellationEvaluateSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(InterpellationEvaluateSerializer, request)
        item = self.get_object()
        iservices.interpellation_evaluate(interpellation=item, actor=_user(request), **data)
        return self._done(item)

    @extend_schema(request=NoteSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="request-reanswer")
    def request_reanswer(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(NoteSerializer, request)
        item = iservices.interpellation_request_reanswer(
            interpellation=self.get_object(), actor=_user(request), reason=data["reason"]
        )
        return self._done(item)

    @extend_schema(request=ReanswerDecisionSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="decide-reanswer")
    def decide_reanswer(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(ReanswerDecisionSerializer, request)
        item = iservices.interpellation_decide_reanswer(
            interpellation=self.get_object(), actor=_user(request), **data
        )
        return self._done(item)

    @extend_schema(request=NoteSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(NoteSerializer, request)
        return self._done(
            iservices.interpellation_close(
                interpellation=self.get_object(), actor=_user(request), note=data["reason"]
            )
        )

    @extend_schema(request=None, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._done(
            iservices.interpellation_publish(interpellation=self.get_object(), actor=_user(request))
        )


class RecallViewSet(mixins.CreateModelMixin, PlenaryActions):
    """Recall motions (罢免案, D§15)."""

    model = Recall

    @extend_schema(request=RecallCreateSerializer, responses={201: InstrumentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._payload(RecallCreateSerializer, request)
        return self._done(recall_create(actor=_user(request), **data), status.HTTP_201_CREATED)

    @extend_schema(request=DefenceSerializer, responses=InstrumentSerializer)
    @action(detail=True, methods=["post"], url_path="record-defence")
    def record_defence(self, request: Request, pk: str | None = None) -> Response:
        data = self._payload(DefenceSerializer, request)
        item = self.get_object()
        recall_record_defence(recall=item, actor=_user(request), **data)
        return self._done(item)


class InvestigationProposalViewSet(mixins.CreateModelMixin, PlenaryActions):
    """Proposals for a special investigation committee (D§16)."""

    model = InvestigationProposal

    @extend_schema(request=InvestigationCreateSerializer, responses={201: InstrumentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._payload(InvestigationCreateSerializer, request)
        return self._done(investigation_create(actor=_user(request), **data), status.HTTP_201_CREATED)
