"""Public pages, no sign-in: the concluded motions, their review result reports and the SC's
conclusions, published (M§26)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from congress.downloads import send_file
from congress.lists import page_size
from motions.models import Motion
from motions.selectors import merge_label
from motions.views.common import report_file_name
from motions.workflow import PUBLISHED


def _published() -> QuerySet[Motion]:
    return Motion.objects.filter(status__in=PUBLISHED)


def public_list(request: HttpRequest) -> HttpResponse:
    """The concluded motions, latest SC meeting first, a page at a time with the count of all:
    the page's keys first (a sort of keys alone), then that page's rows with what they show."""
    keys = _published().order_by("-conclusion__sc_meeting_on", "number", "id").values_list("pk", flat=True)
    page = Paginator(keys, page_size(request)).get_page(request.GET.get("page"))
    rows = (
        _published()
        .select_related("session__congress", "review_body", "conclusion", "lead_deputy", "delegation")
        .in_bulk(list(page.object_list))
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "motions": [rows[pk] for pk in page.object_list if pk in rows],
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "motions/public_list.html", context)


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    motion = get_object_or_404(
        _published().select_related(
            "session__congress", "review_body", "conclusion", "lead_deputy", "delegation"
        ),
        pk=pk,
    )
    return render(
        request,
        "motions/public_detail.html",
        {
            "motion": motion,
            "recess_report": getattr(motion, "recess_report", None),
            "numbers": merge_label(motion),
        },
    )


def public_report_file(request: HttpRequest, pk: int) -> FileResponse:
    motion = get_object_or_404(_published(), pk=pk)
    report = getattr(motion, "recess_report", None)
    if report is None:
        raise Http404
    return send_file(report.file, report_file_name(motion, report))
