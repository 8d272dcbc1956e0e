"""Pages: the reports (text in versions, figures counted when generated), a generated
document's progress (polled by static/js/documents.js) and its download after the permission
check of the record it was made from; a single letter's DOCX is made in the request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.documents import services, sources
from congress.documents.models import REPORT_KINDS, GeneratedDocument, Kind, Report, ReportVersion
from congress.downloads import send_file
from congress.errors import DomainError
from congress.excel import sheets_response
from congress.models import Organisation, Session

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Made in the request: one letter or one deputy's report, a DOCX in a tenth of a second.
IN_REQUEST = {Kind.REPLY_LETTER, Kind.CONSTITUENT_REPORT, Kind.REVIEW_REPORT}


def sections_of(kind: str) -> list[tuple[str, Any]]:
    if kind == Kind.YEARLY_REPORT:
        from suggestions.reports.yearly import YEARLY_SECTIONS

        return YEARLY_SECTIONS
    if kind == Kind.AREA_ANALYSIS:
        from suggestions.reports.yearly import ANALYSIS_SECTIONS

        return ANALYSIS_SECTIONS
    from motions.next_session import SECTIONS

    return SECTIONS


def _forbid(allowed: bool) -> None:
    if not allowed:
        raise Http404  # as for records: whoever may not read it is not told it exists


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    kinds = [k for k in REPORT_KINDS if sources.may_write_reports(user, k)]
    _forbid(bool(kinds))
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        _forbid(kind in kinds)
        year = request.POST.get("year", "")
        session_id = request.POST.get("session", "")
        try:
            report = services.report_open(
                kind=kind,
                actor=user,
                year=int(year) if kind == Kind.YEARLY_REPORT and year.isdigit() else None,
                session=Session.objects.filter(pk=session_id).first()
                if kind != Kind.YEARLY_REPORT and session_id.isdigit()
                else None,
            )
        except DomainError as error:
            return render(
                request, "documents/reports.html", _list_context(kinds, error.detail), status=error.status
            )
        return redirect("documents:report", report.pk)
    return render(request, "documents/reports.html", _list_context(kinds))


def _list_context(kinds: list[Kind], error: Any = None) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "reports": Report.objects.filter(kind__in=kinds).select_related("session__congress"),
        "kinds": [(k.value, k.label) for k in kinds],
        "years": list(range(today.year, today.year - 6, -1)),
        "sessions": Session.objects.select_related("congress").order_by("-opens"),
        "error": error,
    }


@login_required
def report_page(request: HttpRequest, report_id: int) -> HttpResponse:
    """The latest text is edited; ?version=N shows an earlier one as it was saved."""
    report = get_object_or_404(Report.objects.select_related("session__congress"), pk=report_id)
    _forbid(sources.may_write_reports(request.user, report.kind))
    sections = sections_of(report.kind)
    if request.method == "POST":
        texts = {key: request.POST.get(key, "").strip() for key, _label in sections}
        version = services.report_save(report=report, sections=texts, actor=request.user)
        return redirect(f"{reverse('documents:report', args=[report.pk])}?saved={version.number}")
    versions = list(report.versions.select_related("saved_by"))
    latest = versions[0]
    shown = latest
    asked = request.GET.get("version", "")
    if asked.isdigit():
        shown = next((v for v in versions if v.number == int(asked)), latest)
    if request.GET.get("export") == "xlsx":
        return _figures_workbook(report, shown)
    documents = GeneratedDocument.objects.filter(source__startswith=f"report:{report.pk}:").order_by(
        "-requested_at"
    )
    context = {
        "report": report,
        "title": sources.report_title(report),
        "versions": versions,
        "shown": shown,
        "editable": shown.pk == latest.pk,
        "fields": [(key, label, shown.sections.get(key, "")) for key, label in sections],
        "documents": documents[:20],
        "source": sources.report_source(shown),
        "saved": request.GET.get("saved", ""),
    }
    return render(request, "documents/report.html", context)


def _figures_workbook(report: Report, version: ReportVersion) -> HttpResponse:
    """The report's figures and tables in Excel, read off the paper the documents draw."""
    from congress.documents.workbook import paper_sheets

    paper = sources.paper_for(
        report.kind, sources.report_source(version), number="", progress=lambda _n: None
    )
    return sheets_response(f"{paper.title}.xlsx", paper_sheets(paper))


@login_required
@require_POST
def document_new(request: HttpRequest) -> HttpResponse:
    """Ask for a document (kind, source, format): queued for a worker, then its progress page."""
    kind, source, fmt = (
        request.POST.get("kind", ""),
        request.POST.get("source", ""),
        request.POST.get("format", ""),
    )
    if kind not in Kind.values or fmt not in GeneratedDocument.Format.values or not _valid_source(source):
        raise Http404
    try:
        document = services.document_request(kind=kind, source=source, fmt=fmt, actor=request.user)
    except DomainError as error:  # not theirs to read, or no such record: the same 404
        raise Http404 from error
    return redirect("documents:document", document.pk)


def _valid_source(source: str) -> bool:
    head, _sep, rest = source.partition(":")
    return head in {"reply", "notice", "report", "constituent", "review"} and all(
        p.isdigit() for p in rest.split(":")
    )


def _readable(request: HttpRequest, document_id: int) -> GeneratedDocument:
    document = get_object_or_404(GeneratedDocument, pk=document_id)
    _forbid(sources.may_read(request.user, document.kind, document.source))
    return document


@login_required
def document_page(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _readable(request, document_id)
    return render(request, "documents/document.html", {"document": document})


@login_required
def document_status(request: HttpRequest, document_id: int) -> JsonResponse:
    document = _readable(request, document_id)
    return JsonResponse(
        {
            "status": document.status,
            "label": str(document.get_status_display()),
            "progress": document.progress,
            "url": reverse("documents:file", args=[document.pk])
            if document.status == document.Status.DONE
            else "",
        }
    )


@login_required
def document_file(request: HttpRequest, document_id: int) -> FileResponse:
    document = _readable(request, document_id)
    if document.status != document.Status.DONE or not document.file:
        raise Http404
    return send_file(document.file, document.filename)


@login_required
def document_now(request: HttpRequest, kind: str, source: str) -> HttpResponse:
    """One letter or one deputy's report as DOCX, made in the request."""
    if kind not in IN_REQUEST or not _valid_source(source):
        raise Http404
    _forbid(sources.may_read(request.user, kind, source))  # it also finds the record, or refuses
    content = services.render(kind, source, GeneratedDocument.Format.DOCX)
    response = HttpResponse(content, content_type=DOCX_TYPE)
    name = f"{sources.title_for(kind, source)}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    return response


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    """交办通知 of a session for one unit: the assigning staff choose the unit; a unit has its own."""
    from suggestions.models import Assignment
    from suggestions.workflow.who import is_assigning_staff, unit_of

    user = request.user
    own_unit = unit_of(user)
    staff = is_assigning_staff(user)
    _forbid(bool(staff or own_unit))
    # The units that were ever assigned anything: an EXISTS per unit off the assignments' unit
    # index, not a join of every assignment made DISTINCT (294,193 of them: 143 ms; issue 15).
    assigned = Assignment.objects.filter(unit=OuterRef("pk"))
    units = Organisation.objects.filter(Exists(assigned)).order_by("name")
    if not staff:
        units = units.filter(pk=own_unit or 0)
    if request.method == "POST":
        session_id, unit_id = request.POST.get("session", ""), request.POST.get("unit", "")
        fmt = request.POST.get("format", "")
        if not (session_id.isdigit() and unit_id.isdigit()) or fmt not in GeneratedDocument.Format.values:
            raise Http404
        source = sources.notice_source(int(session_id), int(unit_id))
        try:
            document = services.document_request(
                kind=Kind.ASSIGNMENT_NOTICE, source=source, fmt=fmt, actor=user
            )
        except DomainError as error:
            raise Http404 from error
        return redirect("documents:document", document.pk)
    documents = GeneratedDocument.objects.filter(kind=Kind.ASSIGNMENT_NOTICE)
    if not staff:
        documents = documents.filter(source__endswith=f":{own_unit}")
    context = {
        "sessions": Session.objects.select_related("congress").order_by("-opens"),
        "units": units,
        "documents": documents.order_by("-requested_at")[:20],
        "heading": _("Assignment notices"),
    }
    return render(request, "documents/notices.html", context)
