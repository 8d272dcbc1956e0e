"""Public pages, no sign-in (S§33, WORKFLOWS.md §6 "public"): the published replies and the
handling units' on-time record. Everyone, signed in or not, sees exactly the same."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.lists import list_context
from congress.replica import reads_from_replica
from suggestions.models import Reply
from suggestions.reports import disclosure
from suggestions.reports.filters import PublicReplyFilter


@reads_from_replica()
def reply_list(request: HttpRequest) -> HttpResponse:
    filterset = PublicReplyFilter(request.GET or None, queryset=disclosure.published_replies())
    queryset = filterset.qs
    if request.GET.get("export") == "xlsx":
        return _export_replies(queryset)
    return render(request, "suggestions/public/replies.html", list_context(request, filterset, queryset))


def reply_page(request: HttpRequest, pk: int) -> HttpResponse:
    reply = disclosure.published_replies().filter(pk=pk).first()
    if reply is None:  # a draft, a withheld reply and no reply at all look the same
        raise Http404
    return render(
        request, "suggestions/public/reply.html", {"reply": reply, "s": reply.assignment.suggestion}
    )


def _export_replies(queryset: QuerySet[Reply]) -> HttpResponse:
    headers = [
        _("Session"),
        _("Number"),
        _("Suggestion"),
        _("Handling unit"),
        _("Category"),
        _("Replied on"),
        _("Reply"),
        _("Plan"),
        _("Completion date"),
    ]
    rows = (
        (
            _session(r), r.assignment.suggestion.number_label, r.assignment.suggestion.title, r.assignment.unit.name,
            r.get_category_display(), timezone.localdate(r.approved_at) if r.approved_at else None, r.body, r.plan,
            r.completion_date,
        )
        for r in queryset.iterator(chunk_size=1000)
    )  # fmt: skip
    return excel_response("published-replies.xlsx", _("Published replies"), headers, rows)


def _session(reply: Reply) -> str:
    suggestion = reply.assignment.suggestion
    if suggestion.session_id and suggestion.session:
        return suggestion.session.name
    return _("Filed in recess")


def _year(request: HttpRequest, years: list[int], default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if year in years else default


@reads_from_replica()
def unit_league(request: HttpRequest) -> HttpResponse:
    """Issue 6: the handling units by on-time rate of the replies due in a year."""
    today = timezone.localdate()
    years = disclosure.portal_years(today)
    year = _year(request, years, today.year)
    records = disclosure.unit_league(year, today)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            f"on-time-{year}.xlsx",
            _("On-time replies %(year)s") % {"year": year},
            [
                _("Handling unit"),
                _("Replies due"),
                _("Replied on time"),
                _("Replied late"),
                _("Overdue, no reply"),
                _("Not yet due"),
                _("On-time rate (%)"),
            ],
            ((r.unit, r.due, r.on_time, r.late, r.overdue, r.not_yet_due, r.percent) for r in records),
        )
    context: dict[str, Any] = {
        "year": year,
        "years": years,
        "records": records,
        "today": today,
        "totals": {
            "due": sum(r.due for r in records),
            "on_time": sum(r.on_time for r in records),
            "late": sum(r.late for r in records),
            "overdue": sum(r.overdue for r in records),
            "not_yet_due": sum(r.not_yet_due for r in records),
        },
    }
    return render(request, "suggestions/public/units.html", context)
