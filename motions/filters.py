"""The one filter of motion lists, for the pages and the API alike (WORKFLOWS.md §7: status,
session, deputy, overdue, due_before, q)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from congress.lists import LARGEST_KEY, PortalFilterSet, YesNoAll, cached_choices
from congress.models import Organisation, Session
from motions.models import REVIEW_BODY_KINDS, Category, Kind, Motion
from motions.selectors import motions_of, proposed_by
from motions.workflow import MOTION, REPORT_CLOCK, Status


def session_choices() -> list[tuple[Any, str]]:
    return cached_choices(
        "sessions", lambda: [(s.pk, s.name) for s in Session.objects.select_related("congress")]
    )


def review_body_choices() -> list[tuple[Any, str]]:
    return cached_choices(
        "review_bodies",
        lambda: list(Organisation.objects.filter(kind__in=REVIEW_BODY_KINDS).values_list("pk", "name")),
    )


class IdChoiceField(django_filters.fields.ChoiceField):
    """A record picked from a list on the pages; an API client may send any id (an id not
    listed, or since removed, finds nothing rather than failing the request)."""

    def valid_value(self, value: Any) -> bool:
        text = str(value)
        return (text.isdigit() and int(text) <= LARGEST_KEY) or super().valid_value(value)


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ChoiceFilter):
    field_class = IdChoiceField


class MotionFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    session = IdChoiceFilter(label=_("Session"), field_name="session_id", choices=session_choices)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Status.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    kind = django_filters.ChoiceFilter(label=_("Filed by"), choices=Kind.choices)
    review_body = IdChoiceFilter(
        label=_("Reviewing body"), field_name="review_body_id", choices=review_body_choices
    )
    mine = django_filters.BooleanFilter(label=_("Only mine"), method="by_me", widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(label=_("Report overdue"), method="by_overdue", widget=YesNoAll)
    due_before = django_filters.DateFilter(
        label=_("Report due before"),
        field_name="report_due",
        lookup_expr="lt",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # For API clients; hidden on the pages, where a deputy's own motions are "Only mine".
    deputy = django_filters.NumberFilter(label=_("Deputy"), method="by_deputy", widget=forms.HiddenInput)
    delegation = django_filters.NumberFilter(
        label=_("Delegation"), field_name="delegation_id", widget=forms.HiddenInput
    )

    class Meta:
        model = Motion
        fields = [
            "q",
            "session",
            "status",
            "category",
            "kind",
            "review_body",
            "mine",
            "overdue",
            "due_before",
        ]

    def search(self, queryset: QuerySet[Motion], name: str, value: str) -> QuerySet[Motion]:
        """Title, text, lead deputy, delegation, or the number (16, 0016, 0016号)."""
        value = value.strip()
        condition = (
            Q(title__icontains=value)
            | Q(reason__icontains=value)
            | Q(solution__icontains=value)
            | Q(lead_deputy__name__icontains=value)
            | Q(delegation__name__icontains=value)
        )
        digits = value.removesuffix("号")
        if digits.isdigit() and len(digits) <= 9:  # a session's numbers run to 4 digits
            condition |= Q(number=int(digits))
        return queryset.filter(condition)

    def by_deputy(self, queryset: QuerySet[Motion], name: str, value: int) -> QuerySet[Motion]:
        """The motions the deputy proposes: leads, co-signed in its final text, or signed as the
        head of the delegation that filed it (M§12)."""
        return queryset.filter(proposed_by(int(value)))

    def by_me(self, queryset: QuerySet[Motion], name: str, value: bool) -> QuerySet[Motion]:
        if not value or self.request is None:
            return queryset
        return queryset.filter(motions_of(self.request.user))

    def by_overdue(self, queryset: QuerySet[Motion], name: str, value: bool) -> QuerySet[Motion]:
        """Report clocks still running past their due date (M§23)."""
        late = MOTION.running(REPORT_CLOCK) & Q(report_due__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
