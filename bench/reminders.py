"""The deadline sweep at 1,000,000 open deadlines, 10,000 of them at a reminder stage today.

    python -m bench.reminders            (make bench runs every benchmark)

Builds its own PostgreSQL database from scratch (portal_sweep_bench; override with
SWEEP_BENCH_DATABASE_URL): the demo province, a clerk and a head in every handling unit, then
suggestion assignments written with COPY. Every open assignment owes the reply (S§28); its
assignment day is chosen so that the reply falls due either on one of today's stage dates of
the default reply schedule (days before, on the day, every N days overdue: 10,000 rows) or on
any other date (the rest). Then it times `sweep_deadlines(today=...)`, counts its queries, runs
it again (it must send nothing), and does the same at 100,000 open deadlines: the query count
must not grow with the open total.

The outbox's wake-ups go to Redis (BENCH_REDIS_URL, default db 5), on a queue of the bench's
own that nothing consumes and that is emptied at the end: enqueueing is part of the cost.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

DATABASE_URL = os.environ.get(
    "SWEEP_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_sweep_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
QUEUE = "portal-sweep-bench"
UNITS_PER_SUGGESTION = 10
DUE_TODAY = 10_000
SMALL, LARGE = 100_000, 1_000_000
RUNS = 3  # measured sweeps at each size; the median is reported
SEED = 6
MEASURE = "--measure"  # the child that times the sweep, as a fresh worker process would


def main() -> None:
    # Its own database and queue: run in a child process configured for them, so that
    # `python -m bench` (which may have set Django up for another benchmark) works too.
    if os.environ.get("DATABASE_URL") != DATABASE_URL:
        env = {
            **os.environ,
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "CELERY_QUEUE": QUEUE,
            "DJANGO_SETTINGS_MODULE": "congress.settings",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run([sys.executable, "-m", "bench.reminders"], env=env, check=True)
        return
    import django

    if sys.argv[1:] == [MEASURE]:
        django.setup()
        print(json.dumps(_measure()))
        return
    _create_database()
    django.setup()
    _run()


def _create_database() -> None:
    """A fresh database every run: the figures never depend on an earlier run's rows."""
    import psycopg2
    from psycopg2.extensions import ISOLATION_LEVEL_AUTOCOMMIT

    name = DATABASE_URL.rsplit("/", 1)[1]
    server = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    server.set_isolation_level(ISOLATION_LEVEL_AUTOCOMMIT)
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()


@dataclass
class Figures:
    open_total: int
    due: int
    reminders: int
    notifications: int
    seconds: list[float]  # one per measured first sweep of the day
    queries: int
    again_reminders: int  # the same sweep run again at once: sends nothing
    again_seconds: float
    again_queries: int
    plan: str  # how PostgreSQL finds the replies due

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _run() -> None:
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    today = timezone.localdate()
    plan = _Plan(today)
    _people()

    started = time.perf_counter()
    plan.add_assignments(SMALL - DUE_TODAY, due_today=DUE_TODAY)
    _analyse()
    print(f"generated {SMALL:,} open deadlines in {time.perf_counter() - started:.1f} s")
    small = _sweep_twice(today, SMALL)

    started = time.perf_counter()
    plan.add_assignments(LARGE - SMALL, due_today=0)
    _analyse()
    print(f"generated {LARGE - SMALL:,} more in {time.perf_counter() - started:.1f} s")
    large = _sweep_twice(today, LARGE)
    _purge_queue()

    print()
    print(
        f"today: {today.isoformat()}; reply schedule {_schedule_words()}: {len(plan.stage_dates)} stage dates"
    )
    header = ("open deadlines", "due today", "reminders", "notifications", "seconds", "queries")
    print(" | ".join(f"{h:>14}" for h in header) + " | run again: sent, seconds, queries")
    for f in (small, large):
        cells = (f"{f.open_total:,}", f"{f.due:,}", f"{f.reminders:,}", f"{f.notifications:,}",
                 f"{f.median:.2f}", f"{f.queries:,}")  # fmt: skip
        print(" | ".join(f"{c:>14}" for c in cells)
              + f" | {f.again_reminders}, {f.again_seconds:.2f}, {f.again_queries}")  # fmt: skip
    print(f"seconds: median of {RUNS} sweeps, each the first of the day "
          f"({', '.join(f'{t:.2f}' for t in small.seconds)} | {', '.join(f'{t:.2f}' for t in large.seconds)})")  # fmt: skip
    print(f"queries at {SMALL:,} open → {LARGE:,} open: {small.queries} → {large.queries}")
    print(f"replies due, at {SMALL:,} open: {small.plan}")
    print(f"replies due, at {LARGE:,} open: {large.plan}")


def _schedule_words() -> str:
    from congress.deadlines.reminders import DEFAULT_SCHEDULES

    s = DEFAULT_SCHEDULES["reply"]
    return f"(days before {list(s.days_before)}, on the day {s.on_the_day}, overdue every {s.overdue_every})"


class _Plan:
    """Assignment days whose reply falls due on a stage date today, and the others."""

    def __init__(self, today: dt.date) -> None:
        from congress.deadlines.calendar import deadline
        from congress.deadlines.reminders import DEFAULT_SCHEDULES, stages_between
        from congress.deadlines.statutory import OBJECTION, REPLY

        self.today = today
        self.stage_dates = set(stages_between(DEFAULT_SCHEDULES["reply"], today, today))
        self.on_stage: list[tuple[dt.date, dt.date, dt.date]] = []  # (assigned_on, objection due, reply due)
        self.elsewhere: list[tuple[dt.date, dt.date, dt.date]] = []
        # Assigned over the last three years: replies due from about 33 months ago to 3 months ahead.
        for back in range(3 * 365):
            day = today - dt.timedelta(days=back)
            reply = deadline(REPLY, day).due
            row = (day, deadline(OBJECTION, day).due, reply)
            (self.on_stage if reply in self.stage_dates else self.elsewhere).append(row)
        self.rng = random.Random(SEED)
        self.next_suggestion = 0

    def add_assignments(self, elsewhere: int, *, due_today: int) -> None:
        from congress.models import Organisation, User
        from suggestions.models import Assignment, SubjectArea, Suggestion
        from suggestions.workflow import AssignmentStatus, Role, Status

        units = list(
            Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        assert len(units) >= UNITS_PER_SUGGESTION  # one open assignment per unit and suggestion
        staff = User.objects.get(username="staff1")
        area = SubjectArea.objects.order_by("pk").values_list("pk", flat=True).first()
        lead = _lead_deputy()
        congress_id = lead[1]
        days = [self.on_stage[i % len(self.on_stage)] for i in range(due_today)]
        days += [self.rng.choice(self.elsewhere) for _ in range(elsewhere)]
        self.rng.shuffle(days)
        total = len(days)
        count = total // UNITS_PER_SUGGESTION
        first_id = _next_id(Suggestion)
        first_number = self.next_suggestion + 1
        self.next_suggestion += count
        now = dt.datetime.now(dt.UTC)

        def suggestions() -> Iterator[dict[str, Any]]:
            for n in range(count):
                day = days[n * UNITS_PER_SUGGESTION][0]
                at = dt.datetime.combine(day, dt.time(9), dt.UTC)
                yield {
                    "id": first_id + n, "congress_id": congress_id, "number_scope": "bench",
                    "number": first_number + n, "kind": "single", "status": Status.ASSIGNED,
                    "title": f"关于基层治理的建议（{first_number + n}）", "body": "基准测试生成。",
                    "subject_area_id": area, "lead_deputy_id": lead[0], "entered_by_id": staff.pk,
                    "created_at": now, "submitted_at": at, "reviewed_at": at, "assigned_at": at,
                }  # fmt: skip

        def assignments() -> Iterator[dict[str, Any]]:
            for i, (day, objection_due, reply_due) in enumerate(days[: count * UNITS_PER_SUGGESTION]):
                n, k = divmod(i, UNITS_PER_SUGGESTION)
                yield {
                    "suggestion_id": first_id + n, "unit_id": units[(n + k) % len(units)],
                    "role": Role.SPLIT, "status": AssignmentStatus.HANDLING, "assigned_by_id": staff.pk,
                    "assigned_at": dt.datetime.combine(day, dt.time(9), dt.UTC), "assigned_on": day,
                    "objection_due": objection_due, "reply_due": reply_due,
                }  # fmt: skip

        _copy(Suggestion, suggestions(), with_id=True)
        _reset_sequence(Suggestion)
        _copy(Assignment, assignments())


def _lead_deputy() -> tuple[int, int]:
    from deputies.models import Deputy

    row = Deputy.objects.order_by("pk").values_list("pk", "congress_id").first()
    assert row is not None  # seed_demo made the deputies
    return row


def _people() -> None:
    """A clerk and a head with email and phone in every handling unit, as in production."""
    from django.contrib.auth.hashers import make_password

    from congress.models import Organisation, User, UserRole
    from congress.roles import Role

    password = make_password(None)
    units = list(Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS).order_by("pk"))
    users = []
    for unit in units:
        for role in (Role.UNIT_HANDLER, Role.UNIT_HEAD):
            users.append(
                User(
                    username=f"bench-{role}-{unit.pk}", name=f"{unit.short_name}{role}", organisation=unit,
                    email=f"{role}-{unit.pk}@bench.invalid", phone="13800000000", password=password,
                )
            )  # fmt: skip
    created = User.objects.bulk_create(users)
    UserRole.objects.bulk_create(
        UserRole(user=u, role=Role.UNIT_HEAD if "unit_head" in u.username else Role.UNIT_HANDLER)
        for u in created
    )
    User.objects.filter(username="staff1").update(email="staff1@bench.invalid", phone="13900000000")


def _sweep_twice(today: dt.date, open_total: int) -> Figures:
    """Time the sweep in a fresh process: the generator's million rows must not weigh on it."""
    output = subprocess.run(  # noqa: S603 - this very module
        [sys.executable, "-m", "bench.reminders", MEASURE],
        env=os.environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = json.loads(output.strip().splitlines()[-1])
    print(f"  {open_total:,} open: sent {m['reminders']:,} ({m['by_kind']}), {m['notifications']:,} notifications, "
          f"{m['queries']} queries; again: {m['again_reminders']}")  # fmt: skip
    return Figures(open_total, _due_today(today), m["reminders"], m["notifications"], m["seconds"], m["queries"],
                   m["again_reminders"], m["again_seconds"], m["again_queries"], _plan(today))  # fmt: skip


def _measure() -> dict[str, Any]:
    """RUNS first sweeps of the day (the reminders forgotten before each), then one more at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from congress.deadlines.calendar import get_calendar
    from congress.deadlines.reminders import sweep_deadlines

    today = timezone.localdate()
    get_calendar()  # loaded once per worker process, before its first task
    seconds = []
    for _ in range(RUNS):
        _forget_reminders()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            first = sweep_deadlines(today=today)
            seconds.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as again_queries:
        started = time.perf_counter()
        again = sweep_deadlines(today=today)
        again_seconds = time.perf_counter() - started
    return {
        "reminders": first.reminders,
        "by_kind": ", ".join(f"{k} {v}" for k, v in first.by_kind.items() if v),
        "notifications": first.notifications,
        "seconds": seconds,
        "queries": len(queries),
        "again_reminders": again.reminders,
        "again_seconds": again_seconds,
        "again_queries": len(again_queries),
    }


def _plan(today: dt.date) -> str:
    """The access path and time of the sweep's biggest query: it must not scan every open row."""
    from suggestions.reminders import open_on

    plan = open_on("reply").filter(reply_due__in=_stage_dates(today)).explain(analyze=True)
    scans = [line.strip().split("  (")[0].lstrip("-> ") for line in plan.splitlines() if "Scan" in line]
    total = [line for line in plan.splitlines() if line.startswith("Execution Time")]
    return f"{' + '.join(scans)}, {total[0].split(': ')[1] if total else '?'}"


def _due_today(today: dt.date) -> int:
    from suggestions.reminders import open_on

    return open_on("reply").filter(reply_due__in=_stage_dates(today)).count()


def _stage_dates(today: dt.date) -> list[dt.date]:
    from congress.deadlines.reminders import DEFAULT_SCHEDULES, stages_between

    return sorted(stages_between(DEFAULT_SCHEDULES["reply"], today, today))


def _forget_reminders() -> None:
    """Start each measured sweep as the first of the day: no reminder sent, no sweep state."""
    from django.db import connection

    from congress.models import Reminder, SweepState
    from congress.notifications.models import Notification, OutboxMessage

    tables = [m._meta.db_table for m in (OutboxMessage, Notification, Reminder, SweepState)]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _analyse() -> None:
    """What autovacuum does after a bulk load: statistics for the planner, a visibility map."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _purge_queue() -> None:
    """Nothing consumes the bench's queue: empty it."""
    from congress.celery import app

    app.control.purge()


def _next_id(model: Any) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _copy(model: Any, rows: Iterable[dict[str, Any]], *, with_id: bool = False, chunk: int = 100_000) -> None:
    """COPY rows into the model's table; columns not given take the field's default."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [*(["id"] if with_id else []), *[f.column for f in fields]]
    defaults = {f.column: f.get_default() for f in fields}
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    with connection.cursor() as cursor:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        pending = 0
        for row in rows:
            writer.writerow([_csv(row.get(c, defaults.get(c))) for c in columns])
            pending += 1
            if pending >= chunk:
                buffer.seek(0)
                cursor.copy_expert(sql, buffer)
                buffer = io.StringIO()
                writer = csv.writer(buffer)
                pending = 0
        if pending:
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)


def _csv(value: Any) -> Any:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _reset_sequence(model: Any) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


if __name__ == "__main__":
    main()
