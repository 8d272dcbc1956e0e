"""Public pages, no sign-in: the concluded motions, their review result reports and the SC's
conclusions, published (M§26)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from congress.downloads import send_file
from motions.models import Motion
from motions.selectors import merge_label
from motions.views.common import report_file_name
from motions.workflow import PUBLISHED


def _published() -> QuerySet[Motion]:
    return Motion.objects.filter(status__in=PUBLISHED)


def public_list(request: HttpRequest) -> HttpResponse:
    concluded = (
        _published()
        .select_related(
            "session__congress", "review_body", "conclusion", "recess_report", "lead_deputy", "delegation"
        )
        .order_by("-conclusion__sc_meeting_on", "number")
    )
    return render(request, "motions/public_list.html", {"motions": concluded[:200]})


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
