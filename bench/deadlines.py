"""Compute 100,000 deadlines over random starts and periods on the official calendar.

The calendar is held in memory (congress.deadlines.calendar): no query per deadline. Prints the time,
the rate and the number of database queries made while computing.
"""

from __future__ import annotations

import os
import random
import time


def main(count: int = 100_000) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")
    import django

    django.setup()
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from congress.deadlines.calendar import compute_deadline, get_calendar
    from congress.deadlines.periods import Period, Unit

    rng = random.Random(42)
    first = dt.date(2004, 1, 1).toordinal()
    span = dt.date(2026, 6, 30).toordinal() - first
    units = [(Unit.DAYS, 400), (Unit.MONTHS, 12), (Unit.WORKING_DAYS, 60)]
    inputs = []
    for _ in range(count):
        unit, top = rng.choice(units)
        inputs.append((dt.date.fromordinal(first + rng.randrange(span)), Period(rng.randint(1, top), unit)))

    get_calendar()  # load once, as every process does at its first deadline
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for start, period in inputs:
            compute_deadline(start, period)
        elapsed = time.perf_counter() - started
    print(f"deadlines computed: {count:,}")
    print(f"time: {elapsed:.2f} s ({count / elapsed:,.0f} per second, {elapsed / count * 1e6:.1f} µs each)")
    print(f"database queries while computing: {len(queries)}")


if __name__ == "__main__":
    main()
