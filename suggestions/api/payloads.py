"""What the suggestions API takes (WORKFLOWS.md §7): each action's payload, validated here
for its shape only; the rules are the services'."""

from __future__ import annotations

from typing import Any, cast

from rest_framework import serializers
from rest_framework.request import Request

from congress.models import Organisation, Session, User
from deputies.models import Deputy
from suggestions.models import (
    Communication,
    Evaluation,
    KeySuggestion,
    NotAcceptedGround,
    Reply,
    SubjectArea,
    Suggestion,
)
from suggestions.services.assignment import HandlingUnit
from suggestions.workflow import Role


def actor(request: Request) -> User:
    """Every action needs a signed-in user (the default permission); this names its type."""
    return cast(User, request.user)


def valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def handling_units(data: dict[str, Any]) -> list[HandlingUnit]:
    return [HandlingUnit(row["unit"], row["role"]) for row in data["units"]]


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


class CommunicateSerializer(serializers.Serializer):
    date = serializers.DateField()
    way = serializers.ChoiceField(choices=Communication.Way.choices)
    summary = serializers.CharField()
    participants = serializers.CharField(required=False, allow_blank=True, default="")
    understanding = serializers.BooleanField(
        default=False, help_text="the deputies understand how it is handled (S§24: the reply waits for it)"
    )
    party = serializers.ChoiceField(
        choices=Communication.Party.choices,
        default=Communication.Party.DEPUTY,
        help_text="with whom: the deputies, or for a delegation's suggestion the city's SC (S§24)",
    )
    leader_present = serializers.BooleanField(
        default=False, help_text="the unit's leader named for a key suggestion took part in person (S§37)"
    )
    co_units = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="the co units that researched a key suggestion with the lead unit and the deputies (S§38)",
    )


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


class EvaluateSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Evaluation.Rating.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class DecideRehandlingSerializer(serializers.Serializer):
    rehandle = serializers.BooleanField()
    explanation = serializers.CharField()


class MarkKeySerializer(serializers.Serializer):
    ground = serializers.ChoiceField(choices=KeySuggestion.Ground.choices)
    grounds_text = serializers.CharField()
    approved_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="the chairpersons' meeting's approval (S§35)"
    )
    approval_reference = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="its minutes or document number (S§35)"
    )
    supervising_body = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    supervising_leader = serializers.CharField(required=False, allow_blank=True, default="")
    leading_official = serializers.CharField(required=False, allow_blank=True, default="")


class ReassignSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ProgressSerializer(serializers.Serializer):
    text = serializers.CharField()
    done = serializers.BooleanField(default=False)
