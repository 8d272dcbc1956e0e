"""The two writers draw GB/T 9704-2012 papers: A4, the standard's margins, the title, the
document number and the recipients read back from the DOCX (python-docx) and the PDF (pypdf,
pdftotext); and Chinese is drawn in real glyphs, not boxes (tofu), checked on a rendering."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Length, Pt
from PIL import Image, ImageChops
from pypdf import PdfReader

from congress.documents import paper as p
from congress.documents.docx import docx_bytes
from congress.documents.pdf import pdf_bytes

TITLE = "关于交办省十四届人大四次会议代表建议的通知"


def a_paper(title: str = TITLE) -> p.Paper:
    return p.Paper(
        issuer="山西省人大常委会人事代表工作委员会",
        number=p.document_number("晋人代工", 2026, 12),
        title=title,
        recipients="省教育厅",
        blocks=[
            p.heading("一、总体情况"),
            p.paragraph("现将代表建议交你单位办理。"),
            p.table([["编号", "标题"], ["0001", "关于加强农村教师队伍建设的建议"]]),
        ],
        signer="山西省人大常委会人事代表工作委员会",
        date=dt.date(2026, 3, 5),
        copy_to="省人民政府办公厅",
        printed_by="山西省人大常委会人事代表工作委员会",
    )


def test_the_number_and_the_date_are_written_as_the_standard_says() -> None:
    assert p.document_number("晋人代工", 2026, 12) == "晋人代工〔2026〕12号"
    assert p.date_text(dt.date(2026, 3, 5)) == "2026年3月5日"  # §7.3.5.1: no leading zero


def test_the_docx_is_an_a4_page_with_the_standards_margins_title_number_and_recipients() -> None:
    document = Document(io.BytesIO(docx_bytes(a_paper())))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(Length(m or 0).mm) for m in sizes + margins] == [210, 297, 37, 35, 28, 26]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert TITLE in texts
    assert "晋人代工〔2026〕12号" in texts
    assert "省教育厅：" in texts
    assert "2026年3月5日" in texts
    assert "抄送：省人民政府办公厅。" in texts
    title = next(par for par in document.paragraphs if par.text == TITLE)
    assert title.runs[0].font.size == Pt(22)  # 2号
    body = next(par for par in document.paragraphs if par.text.startswith("现将"))
    assert body.runs[0].font.size == Pt(16)  # 3号
    assert document.tables[0].cell(1, 1).text == "关于加强农村教师队伍建设的建议"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return pdf_bytes(a_paper())


def test_the_pdf_is_a4_and_says_the_title_number_and_recipients(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "").replace(" ", "")
    for expected in (TITLE, "晋人代工〔2026〕12号", "省教育厅：", "2026年3月5日", "抄送：省人民政府办公厅"):
        assert expected in text


def _render(pdf: bytes, tmp_path: Path, name: str) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (Debian poppler-utils) to render the PDF")
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    command = ["pdftoppm", "-r", "60", "-gray", "-png", "-singlefile", str(source), str(tmp_path / name)]
    subprocess.run(command, check=True)  # noqa: S603 - fixed command
    return Image.open(tmp_path / f"{name}.png").convert("L")


def test_the_chinese_title_is_drawn_in_glyphs_not_boxes(pdf: bytes, tmp_path: Path) -> None:
    """The title is rendered twice: in Chinese, and as characters no font has (U+E000, which
    every renderer draws as its missing-glyph box). Were the CJK fonts missing, the Chinese
    title would be drawn in those same boxes and the two pages would match; with the fonts,
    the title area differs in many pixels."""
    chinese = _render(pdf, tmp_path, "chinese")
    tofu = _render(pdf_bytes(a_paper("\ue000" * len(TITLE))), tmp_path, "tofu")
    difference = ImageChops.difference(chinese, tofu).point(lambda v: 255 if v > 64 else 0)
    box = difference.getbbox()
    assert box is not None, "the Chinese title looks exactly like missing-glyph boxes"
    width, height = chinese.size
    # Nothing above the title differs: the head (issuer, number) is the same in both.
    assert box[1] > height * 37 / 297
    assert sum(difference.histogram()[1:]) > 500  # pixels that differ
    # And the title area has ink at all (a blank title would differ from boxes too).
    title_area = chinese.crop((0, box[1], width, box[1] + height // 20))
    assert sum(title_area.histogram()[:128]) > 500  # dark pixels
