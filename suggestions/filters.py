"""Filters of the suggestion lists and the API (WORKFLOWS.md §7: status, session, deputy,
unit, q, overdue, due_before)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.lists import PortalFilterSet, YesNoAll, cached_choices
from congress.models import Organisation, Session
from deputies.models import Delegation
from suggestions.models import Assignment, CoSigner, SubjectArea, Suggestion
from suggestions.selectors import overdue_filter
from suggestions.workflow import ASSIGNMENT, AssignmentStatus, Role, Status


# Choices as plain lists, read once per form: a model choice field reads its options through
# a server-side cursor per field, which a list page pays for on every request.
def session_choices() -> list[tuple[Any, str]]:
    return cached_choices(
        "sessions", lambda: [(s.pk, s.name) for s in Session.objects.select_related("congress")]
    )


def area_choices() -> list[tuple[Any, str]]:
    return cached_choices("areas", lambda: list(SubjectArea.objects.values_list("pk", "name")))


def delegation_choices() -> list[tuple[Any, str]]:
    return cached_choices("delegations", lambda: list(Delegation.objects.values_list("pk", "name")))


def unit_choices() -> list[tuple[Any, str]]:
    return cached_choices(
        "units",
        lambda: list(
            Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS).values_list("pk", "name")
        ),
    )


class SuggestionFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    session = django_filters.ChoiceFilter(label=_("Session"), choices=session_choices)
    recess = django_filters.BooleanFilter(
        widget=YesNoAll, label=_("Filed in recess"), field_name="session", lookup_expr="isnull"
    )
    subject_area = django_filters.ChoiceFilter(label=_("Subject area"), choices=area_choices)
    delegation = django_filters.ChoiceFilter(
        label=_("Delegation"), field_name="lead_deputy__delegation", choices=delegation_choices
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Suggestion.Kind.choices)
    # For API clients; hidden on the pages, where deputies are found by name (q).
    deputy = django_filters.NumberFilter(label=_("Deputy"), method="by_deputy", widget=forms.HiddenInput)
    unit = django_filters.ChoiceFilter(label=_("Handling unit"), method="by_unit", choices=unit_choices)
    overdue = django_filters.BooleanFilter(widget=YesNoAll, label=_("Overdue"), method="by_overdue")
    urgent = django_filters.BooleanFilter(widget=YesNoAll, label=_("Urgent"))

    class Meta:
        model = Suggestion
        fields = ["q", "status", "session", "recess", "subject_area", "delegation", "kind", "unit", "overdue"]

    def search(self, queryset: QuerySet[Suggestion], name: str, value: str) -> QuerySet[Suggestion]:
        """Every word must match the title or the lead deputy's name; a number matches 第N号."""
        for word in value.split():
            condition = Q(title__icontains=word) | Q(lead_deputy__name__icontains=word)
            if word.isdigit():
                condition |= Q(number=int(word))
            queryset = queryset.filter(condition)
        return queryset

    def by_deputy(self, queryset: QuerySet[Suggestion], name: str, value: int) -> QuerySet[Suggestion]:
        cosigned = CoSigner.objects.filter(suggestion=OuterRef("pk"), deputy_id=value)
        return queryset.filter(Q(lead_deputy_id=value) | Exists(cosigned))

    def by_unit(self, queryset: QuerySet[Suggestion], name: str, value: str) -> QuerySet[Suggestion]:
        return queryset.filter(
            Exists(Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=int(value)))
        )

    def by_overdue(self, queryset: QuerySet[Suggestion], name: str, value: bool) -> QuerySet[Suggestion]:
        late = Assignment.objects.filter(overdue_filter(timezone.localdate()), suggestion=OuterRef("pk"))
        return queryset.filter(Exists(late)) if value else queryset.exclude(Exists(late))


class AssignmentFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssignmentStatus.choices)
    open = django_filters.BooleanFilter(widget=YesNoAll, label=_("Open only"), method="by_open")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    unit = django_filters.ChoiceFilter(label=_("Handling unit"), choices=unit_choices)
    suggestion = django_filters.NumberFilter(label=_("Suggestion"), widget=forms.HiddenInput)
    session = django_filters.ChoiceFilter(
        label=_("Session"), field_name="suggestion__session", choices=session_choices
    )
    overdue = django_filters.BooleanFilter(widget=YesNoAll, label=_("Overdue"), method="by_overdue")
    due_before = django_filters.DateFilter(
        label=_("Reply due before"), field_name="reply_due", lookup_expr="lt"
    )

    class Meta:
        model = Assignment
        fields = ["q", "open", "status", "role", "unit", "overdue", "due_before"]

    def search(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        for word in value.split():
            condition = Q(suggestion__title__icontains=word) | Q(
                suggestion__lead_deputy__name__icontains=word
            )
            if word.isdigit():
                condition |= Q(suggestion__number=int(word))
            queryset = queryset.filter(condition)
        return queryset

    def by_open(self, queryset: QuerySet[Assignment], name: str, value: bool) -> QuerySet[Assignment]:
        return queryset.filter(status__in=ASSIGNMENT.open_statuses) if value else queryset

    def by_overdue(self, queryset: QuerySet[Assignment], name: str, value: bool) -> QuerySet[Assignment]:
        late = overdue_filter(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
