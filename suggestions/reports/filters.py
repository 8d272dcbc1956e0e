"""Filters of the public reply list and of the follow-up lists (key suggestions, S§47 lists,
commitments). Choices are plain lists read once per form, as in suggestions.filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.lists import PortalFilterSet, YesNoAll
from congress.models import Organisation
from suggestions.filters import unit_choices
from suggestions.models import Assignment, Commitment, KeySuggestion, Reply
from suggestions.reports import disclosure
from suggestions.reports.accountability import in_accountability_list
from suggestions.reports.commitments import commitment_years as promised_years
from suggestions.reports.commitments import commitments_in_state, in_letters_of, letter_years
from suggestions.reports.supervision import late_condition, unsatisfied_condition
from suggestions.workflow import Status


class Choice(django_filters.ChoiceFilter):
    """A choice whose empty option reads "all", as the yes/no filters do, not dashes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("All"))
        super().__init__(*args, **kwargs)


def _year_choices(years: list[int]) -> list[tuple[int, str]]:
    return [(year, str(year)) for year in years]


def _words(queryset: QuerySet[Any], value: str, *fields: str, number: str = "") -> QuerySet[Any]:
    """Every word must match one of the fields; a number also matches the suggestion's number."""
    for word in value.split()[: disclosure.MAX_SEARCH_WORDS]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        if number and word.isdigit():
            condition |= Q(**{number: int(word)})
        queryset = queryset.filter(condition)
    return queryset


# --- Public replies (S§33) ----------------------------------------------------------------------


class PublicReplyFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    year = Choice(label=_("Year"), method="by_year")
    unit = Choice(label=_("Handling unit"), field_name="assignment__unit")
    category = Choice(label=_("Category"), choices=Reply.Category.choices)

    class Meta:
        model = Reply
        fields = ["q", "year", "unit", "category"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(disclosure.published_years())
        self.filters["unit"].extra["choices"] = unit_choices()

    def search(self, queryset: QuerySet[Reply], name: str, value: str) -> QuerySet[Reply]:
        return disclosure.search_replies(queryset, value)

    def by_year(self, queryset: QuerySet[Reply], name: str, value: str) -> QuerySet[Reply]:
        start, end = disclosure.year_span(int(value))
        return queryset.filter(approved_at__gte=start, approved_at__lt=end)


# --- Key suggestions (S§34–S§42) ------------------------------------------------------------------


def supervising_bodies() -> list[tuple[int, str]]:
    kinds = [Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_BODY]
    return list(Organisation.objects.filter(kind__in=kinds).values_list("pk", "name"))


class KeySuggestionFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    channel = Choice(label=_("Channel"), choices=KeySuggestion.Channel.choices)
    ground = Choice(label=_("Ground for key handling"), choices=KeySuggestion.Ground.choices)
    supervising_body = Choice(label=_("Supervising body"), choices=supervising_bodies)
    unit = Choice(label=_("Handling unit"), method="by_unit", choices=unit_choices)
    status = Choice(label=_("Status"), field_name="suggestion__status", choices=Status.choices)
    late = django_filters.BooleanFilter(widget=YesNoAll, label=_("Something late"), method="by_late")
    unsatisfied = django_filters.BooleanFilter(
        widget=YesNoAll, label=_("Rated unsatisfied"), method="by_unsatisfied"
    )

    class Meta:
        model = KeySuggestion
        fields = ["q", "channel", "ground", "supervising_body", "unit", "status", "late", "unsatisfied"]

    def search(self, queryset: QuerySet[KeySuggestion], name: str, value: str) -> QuerySet[KeySuggestion]:
        return _words(
            queryset,
            value,
            "suggestion__title",
            "suggestion__lead_deputy__name",
            "supervising_leader",
            "leading_official",
            number="suggestion__number",
        )

    def by_unit(self, queryset: QuerySet[KeySuggestion], name: str, value: str) -> QuerySet[KeySuggestion]:
        handled = Assignment.objects.filter(suggestion=OuterRef("suggestion_id"), unit_id=int(value))
        return queryset.filter(Exists(handled))

    def by_late(self, queryset: QuerySet[KeySuggestion], name: str, value: bool) -> QuerySet[KeySuggestion]:
        late = late_condition(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def by_unsatisfied(
        self, queryset: QuerySet[KeySuggestion], name: str, value: bool
    ) -> QuerySet[KeySuggestion]:
        unsatisfied = unsatisfied_condition()
        return queryset.filter(unsatisfied) if value else queryset.exclude(unsatisfied)


# --- S§47 lists ---------------------------------------------------------------------------------

ACCOUNTABILITY_CHOICES = [
    ("overdue", _("Overdue: past the due date (an approved extension included), no reply (S§47(2))")),
    ("unanswered", _("Late without good reason: three months, no extension approved, no reply (S§47(3))")),
    ("passed", _("Passed on: the unit objected and the objection was not upheld (S§47(2))")),
]


def assignment_years() -> list[tuple[int, str]]:
    return _year_choices(disclosure.portal_years(timezone.localdate()))


class AccountabilityFilter(PortalFilterSet):
    kind = Choice(
        label=_("Accountability list"), choices=ACCOUNTABILITY_CHOICES, method="by_list", empty_label=None
    )
    unit = Choice(label=_("Handling unit"), choices=unit_choices)
    year = Choice(
        label=_("Assigned in"),
        field_name="assigned_on",
        lookup_expr="year",
        choices=assignment_years,
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Assignment
        fields = ["kind", "unit", "year", "q"]

    def by_list(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        return in_accountability_list(queryset, value, timezone.localdate())

    def search(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        return _words(
            queryset, value, "suggestion__title", "suggestion__lead_deputy__name", number="suggestion__number"
        )


# --- Commitments (S§32) -------------------------------------------------------------------------

COMMITMENT_STATES = [
    ("overdue", _("Overdue")),
    ("open", _("Open, not yet due")),
    ("done", _("Fulfilled")),
    ("done_late", _("Fulfilled late")),
    ("progress_late", _("Yearly progress report late (S§25)")),
]


def commitment_years() -> list[tuple[int, str]]:
    return _year_choices(promised_years())


def letter_year_choices() -> list[tuple[int, str]]:
    return _year_choices(letter_years())


class CommitmentFilter(PortalFilterSet):
    year = Choice(
        label=_("Promised for"),
        field_name="promised_date",
        lookup_expr="year",
        choices=commitment_years,
    )
    letter_year = Choice(label=_("Reply letter of"), choices=letter_year_choices, method="by_letter_year")
    unit = Choice(label=_("Handling unit"), field_name="reply__assignment__unit", choices=unit_choices)
    state = Choice(label=_("Commitment state"), choices=COMMITMENT_STATES, method="by_state")
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Commitment
        fields = ["year", "letter_year", "unit", "state", "q"]

    def by_letter_year(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        return in_letters_of(queryset, int(value))

    def by_state(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        return commitments_in_state(queryset, value, timezone.localdate())

    def search(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        return _words(
            queryset,
            value,
            "text",
            "reply__assignment__suggestion__title",
            number="reply__assignment__suggestion__number",
        )
