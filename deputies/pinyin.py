"""Pinyin initials of a deputy's name, for the co-signer picker: "lm" finds 李明.

A surname read otherwise than its commonest reading is taken from SURNAMES (单 is Shàn as a
surname, not dān); pypinyin reads the rest from its phrase data."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# Common surnames with a reading of their own (百家姓); pypinyin reads them as words.
SURNAMES = {"单": "s", "曾": "z", "解": "x", "仇": "q", "区": "o", "查": "z", "朴": "p", "盖": "g",
            "乐": "y", "尉": "y", "缪": "m", "覃": "q", "长": "c"}  # fmt: skip


def initials(name: str) -> str:
    """'李明' → 'lm'; letters and digits of a name not in Chinese are kept, lower case."""
    name = name.strip()
    if not name:
        return ""
    first = SURNAMES.get(name[0])
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda chars: chars)
    if first is not None:
        letters[0] = first
    return "".join(c for c in "".join(letters).lower() if c.isalnum())[:50]
