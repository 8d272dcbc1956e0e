"""Help against duplicates: the most similar earlier suggestions of the same session.

On PostgreSQL, trigram similarity (pg_trgm) of the titles and the openings of the texts;
pg_trgm reads Chinese characters when the database's character type is a UTF-8 locale.
Elsewhere (the embedded SQLite default), the same idea in Python: shared character pairs.

Both score at most the CANDIDATES newest suggestions under review in the session: three times
a session's whole intake (950 or more, USERS.md), so a real session loses none, and a page's
cost stays bounded when a session is extraordinary. Scoring costs PostgreSQL about 13 µs a
candidate: the bench's one session holding 14,679 under review took 260 ms a page (issue 15).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import Left

from suggestions.models import Suggestion
from suggestions.workflow import SUGGESTION

LIMIT = 5
THRESHOLD = 0.12
OPENING = 300  # characters of the text compared, besides the title
CANDIDATES = 3000


def _candidates(suggestion: Suggestion) -> QuerySet[Suggestion]:
    under_review = (
        Suggestion.objects.filter(number_scope=suggestion.number_scope)
        .exclude(pk=suggestion.pk)
        # What can be merged into it (S§15): the ones still under review.
        .filter(status__in=SUGGESTION.sources("merge"))
    )
    newest = under_review.order_by("-id").values("pk")[:CANDIDATES]
    # The conditions again outside the subquery: PostgreSQL then reads the rows through the
    # queue's index instead of scanning the whole table to match the newest keys.
    return under_review.filter(pk__in=newest)


def similar_suggestions(suggestion: Suggestion, limit: int = LIMIT) -> list[tuple[Suggestion, float]]:
    if not suggestion.number_scope:
        return []
    if connection.vendor == "postgresql":
        return _similar_postgres(suggestion, limit)
    return _similar_python(suggestion, limit)


def _similar_postgres(suggestion: Suggestion, limit: int) -> list[tuple[Suggestion, float]]:
    from django.contrib.postgres.search import TrigramSimilarity

    title: Any = Value(suggestion.title)  # django-stubs expects str; a Value keeps it a parameter
    opening: Any = Value(suggestion.body[:OPENING])
    score = TrigramSimilarity("title", title) * 0.6 + TrigramSimilarity(
        Left("body", OPENING), opening
    ) * Value(0.4, output_field=FloatField())
    # The score is computed once a candidate, for the order; the threshold is applied to the
    # best few. A filter on it in SQL computed the four trigram sets again for every candidate of
    # the session: 14,678 of them at ten years' data, 550 of the page's 600 ms under load. The
    # rows over the threshold come first in this order, so the best of them are the same rows.
    rows = (
        _candidates(suggestion)
        .annotate(score=score)
        .select_related("lead_deputy")
        .order_by(F("score").desc(nulls_last=True))[:limit]
    )
    return [(row, float(row.score)) for row in rows if row.score is not None and row.score >= THRESHOLD]


def _pairs(text: str) -> set[str]:
    text = "".join(text.split())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _similar_python(suggestion: Suggestion, limit: int) -> list[tuple[Suggestion, float]]:
    title, opening = _pairs(suggestion.title), _pairs(suggestion.body[:OPENING])
    scored = []
    rows = _candidates(suggestion).select_related("lead_deputy")
    for row in rows:
        score = 0.6 * _jaccard(title, _pairs(row.title)) + 0.4 * _jaccard(opening, _pairs(row.body[:OPENING]))
        if score >= THRESHOLD:
            scored.append((row, score))
    scored.sort(key=lambda item: -item[1])
    return scored[:limit]
