"""What every working list shares: filters, a sentence saying what is shown, paging, export.

A list view builds a django-filter FilterSet from the query string, then calls
`list_context`, and offers `?export=xlsx` for the same filtered rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

PAGE_SIZE = 20  # as the API pages
MAX_PAGE_SIZE = 100
# Keys are 64-bit integers (BigAutoField): a larger number can name no row, and the database
# would refuse it with an error rather than find nothing.
LARGEST_KEY = 2**63 - 1
# Bounds of the date parts a number filter may ask for.
DATE_PART_BOUNDS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}


class WholeNumberField(forms.IntegerField):
    """A number filter's field: a whole number within what the database can hold ("1e5",
    "3.5" and twenty digits are a clear "enter a whole number", never a server error)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        kwargs.setdefault("min_value", -LARGEST_KEY)
        kwargs.setdefault("max_value", LARGEST_KEY)
        super().__init__(*args, **kwargs)


def _checked_keys(field: forms.Field, values: list[Any]) -> None:
    for value in values:
        text = str(value).strip()
        if text and not (text.lstrip("-").isdigit() and abs(int(text)) <= LARGEST_KEY):
            raise forms.ValidationError(
                field.error_messages.get("invalid_choice", _("Select a valid choice.")),
                code="invalid_choice",
                params={"value": text},
            )


class KeyChoiceField(django_filters.fields.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not self.to_field_name:
            _checked_keys(self, [value])
        return super().to_python(value)


class KeyMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        if not self.to_field_name:
            _checked_keys(self, list(value))
        return super()._check_values(value)


class PortalFilterSet(django_filters.FilterSet):
    """Every list's filters, API and pages alike: numbers and keys are checked to be whole
    numbers the database can hold before any query (WORKFLOWS.md §7: no input gets a 5xx)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.NumberFilter):
                filter_.field_class = WholeNumberField
                low, high = DATE_PART_BOUNDS.get(filter_.lookup_expr, (None, None))
                if low is not None:
                    filter_.extra.setdefault("min_value", low)
                    filter_.extra.setdefault("max_value", high)
            elif isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
                filter_.field_class = KeyMultipleChoiceField
            elif isinstance(filter_, django_filters.ModelChoiceFilter):
                filter_.field_class = KeyChoiceField


class YesNoAll(forms.Select):
    """A yes/no filter whose empty choice reads "all" rather than "unknown"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs,
            choices=[("", gettext_lazy("All")), ("true", gettext_lazy("Yes")), ("false", gettext_lazy("No"))],
        )


def filter_summary(filterset: django_filters.FilterSet, total: int) -> str:
    """'承办单位：省教育厅 · 状态：办理中 · 共 37 件' (USERS.md: every list states its filter)."""
    parts = []
    if filterset.is_bound and filterset.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            if value in (None, "", [], False) or name == "export":
                continue
            field = filterset.form.fields[name]
            shown = value
            # Values arrive as text while choices may be numbers (primary keys); callable
            # choices have no len(), so they are iterated, never tested for truth.
            choices = {str(key): label for key, label in getattr(field, "choices", ())}
            if isinstance(value, (list, tuple)):
                shown = "、".join(str(choices.get(str(v), v)) for v in value)
            elif value is True:
                shown = _("yes")
            elif str(value) in choices:
                shown = choices[str(value)]
            parts.append(f"{field.label}：{shown}")
    parts.append(_("%(total)s in all") % {"total": total})
    return " · ".join(parts)


_choices: dict[tuple[str, str], tuple[float, list[tuple[Any, str]]]] = {}
CHOICES_TTL = 300.0


def cached_choices(key: str, load: Callable[[], list[tuple[Any, str]]]) -> list[tuple[Any, str]]:
    """Filter options (sessions, units, delegations…) change rarely but every list page
    shows them: read them at most every five minutes per process and language."""
    slot = (key, get_language() or "")
    now = time.monotonic()
    hit = _choices.get(slot)
    if hit is None or now - hit[0] > CHOICES_TTL:
        hit = _choices[slot] = (now, load())
    return hit[1]


def page_size(request: HttpRequest) -> int:
    """25 rows, or what the user asked for (?page_size=), at most 100."""
    try:
        return max(1, min(MAX_PAGE_SIZE, int(request.GET.get("page_size", PAGE_SIZE))))
    except ValueError:
        return PAGE_SIZE


def list_context(
    request: HttpRequest, filterset: django_filters.FilterSet, queryset: QuerySet[Any]
) -> dict[str, Any]:
    paginator = Paginator(queryset, page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    export = query.copy()
    export["export"] = "xlsx"
    return {
        "filter": filterset,
        "page": page,
        "rows": page.object_list,
        "summary": filter_summary(filterset, paginator.count),
        "query": query.urlencode(),
        # The filter panel stays folded on a phone until someone uses it.
        "filters_open": any(key not in {"page", "export", "page_size"} for key in request.GET),
        "export_query": export.urlencode(),
    }
