"""The statute coverage check: every operative article of the suggestion (S§) and motion (M§)
measures is cited in the portal's code and in its tests; the others are listed with the reason."""

from __future__ import annotations

from django.core.management import call_command

from congress.statute_coverage import NON_OPERATIVE, Coverage, articles, cited, coverage


def test_the_measures_are_read_article_by_article():
    assert articles("S") == [f"S§{n}" for n in range(1, 50)]
    assert articles("M") == [f"M§{n}" for n in range(1, 28)]


def test_a_citation_names_an_article_an_item_or_a_range():
    assert cited("S§14; S§25(2); S§17–S§19 and M§18-20") == {
        "S§14", "S§25", "S§17", "S§18", "S§19", "M§18", "M§19", "M§20"
    }  # fmt: skip
    assert cited("D§31, PS§2, S§") == set()


def test_every_article_listed_as_not_operative_is_one_of_the_measures_with_its_reason():
    every = set(articles("S")) | set(articles("M"))
    assert set(NON_OPERATIVE) <= every
    assert all(reason.strip() for reason in NON_OPERATIVE.values())


def test_every_operative_article_of_the_suggestion_and_motion_measures_is_cited_in_code_and_in_tests():
    uncited = [row.article for row in coverage() if row.uncited]
    assert uncited == [], f"not cited in both code and tests: {uncited}"


def test_an_article_the_code_carries_out_but_no_test_checks_is_reported():
    assert Coverage("S§6", operative=True, reason="", in_code=3, in_tests=0).uncited
    assert Coverage("S§6", operative=True, reason="", in_code=0, in_tests=2).uncited
    assert not Coverage("S§6", operative=True, reason="", in_code=1, in_tests=1).uncited
    assert not Coverage("S§1", operative=False, reason="purpose", in_code=0, in_tests=0).uncited


def test_the_command_lists_every_article(capsys):
    call_command("statute_coverage", "--check")
    out = capsys.readouterr().out
    assert out.count("\n") == 49 + 27
    assert "S§49   not operative" in out
