"""A paper's chart (congress.documents.paper.chart) drawn once as a PNG with Pillow, which both
writers embed: the DOCX as an inline picture, the PDF as an image. A horizontal bar chart, the
label left of each bar and the value at its end, in Noto Sans CJK (the Dockerfile installs
fonts-noto-cjk; without it Pillow's own font draws, so a machine without it still runs).

It is drawn at print resolution: the type area's width (156 mm) at 200 dpi, the labels in 5号
(10.5 pt) and the title in 4号 (14 pt), so at its printed width the text is as large as the
paper's tables say."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from congress.documents import paper as p

DPI = 200
WIDTH_MM = p.PAGE_MM[0] - p.MARGINS_MM["left"] - p.MARGINS_MM["right"]  # the type area, 156 mm
FONT_FILES = [
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),  # Debian's fonts-noto-cjk
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),  # Arch, Fedora
]
SC_INDEX = 2  # in the collection: JP, KR, SC, TC, HK; SC has the Simplified Chinese forms
BLUE, GREEN, AMBER, RED = "#0b4f9c", "#2e7d4f", "#d39b1d", "#b3261e"
INK, GRID = "#1a1a1a", "#b0b0b0"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def px(points: float) -> int:
    return round(points * DPI / 72)


def mm(millimetres: float) -> int:
    return round(millimetres * DPI / 25.4)


@functools.cache
def font(points: float) -> Font:
    for path in FONT_FILES:
        if path.exists():
            return ImageFont.truetype(str(path), px(points), index=SC_INDEX)
    return ImageFont.load_default(px(points))


def _width(draw: ImageDraw.ImageDraw, text: str, face: Font) -> int:
    left, _top, right, _bottom = draw.textbbox((0, 0), text, font=face)
    return int(right - left)


def _fit(draw: ImageDraw.ImageDraw, text: str, face: Font, width: int) -> str:
    """The label as it fits the label column, cut with an ellipsis when it is longer."""
    if _width(draw, text, face) <= width:
        return text
    while text and _width(draw, text + "…", face) > width:
        text = text[:-1]
    return text + "…"


@functools.lru_cache(maxsize=32)  # the DOCX and the PDF of one paper draw each chart once
def chart_png(block: p.Block) -> bytes:
    label_font, title_font = font(10.5), font(14)
    width = mm(WIDTH_MM)
    pitch, bar = mm(8), mm(5)
    top = mm(4) + px(14) * 2 if block.text else mm(4)
    height = top + pitch * max(len(block.labels), 1) + mm(4)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    if block.text:
        draw.text((width // 2, mm(3)), block.text, font=title_font, fill=INK, anchor="ma")

    texts = [p.value_text(block, v) for v in block.values]
    gap, margin = mm(2), mm(3)
    label_width = min(max((_width(draw, t, label_font) for t in block.labels), default=0), width * 2 // 5)
    value_width = max((_width(draw, t, label_font) for t in texts), default=0)
    label_end = margin + label_width
    left = label_end + gap
    longest = width - margin - left - gap - value_width
    # A rate's bar is measured against 100%, a count's against the largest count.
    most = 100 if block.unit == "%" else (max(block.values, default=0) or 1)
    draw.line([(left, top), (left, top + pitch * len(block.labels))], fill=GRID, width=px(0.75))
    for i, (label, value, text) in enumerate(zip(block.labels, block.values, texts, strict=True)):
        middle = top + pitch * i + pitch // 2
        draw.text((label_end, middle), _fit(draw, label, label_font, label_width), font=label_font,
                  fill=INK, anchor="rm")  # fmt: skip
        length = round(longest * value / most)
        if length > 0:
            colour = block.colours[i] if i < len(block.colours) and block.colours[i] else BLUE
            draw.rectangle([left, middle - bar // 2, left + length, middle + bar // 2], fill=colour)
        draw.text((left + length + gap, middle), text, font=label_font, fill=INK, anchor="lm")

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=True)
    return buffer.getvalue()
