"""The yearly report (S§45): its figures counted from the rows, its text saved in versions
with the earlier ones readable, generated in a Celery task with its progress, kept, numbered
once, and downloadable only by the committee."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from docx import Document

from congress.documents import services
from congress.documents.models import GeneratedDocument, Kind, ReportVersion
from congress.documents.sources import report_source
from suggestions.models import Suggestion
from suggestions.reports.yearly import yearly_figures
from tests.conftest import BEIJING
from tests.helpers import refused
from tests.suggestions.follow_up import make_assignment, make_suggestion

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_figures_are_the_statistics_of_the_year_and_c_is_not_solved(year_of_suggestions: Any) -> None:
    f = yearly_figures(2026, D(2026, 11, 1))
    n, h = f.suggestions, f.handling
    assert (n["filed"], n["accepted"], n["category_a"], n["category_b"], n["category_c"]) == (3, 3, 1, 0, 1)
    assert (h["assigned"], h["owing_reply"], h["replied"], h["replied_on_time"], h["overdue"]) == (
        3,
        3,
        2,
        1,
        1,
    )
    units = {
        u.unit: (u.figures["assigned"], u.figures["replied_on_time"], u.figures["category_c"])
        for u in f.units
    }
    assert units == {"省教育厅": (2, 1, 1), "省交通运输厅": (1, 0, 0)}
    assert {a.unit: a.overdue for a in f.accountability} == {"省交通运输厅": 1}


def test_each_save_is_a_new_version_and_the_earlier_one_stays_readable(
    year_of_suggestions: Any, client: Any
) -> None:
    staff = year_of_suggestions["staff"]
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)
    assert services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff) == report
    services.report_save(report=report, sections={"overview": "第一稿"}, actor=staff)
    client.force_login(staff)
    response = client.post(
        reverse("documents:report", args=[report.pk]), {"overview": "第二稿", "measures": "督办"}
    )
    assert response.status_code == 302
    assert list(report.versions.values_list("number", "sections")) == [
        (3, {"overview": "第二稿", "measures": "督办", "problems": "", "next_steps": ""}),
        (2, {"overview": "第一稿"}),
        (1, {}),
    ]
    earlier = client.get(
        reverse("documents:report", args=[report.pk]), {"version": 2}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert earlier.context["shown"].number == 2 and not earlier.context["editable"]
    assert "第一稿" in earlier.content.decode()


def test_the_yearly_report_is_generated_in_a_task_kept_numbered_once_and_downloaded(
    year_of_suggestions: Any, client: Any, eager: None, django_capture_on_commit_callbacks: Any
) -> None:
    staff = year_of_suggestions["staff"]
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)
    version = services.report_save(report=report, sections={"overview": "办理工作总体顺利。"}, actor=staff)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:new"),
            {"kind": Kind.YEARLY_REPORT, "source": report_source(version), "format": "docx"},
        )
    document = GeneratedDocument.objects.get()
    assert response.url == reverse("documents:document", args=[document.pk])
    assert (document.status, document.progress, document.size) == ("done", 100, len(document.file.read()))
    status = client.get(reverse("documents:status", args=[document.pk])).json()
    assert status["status"] == "done" and status["url"] == reverse("documents:file", args=[document.pk])

    download = client.get(status["url"])
    docx = Document(io.BytesIO(b"".join(download.streaming_content)))
    texts = [p.text for p in docx.paragraphs]
    year = timezone.localdate().year
    assert f"晋人代工〔{year}〕1号" in texts
    assert "关于2026年代表建议、批评和意见办理情况的报告" in texts
    assert "省人大常委会：" in texts
    assert "办理工作总体顺利。" in texts
    body = "".join(texts)
    assert (
        "交办承办单位3件次" in body
        and "按期答复1件次" in body
        and "C类（因条件限制留作参考，尚未解决）1件" in body
    )
    units = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in docx.tables[0].rows[1:]}
    assert units == {
        "省教育厅": ["2", "2", "2", "1", "0", "1", "0", "1"],
        "省交通运输厅": ["1", "1", "0", "0", "1", "0", "0", "0"],
    }

    # A later version and another format keep the report's number.
    later = services.report_save(report=report, sections={}, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_request(
            kind=Kind.YEARLY_REPORT, source=report_source(later), fmt="docx", actor=staff
        )
    again = GeneratedDocument.objects.latest("pk")
    assert f"晋人代工〔{year}〕1号" in [p.text for p in Document(again.file.open("rb")).paragraphs]


def test_a_failed_generation_is_recorded_on_the_row(
    year_of_suggestions: Any, eager: None, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    staff = year_of_suggestions["staff"]
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr("congress.documents.services.docx_bytes", broken)
    with django_capture_on_commit_callbacks(execute=True):  # the worker logs the error and goes on
        services.document_request(
            kind=Kind.YEARLY_REPORT, source=report_source(report.latest()), fmt="docx", actor=staff
        )
    document = GeneratedDocument.objects.get()
    assert document.status == "failed" and "disk full" in document.error and not document.file


def test_only_the_committee_opens_or_reads_the_yearly_report(
    year_of_suggestions: Any, units: dict[str, Any], lead: Any, client: Any
) -> None:
    staff = year_of_suggestions["staff"]
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)
    version: ReportVersion = report.latest()
    document = GeneratedDocument.objects.create(
        kind=Kind.YEARLY_REPORT, source=report_source(version), format="docx", title="t", requested_by=staff
    )
    for outsider in (units["unit1head"], lead.user):
        with refused("permission_denied"):
            services.report_open(kind=Kind.YEARLY_REPORT, year=2025, actor=outsider)
        with refused("permission_denied"):
            services.document_request(
                kind=Kind.YEARLY_REPORT, source=report_source(version), fmt="pdf", actor=outsider
            )
        client.force_login(outsider)
        assert client.get(reverse("documents:report", args=[report.pk])).status_code == 404
        assert client.get(reverse("documents:status", args=[document.pk])).status_code == 404
        assert client.get(reverse("documents:file", args=[document.pk])).status_code == 404


def test_generating_the_yearly_report_takes_a_fixed_number_of_queries(
    year_of_suggestions: Any, lead: Any, area: Any, make_unit: Any, django_assert_max_num_queries: Any
) -> None:
    """The figures (statistics, key suggestions, commitments, S§47), the row's progress, the
    number register and the file: the same count with one more unit and suggestion."""
    from congress import lists

    staff = year_of_suggestions["staff"]
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)

    def generate() -> int:
        lists._choices.clear()  # the statistics' unit names, cached per process: read each time
        document = GeneratedDocument.objects.create(
            kind=Kind.YEARLY_REPORT, source=report_source(report.latest()), format="docx", title="t",
            requested_by=staff,
        )  # fmt: skip
        # On PostgreSQL each of the four kept counts (three of the statistics, S§47's table)
        # first reads the data's version (their cache).
        with django_assert_max_num_queries(29 if connection.vendor == "postgresql" else 25) as captured:
            services.document_generate(document_id=document.pk)
        return len(captured.captured_queries)

    generate()  # the first generation also gives the report its number
    before = generate()
    s = make_suggestion(lead=lead, area=area, staff=staff, title="关于水利的建议")
    Suggestion.objects.filter(pk=s.pk).update(submitted_at=dt.datetime(2026, 4, 1, tzinfo=BEIJING))
    make_assignment(s, make_unit("省水利厅"), staff=staff, assigned_on=D(2026, 4, 2), reply_due=D(2026, 7, 2))
    assert generate() == before
