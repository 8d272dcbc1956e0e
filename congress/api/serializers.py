from typing import Any

from rest_framework import serializers

from congress.models import Organisation, Session


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
