"""Generated documents (the file kept, its status while a worker makes it), the register of
document numbers (发文登记), and the reports whose text sections are saved in versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Session


class Kind(models.TextChoices):
    REPLY_LETTER = "reply_letter", _("Reply letter")  # 答复函, S§29
    ASSIGNMENT_NOTICE = "assignment_notice", _("Assignment notice")  # 交办通知, S§17/S§18
    YEARLY_REPORT = "yearly_report", _("Yearly report on suggestions")  # S§45
    AREA_ANALYSIS = "area_analysis", _("Analysis of a session's suggestions")  # S§11(2)
    NEXT_SESSION_REPORT = "next_session_report", _("Report on motions to the next session")  # M§26
    CONSTITUENT_REPORT = "constituent_report", _("Report to constituents")  # 述职, D§43
    REVIEW_REPORT = "review_report", _("Review report on motions")  # 审查报告, M§16–M§19


REPORT_KINDS = [Kind.YEARLY_REPORT, Kind.AREA_ANALYSIS, Kind.NEXT_SESSION_REPORT]


class IssuedNumber(models.Model):
    """发文登记: each number is given once, and a document keeps its number however many times
    it is generated again or in another format (the DOCX and the PDF carry the same number)."""

    prefix = models.CharField(max_length=20)  # 晋人代工
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    source = models.CharField(max_length=60)  # what the number is for: "report:12", "notice:3:7"
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year", "sequence"], name="issued_number_once"),
            models.UniqueConstraint(fields=["kind", "source"], name="issued_number_one_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.sequence}号"


def document_path(document: GeneratedDocument, filename: str) -> str:
    return f"documents/{document.kind}/{filename}"


class GeneratedDocument(models.Model):
    """One file made from a source (a reply, a report version, a session and unit): queued,
    made by a worker that reports its progress, then kept in the storage and downloaded
    through a view that checks who may read the source."""

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    source = models.CharField(max_length=60)  # "reply:5", "report:3:2" (report 3, version 2)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # percent
    file = models.FileField(upload_to=document_path, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        indexes = [models.Index(fields=["kind", "source"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="document_progress_percent"),
            models.CheckConstraint(condition=~Q(status="done") | ~Q(file=""), name="document_done_has_file"),
        ]

    def __str__(self) -> str:
        return f"{self.title}.{self.format}"

    @property
    def filename(self) -> str:
        return f"{self.title}.{self.format}"


class Report(models.Model):
    """A report the committee writes once a year or once a session: the yearly report on the
    handling of suggestions (S§45, by year), the analysis of a session's suggestions by area
    (S§11(2), by session), the report on motions to the next session (M§26, by session).
    Its figures are counted when it is generated; its text is in versions."""

    kind = models.CharField(_("kind"), max_length=24, choices=[(k.value, k.label) for k in REPORT_KINDS])
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"], condition=Q(session__isnull=True), name="report_one_a_year"
            ),
            models.UniqueConstraint(
                fields=["kind", "session"], condition=Q(session__isnull=False), name="report_one_a_session"
            ),
            models.CheckConstraint(
                condition=(Q(kind="yearly_report", year__isnull=False, session__isnull=True))
                | (~Q(kind="yearly_report") & Q(session__isnull=False)),
                name="report_year_or_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year or self.session}"

    def latest(self) -> ReportVersion:
        """A report has its first version from when it is opened (services.report_open)."""
        return self.versions.order_by("-number")[0]


class ReportVersion(models.Model):
    """The report's text sections as saved once: every save is a new version, never an edit,
    so what was said before stays readable."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)  # section key -> text
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_once")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"
