"""Query budgets (issue 15): every page and API endpoint that `bench.walk` walks, as the role
that works from it, on the demo province with more rows than a page (`seed_demo --scale`),
stays within its budget of queries, and a page of 50 rows costs no more queries than a page
of 10 — so no list or detail grows its queries with its rows."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench import walk

SCALE = 300  # 300 suggestions, 120 motions, 3,000 station registrations, 60 inspections
DEFAULT_BUDGET = 20
# What a page needs beyond the default, and why.
BUDGETS = {
    "suggestions:detail": 26,  # one query per section: units, clocks, replies, history, evaluations…
    "motions:detail": 28,  # likewise: signatures, decisions, hearings, reports, history…
    "deputies:archive": 32,  # a year of a deputy's record from every app, one query per part
    "deputies:archive-print": 32,
}
# Walked routes the demo province has no row for: the bench data has them, the demo does not.
NO_DEMO_ROW = {
    "suggestions:key-detail",
    "suggestions:rectification",
    "suggestions:attachment",
    "motions:attachment",
    "deputies:report",
    "deputies:report-edit",
    "deputies:report-print",
    "reminder-schedule-edit",
    # Generated papers and reports: the demo makes none (tests/documents budgets them).
    "documents:report",
    "documents:document",
    "documents:status",
    "documents:file",
    # The joint instruments of a session (D§14–D§16): the demo session is not sitting, so the
    # demo files none; tests/motions/test_instruments*.py cover their pages.
    "motions:interpellation",
    "motions:interpellation-form",
    "motions:recall",
    "motions:recall-form",
    "motions:investigation",
    "motions:investigation-form",
    "interpellation-detail",
    "recall-detail",
    "investigation-proposal-detail",
}
ROUTES = [route for route in walk.routes() if route.name not in NO_DEMO_ROW]


@pytest.fixture(scope="module")
def province(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo province, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", password="demo-pass-1", scale=SCALE, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_every_page_stays_within_its_query_budget_at_any_page_size(
    route: walk.Route, province: None, db: None, django_assert_max_num_queries: Any
) -> None:
    route.role = walk.role_of(route)
    client = walk.clients()["get"](route.role, route.api)
    url = walk.resolve_url(route, client)
    first = client.get(url, secure=True)  # warm: filter options and the calendar load once per process
    assert first.status_code == 200, (url, route.role, first.status_code)
    if "?" in url:
        return
    with CaptureQueriesContext(connection) as small:
        client.get(f"{url}?page_size=10", secure=True)
    with django_assert_max_num_queries(BUDGETS.get(route.name, DEFAULT_BUDGET)) as large:
        response = client.get(f"{url}?page_size=50", secure=True)
    assert response.status_code == 200
    assert len(large) <= len(small), f"{url}: {len(small)} queries for 10 rows, {len(large)} for 50"
