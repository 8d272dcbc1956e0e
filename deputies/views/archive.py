"""The performance archive pages (D§43): one deputy's year and term with drill-down into every
item, its Excel export and a printable report; the committee's yearly export of all deputies
and the publication of a year; a directly elected deputy's report to the voters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.documents.sources import constituent_source
from congress.excel import excel_response
from congress.lists import page_size
from congress.pages import refusals
from congress.replica import reads_from_replica
from congress.roles import Role
from congress.selectors import current_session
from congress.workflow import available_actions
from deputies.forms import ConstituentReportForm
from deputies.models import ConstituentReport, Deputy
from deputies.permissions import may_see_archive, published_years
from deputies.selectors.archive import CATEGORIES, Span, archive_of, archives_of_term
from deputies.selectors.archive_items import archive_items, every_archive_item
from deputies.services.archive import (
    archive_publish,
    report_create,
    report_edit,
    report_finalise,
    report_reopen,
)
from deputies.views.common import actor, history, posted_to, require_role


def _year(request: HttpRequest, deputy_or_span: Any, default: int | None) -> int | None:
    """?year=2026 within the term; ?year= (empty) the whole term; absent: `default`."""
    congress = deputy_or_span.congress
    text = request.GET.get("year")
    if text is None:
        return default
    if text.isdigit() and congress.starts.year <= int(text) <= congress.ends.year:
        return int(text)
    return None


def _this_year(congress: Any) -> int:
    return min(max(timezone.localdate().year, congress.starts.year), congress.ends.year)


@reads_from_replica()
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Whole for the deputy and the staff who serve them; a published year's figures for anyone."""
    deputy = get_object_or_404(Deputy.objects.select_related("congress", "delegation"), pk=pk)
    year = _year(request, deputy, _this_year(deputy.congress))
    whole = may_see_archive(request.user, deputy)
    published = published_years(deputy.congress_id)
    if not whole and (year is None or year not in published):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    span = Span(deputy.congress, year)
    if whole and request.GET.get("export") == "xlsx":
        return _export(deputy, span)
    context: dict[str, Any] = {"deputy": deputy, "year": year, "whole": whole, "published": sorted(published)}
    if whole:
        # The term's facts give every year's figures and the term's at once.
        term = archive_of(deputy.pk, Span(deputy.congress))
        counts = term.years.get(year, {}) if year else term.total
        show = request.GET.get("show", "")
        context |= {
            "rows": [(y, [c[name] for name in CATEGORIES]) for y, c in term.years.items()],
            "term": [term.total[name] for name in CATEGORIES],
            "show": CATEGORIES.get(show, ""),
            "items": archive_items(deputy, span, show),
            "may_report": deputy.directly_elected and getattr(request.user, "deputy", None) == deputy,
            "reports": deputy.constituent_reports.all(),
        }
    else:
        counts = archive_of(deputy.pk, span).total
    context["categories"] = CATEGORIES
    context["tiles"] = [(name, label, counts.get(name, 0)) for name, label in CATEGORIES.items()]
    return render(request, "deputies/archive.html", context)


def _export(deputy: Deputy, span: Span) -> HttpResponse:
    """Every item behind the counts, one row each, category by category."""
    rows = []
    items = every_archive_item(deputy, span)
    for category, label in CATEGORIES.items():
        for item in items[category]:
            rows.append(
                (str(label), item.date, item.title, item.outcome, _("yes") if item.counted else _("no"))
            )
    return excel_response(
        f"archive-{deputy.name}-{span.year or 'term'}.xlsx",
        _("Performance archive"),
        [_("Category"), _("Date"), _("Item"), _("Outcome"), _("Counted")],
        rows,
    )


def archive_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable report of the archive: the figures and every item (print CSS)."""
    deputy = get_object_or_404(Deputy.objects.select_related("congress", "delegation"), pk=pk)
    if not may_see_archive(request.user, deputy):
        raise Http404
    year = _year(request, deputy, _this_year(deputy.congress))
    span = Span(deputy.congress, year)
    counts = archive_of(deputy.pk, span).total
    items = every_archive_item(deputy, span)
    sections = [{"label": label, "count": counts[c], "items": items[c]} for c, label in CATEGORIES.items()]
    return render(
        request,
        "deputies/archive_print.html",
        {"deputy": deputy, "year": year, "sections": sections, "printed": timezone.localdate()},
    )


@login_required
@refusals
def archives(request: HttpRequest) -> HttpResponse:
    """The committee's yearly archive of every deputy: the table, its export, its publication."""
    require_role(request, Role.COMMITTEE_STAFF)
    session = current_session()
    if session is None:
        raise Http404
    congress = session.congress
    year = _year(request, session, _this_year(congress)) or _this_year(congress)
    if request.method == "POST":
        archive_publish(congress=congress, year=year, actor=actor(request))
        messages.success(request, _("The archive of %(year)s is published.") % {"year": year})
        return redirect(f"{request.path}?year={year}")
    deputies = (
        Deputy.objects.filter(congress=congress)
        .select_related("delegation")
        .order_by("delegation__sort_order", "name")
    )
    if request.GET.get("export") == "xlsx":
        everyone = list(deputies)
        counts = archives_of_term(Span(congress, year), [d.pk for d in everyone])
        return excel_response(
            f"archive-{year}.xlsx",
            _("Performance archive %(year)s") % {"year": year},
            [_("Name"), _("Delegation"), _("Status"), *(str(label) for label in CATEGORIES.values())],
            (
                (
                    d.name,
                    d.delegation.name,
                    d.get_status_display(),
                    *(counts[d.pk].total[c] for c in CATEGORIES),
                )
                for d in everyone
            ),
        )
    page = Paginator(deputies, page_size(request)).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    counts = archives_of_term(Span(congress, year), [d.pk for d in shown])
    return render(
        request,
        "deputies/archives.html",
        {
            "year": year,
            "years": list(range(congress.starts.year, congress.ends.year + 1)),
            "categories": CATEGORIES,
            "rows": [(d, [counts[d.pk].total[c] for c in CATEGORIES]) for d in shown],
            "page": page,
            "query": f"year={year}",
            "published": year in published_years(congress.pk),
        },
    )


# --- The report to constituents (D§43) ------------------------------------------------------------


@login_required
@require_POST
@refusals(show=archive)
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = get_object_or_404(Deputy.objects.select_related("congress"), pk=pk)
    text = request.POST.get("year", "")
    year = int(text) if text.isdigit() else _this_year(deputy.congress)
    report = report_create(deputy=deputy, year=year, actor=actor(request))
    messages.success(request, _("The draft is written from your archive: edit it, then make it final."))
    return redirect("deputies:report", pk=report.pk)


def _own_report(request: HttpRequest, pk: int) -> ConstituentReport:
    report = get_object_or_404(ConstituentReport.objects.select_related("deputy__congress"), pk=pk)
    if not may_see_archive(request.user, report.deputy):
        raise Http404
    return report


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _own_report(request, pk)
    actions = available_actions(report, request.user)
    form = ConstituentReportForm(
        posted_to(request, "report-edit"), initial={"title": report.title, "body": report.body}
    )
    return render(
        request,
        "deputies/report_detail.html",
        {
            "report": report,
            "actions": actions,
            "form": form if "edit" in actions else None,
            "history": history(report.events.all()),
            "paper_source": constituent_source(report.pk),
        },
    )


@login_required
@require_POST
@refusals(show=report_detail)
def report_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ConstituentReportForm(request.POST)
    if not form.is_valid():
        return report_detail(request, pk)
    report_edit(report=_own_report(request, pk), actor=actor(request), **form.cleaned_data)
    messages.success(request, _("The report is saved."))
    return redirect("deputies:report", pk=pk)


@login_required
@require_POST
@refusals(show=report_detail)
def report_finalise_view(request: HttpRequest, pk: int) -> HttpResponse:
    report_finalise(report=_own_report(request, pk), actor=actor(request))
    messages.success(request, _("The report is final: print it for your voters."))
    return redirect("deputies:report", pk=pk)


@login_required
@require_POST
@refusals(show=report_detail)
def report_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    report_reopen(report=_own_report(request, pk), actor=actor(request))
    return redirect("deputies:report", pk=pk)


@login_required
def report_print(request: HttpRequest, pk: int) -> HttpResponse:
    report = _own_report(request, pk)
    return render(request, "deputies/report_print.html", {"report": report})
