"""The Chinese catalogue is complete and compiled: Chinese is the default language."""

import ast
import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")


def read_po(path: Path) -> list[dict[str, str]]:
    """Entries of a .po file as {msgctxt, msgid, msgid_plural, msgstr, flags}; enough for this check."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    field = ""
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry.get("msgid"):
                entries.append(entry)
            entry, field = {}, ""
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            field = "msgstr" if field.startswith("msgstr") else field
            entry[field] = (
                entry.get(field, "") + ast.literal_eval(value)
                if field == "msgstr"
                else ast.literal_eval(value)
            )
    return entries


def test_every_message_has_a_chinese_translation():
    untranslated = [e["msgid"] for e in read_po(PO) if not e.get("msgstr")]
    fuzzy = [e["msgid"] for e in read_po(PO) if "fuzzy" in e.get("flags", "")]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for e in read_po(PO):
        if e.get("msgid_plural"):
            continue
        got = compiled.pgettext(e["msgctxt"], e["msgid"]) if "msgctxt" in e else compiled.gettext(e["msgid"])
        if got != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "run `make messages` to recompile locale/"
