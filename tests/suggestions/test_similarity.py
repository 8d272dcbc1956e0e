"""Similar suggestions under review: what the review page offers to merge (S§15)."""

from __future__ import annotations

import pytest

from suggestions import similarity
from suggestions.similarity import similar_suggestions
from suggestions.workflow import Status

pytestmark = pytest.mark.django_db

LIFT = ("关于推进老旧小区加装电梯工作的建议", "老旧小区加装电梯推进缓慢，建议加大补贴力度。")


def test_the_most_similar_come_first_and_the_unrelated_not_at_all(file_suggestion):
    close = file_suggestion(title="关于加快老旧小区加装电梯工作的建议", body="老旧小区加装电梯推进缓慢。")
    farther = file_suggestion(title="关于老旧小区改造的建议", body="老旧小区改造资金不足。")
    file_suggestion(title="关于汾河流域生态修复的建议", body="汾河流域水质需要改善。")
    new = file_suggestion(title=LIFT[0], body=LIFT[1])

    found = [other for other, _score in similar_suggestions(new)]

    assert found == [close, farther]


def test_it_scores_only_the_newest_under_review(file_suggestion, monkeypatch):
    monkeypatch.setattr(similarity, "CANDIDATES", 2)
    oldest = file_suggestion(title=LIFT[0], body=LIFT[1])
    newer = [file_suggestion(title=LIFT[0], body=LIFT[1]) for _ in range(2)]
    new = file_suggestion(title=LIFT[0], body=LIFT[1])

    found = {other for other, _score in similar_suggestions(new)}

    assert found == set(newer)
    assert oldest not in found


def test_what_is_no_longer_under_review_is_not_offered(file_suggestion):
    withdrawn = file_suggestion(title=LIFT[0], body=LIFT[1])
    withdrawn.status = Status.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    new = file_suggestion(title=LIFT[0], body=LIFT[1])

    assert similar_suggestions(new) == []
