"""Bulk stations, receptions and registrations for scale: `seed_scale(N)` adds N/50 stations
and 10·N registrations (COPY on PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from congress.deadlines.periods import BEIJING
from congress.demo import CITIES
from congress.models import User
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.demo.showcase import ANSWERS, DUTIES, MATTERS
from liaison_stations.models import Attachment, Forwarding, Opinion, Reception, Station
from liaison_stations.rules import month_bounds

COUNTIES = ["城区", "郊区", "东区", "西区", "南区", "北区", "新区", "开发区"]
TOWNS = [
    "东关",
    "西关",
    "南关",
    "北关",
    "城关",
    "新城",
    "河西",
    "河东",
    "柳林",
    "杨家",
    "李家",
    "王家",
    "石门",
    "东山",
    "西山",
    "南山",
]
CODE_DIGITS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _code(n: int) -> str:
    """A unique code per number, from the tracking-code alphabet ('Z' marks generated data)."""
    digits = []
    while True:
        n, r = divmod(n, len(CODE_DIGITS))
        digits.append(CODE_DIGITS[r])
        if n == 0:
            break
    return "Z" + "".join(reversed(digits)).rjust(11, "A")


def seed_scale(scale: int, out: Any = None) -> None:
    """scale/50 stations (one point for every four), a year of receptions with a few months
    missed, and 10·scale registrations with their deputies. Generated once per scale."""
    stations_wanted = max(10, scale // 50)
    if Station.objects.filter(name__startswith="Z").count() >= stations_wanted:
        return
    rng = random.Random(scale)  # noqa: S311 - demo data
    today = timezone.localdate()
    deputy_ids = list(Deputy.objects.filter(status=Deputy.Status.ACTIVE).values_list("id", flat=True))
    staff = User.objects.get(username="station1")  # seed_province made it
    with transaction.atomic():
        stations = _bulk_stations(stations_wanted, rng)
        station_ids = [s.pk for s in stations]
        _bulk_attachments(station_ids, deputy_ids, rng)
        receptions = _bulk_receptions(station_ids, deputy_ids, today, rng, staff)
        count = _bulk_opinions(10 * scale, receptions, today, rng, staff)
    if out is not None:
        out.write(
            f"liaison stations: {len(stations)} stations, {len(receptions)} receptions, {count} registrations"
        )


def _bulk_stations(count: int, rng: random.Random) -> list[Station]:
    rows = []
    for i in range(count):
        city = CITIES[i % len(CITIES)]
        county = COUNTIES[(i // len(CITIES)) % len(COUNTIES)]
        town = TOWNS[i % len(TOWNS)]
        presidium = i % 3 == 0
        rows.append(
            Station(
                name=f"Z{i:05d} {town}{'镇' if presidium else '街道'}人大代表联络站",
                city=city,
                county=county,
                host_body=f"{town}镇人民代表大会主席团"
                if presidium
                else f"{county}人大常委会{town}街道工作委员会",
                host_kind=Station.HostKind.TOWNSHIP_PRESIDIUM
                if presidium
                else Station.HostKind.SUBDISTRICT_COMMITTEE,
                address=f"{city}市{county}{town}路 {i % 300 + 1} 号",
                opening_hours="每月第一个星期三 8:30–12:30",
                duties=DUTIES,
                head_name="王主任",
                contact_phone=f"0351-{7000000 + i}",
            )
        )
    stations = Station.objects.bulk_create(rows, batch_size=2000)
    points = [
        Station(
            kind=Station.Kind.POINT,
            parent=s,
            name=f"Z{n:05d} 社区人大代表联络点",
            city=s.city,
            county=s.county,
            host_body="社区居民委员会",
            host_kind=Station.HostKind.COMMUNITY,
            address=s.address,
            opening_hours="每周二 14:30–17:30",
        )
        for n, s in enumerate(stations[::4])
    ]
    Station.objects.bulk_create(points, batch_size=2000)
    return stations


def _bulk_attachments(station_ids: list[int], deputy_ids: list[int], rng: random.Random) -> None:
    rows = []
    for station_id in station_ids:
        for deputy_id in rng.sample(deputy_ids, min(5, len(deputy_ids))):
            rows.append(
                Attachment(station_id=station_id, deputy_id=deputy_id, basis=Attachment.Basis.WORKPLACE)
            )
    Attachment.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


def _bulk_receptions(
    station_ids: list[int], deputy_ids: list[int], today: dt.date, rng: random.Random, staff: User
) -> list[tuple[int, int, dt.date, list[int]]]:
    """The last twelve months at every station; about one station-month in twenty is missed."""
    receptions: list[Reception] = []
    present: list[list[int]] = []
    for station_id in station_ids:
        for back in range(12, 0, -1):
            index = today.year * 12 + today.month - 1 - back
            first, _following = month_bounds(index // 12, index % 12 + 1)
            if rng.random() < 0.05:
                continue
            day = first + dt.timedelta(days=rng.randrange(27))
            receptions.append(
                Reception(
                    station_id=station_id,
                    starts_at=dt.datetime.combine(day, dt.time(8, 30), BEIJING),
                    ends_at=dt.datetime.combine(day, dt.time(12, 30), BEIJING),
                    status=Reception.Status.HELD,
                    summary="接待群众，收集意见建议。",
                    created_by=staff,
                )
            )
            present.append(rng.sample(deputy_ids, min(2, len(deputy_ids))))
    created = Reception.objects.bulk_create(receptions, batch_size=5000)
    through = Reception.deputies.through
    through.objects.bulk_create(
        [through(reception_id=r.pk, deputy_id=d) for r, ds in zip(created, present, strict=True) for d in ds],
        batch_size=10000,
    )
    return [
        (r.pk, r.station_id, timezone.localtime(r.starts_at).date(), ds)
        for r, ds in zip(created, present, strict=True)
    ]


OPINION_COLUMNS = [
    "id", "tracking_code", "station_id", "reception_id", "source", "visitor_name", "visitor_contact",
    "visitor_address", "matter", "category", "received_on", "summary", "is_secret", "status", "answer",
    "answered_on", "feedback_way", "dismissal_reason", "created_at",
]  # fmt: skip


def _bulk_opinions(
    count: int,
    receptions: Sequence[tuple[int, int, dt.date, list[int]]],
    today: dt.date,
    rng: random.Random,
    staff: User,
) -> int:
    """Registrations at the receptions, written with COPY (PostgreSQL) or executemany."""
    if not receptions or count <= 0:
        return 0
    first_id = (Opinion.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    now = timezone.now()
    received_by: list[tuple[int, int]] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        for n in range(count):
            pk = first_id + n
            reception_id, station_id, day, deputies = receptions[rng.randrange(len(receptions))]
            category, matter, summary = MATTERS[n % len(MATTERS)]
            roll = rng.random()
            status = (
                workflow.OpinionStatus.CLOSED
                if roll < 0.7
                else workflow.OpinionStatus.ANSWERED
                if roll < 0.8
                else workflow.OpinionStatus.FORWARDED
                if roll < 0.9
                else workflow.OpinionStatus.PENDING
                if roll < 0.97
                else workflow.OpinionStatus.DISMISSED
            )
            answered = status in workflow.WITH_ANSWER
            received_by.append((pk, deputies[0]))
            yield (
                pk, _code(pk), station_id, reception_id, "visit", f"群众{pk}", f"139{pk % 100000000:08d}", "",
                matter, category, day, summary if status != workflow.OpinionStatus.PENDING else "",
                rng.random() < 0.01, status, ANSWERS[n % len(ANSWERS)] if answered else "",
                min(day + dt.timedelta(days=30), today) if answered else None,
                "phone" if status == workflow.OpinionStatus.CLOSED else "",
                "重复反映" if status == workflow.OpinionStatus.DISMISSED else "", now,
            )  # fmt: skip

    _insert(Opinion._meta.db_table, OPINION_COLUMNS, rows())
    through = Opinion.received_by.through
    _insert(through._meta.db_table, ["opinion_id", "deputy_id"], iter(received_by))
    forwarded = Opinion.objects.filter(id__gte=first_id, status=workflow.OpinionStatus.FORWARDED).values_list(
        "id", "received_on"
    )
    from congress.deadlines.calendar import deadline
    from congress.deadlines.statutory import policy_rule

    rule = policy_rule("station_forward")
    forwardings = []
    for opinion_id, day in forwarded.iterator(chunk_size=10000):
        due = deadline(rule, day)
        forwardings.append(
            Forwarding(
                opinion_id=opinion_id,
                body_name="区住房和城乡建设局",
                forwarded_on=day,
                reply_due=due.due,
                reply_due_provisional=due.provisional,
                forwarded_by=staff,
            )
        )
    Forwarding.objects.bulk_create(forwardings, batch_size=10000)
    _reset_sequence(Opinion)
    return count


def _insert(table: str, columns: list[str], rows: Iterable[tuple[Any, ...]], chunk: int = 100_000) -> None:
    """Large inserts: COPY on PostgreSQL, executemany elsewhere; never row by row."""
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                _flush(cursor, table, quoted, columns, batch)
                batch = []
        if batch:
            _flush(cursor, table, quoted, columns, batch)


def _flush(cursor: Any, table: str, quoted: str, columns: list[str], batch: list[tuple[Any, ...]]) -> None:
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in batch:
            writer.writerow(["\\N" if v is None else _csv_value(v) for v in row])
        buffer.seek(0)
        cursor.copy_expert(
            f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            buffer,
        )
    else:
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608 - our own names
        cursor.executemany(sql, [tuple(_db_value(v) for v in row) for row in batch])


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _db_value(value: Any) -> Any:
    # The format Django itself stores, so that the ORM compares like with like.
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _reset_sequence(model: type) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
