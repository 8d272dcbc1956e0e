"""The Chinese catalogue is complete and compiled: Chinese is the default language."""

import ast
import gettext
import re
from pathlib import Path

import pytest

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


# --- Every message the code uses is in the catalogue -------------------------------------------
# Read without GNU gettext: Python files through their syntax tree, templates through Django's own
# templatize() (what makemessages hands to xgettext), so the check runs wherever the tests run.

SOURCES = ["congress", "deputies", "liaison_stations", "motions", "suggestions", "templates"]
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop", "N_", "_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
CALL = re.compile(
    r"\b(gettext|ngettext|pgettext|npgettext|_)\(\s*((?:u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s*,?\s*)+)"
)
LITERAL = re.compile(r"u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")


def _key(name: str, args: list[str]) -> tuple[str, str] | None:
    if name in SINGULAR or name in PLURAL:
        return ("", args[0]) if args else None
    if name in CONTEXT or name in CONTEXT_PLURAL:
        return (args[0], args[1]) if len(args) > 1 else None
    return None


def messages_in_python(path: Path) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None) or ""
        args = []
        for arg in node.args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                break
            args.append(arg.value)
        key = _key(name, args)
        if key and key[1]:
            found.add(key)
    return found


def messages_in_template(path: Path) -> set[tuple[str, str]]:
    from django.utils.translation.template import templatize

    found = set()
    for call in CALL.finditer(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
        args = [ast.literal_eval(lit) for lit in LITERAL.findall(call.group(2))]
        name = {"gettext": "gettext", "_": "_", "ngettext": "ngettext"}.get(call.group(1), call.group(1))
        key = _key(name, args)
        if key and key[1]:
            found.add(key)
    return found


def messages_used_by_the_code() -> set[tuple[str, str]]:
    used: set[tuple[str, str]] = set()
    for top in SOURCES:
        for path in (ROOT / top).rglob("*"):
            if "migrations" in path.parts or "__pycache__" in path.parts:
                continue
            if path.suffix == ".py":
                used |= messages_in_python(path)
            elif path.suffix in {".html", ".txt"}:
                used |= messages_in_template(path)
    return used


def test_every_message_the_code_uses_has_a_chinese_translation():
    translated = {(e.get("msgctxt", ""), e["msgid"]) for e in read_po(PO) if e.get("msgstr")}
    missing = sorted(
        f"{ctx}|{msgid}" if ctx else msgid for ctx, msgid in messages_used_by_the_code() - translated
    )
    assert missing == [], f"{len(missing)} messages without a Chinese translation:\n" + "\n".join(missing)


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_every_translation_keeps_the_placeholders_of_its_message():
    broken = [
        e["msgid"]
        for e in read_po(PO)
        if e.get("msgstr") and set(PLACEHOLDER.findall(e["msgstr"])) != set(PLACEHOLDER.findall(e["msgid"]))
    ]
    assert broken == []


def test_no_two_counted_messages_share_one_translation():
    # "%(n)s open matter" and "%(n)s member" were once both "共 %(n)s 年", copied from "%(n)s year".
    by_translation: dict[str, list[str]] = {}
    for e in read_po(PO):
        if e.get("msgid_plural") and e.get("msgstr"):
            by_translation.setdefault(e["msgstr"], []).append(e["msgid"])
    assert {t: ids for t, ids in by_translation.items() if len(ids) > 1} == {}


# --- Pages in Chinese carry no stray English --------------------------------------------------
# Walks the pages of every demo role (and the public's) in Chinese and lists the Latin words left
# in the visible text. Allowed: codes and abbreviations in capitals (API, ICP, QR, PDF, S§20's S),
# anything with a digit (accounts such as deputy1, tracking codes, versions), and the words below.

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]")
ALLOWED_WORDS = {
    "English",  # the language switch names the other language in that language
    "Excel",
    "Word",
    "chinesecalendar",  # the package the official calendar is refreshed from
    "admin",  # the superuser's account name
    "xlsx",
    "csv",
    "svg",
    "pdf",
    "png",
    "jpg",
    "docx",
    "https",
    "http",
    "www",
    "gov",
    "cn",
    "com",
    "beian",
    "miit",
    "mps",
    "km",
    "kg",
    # The official calendar's CSV header and kinds, which the import page asks the user to type.
    "date",
    "kind",
    "name",
    "note",
    "holiday",
    "adjusted",  # adjusted_workday
    "workday",
}
WALKED_ROLES = ["staff1", "sec1", "review1", "super1", "unit1", "unit1head", "deputy1", "dele1", "station1"]


URL = re.compile(r"\S+://\S+|\btestserver\S*")


def stray_latin_words(text: str) -> set[str]:
    return {
        w
        for w in LATIN_WORD.findall(URL.sub(" ", text))
        if not (w.isupper() or w in ALLOWED_WORDS or any(c.isdigit() for c in w))
    }


def test_stray_latin_words_are_found_and_allowed_codes_are_not():
    assert stray_latin_words("确认第2版 · S§20 · API 文档 · deputy1 · K7QH-3MZP · English") == set()
    assert stray_latin_words("扫码 http://testserver/stations/1/opinion/ 提意见") == set()
    assert stray_latin_words("文本 text changed: 3 confirmations voided") == {
        "text",
        "changed",
        "confirmations",
        "voided",
    }


@pytest.mark.django_db
def test_pages_in_chinese_show_no_latin_words_outside_the_allow_list():
    from django.core.management import call_command
    from django.test import Client

    from congress.models import User
    from tests.crawl import crawl

    call_command("seed_demo", password="demo-pass-1")
    found: dict[str, set[str]] = {}
    clients = [("public", Client(headers={"accept-language": "zh-hans"}))]
    for username in WALKED_ROLES:
        client = Client(headers={"accept-language": "zh-hans"})
        client.force_login(User.objects.get(username=username))
        clients.append((username, client))
    for who, client in clients:
        for url, page in crawl(client, per_shape=1, limit=120):
            words = stray_latin_words(" ".join(page.text))
            if words:
                found.setdefault(f"{who} {url}", set()).update(words)
    pages_by_word: dict[str, list[str]] = {}
    for where, words in sorted(found.items()):
        for word in words:
            pages_by_word.setdefault(word, []).append(where)
    report = "\n".join(
        f"{word} ({len(pages)} pages, e.g. {pages[0]})"
        for word, pages in sorted(pages_by_word.items(), key=lambda item: -len(item[1]))
    )
    assert found == {}, f"English words on {len(found)} Chinese pages:\n{report}"
