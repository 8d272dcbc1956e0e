"""A `Paper` as PDF, for sending: WeasyPrint lays out the same paper from an HTML template and
a print stylesheet (paper.css) with Pango and the Noto CJK fonts, and embeds the subset of the
fonts it used, so the reader needs no Chinese fonts of their own.

Why WeasyPrint: it is an HTML/CSS layout engine made for print (CSS Paged Media: @page sizes
and margins, page counters in the margin boxes), so the paper is one template a developer can
read, and Chinese line breaking and font fallback come from Pango, as in the desktop. ReportLab
would mean placing every line by hand and handling CJK wrapping ourselves; a headless browser
is a far heavier process to run in a worker. It needs Debian's libpango-1.0-0 and
libpangoft2-1.0-0 (the Dockerfile installs them with fonts-noto-cjk)."""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from congress.documents import paper as p
from congress.documents.charts import chart_png

STYLESHEET = Path(__file__).with_name("paper.css")


def pdf_bytes(paper: p.Paper) -> bytes:
    from weasyprint import CSS, HTML  # loads Pango: only in the process that makes a PDF

    html = render_to_string(
        "documents/paper.html",
        {
            "paper": paper,
            "blocks": [(block, _image(block)) for block in paper.blocks],
            "issuer_pt": p.issuer_pt(paper.issuer),
            "date": p.date_text(paper.date),
            "printed_on": p.date_text(paper.printed_on or paper.date),
        },
    )
    result = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
    return bytes(result or b"")  # with no target WeasyPrint returns the bytes


def _image(block: p.Block) -> str:
    """A chart as a data: URI, which WeasyPrint reads without fetching anything; "" otherwise."""
    if block.kind != "chart":
        return ""
    return "data:image/png;base64," + base64.b64encode(chart_png(block)).decode("ascii")
