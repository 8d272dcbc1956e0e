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
