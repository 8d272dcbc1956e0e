"""Read-only API for deputies and delegations (WORKFLOWS.md §7)."""

from typing import Any

import django_filters
from django.db.models import Count, QuerySet
from rest_framework import serializers, viewsets

from congress.lists import PortalFilterSet
from congress.permissions import may_see_contacts
from deputies.models import Delegation, Deputy


class DelegationSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Delegation
        fields = ["id", "name", "congress", "city_sc", "head", "member_count"]


class DeputySerializer(serializers.ModelSerializer):
    delegation_name = serializers.CharField(source="delegation.name", read_only=True)

    class Meta:
        model = Deputy
        fields = [
            "id",
            "name",
            "gender",
            "ethnicity",
            "congress",
            "delegation",
            "delegation_name",
            "constituency",
            "occupation",
            "status",
        ]


class DeputyWithContactSerializer(DeputySerializer):
    """For the staff who serve deputies; others do not see phone numbers (privacy)."""

    class Meta(DeputySerializer.Meta):
        fields = [*DeputySerializer.Meta.fields, "phone", "email", "address", "status_ground", "status_since"]


class DeputyFilter(PortalFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="q")
    congress = django_filters.NumberFilter(field_name="congress__number")

    class Meta:
        model = Deputy
        fields = ["delegation", "status", "congress", "gender"]


class DeputyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Deputy.objects.select_related("delegation")
    filterset_class = DeputyFilter
    ordering_fields = ["name", "id"]

    def get_serializer_class(self) -> Any:
        if may_see_contacts(self.request.user):
            return DeputyWithContactSerializer
        return DeputySerializer


class DelegationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DelegationSerializer
    filterset_fields = ["congress"]
    ordering_fields = ["name", "sort_order"]

    def get_queryset(self) -> QuerySet[Delegation]:
        return Delegation.objects.annotate(member_count=Count("deputies")).order_by("sort_order", "name")
