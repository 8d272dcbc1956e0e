"""What the archive (D§43) stores beside its computed figures: the congress's publication of a
year, and a directly elected deputy's report to the voters, drafted from the archive for the
deputy to edit, make final and print."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from congress.models import Congress, User
from congress.roles import Role
from deputies.models import ArchivePublication, ConstituentReport, Deputy
from deputies.selectors.archive import CATEGORIES, Span, archive_of
from deputies.selectors.archive_items import archive_items
from deputies.services.common import event, may_create, require_role, required, take
from deputies.workflow import REPORT
from deputies.workflow.checks import refusal


def check_year(congress: Congress, year: int) -> int:
    if not congress.starts.year <= year <= congress.ends.year:
        raise refusal("year_invalid", status=400)
    return year


def archive_publish(*, congress: Congress, year: int, actor: User) -> ArchivePublication:
    """The congress publishes a year's archive: everyone may then read its figures."""
    require_role(actor, Role.COMMITTEE_STAFF)
    check_year(congress, year)
    try:
        with transaction.atomic():
            return ArchivePublication.objects.create(
                congress=congress, year=year, published_at=timezone.now(), published_by=actor
            )
    except IntegrityError:
        raise refusal("already_published", year=year) from None


def draft_text(deputy: Deputy, year: int) -> tuple[str, str]:
    """The title and text of the draft report, in the portal's language, from the archive."""
    span = Span(deputy.congress, year)
    archive = archive_of(deputy.pk, span)
    counts = archive.total
    with translation.override(settings.LANGUAGE_CODE):
        sections = [
            {"label": str(label), "count": counts[c], "items": archive_items(deputy, span, c)}
            for c, label in CATEGORIES.items()
            if counts[c]
        ]
        title = render_to_string("deputies/report_title.txt", {"deputy": deputy, "year": year}).strip()
        body = render_to_string(
            "deputies/report_draft.txt", {"deputy": deputy, "year": year, "sections": sections}
        )
    return title, body.strip() + "\n"


def report_create(*, deputy: Deputy, year: int, actor: User) -> ConstituentReport:
    """D§43: a deputy elected directly by voters reports to them; the draft is the archive's."""
    check_year(deputy.congress, year)
    report = ConstituentReport(deputy=deputy, year=year)
    may_create(REPORT, REPORT.action("edit"), report, actor)
    if not deputy.directly_elected:
        raise refusal("not_directly_elected")
    report.title, report.body = draft_text(deputy, year)
    with transaction.atomic():
        if ConstituentReport.objects.filter(deputy=deputy, year=year).exists():
            raise refusal("report_exists", year=year)
        report.save()
        event(report, actor=actor, action="generate")
    return report


def locked(report: ConstituentReport) -> ConstituentReport:
    return ConstituentReport.objects.select_for_update().get(pk=report.pk)


def report_edit(*, report: ConstituentReport, title: str, body: str, actor: User) -> ConstituentReport:
    with transaction.atomic():
        report = locked(report)
        step = REPORT.require("edit", report, actor)
        report.title, report.body = required(title, "title_missing"), required(body, "report_missing")
        take(step, report, actor=actor, fields=["title", "body", "changed_at"])
    return report


def report_finalise(*, report: ConstituentReport, actor: User) -> ConstituentReport:
    with transaction.atomic():
        report = locked(report)
        take(REPORT.require("finalise", report, actor), report, actor=actor, fields=["changed_at"])
    return report


def report_reopen(*, report: ConstituentReport, actor: User) -> ConstituentReport:
    with transaction.atomic():
        report = locked(report)
        take(REPORT.require("reopen", report, actor), report, actor=actor, fields=["changed_at"])
    return report
