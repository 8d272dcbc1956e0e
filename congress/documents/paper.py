"""What an official paper says, apart from how it is drawn: the elements of GB/T 9704-2012
(党政机关公文格式) in the order the standard lays them out. The DOCX and the PDF writers draw
the same `Paper`, so the two files never say different things.

The layout figures are the standard's: A4 (§5.2.1); top margin 37 mm, binding (left) 28 mm,
type area 156 × 225 mm (§5.2.2), hence right 26 mm and bottom 35 mm; the body in 3号仿宋
(16 pt), 22 lines of 28 characters (§5.2.3, §5.2.4); the title in 2号小标宋 (22 pt, §7.3.1);
headings of the first level in 黑体 (§7.3.3); the record at the foot (版记: 抄送, 印发) in
4号仿宋 (14 pt, §7.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
RECORD_PT = 14  # 4号
ISSUER_PT = 36  # the issuing body's mark: the standard leaves its size to the issuer (§7.2.2)
LINE_PT = 28.95  # 225 mm / 22 lines (§5.2.4)
RED = "C00000"

# The fonts the standard names, then what a Debian server has (fonts-noto-cjk): Noto Serif CJK
# stands in for 仿宋 and 小标宋, Noto Sans CJK for 黑体. A Windows office opening the DOCX sees
# its own 仿宋_GB2312/方正小标宋 first.
FANGSONG = ["仿宋_GB2312", "FangSong", "Noto Serif CJK SC"]
XIAOBIAOSONG = ["方正小标宋简体", "SimSun", "Noto Serif CJK SC"]
HEITI = ["黑体", "SimHei", "Noto Sans CJK SC"]


@dataclass(frozen=True)
class Block:
    """One piece of the body: a heading (一、…), a paragraph, a table (header row first), or a
    chart: horizontal bars titled `text`, one per label, with the value written at its end
    (drawn once as a picture by congress.documents.charts)."""

    kind: str  # "heading" | "paragraph" | "table" | "chart"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    labels: tuple[str, ...] = ()
    values: tuple[float, ...] = ()
    colours: tuple[str, ...] = ()  # "#2e7d4f" per bar; an empty one is the charts' blue
    unit: str = ""  # "%": the values are percentages, written with one decimal


def heading(text: str) -> Block:
    return Block("heading", text)


def paragraph(text: str) -> Block:
    return Block("paragraph", text)


def table(rows: Sequence[Sequence[object]]) -> Block:
    return Block("table", rows=tuple(tuple("" if c is None else str(c) for c in row) for row in rows))


def chart(
    title: str, labels: Sequence[str], values: Sequence[float], colours: Sequence[str] = (), unit: str = ""
) -> Block:
    return Block(
        "chart", title, labels=tuple(labels), values=tuple(values), colours=tuple(colours), unit=unit
    )


def value_text(block: Block, value: float) -> str:
    """A chart's value as written at the end of its bar."""
    if block.unit == "%":
        return f"{value:.1f}%"
    return f"{value:g}{block.unit}"


@dataclass(frozen=True)
class Paper:
    issuer: str  # 发文机关标志, printed red at the head
    title: str  # 标题
    date: dt.date  # 成文日期
    signer: str  # 发文机关署名, above the date, where the seal goes
    number: str = ""  # 发文字号, 晋人代工〔2026〕12号; a letter from a unit may have none here
    recipients: str = ""  # 主送机关, ended by a full-width colon in print
    blocks: list[Block] = field(default_factory=list)
    mark: str = ""  # printed at the top right: the reply's category (A类)
    note: str = ""  # 附注, in brackets below the date (联系人及电话)
    copy_to: str = ""  # 抄送
    printed_by: str = ""  # 印发机关
    printed_on: dt.date | None = None  # 印发日期
    # The figures the text is written from, as (name, value), in the order it says them; not
    # drawn, but exported with the tables (congress.documents.workbook), so a spreadsheet of
    # the paper's figures says what the paper says.
    figures: tuple[tuple[str, int | float | str], ...] = ()


def date_text(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 §7.3.5.1 writes it: Arabic numerals, the year in full, no
    leading zero (2026年3月5日). The 1999 edition's Chinese numerals (二〇二六年) were dropped
    in 2012."""
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(prefix: str, year: int, sequence: int) -> str:
    """发文字号 (§7.2.4): the issuer's code, the year in hexagonal brackets 〔〕, the sequence
    with no leading zero and no 第."""
    return f"{prefix}〔{year}〕{sequence}号"


def issuer_pt(issuer: str) -> float:
    """The issuer's mark on one line: as large as ISSUER_PT, smaller for a long name, so it
    fits the 156 mm type area (§7.2.2: 以醒目、美观、庄重为原则)."""
    width_pt = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) * 72 / 25.4
    return min(ISSUER_PT, round(width_pt / (len(issuer) * 1.08), 1))
