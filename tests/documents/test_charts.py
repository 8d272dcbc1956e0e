"""Reports that leaders read: the yearly report's charts drawn once as a PNG at print resolution
with Chinese labels in glyphs, embedded in the DOCX and the PDF; and every report's figures in
Excel, read off the same paper, so the spreadsheet says what the document says."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from PIL import Image, ImageChops
from pypdf import PdfReader

from congress.documents import charts, services
from congress.documents import paper as p
from congress.documents.docx import docx_bytes
from congress.documents.models import Kind
from congress.documents.pdf import pdf_bytes
from congress.roles import Role
from suggestions.reports.yearly import yearly_figures, yearly_paper

D = dt.date
TODAY = D(2026, 11, 1)


def _png(labels: tuple[str, ...], values: tuple[float, ...] = (30, 10), unit: str = "") -> Image.Image:
    block = p.chart("办理结果", labels, values, (charts.GREEN, charts.RED), unit=unit)
    return Image.open(io.BytesIO(charts.chart_png(block)))


def test_the_chart_is_a_png_as_wide_as_the_type_area_at_200_dpi_with_its_bars_drawn() -> None:
    image = _png(("满意", "不满"))
    assert image.format == "PNG"
    assert image.size[0] == round(156 / 25.4 * 200) and 200 < image.size[1] < 400
    assert round(image.info["dpi"][0]) == 200
    colours = {colour for _count, colour in image.convert("RGB").getcolors(1 << 20) or []}
    assert {(0x2E, 0x7D, 0x4F), (0xB3, 0x26, 0x1E)} <= colours  # the bars, in their colours


def test_chinese_labels_are_drawn_in_glyphs_not_boxes() -> None:
    """Two labels of the same width: drawn in glyphs they differ; as boxes (tofu) they would
    be the same picture, and with no font at all the label column would be blank."""
    pleased, other = _png(("满意", "不满")).convert("L"), _png(("基本", "一般")).convert("L")
    assert pleased.size == other.size
    width, height = pleased.size
    labels = (0, height // 5, charts.mm(3) + charts.px(10.5) * 2, height)  # two characters, below the title
    assert pleased.crop((labels[2] + charts.mm(1), 0, width, height)) == other.crop(
        (labels[2] + charts.mm(1), 0, width, height)
    )  # the bars and values are the same: only the labels differ
    darkest, _lightest = pleased.crop(labels).getextrema()
    assert isinstance(darkest, int) and darkest < 128  # ink where the labels are
    assert ImageChops.difference(pleased.crop(labels), other.crop(labels)).getbbox() is not None


def test_without_the_cjk_font_the_chart_still_draws(monkeypatch: Any, tmp_path: Any) -> None:
    monkeypatch.setattr(charts, "FONT_FILES", [tmp_path / "none.ttc"])
    charts.font.cache_clear()
    charts.chart_png.cache_clear()
    try:
        assert _png(("A", "B"), (99.5, 50), unit="%").size[0] == charts.mm(156)
    finally:
        charts.font.cache_clear()
        charts.chart_png.cache_clear()


@pytest.mark.django_db
def test_the_yearly_report_has_two_charts_in_the_docx_and_in_the_pdf(year_of_suggestions: Any) -> None:
    paper = yearly_paper(year=2026, sections={}, number="", today=TODAY)
    drawn = [b for b in paper.blocks if b.kind == "chart"]
    assert [b.values for b in drawn] == [
        (1, 0, 1, 0, 0, 0),
        (50.0, 0.0),
    ]  # A, B, C, ratings; 教育厅, 交通运输厅
    assert drawn[1].labels == ("省教育厅", "省交通运输厅") and drawn[1].unit == "%"

    docx = Document(io.BytesIO(docx_bytes(paper)))
    assert len(docx.inline_shapes) == 2
    assert {round(s.width.mm) for s in docx.inline_shapes} == {156}
    reader = PdfReader(io.BytesIO(pdf_bytes(paper)))
    # WeasyPrint shares one resource dictionary between pages: each page lists every image.
    images = {i.data: i.image.size if i.image else (0, 0) for page in reader.pages for i in page.images}
    assert len(images) == 2 and {width for width, _height in images.values()} == {charts.mm(156)}


def _sheets(content: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


@pytest.mark.django_db
def test_the_excel_export_of_the_yearly_report_has_the_papers_figures(
    year_of_suggestions: Any, client: Any
) -> None:
    staff = year_of_suggestions["staff"]
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)
    client.force_login(staff)
    page = client.get(reverse("documents:report", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "export=xlsx" in page.content.decode() and "Export the figures to Excel" in page.content.decode()

    response = client.get(reverse("documents:report", args=[report.pk]), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = _sheets(response.content)
    f = yearly_figures(2026, timezone.localdate())  # the export counts as of today, as the paper
    n, h = f.suggestions, f.handling

    overview = {row[0]: row[1] for row in sheets["基本情况"][1:]}
    assert overview["提出建议、批评和意见（件）"] == n["filed"] == 3
    assert overview["交办承办单位（件次）"] == h["assigned"] == 3
    assert overview["按期答复（件次）"] == h["replied_on_time"] == 1
    assert overview["按期答复率（%）"] == 33.3
    assert overview["C类（留作参考，尚未解决）（件）"] == n["category_c"] == 1

    keys = ("assigned", "owing_reply", "replied", "replied_on_time", "overdue", "category_a", "category_b")
    units = sheets["各承办单位办理情况"]
    assert units[0][:3] == ["承办单位", "交办", "应答复"]
    assert {row[0]: row[1:8] for row in units[1:]} == {u.unit: [u.figures[k] for k in keys] for u in f.units}
    assert sheets["办理结果和代表评价（件）"][1:] == [
        ["A类（已解决或采纳）", 1], ["B类（列入计划逐步解决）", 0], ["C类（留作参考，尚未解决）", 1],
        ["满意", 0], ["基本满意", 0], ["不满意", 0],
    ]  # fmt: skip
    rates = next(rows for title, rows in sheets.items() if title.startswith("各承办单位按期答复率"))
    assert rates == [["项目", "数值（%）"], ["省教育厅", 50], ["省交通运输厅", 0]]
    accountable = sheets["逾期未办和推诿的承办单位"]
    assert accountable[1:] == [[a.unit, a.overdue, a.unanswered, a.passed] for a in f.accountability]


@pytest.mark.django_db
def test_the_analysis_and_the_motions_report_export_their_tables(
    staff: Any, units: dict[str, Any], lead: Any, make_user: Any, session: Any, client: Any
) -> None:
    secretariat = make_user("sec1", Role.SECRETARIAT)
    analysis = services.report_open(kind=Kind.AREA_ANALYSIS, session=session, actor=secretariat)
    client.force_login(secretariat)
    sheets = _sheets(client.get(reverse("documents:report", args=[analysis.pk]), {"export": "xlsx"}).content)
    assert sheets["基本情况"][0] == ["领域", "件数", "占比", "涉及代表团"]

    motions = services.report_open(kind=Kind.NEXT_SESSION_REPORT, session=session, actor=staff)
    client.force_login(staff)
    sheets = _sheets(client.get(reverse("documents:report", args=[motions.pk]), {"export": "xlsx"}).content)
    assert sheets["议案审议和办理情况"][0] == ["编号", "议案", "领衔", "审议机构", "现状"]

    for outsider in (units["unit1head"], lead.user, secretariat):  # the M§26 report is the committee's
        client.force_login(outsider)
        refused = client.get(reverse("documents:report", args=[motions.pk]), {"export": "xlsx"})
        assert refused.status_code == 404 and not refused.content.startswith(b"PK")


@pytest.mark.django_db
def test_who_may_not_read_the_yearly_report_gets_no_export(
    year_of_suggestions: Any, units: dict[str, Any], lead: Any, client: Any
) -> None:
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=year_of_suggestions["staff"])
    for outsider in (units["unit1head"], lead.user):
        client.force_login(outsider)
        response = client.get(reverse("documents:report", args=[report.pk]), {"export": "xlsx"})
        assert response.status_code == 404 and "xlsx" not in response.get("Content-Disposition", "")
