from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from congress.models import Organisation, Session
from congress.workflow import available_actions


class SessionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    congress_number = serializers.IntegerField(source="congress.number", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "name",
            "congress",
            "congress_number",
            "number",
            "opens",
            "closes",
            "motion_deadline",
            "last_presidium_meeting",
        ]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "is_active"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    deputy = serializers.IntegerField(allow_null=True)
    unit = serializers.IntegerField(allow_null=True)
    organisation = serializers.IntegerField(allow_null=True)
    is_superuser = serializers.BooleanField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        deputy = getattr(instance, "deputy", None)
        return {
            "username": instance.username,
            "name": instance.get_full_name(),
            "roles": sorted(instance.roles),
            "deputy": deputy.pk if deputy else None,
            "unit": instance.unit_id_for_work(),
            "organisation": instance.organisation_id,
            "is_superuser": instance.is_superuser,
        }


class DeadlineSerializer(serializers.Serializer):
    """Every deadline field of the API (WORKFLOWS.md §7), with its explanation."""

    due = serializers.DateField()
    explanation = serializers.CharField(help_text="start, rule and article, and why the end moved")
    provisional = serializers.BooleanField(help_text="the calendar does not cover the year yet")


# For `extend_schema_field`: a deadline that is always there, and one that may be null (a
# clock not running for this record).
DEADLINE = DeadlineSerializer()
OPTIONAL_DEADLINE = DeadlineSerializer(allow_null=True)


class WithActions(serializers.Serializer):
    """A detail's `actions`: what the requesting user may do with the record now, the same
    list the pages draw their buttons from (congress.workflow.available_actions). The names
    are the table's actions (docs/rules.md); where the API has one it is
    `POST <collection>/<id>/<action>/`, the underscores written as hyphens."""

    actions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, record: Any) -> list[str]:
        request = self.context.get("request")
        return available_actions(record, request.user) if request is not None else []
