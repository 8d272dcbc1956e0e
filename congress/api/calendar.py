"""Calendar API: compute a deadline; read and (staff) write the official calendar."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.deadlines.calendar import compute_deadline
from congress.deadlines.periods import Period, PeriodError, parse_date
from congress.deadlines.services import DayEntry, calendar_day_add, calendar_year_approve
from congress.errors import DomainError
from congress.lists import PortalFilterSet
from congress.models import CalendarDay, CalendarYear
from congress.permissions import is_staff_of_assigning_body

DEADLINE_RESPONSE = inline_serializer(
    "DeadlineResult",
    {
        "start": serializers.DateField(),
        "period": serializers.CharField(),
        "due": serializers.DateField(),
        "provisional": serializers.BooleanField(),
        "explanation": serializers.CharField(),
    },
)


class DeadlineView(APIView):
    """GET calendar/deadline/?start=2021-07-01&period=3m — public, like the calculator page."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "start", str, required=True, description="YYYY-MM-DD, the day of the event (not counted)"
            ),
            OpenApiParameter(
                "period", str, required=True, description="Nd (days), Nwd (working days) or Nm (months)"
            ),
        ],
        responses=DEADLINE_RESPONSE,
    )
    def get(self, request: Request) -> Response:
        try:
            start = parse_date(request.query_params.get("start", ""))
            period = Period.parse(request.query_params.get("period", ""))
            result = compute_deadline(start, period)
        except PeriodError as error:
            raise DomainError("invalid_period", str(error), status=400) from None
        return Response({"start": start.isoformat(), "period": str(period), **result.as_api()})


class CalendarDaySerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="schedule.year", read_only=True)
    schedule_status = serializers.CharField(source="schedule.status", read_only=True)

    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name", "note", "year", "schedule_status"]


class CalendarDayFilter(PortalFilterSet):
    year = django_filters.NumberFilter(field_name="schedule__year")
    status = django_filters.ChoiceFilter(field_name="schedule__status", choices=CalendarYear.Status.choices)

    class Meta:
        model = CalendarDay
        fields = ["year", "kind", "status"]


class IsStaffToWrite(permissions.BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated)
        return is_staff_of_assigning_body(request.user)


class CalendarDayViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The official calendar's days. POST adds a day to its year's draft schedule (staff)."""

    queryset = CalendarDay.objects.select_related("schedule")
    serializer_class = CalendarDaySerializer
    filterset_class = CalendarDayFilter
    permission_classes = [IsStaffToWrite]
    ordering_fields = ["date"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        day = calendar_day_add(
            entry=DayEntry(data["date"], data["kind"], data["name"], data.get("note", "")),
            actor=request.user,  # type: ignore[arg-type]
        )
        return Response(self.get_serializer(day).data, status=status.HTTP_201_CREATED)


class CalendarYearSerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarYear
        fields = ["year", "status", "notice", "source", "entered_by", "approved_by", "approved_at"]


class CalendarYearViewSet(viewsets.ReadOnlyModelViewSet):
    """Which years the calendar covers; a second staff member approves a draft."""

    queryset = CalendarYear.objects.all()
    serializer_class = CalendarYearSerializer
    lookup_field = "year"
    filterset_fields = ["status"]
    permission_classes = [IsStaffToWrite]

    @extend_schema(request=None, responses=CalendarYearSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, year: str | None = None) -> Response:
        schedule = self.get_object()
        calendar_year_approve(schedule=schedule, actor=request.user)  # type: ignore[arg-type]
        schedule.refresh_from_db()
        return Response(self.get_serializer(schedule).data)
