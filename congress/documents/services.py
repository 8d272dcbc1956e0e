"""Asking for a document, making it, and saving a report's text as a new version."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.documents import sources
from congress.documents.docx import docx_bytes
from congress.documents.models import GeneratedDocument, Kind, Report, ReportVersion
from congress.documents.numbers import number_for
from congress.errors import DomainError
from congress.models import Session

logger = logging.getLogger(__name__)

Format = GeneratedDocument.Format
Status = GeneratedDocument.Status


def render(kind: str, source: str, fmt: str, progress: sources.Progress = lambda _n: None) -> bytes:
    """The file's bytes; a numbered kind takes its number from the register."""
    number = number_for(kind, sources.number_source(kind, source))
    paper = sources.paper_for(kind, source, number=number, progress=progress)
    if fmt == Format.DOCX:
        return docx_bytes(paper)
    from congress.documents.pdf import pdf_bytes

    return pdf_bytes(paper)


def document_request(*, kind: str, source: str, fmt: str, actor: Any) -> GeneratedDocument:
    """Queue a document for a worker; the page polls its progress. Refused to whoever may not
    read the record it is made from."""
    if not sources.may_read(actor, kind, source):
        raise DomainError("permission_denied", status=403)
    try:
        title = sources.title_for(kind, source)
    except ObjectDoesNotExist as error:  # a source naming no record
        raise DomainError("not_found", _("There is no such record."), status=404) from error
    document = GeneratedDocument.objects.create(
        kind=kind, source=source, format=fmt, title=title[:200], requested_by=actor
    )
    transaction.on_commit(lambda: _enqueue(document.pk))
    return document


def _enqueue(document_id: int) -> None:
    from congress.documents.tasks import generate_document

    try:
        generate_document.delay(document_id)
    except Exception:  # the broker is down: say so on the page rather than wait forever
        logger.warning("Broker unavailable: document %s not queued", document_id, exc_info=True)
        GeneratedDocument.objects.filter(pk=document_id, status=Status.QUEUED).update(
            status=Status.FAILED, error=str(_("The task queue is unavailable; try again later."))
        )


def document_generate(*, document_id: int) -> GeneratedDocument:
    """Make the file and keep it. Progress is written as it goes, outside any transaction, so
    the polling page sees it; a failure is recorded on the row, not lost in the worker's log."""
    document = GeneratedDocument.objects.get(pk=document_id)
    if document.status == Status.DONE:  # a redelivered task (acks_late) does not make it twice
        return document
    GeneratedDocument.objects.filter(pk=document.pk).update(status=Status.RUNNING, progress=5)

    def progress(percent: int) -> None:
        GeneratedDocument.objects.filter(pk=document.pk).update(progress=percent)

    try:
        content = render(document.kind, document.source, document.format, progress)
    except Exception as error:
        GeneratedDocument.objects.filter(pk=document.pk).update(
            status=Status.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise
    document.file.save(f"{document.pk}.{document.format}", ContentFile(content), save=False)
    document.status, document.progress, document.size = Status.DONE, 100, len(content)
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "progress", "size", "finished_at"])
    return document


def report_open(*, kind: str, actor: Any, year: int | None = None, session: Session | None = None) -> Report:
    """The report of a year (S§45) or a session (S§11(2), M§26), with an empty first version
    the first time it is opened."""
    if not sources.may_write_reports(actor, kind):
        raise DomainError("permission_denied", status=403)
    if kind not in (Kind.YEARLY_REPORT, Kind.AREA_ANALYSIS, Kind.NEXT_SESSION_REPORT):
        raise DomainError("invalid_report_kind", _("There is no report of this kind."), status=400)
    if (kind == Kind.YEARLY_REPORT) != (year is not None) or (kind != Kind.YEARLY_REPORT) != (
        session is not None
    ):
        raise DomainError(
            "invalid_report_kind", _("A yearly report is by year, the others by session."), status=400
        )
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            kind=kind, year=year if session is None else None, session=session, defaults={"created_by": actor}
        )
        if created:
            ReportVersion.objects.create(report=report, number=1, sections={}, saved_by=actor)
    return report


def report_save(*, report: Report, sections: dict[str, str], actor: Any) -> ReportVersion:
    """Each save is a new version; the earlier ones stay as they were."""
    if not sources.may_write_reports(actor, report.kind):
        raise DomainError("permission_denied", status=403)
    with transaction.atomic():
        Report.objects.select_for_update().get(pk=report.pk)
        latest = report.versions.order_by("-number").first()
        number = latest.number + 1 if latest else 1
        return ReportVersion.objects.create(report=report, number=number, sections=sections, saved_by=actor)
