"""Liaison stations at provincial scale: 2,000 stations, 1,000,000 registrations.

Generates its data once into its own PostgreSQL database (portal_stations_bench; override
with STATIONS_BENCH_DATABASE_URL), with COPY, then times the three pages that must stay
fast at that size and counts their queries:
- a station's public page (deputies, receptions to come, the board of handled matters);
- the yearly attendance report of every deputy (D§21);
- the missing-months report over every station (D§31).

    python -m bench.stations            # or `make bench`
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

BENCH_DATABASE_URL = os.environ.get(
    "STATIONS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_stations_bench"
)
SCALE = 100_000  # seed_scale: scale/50 = 2,000 stations and 10·scale = 1,000,000 registrations
RUNS = 5


def main() -> None:
    # The bench needs its own database: run in a child process configured for it, so that
    # `python -m bench` (which has already set Django up for the others) works too.
    if os.environ.get("DATABASE_URL") != BENCH_DATABASE_URL:
        env = {
            **os.environ,
            "DATABASE_URL": BENCH_DATABASE_URL,
            "DJANGO_SETTINGS_MODULE": "congress.settings",
        }
        env.pop("REDIS_URL", None)  # the file cache is enough; the bench never touches Redis
        subprocess.run([sys.executable, "-m", "bench.stations"], env=env, check=True)
        return
    _create_database()
    import django

    django.setup()
    _run()


def _create_database() -> None:
    import psycopg2
    from psycopg2.extensions import ISOLATION_LEVEL_AUTOCOMMIT

    name = BENCH_DATABASE_URL.rsplit("/", 1)[1]
    server = psycopg2.connect(BENCH_DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    server.set_isolation_level(ISOLATION_LEVEL_AUTOCOMMIT)
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()


def _run() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from congress.models import User
    from liaison_stations.demo import seed_scale
    from liaison_stations.models import Opinion, Reception, Station

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    started = time.perf_counter()
    seed_scale(SCALE, sys.stdout)
    generated = time.perf_counter() - started
    if generated > 5:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print()
    print(
        f"data: {Station.objects.filter(kind='station').count():,} stations, "
        f"{Station.objects.filter(kind='point').count():,} points, {Reception.objects.count():,} receptions, "
        f"{Opinion.objects.count():,} registrations (generated in {generated:.1f} s; 0 s when reused)"
    )

    # A station with a typical board: the median number of registrations.
    station = Station.objects.filter(name__startswith="Z00500").get()
    matters = Opinion.objects.filter(station=station).count()
    year = timezone.localdate().year
    public = Client(HTTP_HOST="127.0.0.1")
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(User.objects.get(username="staff1"))
    cases = [
        (f"station page ({matters} registrations at it)", public, f"/stations/{station.pk}/"),
        (f"attendance report {year} (every deputy)", staff, f"/stations/reports/attendance/?year={year}"),
        (
            f"missing-months report {year} (every station)",
            staff,
            f"/stations/reports/missing-months/?year={year}",
        ),
        (f"attendance report {year}, Excel", staff, f"/stations/reports/attendance/?year={year}&export=xlsx"),
        (
            f"missing-months report {year}, Excel",
            staff,
            f"/stations/reports/missing-months/?year={year}&export=xlsx",
        ),
    ]
    for label, client, url in cases:
        client.get(url)  # warm: templates, the calendar snapshot
        times = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - begin)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{label}: median {statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}) over {RUNS} runs, {len(queries)} queries"
        )


if __name__ == "__main__":
    main()
