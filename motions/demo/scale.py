"""Volume for benchmarks: `seed_demo --scale` fills the earlier sessions (1st–3rd) with filed
motions, five merges each, the rest reviewed in recess, reported and concluded."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.db.models import Max

from congress.models import Organisation, Session, User
from deputies.models import Deputy
from motions.demo.common import TEXT, at, shared_report_file
from motions.models import Conclusion, CoSignature, Motion, MotionEvent, RecessReport
from motions.selectors import report_clock
from motions.workflow import Status

TOPICS = [
    ("关于制定《山西省{0}条例》的议案", "legislation", "make"),
    ("关于修改《山西省{0}条例》的议案", "legislation", "amend"),
    ("关于加强{0}工作的议案", "supervision", ""),
    ("关于设立{0}专项资金的议案", "major_matter", ""),
    ("关于推进{0}的议案", "other", ""),
]
SUBJECTS = [
    "数据安全",
    "乡村振兴",
    "文物保护",
    "黄河流域生态保护",
    "中小企业促进",
    "社会信用",
    "职业教育",
    "养老服务",
    "医疗保障",
    "煤矿安全生产",
    "科技成果转化",
    "城市更新",
]


def seed_scale(scale: int, stdout: Any) -> None:
    """max(40, scale // 25) motions in each earlier session (1st–3rd): filed, five merged, the
    rest reviewed in recess, reported and concluded, with co-signatures and history."""
    per_session = max(40, scale // 25)
    rng = random.Random(scale)  # noqa: S311 - demo data
    deputies = list(Deputy.objects.filter(status="active").values_list("pk", "delegation_id"))
    bodies = list(Organisation.objects.filter(kind__in=["special_committee", "working_body"]))
    actor = User.objects.filter(username="sec1").first() or User.objects.filter(is_superuser=True).first()
    if actor is None or len(deputies) < 20 or not bodies:
        return
    created = 0
    for session in Session.objects.filter(congress__number=14, number__lte=3).order_by("number"):
        created += _scale_session(session, per_session, rng, deputies, bodies, actor)
    stdout.write(f"Generated {created} motions.")


def _scale_session(
    session: Session,
    count: int,
    rng: random.Random,
    deputies: list[tuple[int, int]],
    bodies: list[Organisation],
    actor: User,
) -> int:
    start = (Motion.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0) + 1
    if start > 1:
        return 0
    clock = report_clock(session)
    filed = at(session.opens + dt.timedelta(days=1), 9)
    motions = []
    for i in range(count):
        template, category, action = rng.choice(TOPICS)
        lead, _delegation = rng.choice(deputies)
        motions.append(
            Motion(
                session=session,
                number=start + i,
                kind="joint",
                status=Status.CONCLUDED,
                title=template.format(rng.choice(SUBJECTS)),
                category=category,
                regulation_action=action,
                lead_deputy_id=lead,
                created_by=actor,
                submitted_at=filed + dt.timedelta(minutes=5 * i),
                review_body=rng.choice(bodies),
                report_due=clock.due,
                report_due_provisional=clock.provisional,
                **TEXT,
            )
        )
    with transaction.atomic():
        Motion.objects.bulk_create(motions, batch_size=500)
        motions = list(Motion.objects.filter(session=session).order_by("number"))
        # Five merges, as in the 2021 session: the later motion joins the earlier.
        for follower, primary in zip(motions[-5:], motions[:5], strict=True):
            follower.status, follower.merged_into = Status.MERGED, primary
            follower.review_body, follower.report_due, follower.report_due_provisional = None, None, False
        Motion.objects.bulk_update(
            motions[-5:], ["status", "merged_into", "review_body", "report_due", "report_due_provisional"]
        )
        report_file = shared_report_file()
        sc_day = clock.due - dt.timedelta(days=3)
        reviewed = motions[:-5]
        RecessReport.objects.bulk_create(
            [
                RecessReport(
                    motion=m,
                    body_id=m.review_body_id,
                    summary="审议结果报告（演示数据）。",
                    file=report_file,
                    submitted_at=at(sc_day - dt.timedelta(days=20), 10),
                    submitted_by=actor,
                )
                for m in reviewed
                if m.review_body_id
            ],
            batch_size=500,
        )
        Conclusion.objects.bulk_create(
            [
                Conclusion(
                    motion=m,
                    sc_meeting_on=sc_day,
                    text="常委会会议审议通过了审议结果报告。",
                    recorded_by=actor,
                )
                for m in reviewed
            ],
            batch_size=500,
        )
        signatures, events = [], []
        for motion in motions:
            others = rng.sample(
                [pk for pk, _d in deputies if pk != motion.lead_deputy_id], rng.randint(9, 20)
            )
            signatures += [
                CoSignature(
                    motion=motion,
                    deputy_id=pk,
                    invited_by=actor,
                    invited_at=filed,
                    answered_at=filed,
                    status=CoSignature.Status.CONFIRMED,
                    confirmed_version=1,
                )
                for pk in others
            ]
            events.append(
                MotionEvent(
                    motion=motion,
                    at=motion.submitted_at or filed,
                    actor=actor,
                    action="submit",
                    from_status="draft",
                    to_status="submitted",
                )
            )
        CoSignature.objects.bulk_create(signatures, batch_size=2000)
        MotionEvent.objects.bulk_create(events, batch_size=2000)
    return len(motions)
