"""Deputies and delegations (WORKFLOWS.md §7): read, with each deputy's status changes
(D§45–D§49), the record of a minority deputy's needs (D§42) and the archive (D§43)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.serializers import WithActions
from congress.lists import PortalFilterSet
from congress.permissions import may_see_contacts
from deputies.api.base import actor, valid
from deputies.models import SUSPENSION_GROUNDS, TERMINATION_GROUNDS, Delegation, Deputy
from deputies.permissions import may_see_archive, published_years
from deputies.selectors.archive import CATEGORIES, Span, archive_of
from deputies.services.status import deputy_record_needs, deputy_restore, deputy_suspend, deputy_terminate
from deputies.workflow.checks import refusal


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
        fields = [
            *DeputySerializer.Meta.fields,
            "phone", "email", "address", "status_ground", "status_since", "status_decision",
            "status_announced_on", "directly_elected", "language_needs", "custom_needs",
        ]  # fmt: skip


class DeputyDetailSerializer(WithActions, DeputySerializer):
    class Meta(DeputySerializer.Meta):
        fields = [*DeputySerializer.Meta.fields, "actions"]


class DeputyWithContactDetailSerializer(WithActions, DeputyWithContactSerializer):
    class Meta(DeputyWithContactSerializer.Meta):
        fields = [*DeputyWithContactSerializer.Meta.fields, "actions"]


class DeputyFilter(PortalFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="q")
    congress = django_filters.NumberFilter(field_name="congress__number")

    class Meta:
        model = Deputy
        fields = ["delegation", "status", "congress", "gender"]


# The grounds each change takes (D§45, D§46), named in the schema (ENUM_NAME_OVERRIDES).
SUSPENSION_CHOICES = [g.value for g in SUSPENSION_GROUNDS]
TERMINATION_CHOICES = [g.value for g in TERMINATION_GROUNDS]


class StatusChangeSerializer(serializers.Serializer):
    effective_on = serializers.DateField()
    decision = serializers.CharField(help_text="the decision's reference (D§45, D§48, D§49)")
    announced_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SuspendSerializer(StatusChangeSerializer):
    ground = serializers.ChoiceField(choices=SUSPENSION_CHOICES)


class TerminateSerializer(StatusChangeSerializer):
    ground = serializers.ChoiceField(choices=TERMINATION_CHOICES)


class DeputyNeedsSerializer(serializers.Serializer):
    language_needs = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    custom_needs = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


ArchiveSerializer = type(
    "ArchiveSerializer",
    (serializers.Serializer,),
    {
        "deputy": serializers.IntegerField(),
        "congress": serializers.IntegerField(),
        "year": serializers.IntegerField(allow_null=True, help_text="null: the whole term"),
        **{name: serializers.IntegerField(help_text=str(label)) for name, label in CATEGORIES.items()},
    },
)


class DeputyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Deputy.objects.select_related("delegation", "congress")
    filterset_class = DeputyFilter
    ordering_fields = ["name", "id"]

    def get_serializer_class(self) -> Any:
        contacts = may_see_contacts(self.request.user)
        if self.action == "list":
            return DeputyWithContactSerializer if contacts else DeputySerializer
        return DeputyWithContactDetailSerializer if contacts else DeputyDetailSerializer

    def _changed(self, deputy: Deputy) -> Response:
        return Response(self.get_serializer(deputy).data)

    @extend_schema(request=SuspendSerializer, responses=DeputyWithContactDetailSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request: Request, pk: str | None = None) -> Response:
        data = valid(SuspendSerializer, request)
        return self._changed(deputy_suspend(deputy=self.get_object(), actor=actor(request), **data))

    @extend_schema(request=StatusChangeSerializer, responses=DeputyWithContactDetailSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        data = valid(StatusChangeSerializer, request)
        return self._changed(deputy_restore(deputy=self.get_object(), actor=actor(request), **data))

    @extend_schema(request=TerminateSerializer, responses=DeputyWithContactDetailSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request: Request, pk: str | None = None) -> Response:
        data = valid(TerminateSerializer, request)
        return self._changed(deputy_terminate(deputy=self.get_object(), actor=actor(request), **data))

    @extend_schema(request=DeputyNeedsSerializer, responses=DeputyWithContactDetailSerializer)
    @action(detail=True, methods=["post"], url_path="record-needs")
    def record_needs(self, request: Request, pk: str | None = None) -> Response:
        data = valid(DeputyNeedsSerializer, request)
        return self._changed(deputy_record_needs(deputy=self.get_object(), actor=actor(request), **data))

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="a year of the term; none: the term")
        ],
        responses=ArchiveSerializer,
    )
    @action(detail=True, methods=["get"], permission_classes=[permissions.AllowAny])
    def archive(self, request: Request, pk: str | None = None) -> Response:
        """The performance archive (D§43): the deputy's own, their committee's and delegation's
        staff see it whole; anyone sees a year the congress published."""
        deputy = self.get_object()
        text = request.query_params.get("year", "")
        if text and not text.isdigit():
            raise refusal("year_invalid", status=400)
        year = int(text) if text else None
        if year is not None and not deputy.congress.starts.year <= year <= deputy.congress.ends.year:
            raise refusal("year_invalid", status=400)
        if not may_see_archive(request.user, deputy) and (
            year is None or year not in published_years(deputy.congress_id)
        ):
            raise NotFound
        archive = archive_of(deputy.pk, Span(deputy.congress, year))
        return Response({"deputy": deputy.pk, "congress": deputy.congress_id, "year": year, **archive.total})


class DelegationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DelegationSerializer
    filterset_fields = ["congress"]
    ordering_fields = ["name", "sort_order"]

    def get_queryset(self) -> QuerySet[Delegation]:
        return Delegation.objects.annotate(member_count=Count("deputies")).order_by("sort_order", "name")
