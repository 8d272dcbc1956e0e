"""History notes show in the reader's language, whatever language they were stored in."""

import ast
from pathlib import Path

from django.utils import translation

from suggestions.services.steps import HISTORY_NOTES, note_in_reader_language

ROOT = Path(__file__).resolve().parents[2]


def shown(note: str, language: str) -> str:
    with translation.override(language):
        return note_in_reader_language(note)


def test_a_note_stored_in_english_reads_in_chinese_and_back():
    assert shown("re-routed", "zh-hans") == "重新交办"
    assert shown("重新交办", "en") == "re-routed"


def test_a_note_keeps_its_numbers_and_each_part_of_a_joined_note_is_translated():
    assert shown("text changed: 3 confirmations voided", "en") == "text changed: 3 confirmations voided"
    assert shown("confirmed version 2；re-routed", "zh-hans").endswith("；重新交办")
    assert shown("confirmed version 2；re-routed", "zh-hans").startswith(
        shown("confirmed version 2", "zh-hans")
    )


def test_a_note_a_person_wrote_is_shown_as_written():
    assert shown("请尽快办理 re-routed", "en") == "请尽快办理 re-routed"


def test_every_message_a_service_records_is_one_the_pages_can_translate_again():
    recorded = set()
    for path in (ROOT / "suggestions/services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "recorded":
                inner = node.args[0]
                if isinstance(inner, ast.Call) and isinstance(inner.args[0], ast.Constant):
                    recorded.add(inner.args[0].value)
    assert recorded and recorded <= set(HISTORY_NOTES)
