"""The statistics pages (S§11(2), S§45): figures with charts and the same figures as tables,
each figure a link to the list of the items behind it; both export to Excel. Read from the
replica when there is one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response, sheets_response
from congress.lists import page_size
from congress.replica import reads_from_replica
from suggestions.reports.statistics import figures
from suggestions.reports.statistics.access import (
    BY_LABELS,
    ItemsForm,
    StatisticsForm,
    breakdown_of,
    filters_for,
    may_read_statistics,
    own_unit,
)
from suggestions.reports.statistics.figures import Statistics, Table
from suggestions.reports.statistics.levels import LABELS, LEVELS, items
from suggestions.views.common import user_of


def _form(
    request: HttpRequest, form_class: type[StatisticsForm], *, this_year: bool = False
) -> StatisticsForm:
    user = user_of(request)
    if not may_read_statistics(user):
        raise PermissionDenied
    data = request.GET.copy()
    if this_year and "year" not in data and "session" not in data:
        # A leader opens the statistics for this year; "every year" is an explicit choice (year=).
        data["year"] = str(timezone.localdate().year)
    form = form_class(data)
    if own_unit(user) is not None:
        form.fields.pop("unit")  # a unit head reads the unit's own figures
    form.is_valid()
    return form


def table_sheet(table: Table) -> tuple[str, list[str], list[list[Any]]]:
    headers = [
        str(LEVELS[table.level].title) if not table.by else table.title,
        *[label for _n, label in table.columns],
    ]
    rows = [[row.label, *[f.value for f in row.figures]] for row in table.rows]
    part = table.title if table.by else _("totals")
    title = f"{LEVELS[table.level].title} {part}"
    return title, headers, rows


def chart_data(stats: Statistics) -> dict[str, Any]:
    """What the charts draw, for the page's JSON data island (json_script)."""

    def table(t: Table, key: str) -> dict[str, Any]:
        return {
            "id": key,
            "level": t.level,
            "by": t.by,
            "columns": [{"name": n, "label": label} for n, label in t.columns],
            "rows": [
                {"label": r.label, "values": [f.value for f in r.figures], "urls": [f.url for f in r.figures]}
                for r in t.rows
            ],
        }

    return {
        "totals": [table(t, f"totals-{t.level}") for t in stats.totals],
        "breakdowns": [table(t, f"by-{t.by}-{t.level}") for t in stats.breakdowns],
    }


@login_required
@reads_from_replica()
def statistics_page(request: HttpRequest) -> HttpResponse:
    form = _form(request, StatisticsForm, this_year=True)
    data = form.cleaned_data if not form.errors else {}
    filters = filters_for(user_of(request), data)
    by = breakdown_of(data)
    stats = figures.statistics(filters, timezone.localdate(), dimensions=(by,))
    if request.GET.get("export") == "xlsx":
        sheets = [table_sheet(t) for t in [*stats.totals, *stats.breakdowns]]
        return sheets_response(f"statistics-{filters.year or filters.session or 'all'}.xlsx", sheets)
    query = request.GET.copy()
    query["export"] = "xlsx"
    tabs = []
    for name, label in BY_LABELS.items():
        q = request.GET.copy()
        q["by"] = name
        tabs.append({"name": name, "label": label, "query": q.urlencode(), "current": name == by})
    context = {
        "form": form,
        "stats": stats,
        "by": by,
        "by_label": BY_LABELS[by],
        "tabs": tabs,
        "charts": chart_data(stats),
        "export_query": query.urlencode(),
        "own_unit": own_unit(user_of(request)),
    }
    return render(request, "suggestions/statistics/index.html", context)


def _suggestion_line(s: Any) -> tuple[str, list[Any]]:
    filed = timezone.localtime(s.submitted_at).date() if s.submitted_at else None
    return s.get_absolute_url(), [
        s.number_label, s.title, s.get_status_display(), s.subject_area.name, s.lead_deputy.name, filed,
    ]  # fmt: skip


def _part_line(a: Any) -> tuple[str, list[Any]]:
    s = a.suggestion
    return s.get_absolute_url(), [
        s.number_label, s.title, a.unit.name, a.get_role_display(), a.get_status_display(), a.assigned_on, a.reply_due,
    ]  # fmt: skip


def _promise_line(c: Any) -> tuple[str, list[Any]]:
    s = c.reply.assignment.suggestion
    return reverse("suggestions:commitment", args=[c.pk]), [
        s.number_label, s.title, c.reply.assignment.unit.name, c.text, c.promised_date, c.done_on,
    ]  # fmt: skip


def _item_rows(level: str, queryset: QuerySet[Any]) -> tuple[list[str], QuerySet[Any], Callable[[Any], Any]]:
    """The list's headers, its rows with what they show, and how one row reads."""
    if level == "suggestions":
        headers = [_("Number"), _("Title"), _("Status"), _("Subject area"), _("Lead deputy"), _("Filed on")]
        rows = queryset.select_related("subject_area", "lead_deputy").order_by("submitted_at", "id")
        return headers, rows, _suggestion_line
    if level == "handling":
        headers = [
            _("Number"),
            _("Title"),
            _("Handling unit"),
            _("Role"),
            _("Status"),
            _("Assigned on"),
            _("Reply due"),
        ]
        rows = queryset.select_related("suggestion", "unit").order_by("assigned_on", "id")
        return headers, rows, _part_line
    headers = [
        _("Number"),
        _("Title"),
        _("Handling unit"),
        _("Promised action"),
        _("Promised date"),
        _("Done on"),
    ]
    related = ("reply__assignment__suggestion", "reply__assignment__unit")
    return headers, queryset.select_related(*related).order_by("promised_date", "id"), _promise_line


@login_required
@reads_from_replica()
def statistics_items(request: HttpRequest) -> HttpResponse:
    """The items behind one figure: as many as the figure says (the same condition)."""
    form = _form(request, ItemsForm)
    if form.errors:
        return render(
            request, "suggestions/statistics/items.html", {"form": form, "invalid": True}, status=400
        )
    data = form.cleaned_data
    level, figure = data["level"], data["figure"]
    filters = filters_for(user_of(request), data)
    queryset = items(LEVELS[level], figure, filters, timezone.localdate())
    headers, rows, read = _item_rows(level, queryset)
    if request.GET.get("export") == "xlsx":
        lines = (read(row)[1] for row in rows.iterator(chunk_size=2000))
        return excel_response(f"statistics-{level}-{figure}.xlsx", str(LABELS[figure]), headers, lines)
    paginator = Paginator(rows, page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    export = query.copy()
    export["export"] = "xlsx"
    back = query.copy()
    for name in ("level", "figure", "page_size"):
        back.pop(name, None)
    context = {
        "form": form,
        "level_title": LEVELS[level].title,
        "figure_label": LABELS[figure],
        "headers": headers,
        "lines": [read(row) for row in page.object_list],
        "page": page,
        "total": paginator.count,
        "query": query.urlencode(),
        "export_query": export.urlencode(),
        "back_query": back.urlencode(),
    }
    return render(request, "suggestions/statistics/items.html", context)
