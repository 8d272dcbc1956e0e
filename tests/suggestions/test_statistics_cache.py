"""Counted figures are kept until the rows they count change (suggestions.reports.statistics.
cache): read again while nothing changed, counted again as soon as anything did, and never kept
while a writer that started earlier is still running."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext

from suggestions.models import Assignment, Reply, StatisticsChange, SubjectArea
from suggestions.reports import accountability, disclosure
from suggestions.reports.cache import settled_version
from suggestions.reports.statistics import figures, levels
from suggestions.reports.statistics.levels import Filters
from suggestions.workflow import AssignmentStatus
from tests.suggestions.statistics_data import TODAY, build_province

ON_POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the marks of changed rows are written by a PostgreSQL trigger"
)


@pytest.fixture
def province(lead, make_deputy, staff, units, session):
    return build_province(
        lead=lead, other_lead=make_deputy("赵强"), staff=staff, units=units, session=session
    )


def _settled() -> None:
    """Wait for the transactions that started before this test's last write to end. The
    snapshot's xmin is the whole server's: in a parallel run, another worker's test (on its own
    database) holds a transaction open for as long as it runs, and a transaction with an older
    id still running makes every newer version unsettled."""
    deadline = time.monotonic() + 30
    while settled_version() is None:
        assert time.monotonic() < deadline, "an older transaction is still running after 30 s"
        time.sleep(0.05)


def _counted(level: str = "handling") -> tuple[dict[str, int], int]:
    """The level's totals, and how many queries reading them took."""
    with CaptureQueriesContext(connection) as queries:
        table = figures.totals(level, Filters(), TODAY)
    [row] = table.rows
    return {f.name: f.value for f in row.figures}, len(queries)


@pytest.mark.django_db
def test_without_a_settled_version_the_figures_are_counted_each_time(province):
    # SQLite keeps no marks; on PostgreSQL this test's transaction, still open, wrote the
    # province: its own figures are nobody else's.
    assert settled_version() is None
    first, queries = _counted()
    assert queries == (2 if ON_POSTGRESQL else 1)
    assert _counted() == (first, queries)


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_figures_are_read_again_until_a_row_they_count_changes(province):
    _settled()
    first, queries = _counted()
    assert queries == 2  # the data's version, then the count
    assert _counted() == (first, 1)  # the version alone: the figures come from the cache

    # A bulk update reaches no signal and no service; the trigger sees it all the same.
    Assignment.objects.filter(extended=False).update(extended=True)
    again, queries = _counted()
    assert queries == 2
    assert again["extended"] == again["assigned"] > first["extended"]


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_cache_down_the_figures_are_counted(province, monkeypatch):
    def down(*args: object, **kwargs: object) -> None:
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    _settled()
    first, queries = _counted()
    assert _counted() == (first, queries) and queries == 2 and first["assigned"] > 0


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_kept_while_a_writer_that_started_earlier_is_still_running(province):
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:  # an earlier transaction, still running...
            cursor.execute("UPDATE suggestions_subjectarea SET name = name")
        SubjectArea.objects.create(name="环境")  # ...and a later one, committed
        # Kept under the later one's mark, these figures would lack the earlier one's change
        # once it commits, under a version that would not move again.
        assert settled_version() is None
        assert _counted()[1] == 2 and _counted()[1] == 2  # the version and a count each time
        other.commit()
        _settled()
    finally:
        other.rollback()
        other.close()


def _tables_read(sql: str) -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models()
        if f'"{model._meta.db_table}"' in sql and model is not StatisticsChange
    }


@postgresql_only
@pytest.mark.django_db
def test_every_table_a_figure_reads_is_marked_when_written(province, units, session, lead):
    every = Filters(
        year=2025,
        session=session.pk,
        area=SubjectArea.objects.values_list("pk", flat=True)[0],
        unit=units["education"].pk,
        unit_kind="government",
        delegation=lead.delegation_id,
        congress=session.congress_id,
    )
    # The calendar gives the accountability table its cutoff day, which is in its key: read
    # before, so that what is captured is what the kept figures count.
    accountability.reply_period_cutoff(TODAY)
    with CaptureQueriesContext(connection) as queries:
        for filters in (Filters(), every):
            figures.statistics(filters, TODAY)
        # The other tables kept under the same version: S§47's and the public on-time league.
        accountability.accountability_table(TODAY)
        disclosure.unit_league(2025, TODAY)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for level in levels.LEVELS.values():
        for figure in levels.NAMES[level.name]:
            sql += str(levels.items(level, figure, every, TODAY).query)
    read = _tables_read(sql)
    assert {"suggestions_suggestion", "suggestions_assignment", "suggestions_reply"} <= read

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE '%%_statistics_changed'"
        )
        marked = {name for (name,) in cursor.fetchall()}
    assert read <= marked, f"tables the figures read without the trigger: {sorted(read - marked)}"


def _accountability() -> tuple[list[accountability.AccountabilityRecord], bool]:
    """The S§47 table, and whether reading it counted the assignments."""
    with CaptureQueriesContext(connection) as queries:
        table = accountability.accountability_table(TODAY)
    return table, any("suggestions_assignment" in q["sql"] for q in queries.captured_queries)


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_accountability_table_is_kept_until_an_assignment_changes(province):
    _settled()
    first, counted = _accountability()
    assert counted and first
    assert _accountability() == (first, False)

    # Every reply the units owe is back in handling and past its day: counted again, it shows.
    Assignment.objects.filter(reply_due__isnull=False).update(
        status=AssignmentStatus.HANDLING, reply_due=TODAY - dt.timedelta(days=1)
    )
    again, counted = _accountability()
    assert counted
    assert sum(r.overdue for r in again) > sum(r.overdue for r in first)


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_public_on_time_league_is_kept_until_a_reply_changes(province):
    _settled()

    def league() -> tuple[list[disclosure.UnitRecord], bool]:
        with CaptureQueriesContext(connection) as queries:
            records = disclosure.unit_league(2025, TODAY)
        return records, any("suggestions_assignment" in q["sql"] for q in queries.captured_queries)

    first, counted = league()
    assert counted and sum(r.on_time for r in first) > 0
    assert league() == (first, False)

    # No reply any more, neither a signed-off one nor an imported day: none came on time.
    Reply.objects.all().delete()
    Assignment.objects.update(replied_at=None)
    again, counted = league()
    assert counted and sum(r.on_time for r in again) == 0
