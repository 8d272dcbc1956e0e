"""A `Paper` as a Word document (python-docx), for the offices that edit before they seal.
Page, margins, fonts and sizes are the standard's (congress.documents.paper); East Asian fonts
are set on each run's w:eastAsia attribute, which Word reads for Chinese characters."""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from congress.documents import paper as p
from congress.documents.charts import WIDTH_MM, chart_png


def docx_bytes(paper: p.Paper) -> bytes:
    document = new_document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(p.PAGE_MM[0]), Mm(p.PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(p.MARGINS_MM["top"]), Mm(p.MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(p.MARGINS_MM["left"]), Mm(p.MARGINS_MM["right"])
    _page_number_footer(section.footer.paragraphs[0])

    style = document.styles["Normal"]
    style.font.size = Pt(p.BODY_PT)
    _fonts(style.element.get_or_add_rPr(), p.FANGSONG)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(p.LINE_PT)
    style.paragraph_format.space_after = Pt(0)

    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    if paper.mark:
        _line(body, paper.mark, align=WD_ALIGN_PARAGRAPH.RIGHT)
        body = document.add_paragraph()
    issuer_pt = p.issuer_pt(paper.issuer)
    issuer = _line(body, paper.issuer, size=issuer_pt, fonts=p.XIAOBIAOSONG, colour=p.RED)
    issuer.paragraph_format.line_spacing = Pt(issuer_pt * 1.3)
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = _line(document.add_paragraph(), paper.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    number.paragraph_format.space_before = Pt(p.LINE_PT)
    _red_rule(number)
    document.add_paragraph()

    title = _line(document.add_paragraph(), paper.title, size=p.TITLE_PT, fonts=p.XIAOBIAOSONG)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(p.TITLE_PT * 1.5)
    document.add_paragraph()
    if paper.recipients:
        _line(document.add_paragraph(), f"{paper.recipients}：")

    for block in paper.blocks:
        if block.kind == "heading":
            _indented(_line(document.add_paragraph(), block.text, fonts=p.HEITI))
        elif block.kind == "table":
            _table(document, block)
        elif block.kind == "chart":
            _chart(document.add_paragraph(), block)
        else:
            _indented(_line(document.add_paragraph(), block.text))

    document.add_paragraph()
    document.add_paragraph()
    for text in (paper.signer, p.date_text(paper.date)):
        signed = _line(document.add_paragraph(), text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        signed.paragraph_format.right_indent = Pt(p.BODY_PT * 4)  # §7.3.5.1: 右空四字
    if paper.note:
        _indented(_line(document.add_paragraph(), f"（{paper.note}）"))

    if paper.copy_to or paper.printed_by:
        document.add_paragraph()
        if paper.copy_to:
            copy = _line(document.add_paragraph(), f"抄送：{paper.copy_to}。", size=p.RECORD_PT)
            copy.paragraph_format.left_indent = Pt(p.RECORD_PT)
            _rule(copy, "top", "000000", 4)
        if paper.printed_by:
            printed_on = p.date_text(paper.printed_on or paper.date) + "印发"
            printed = _line(document.add_paragraph(), f"{paper.printed_by}\t{printed_on}", size=p.RECORD_PT)
            printed.paragraph_format.left_indent = Pt(p.RECORD_PT)
            printed.paragraph_format.tab_stops.add_tab_stop(
                Mm(p.PAGE_MM[0] - p.MARGINS_MM["left"] - p.MARGINS_MM["right"]) - Pt(p.RECORD_PT * 2),
                alignment=2,  # right
            )
            _rule(printed, "top", "000000", 4)
            _rule(printed, "bottom", "000000", 8)

    buffer = io.BytesIO()
    document.core_properties.title = paper.title
    document.core_properties.author = paper.signer
    document.save(buffer)
    return buffer.getvalue()


def _line(
    paragraph: Paragraph,
    text: str,
    *,
    size: float = p.BODY_PT,
    fonts: list[str] = p.FANGSONG,
    colour: str = "",
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _fonts(run._element.get_or_add_rPr(), fonts)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _indented(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.first_line_indent = Pt(p.BODY_PT * 2)  # 首行缩进二字


def _fonts(rpr: Any, names: list[str]) -> None:
    """The first font the office has is Word's choice; Word reads one name per slot, so the
    standard's name goes to the East Asian slot and the server's to the Latin one."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), names[0])
    fonts.set(qn("w:ascii"), names[-1])
    fonts.set(qn("w:hAnsi"), names[-1])


def _red_rule(paragraph: Paragraph) -> None:
    """版头中的分隔线 (§7.2.5): red, the width of the type area, below the document number."""
    _rule(paragraph, "bottom", p.RED, 12, space=8)


def _rule(paragraph: Paragraph, side: str, colour: str, size: int, space: int = 1) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", colour)):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)


def _table(document: object, block: p.Block) -> None:
    rows = block.rows
    if not rows:
        return
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Each row's cells read once: Table.cell(r, c) walks the whole grid on every call.
    header = OxmlElement("w:tblHeader")  # the header row repeats on each page the table runs onto
    grid.rows[0]._tr.get_or_add_trPr().append(header)
    for r, (line, row) in enumerate(zip(grid.rows, rows, strict=True)):
        for cell, value in zip(line.cells, row, strict=True):
            text = cell.paragraphs[0]
            _line(text, value, size=p.RECORD_PT, fonts=p.HEITI if r == 0 else p.FANGSONG)
            text.paragraph_format.line_spacing = Pt(p.RECORD_PT * 1.4)


def _chart(paragraph: Paragraph, block: p.Block) -> None:
    """The chart's picture inline, as wide as the type area; its line as tall as the picture."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(4)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.add_run().add_picture(io.BytesIO(chart_png(block)), width=Mm(WIDTH_MM))


def _page_number_footer(paragraph: Paragraph) -> None:
    """页码 (§7.5): 4号 Arabic numerals between dashes, — 1 —; one field Word fills in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(paragraph, "— ", size=p.RECORD_PT, fonts=["宋体", "Noto Serif CJK SC"])
    run = paragraph.add_run()
    run.font.size = Pt(p.RECORD_PT)
    for tag, attrs in (
        ("w:fldChar", {"w:fldCharType": "begin"}),
        ("w:instrText", {}),
        ("w:fldChar", {"w:fldCharType": "end"}),
    ):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if tag == "w:instrText":
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        run._element.append(element)
    _line(paragraph, " —", size=p.RECORD_PT, fonts=["宋体", "Noto Serif CJK SC"])
