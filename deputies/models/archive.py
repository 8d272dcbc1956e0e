"""The performance archive (D§43) is computed from what the portal holds (deputies/archive);
stored here are only the congress's publication of a year and the reports to constituents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Congress
from deputies import workflow
from deputies.models.deputy import Deputy


class ArchivePublication(models.Model):
    """The congress publishes a year's archive: the public then sees every deputy's figures."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="archive_publications")
    year = models.PositiveSmallIntegerField(_("year"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("archive publication")
        verbose_name_plural = _("archive publications")
        constraints = [models.UniqueConstraint(fields=["congress", "year"], name="archive_published_once")]

    def __str__(self) -> str:
        return f"{self.congress} {self.year}"


class ConstituentReport(models.Model):
    """A directly elected deputy's report to the voters (述职, D§43), drafted from the archive."""

    Status = workflow.ReportStatus

    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="constituent_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("report to constituents")
        verbose_name_plural = _("reports to constituents")
        constraints = [
            models.UniqueConstraint(fields=["deputy", "year"], name="constituent_report_one_a_year"),
            models.CheckConstraint(
                condition=Q(status__in=workflow.ReportStatus.values), name="constituent_report_status"
            ),
        ]

    def __str__(self) -> str:
        return self.title
