"""What the API's writes accept: one serializer per payload. They parse; the services decide."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from congress.models import Organisation, Session, User
from deputies.models import Delegation, Deputy
from motions.models import (
    DECISION_KINDS,
    REVIEW_BODY_KINDS,
    Attachment,
    Category,
    Hearing,
    Kind,
    Motion,
    PlenaryResult,
    Recommendation,
    Reconsideration,
    ReviewMeeting,
)
from suggestions.models import SubjectArea


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
        required=False,
        help_text="when the presidium consented (D§11): the secretariat withdraws a motion on the agenda",
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


class NotToVoteSerializer(serializers.Serializer):
    decided_at = serializers.DateTimeField(required=False, help_text="the presidium's meeting; default now")
    note = serializers.CharField(allow_blank=True, required=False, default="")


class ResponsiblePersonSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), help_text="an account of the reviewing body (M§5)"
    )


class NextSessionSerializer(serializers.Serializer):
    sent_on = serializers.DateField(required=False, help_text="default today")
    note = serializers.CharField(allow_blank=True, required=False, default="")
