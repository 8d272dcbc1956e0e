"""Who reads the statistics, and the filters they ask for.

The committee and the secretariat (the assigning bodies, S§17, S§18) and the supervising
bodies (S§39, who follow the handling) read every figure; a unit's head reads the figures of
the unit's own parts (S§45: the report is about how each unit handled), whatever unit the
query names. Deputies, clerks and delegation staff have their own lists, not these figures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from congress.lists import cached_choices
from congress.models import Congress, Organisation
from congress.roles import Role
from suggestions.filters import area_choices, delegation_choices, session_choices, unit_choices
from suggestions.reports.statistics.figures import DIMENSIONS
from suggestions.reports.statistics.levels import LEVELS, NAMES, Filters
from suggestions.workflow.who import is_assigning_staff, supervising_body, unit_of


def may_read_statistics(user: Any) -> bool:
    return bool(is_assigning_staff(user) or supervising_body(user) or own_unit(user))


def own_unit(user: Any) -> int | None:
    """The unit whose figures alone a unit head reads; None for everyone else."""
    if user.is_authenticated and user.has_role(Role.UNIT_HEAD) and not is_assigning_staff(user):
        return unit_of(user)
    return None


def term_years() -> list[tuple[Any, str]]:
    def load() -> list[tuple[Any, str]]:
        years: set[int] = set()
        for starts, ends in Congress.objects.values_list("starts", "ends"):
            years.update(range(starts.year, ends.year + 1))
        return [(y, str(y)) for y in sorted(years, reverse=True)]

    return cached_choices("term_years", load)


def congress_choices() -> list[tuple[Any, str]]:
    return cached_choices("congresses", lambda: [(c.pk, c.name) for c in Congress.objects.all()])


def _blank(choices: Any) -> Any:
    def read() -> list[tuple[Any, str]]:
        return [("", _("All")), *choices()]

    return read


BY_LABELS = {
    "area": _("By subject area"),
    "delegation": _("By delegation"),
    "unit": _("By handling unit"),
    "unit_kind": _("By kind of unit"),
    "year": _("Trend by year filed"),
}


class StatisticsForm(forms.Form):
    """The year or session and the filters; every field optional."""

    year = forms.TypedChoiceField(
        label=_("Year filed"), required=False, coerce=int, empty_value=None, choices=_blank(term_years)
    )
    session = forms.TypedChoiceField(
        label=_("Session"), required=False, coerce=int, empty_value=None, choices=_blank(session_choices)
    )
    area = forms.TypedChoiceField(
        label=_("Subject area"), required=False, coerce=int, empty_value=None, choices=_blank(area_choices)
    )
    unit = forms.TypedChoiceField(
        label=_("Handling unit"), required=False, coerce=int, empty_value=None, choices=_blank(unit_choices)
    )
    unit_kind = forms.TypedChoiceField(
        label=_("Kind of unit"),
        required=False,
        empty_value=None,
        choices=[
            ("", _("All")),
            *[(k, v) for k, v in Organisation.Kind.choices if k in Organisation.HANDLING_KINDS],
        ],
    )
    delegation = forms.TypedChoiceField(
        label=_("Delegation"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_blank(delegation_choices),
    )
    congress = forms.TypedChoiceField(
        label=_("Congress term"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_blank(congress_choices),
    )
    by = forms.ChoiceField(label=_("Breakdown"), required=False, choices=list(BY_LABELS.items()))  # fmt: skip


class ItemsForm(StatisticsForm):
    level = forms.ChoiceField(choices=[(k, v.title) for k, v in LEVELS.items()])
    figure = forms.CharField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("level") in LEVELS and data.get("figure") not in NAMES[data["level"]]:
            self.add_error("figure", _("Choose a figure of the statistics."))
        return data


def filters_for(user: Any, data: dict[str, Any]) -> Filters:
    """The filters asked for, a unit head's own unit imposed. Refuses whoever may not read."""
    if not may_read_statistics(user):
        raise PermissionDenied
    values = {name: data.get(name) for name in ("year", "session", "area", "unit", "unit_kind", "delegation",
                                                 "congress")}  # fmt: skip
    unit = own_unit(user)
    if unit is not None:
        values["unit"] = unit
    return Filters(**values)


def breakdown_of(data: dict[str, Any]) -> str:
    by = data.get("by") or "area"
    return by if by in DIMENSIONS else "area"
