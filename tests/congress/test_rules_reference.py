"""The rules reference in docs/ is generated from the tables and kept current."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from congress import rules_reference
from congress.rules_reference import render, statute_articles
from congress.workflow import workflows


def test_each_law_as_published_is_read_article_by_article():
    suggestions = statute_articles("S")
    assert suggestions[20].startswith("第二十条 承办单位认为")
    assert "五日内" in suggestions[20]
    assert statute_articles("M")[19].startswith("第十九条")
    assert len(statute_articles("D")) >= 49


def test_the_reference_names_every_portal_table_action_and_cited_article():
    text = render()
    for workflow in workflows():
        if workflow.model.startswith("tests."):
            assert workflow.model not in text  # tables built by tests stay out
            continue
        assert f"(`{workflow.model}`)" in text
        for name in workflow.actions:
            assert f"| `{name}` |" in text
    assert '<a id="s28"></a>' in text  # the reply period's article, with its text
    assert "三个月内将办理情况答复代表" in text


def test_the_check_fails_when_the_reference_is_stale(tmp_path, monkeypatch):
    stale = tmp_path / "rules.md"
    stale.write_text("# an old reference\n", encoding="utf-8")
    monkeypatch.setattr(rules_reference, "RULES_FILE", stale)
    monkeypatch.setattr("congress.management.commands.rules_reference.RULES_FILE", stale)
    with pytest.raises(CommandError, match="stale"):
        call_command("rules_reference", "--check")
    call_command("rules_reference")
    call_command("rules_reference", "--check")
    assert stale.read_text(encoding="utf-8") == render()
