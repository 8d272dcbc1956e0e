"""A whole session, as in the 2021 gazette: 44 motions, five merges, 39 referred for review in
recess. The generated report's figures and every 6-month report clock are checked."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from congress.models import Organisation, Session
from congress.roles import Role
from deputies.models import Delegation, Deputy
from motions import report
from motions.models import Motion, ReviewMember
from motions.services import filing, intake, presidium, review
from tests.conftest import BEIJING

pytestmark = pytest.mark.django_db

TEXT: dict[str, Any] = {"reason": "案由", "grounds": "案据", "solution": "方案"}
CATEGORIES = ["legislation", "major_matter", "supervision", "other"]
MERGES = [(16, 2), (20, 3), (25, 7), (30, 11), (44, 12)]  # follower → primary, by number
BODIES = ["法制委", "财经委", "教科文卫委", "法工委"]


@pytest.fixture
def province(congress_term, make_user):
    """Four delegations of twelve deputies each, with heads and staff."""
    delegations = []
    for d in range(4):
        delegation = Delegation.objects.create(congress=congress_term, name=f"第{d + 1}代表团")
        for n in range(12):
            user = make_user(f"d{d}-{n}", Role.DEPUTY)
            Deputy.objects.create(
                congress=congress_term,
                delegation=delegation,
                name=f"代表{d}-{n}",
                gender="male",
                constituency="市人民代表大会",
                user=user,
            )
        delegation.head = delegation.deputies.order_by("id").first()
        delegation.save()
        delegation.staff.add(make_user(f"staff{d}", Role.DELEGATION_STAFF))
        delegations.append(delegation)
    return delegations


def _session(congress, number, opens, closes):
    return Session.objects.create(
        congress=congress,
        number=number,
        opens=opens,
        closes=closes,
        motion_deadline=dt.datetime.combine(opens + dt.timedelta(days=2), dt.time(12), BEIJING),
        last_presidium_meeting=dt.datetime.combine(closes - dt.timedelta(days=1), dt.time(17), BEIJING),
    )


def _reviewer(session, make_user, username):
    """M§15: the committee's members are deputies; these sit for no delegation of the province."""
    user = make_user(username, Role.REVIEW_COMMITTEE)
    delegation, _created = Delegation.objects.get_or_create(congress=session.congress, name="省直代表团")
    Deputy.objects.create(
        congress=session.congress,
        delegation=delegation,
        name=username,
        gender="female",
        constituency="省直机关",
        user=user,
    )
    return user


def _committee(session, make_user, prefix):
    secretariat = make_user(f"{prefix}-sec", Role.SECRETARIAT)
    positions = ["chair", "vice_chair"] + ["member"] * 9
    members = [
        review.review_member_add(
            session=session,
            user=_reviewer(session, make_user, f"{prefix}-rc{i}"),
            position=p,
            actor=secretariat,
        )
        for i, p in enumerate(positions)
    ]
    return secretariat, members


def _file_joint(session, lead, signers, category):
    motion = filing.motion_create(
        session=session,
        actor=lead.user,
        kind="joint",
        title=f"关于{lead.name}所提事项的议案",
        category=category,
        regulation_action="repeal" if category == "legislation" else "",
        co_signers=signers,
        **TEXT,
    )
    for deputy in signers:
        filing.motion_confirm(motion=motion, actor=deputy.user)
    return filing.motion_submit(motion=motion, actor=lead.user)


def _file_delegation(session, delegation):
    staff = delegation.staff.get()
    motion = filing.motion_create(
        session=session,
        actor=staff,
        kind="delegation",
        delegation=delegation,
        title=f"{delegation.name}关于重大事项的议案",
        category="major_matter",
        **TEXT,
    )
    filing.motion_update(
        motion=motion,
        actor=staff,
        plenary_date=session.opens,
        member_count=12,
        votes_for=10,
        head_signed_by=delegation.head,
    )
    return filing.motion_submit(motion=motion, actor=staff)


def test_a_whole_session_of_44_motions_with_five_merges_all_referred(province, congress_term, make_user):
    session = _session(congress_term, 4, dt.date(2026, 1, 25), dt.date(2026, 1, 29))
    bodies = {
        name: Organisation.objects.create(
            name=name, short_name=name, kind="special_committee" if name != "法工委" else "working_body"
        )
        for name in BODIES
    }
    deputies = list(Deputy.objects.order_by("id"))
    secretariat, members = _committee(session, make_user, "s4")
    chair = members[0]

    with time_machine.travel(dt.datetime(2026, 1, 26, 9, tzinfo=BEIJING), tick=False):
        motions: list[Motion] = []
        for i in range(44):
            if i in (5, 17, 28, 39):  # four delegation motions among the joint ones
                motions.append(
                    _file_delegation(session, province[len([m for m in motions if m.kind == "delegation"])])
                )
                continue
            lead = deputies[i % len(deputies)]
            others = [d for d in deputies if d.pk != lead.pk]
            count = 9 + i % 6  # 10 to 15 signers, lead included
            start = (i * 7) % len(others)
            signers = (others[start:] + others[:start])[:count]
            motions.append(_file_joint(session, lead, signers, CATEGORIES[i % 4]))
    by_number: dict[int, Motion] = {m.number or 0: m for m in motions}
    assert sorted(by_number) == list(range(1, 45))

    with time_machine.travel(dt.datetime(2026, 1, 27, 15, tzinfo=BEIJING), tick=False):
        assert intake.motions_send_all_to_review(session=session, actor=secretariat) == 44
        meeting = review.review_meeting_create(
            session=session,
            actor=chair.user,
            held_at=dt.datetime(2026, 1, 27, 15, tzinfo=BEIJING),
            convened_by=chair,
        )
        review.review_meeting_attendance(
            meeting=meeting, actor=chair.user, present=[m.pk for m in members[:10]]
        )
        for follower, primary in MERGES:
            review.motion_merge(
                motion=by_number[follower],
                into=by_number[primary],
                actor=chair.user,
                meeting=meeting,
                reason="内容相近",
            )
        for number, motion in by_number.items():
            if number in dict(MERGES):
                continue
            intake.motion_classify(
                motion=motion,
                actor=secretariat,
                category=motion.category,
                subject_body=bodies[BODIES[number % 3]],
            )
            review.motion_recommend(
                motion=motion,
                actor=chair.user,
                meeting=meeting,
                kind="recess_review",
                body=bodies[BODIES[number % 4]],
            )
        _report, adopted = review.review_report_vote(
            meeting=meeting, actor=chair.user, votes={m.pk: "for" for m in members[:9]}
        )
        assert adopted
        decided = presidium.review_report_approve(
            session=session, actor=secretariat, approved_at=dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)
        )
    assert decided == 39

    data = report.build(session)
    joint = [m for m in motions if m.kind == "joint"]
    assert (data.received, data.joint, data.delegation, data.delegations) == (44, 40, 4, 4)
    assert data.signatures == sum(m.cosignatures.count() + 1 for m in joint)
    assert data.merged_away == 5
    assert data.remaining == len(data.items) == 39
    assert data.merges == [
        "0002号与0016号",
        "0003号与0020号",
        "0007号与0025号",
        "0011号与0030号",
        "0012号与0044号",
    ]
    assert [i.numbers for i in data.items][:3] == ["0001号", "0002号与0016号", "0003号与0020号"]
    assert [(s.label, s.count, s.percent) for s in data.by_recommendation] == [
        ("建议闭会期间审议", 39, "100.0")
    ]
    remaining = [n for n in range(1, 45) if n not in dict(MERGES)]
    expected_bodies = {b: sum(1 for n in remaining if BODIES[n % 4] == b) for b in BODIES}
    assert {s.label: s.count for s in data.by_body} == expected_bodies
    assert sum(s.count for s in data.by_category) == sum(s.count for s in data.by_area) == 39
    paragraphs = report.summary_paragraphs(data)
    assert "共收到代表提出的议案44件，其中代表团提出的4件，代表十人以上联名提出的40件" in paragraphs[0]
    assert "合并5件后，共39件" in paragraphs[1]

    referred = Motion.objects.filter(session=session, status="referred")
    assert referred.count() == 39
    assert set(referred.values_list("report_due", "report_due_provisional")) == {
        (dt.date(2026, 7, 29), False)
    }
    assert not Motion.objects.filter(session=session, status="merged", report_due__isnull=False).exists()
    assert ReviewMember.objects.filter(session=session).count() == 11


@pytest.mark.parametrize(
    ("closes", "due", "provisional"),
    [
        (dt.date(2024, 1, 27), dt.date(2024, 7, 29), False),  # 27 July 2024 is a Saturday
        (dt.date(2026, 4, 1), dt.date(2026, 10, 8), False),  # 1 October: the National Day holiday
        (dt.date(2025, 3, 31), dt.date(2025, 9, 30), False),  # no 31 September: the month's last day
        (dt.date(2027, 1, 28), dt.date(2027, 7, 28), True),  # 2027 is not on the calendar yet
    ],
)
def test_the_six_month_clock_follows_the_civil_code_on_the_official_calendar(
    province, congress_term, make_user, closes, due, provisional
):
    opens = closes - dt.timedelta(days=4)
    session = _session(congress_term, 9, opens, closes)
    body = Organisation.objects.create(name="法制委", kind="special_committee")
    secretariat, members = _committee(session, make_user, "x")
    deputies = list(Deputy.objects.order_by("id"))
    with time_machine.travel(
        dt.datetime.combine(opens + dt.timedelta(days=1), dt.time(9), BEIJING), tick=False
    ):
        motion = _file_joint(session, deputies[0], deputies[1:10], "supervision")
        intake.motion_send_to_review(motion=motion, actor=secretariat)
        chair = members[0]
        meeting = review.review_meeting_create(
            session=session,
            actor=chair.user,
            held_at=dt.datetime.combine(opens + dt.timedelta(days=2), dt.time(15), BEIJING),
            convened_by=chair,
        )
        review.review_meeting_attendance(meeting=meeting, actor=chair.user, present=[m.pk for m in members])
        review.motion_recommend(
            motion=motion, actor=chair.user, meeting=meeting, kind="recess_review", body=body
        )
        review.review_report_vote(meeting=meeting, actor=chair.user, votes={m.pk: "for" for m in members})
        presidium.review_report_approve(session=session, actor=secretariat, approved_at=meeting.held_at)
    motion.refresh_from_db()
    assert (motion.report_due, motion.report_due_provisional) == (due, provisional)
