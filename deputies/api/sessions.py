"""Leave (D§8) and each sitting's attendance: `leaves` with `decide` and `withdraw`, `sittings`
with their roll call (`attendance`, `import`), and the `attendance` collection."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from congress.api.serializers import WithActions
from congress.lists import PortalFilterSet
from congress.models import Session
from deputies.api.base import actor, valid
from deputies.models import Attendance, Deputy, Leave, Sitting
from deputies.permissions import deputies_served_by, leaves_visible_to, own_deputy_id
from deputies.selectors.attendance import approved_leave
from deputies.services.attendance import attendance_import, attendance_record, sitting_create
from deputies.services.leave import leave_decide, leave_request, leave_withdraw
from deputies.workflow.checks import refusal


class LeaveSerializer(serializers.ModelSerializer):
    deputy = serializers.PrimaryKeyRelatedField(
        queryset=Deputy.objects.all(), required=False, help_text="when staff enter it; else the deputy asking"
    )

    class Meta:
        model = Leave
        fields = [
            "id", "deputy", "session", "reason", "status", "deciding_body", "requested_at", "entered_by",
            "decided_at", "decision_reason",
        ]  # fmt: skip
        read_only_fields = [
            "status",
            "deciding_body",
            "requested_at",
            "entered_by",
            "decided_at",
            "decision_reason",
        ]
        # One standing request per session is the service's rule (`leave_already_requested`).
        validators: list[object] = []


class LeaveDetailSerializer(WithActions, LeaveSerializer):
    class Meta(LeaveSerializer.Meta):
        fields = [*LeaveSerializer.Meta.fields, "actions"]


class LeaveFilter(PortalFilterSet):
    class Meta:
        model = Leave
        fields = ["session", "deputy", "status", "deciding_body"]


class LeaveDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class LeaveViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Leave from a session (D§8): a deputy asks, or staff enter the written request; the body
    of D§8 decides."""

    filterset_class = LeaveFilter
    ordering_fields = ["requested_at", "id"]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return LeaveSerializer if self.action == "list" else LeaveDetailSerializer

    def get_queryset(self) -> QuerySet[Leave]:
        return leaves_visible_to(self.request.user).select_related("deputy", "session")

    @extend_schema(request=LeaveSerializer, responses={201: LeaveDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(LeaveSerializer, request)
        deputy = data.get("deputy") or getattr(request.user, "deputy", None)
        if deputy is None:
            raise refusal("deputy_missing", status=400)
        leave = leave_request(
            deputy=deputy, session=data["session"], reason=data["reason"], actor=actor(request)
        )
        return Response(LeaveDetailSerializer(leave, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=LeaveDecideSerializer, responses=LeaveDetailSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        data = valid(LeaveDecideSerializer, request)
        leave = leave_decide(leave=self.get_object(), actor=actor(request), **data)
        return Response(self.get_serializer(leave).data)

    @extend_schema(request=None, responses=LeaveDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return Response(
            self.get_serializer(leave_withdraw(leave=self.get_object(), actor=actor(request))).data
        )


class SittingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sitting
        fields = ["id", "session", "date", "name"]


class RollCallSerializer(serializers.Serializer):
    present = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)
    absent = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, required=False)


class RollCallRecordedSerializer(serializers.Serializer):
    recorded = serializers.IntegerField()


class RollCallImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="xlsx with the headers 代表编号, 姓名, 出席")


class SittingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A session's sittings; the secretariat records each one's roll call (D§8)."""

    serializer_class = SittingSerializer
    filterset_fields = ["session", "date"]
    queryset = Sitting.objects.all()

    @extend_schema(request=SittingSerializer, responses={201: SittingSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(SittingSerializer, request)
        session: Session = data["session"]
        sitting = sitting_create(session=session, date=data["date"], name=data["name"], actor=actor(request))
        return Response(SittingSerializer(sitting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RollCallSerializer, responses=RollCallRecordedSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        data = valid(RollCallSerializer, request)
        count = attendance_record(
            sitting=self.get_object(), present=data.get("present", []), absent=data.get("absent", []),
            actor=actor(request),
        )  # fmt: skip
        return Response({"recorded": count})

    @extend_schema(
        request={"multipart/form-data": RollCallImportSerializer}, responses=RollCallRecordedSerializer
    )
    @action(detail=True, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_roll_call(self, request: Request, pk: str | None = None) -> Response:
        data = valid(RollCallImportSerializer, request)
        count = attendance_import(sitting=self.get_object(), upload=data["file"], actor=actor(request))
        return Response({"recorded": count})


class AttendanceSerializer(serializers.ModelSerializer):
    excused = serializers.BooleanField(
        read_only=True, help_text="the deputy's leave for the session was approved (D§8)"
    )

    class Meta:
        model = Attendance
        fields = ["id", "sitting", "deputy", "present", "excused", "recorded_at"]


class AttendanceFilter(PortalFilterSet):
    session = django_filters.NumberFilter(field_name="sitting__session")

    class Meta:
        model = Attendance
        fields = ["sitting", "deputy", "present", "session"]


class AttendanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Each sitting's roll call: staff read every deputy's, a deputy their own."""

    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    ordering_fields = ["sitting", "deputy"]

    def get_queryset(self) -> QuerySet[Attendance]:
        user = self.request.user
        served = deputies_served_by(user).values("pk")
        rows = Attendance.objects.filter(Q(deputy__in=served) | Q(deputy_id=own_deputy_id(user) or 0))
        return rows.annotate(excused=approved_leave()).order_by("sitting", "deputy")
