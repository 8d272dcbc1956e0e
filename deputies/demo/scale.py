"""Bulk inspections for scale: `seed_scale(N)` adds N/20 inspections and research trips (D§22)
over ten years, about eight deputies on each, the reports forwarded to one or two bodies and
their feedback (D§27), most of it given — what the deputies' archive and the inspection and
feedback lists read at ten years of a province. Generated once per scale."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from congress.models import Congress, Organisation, User
from deputies.models import Deputy, Feedback, Inspection
from deputies.models.inspections import ORGANISER_KINDS

BATCH = 5000
MARK = "Z "  # generated titles start with it, so a second run can tell they are there
SUBJECTS = [
    "义务教育",
    "农村公路",
    "黄河流域生态保护",
    "养老服务",
    "医疗保障",
    "城中村改造",
    "中小企业",
    "职业教育",
]


def seed_scale(scale: int, out: Any = None) -> None:
    wanted = max(60, scale // 20)
    if Inspection.objects.filter(title__startswith=MARK).count() >= wanted:
        return
    rng = random.Random(scale)  # noqa: S311 - demo data
    congress = Congress.objects.order_by("-number").first()
    staff = User.objects.filter(username="staff1").first()
    organisers = list(Organisation.objects.filter(kind__in=ORGANISER_KINDS).values_list("pk", flat=True))
    bodies = list(
        Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS).values_list("pk", flat=True)
    )
    deputies = list(Deputy.objects.filter(congress=congress).values_list("pk", flat=True))
    if congress is None or staff is None or not organisers or not bodies or len(deputies) < 10:
        return
    today = timezone.localdate()
    with transaction.atomic():
        made = 0
        while made < wanted:
            count = min(BATCH, wanted - made)
            _batch(count, made, congress, staff, organisers, bodies, deputies, today, rng)
            made += count
    if out is not None:
        out.write(f"deputies: {wanted} inspections with their deputies and feedback")


def _batch(
    count: int, offset: int, congress: Congress, staff: User, organisers: list[int], bodies: list[int],
    deputies: list[int], today: dt.date, rng: random.Random,
) -> None:  # fmt: skip
    inspections = []
    for n in range(count):
        day = today - dt.timedelta(days=rng.randrange(20, 3650))
        status = rng.choice([Inspection.Status.FORWARDED] * 6 + [Inspection.Status.REPORTED] * 2
                            + [Inspection.Status.PLANNED, Inspection.Status.CANCELLED])  # fmt: skip
        subject = rng.choice(SUBJECTS)
        inspections.append(
            Inspection(
                congress=congress, kind=rng.choice(Inspection.Kind.values), organiser_id=rng.choice(organisers),
                title=f"{MARK}{subject}情况视察（{offset + n + 1}）", date=day, places="太原市、晋中市",
                status=status, created_by=staff, findings="实地察看、座谈了解。", opinions="一、加大投入；二、健全机制。",
                report="" if status in (Inspection.Status.PLANNED, Inspection.Status.CANCELLED) else "报告全文……",
            )
        )  # fmt: skip
    Inspection.objects.bulk_create(inspections, batch_size=BATCH)
    through = Inspection.deputies.through
    links = [
        through(inspection_id=inspection.pk, deputy_id=deputy)
        for inspection in inspections
        for deputy in rng.sample(deputies, 8)
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    feedbacks = []
    for inspection in inspections:
        if inspection.status != Inspection.Status.FORWARDED:
            continue
        for body in rng.sample(bodies, rng.choice([1, 1, 2])):
            received = inspection.date + dt.timedelta(days=10)
            due = received + dt.timedelta(days=91)  # about three months (D§27); demo data only
            given = due < today or rng.random() < 0.5
            feedbacks.append(
                Feedback(
                    inspection=inspection, body_id=body, received_on=received, feedback_due=due, forwarded_by=staff,
                    status=Feedback.Status.GIVEN if given else Feedback.Status.PENDING,
                    text="已将意见纳入年度工作计划。" if given else "",
                    given_on=min(received + dt.timedelta(days=60), today) if given else None,
                )
            )  # fmt: skip
    Feedback.objects.bulk_create(feedbacks, batch_size=BATCH)
