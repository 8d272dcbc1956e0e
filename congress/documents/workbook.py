"""A paper's figures as a workbook (congress.excel): the figures its text is written from, then
every table and every chart of the paper as a sheet, in the paper's order. The sheets are read
off the same `Paper` the DOCX and the PDF draw, so the spreadsheet never says other figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from congress.documents import paper as p

Sheet = tuple[str, Sequence[str], list[list[Any]]]
NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+")


def number_or_text(value: str) -> int | float | str:
    """A table's cell as Excel should hold it: a count as a number; 0001 and 50.0% stay text."""
    if INTEGER.fullmatch(value):
        return int(value)
    if DECIMAL.fullmatch(value):
        return float(value)
    return value


def _name(text: str) -> str:
    return NOT_IN_SHEET_NAMES.sub("_", NUMBERING.sub("", text)).strip() or "表"


def paper_sheets(paper: p.Paper) -> list[Sheet]:
    sheets: list[Sheet] = []
    if paper.figures:
        sheets.append(("基本情况", ["项目", "数值"], [[name, value] for name, value in paper.figures]))
    section = ""
    for block in paper.blocks:
        if block.kind == "heading":
            section = block.text
        elif block.kind == "table" and block.rows:
            rows = [[number_or_text(c) for c in row] for row in block.rows[1:]]
            sheets.append((_name(section or paper.title), block.rows[0], rows))
        elif block.kind == "chart":
            header = "数值（%）" if block.unit == "%" else "数值"
            rows = [[label, value] for label, value in zip(block.labels, block.values, strict=True)]
            sheets.append((_name(block.text or section), ["项目", header], rows))
    return sheets
