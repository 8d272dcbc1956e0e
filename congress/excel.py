"""Excel export: every list a person works from can be downloaded as it is filtered.

Dates go out as ISO text (USERS.md: ISO in exports) so Excel never reinterprets them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, (int, float, bool)):
        return value
    return str(value)


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A one-sheet workbook; write-only mode keeps memory flat for 100,000 rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        c = WriteOnlyCell(sheet, value=str(text))
        c.font = bold
        header_cells.append(c)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    data = workbook_bytes(title, headers, rows)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


def workbook_with_sheets(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook of several sheets (title, headers, rows), as the statistics export needs:
    one per table. Sheet titles are cut to Excel's 31 characters and made unique."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    for title, headers, rows in sheets:
        name, n = title[:31], 2
        while name in used:
            suffix = f" {n}"
            name, n = title[: 31 - len(suffix)] + suffix, n + 1
        used.add(name)
        sheet = book.create_sheet(title=name)
        header_cells = []
        for text in headers:
            c = WriteOnlyCell(sheet, value=str(text))
            c.font = bold
            header_cells.append(c)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheets_response(
    filename: str, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]
) -> HttpResponse:
    response = HttpResponse(workbook_with_sheets(sheets), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response
