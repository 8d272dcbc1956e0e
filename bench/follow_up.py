"""The follow-up reads at 100,000 suggestions / 300,000 assignments: the public reply list and
search, the units' on-time table, the S§47 table, the commitments table, the key list.

    python -m bench.follow_up            (make bench runs every benchmark)

Seeds like bench.suggestions (`seed_demo --scale`), then adds, once, a signed-off reply to
every replied assignment (one in ten withheld, a third category B with a commitment) and 300
key suggestions. Prints each page's median time over five requests through Django's test
client and the SQL queries it ran; each table's query on its own.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

from bench.suggestions import ensure_database, seed, setup_django

RUNS = 5


def add_replies() -> None:
    from django.db import transaction
    from django.utils import timezone

    from congress.models import Organisation, User
    from suggestions.models import Assignment, Commitment, KeySuggestion, Reply, Suggestion

    bodies_text = [
        "经研究，我厅已将该事项纳入年度重点工作，加大投入，推动解决。",
        "该事项涉及多个部门，将会同有关单位统筹推进。",
    ]
    if Reply.objects.filter(body__in=bodies_text).exists():
        return  # added by an earlier run
    rng = random.Random(42)
    head = User.objects.get(username="unit1head")
    clerk = User.objects.get(username="unit1")
    staff = User.objects.get(username="staff1")
    bodies = list(Organisation.objects.filter(kind__in=["special_committee", "working_body"]))
    started = time.perf_counter()
    replied = Assignment.objects.filter(status="replied", replies__isnull=True).exclude(role="co")
    rows = list(replied.values_list("pk", "assigned_at"))
    for start in range(0, len(rows), 5000):
        with transaction.atomic():
            replies, moments = [], {}
            for pk, assigned_at in rows[start : start + 5000]:
                when = assigned_at + dt.timedelta(days=rng.randint(40, 120), hours=rng.randint(0, 23))
                category = rng.choice("AABC")
                public = rng.random() > 0.1
                replies.append(
                    Reply(
                        assignment_id=pk, category=category, body=rng.choice(bodies_text), drafted_by=clerk,
                        drafted_at=when, status="approved", approved_by=head, approved_at=when, scan="replies/x.pdf",
                        public=public, withheld_ground="" if public else "privacy",
                        plan="分批实施" if category == "B" else "", path="专项资金" if category == "B" else "",
                        completion_date=(when + dt.timedelta(days=365)).date() if category == "B" else None,
                    )
                )  # fmt: skip
                moments[pk] = when
            made = Reply.objects.bulk_create(replies, batch_size=2000)
            Commitment.objects.bulk_create(
                [
                    Commitment(reply=r, text=r.plan, promised_date=r.completion_date)
                    for r in made
                    if r.completion_date
                ],
                batch_size=2000,
            )
            changed = Assignment.objects.in_bulk(list(moments))
            for pk, assignment in changed.items():
                assignment.replied_at = moments[pk]
            Assignment.objects.bulk_update(changed.values(), ["replied_at"], batch_size=2000)
    keys = Suggestion.objects.filter(status="assigned").order_by("?")[:300]
    key_rows = [
        KeySuggestion(
            suggestion=s,
            ground=1,
            grounds_text="本省中心工作",
            channel="session",
            proposed_by=staff,
            proposed_at=s.submitted_at or timezone.now(),
            supervising_body=bodies[i % len(bodies)],
            supervising_leader="副主任",
            leading_official="副省长",
        )
        for i, s in enumerate(keys)
    ]
    KeySuggestion.objects.bulk_create(key_rows)
    print(f"added {len(rows):,} replies and 300 key suggestions in {time.perf_counter() - started:.0f} s")


def timed(function: Any) -> tuple[float, int]:
    """Median milliseconds over RUNS calls, and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries)


def main() -> None:
    ensure_database()
    setup_django()
    seed()
    add_replies()
    from bench.suggestions import vacuum

    vacuum()
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from congress.models import User
    from suggestions.models import Assignment, Commitment, Reply
    from suggestions.reports import disclosure
    from suggestions.reports.accountability import accountability_table
    from suggestions.reports.commitments import commitment_table
    from suggestions.workflow import REPLYING_ROLES

    today = timezone.localdate()
    years = Assignment.objects.filter(role__in=REPLYING_ROLES).dates("reply_due", "year")
    busiest = (
        Assignment.objects.filter(role__in=REPLYING_ROLES)
        .values("reply_due__year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    year = busiest["reply_due__year"] if busiest else today.year
    print(f"data: {Reply.objects.filter(status='approved', public=True).count():,} published replies, "
          f"{Commitment.objects.count():,} commitments; years with replies due: {[d.year for d in years]}")  # fmt: skip
    staff = User.objects.get(username="staff1")
    public, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(staff)

    def get(client: Client, url: str) -> Any:
        def call() -> None:
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)

        return call

    figures = [
        (f"unit_league({year}) query", lambda: disclosure.unit_league(year, today)),
        ("accountability_table query", lambda: accountability_table(today)),
        ("commitment_table query", lambda: commitment_table(Commitment.objects.all(), today)),
        ("GET /public/replies/", get(public, "/public/replies/")),
        ("GET /public/replies/?q=重点工作 省教育厅", get(public, "/public/replies/?q=重点工作+省教育厅")),
        ("GET /public/replies/?q=推动解决", get(public, "/public/replies/?q=推动解决")),
        ("GET /api/v1/public/replies/", get(public, "/api/v1/public/replies/")),
        (f"GET /public/units/?year={year}", get(public, f"/public/units/?year={year}")),
        ("GET /suggestions/accountability/", get(signed_in, "/suggestions/accountability/")),
        ("GET /suggestions/accountability/items/", get(signed_in, "/suggestions/accountability/items/")),
        ("GET /suggestions/commitments/?year=", get(signed_in, "/suggestions/commitments/?year=")),
        ("GET /suggestions/key/", get(signed_in, "/suggestions/key/")),
    ]
    print(f"{'':48}{'median ms':>10}{'queries':>9}")
    for name, function in figures:
        ms, queries = timed(function)
        print(f"{name:48}{ms:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
