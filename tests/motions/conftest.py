"""A sitting session with deputies, staff and a motion-review committee, for the motion tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from congress.models import Organisation, Session, User
from congress.roles import Role
from deputies.models import Deputy
from motions.models import Motion, ReviewMeeting, ReviewMember
from motions.services import filing, recess, review
from tests.conftest import BEIJING

# The demo session: opens 2026-01-25, motions until 27 Jan noon, presidium last meets 28 Jan 17:00.
DURING_SESSION = dt.datetime(2026, 1, 26, 10, tzinfo=BEIJING)
REVIEW_DAY = dt.datetime(2026, 1, 27, 15, tzinfo=BEIJING)
LONG_TEXT = "本议案的内容。" * 5


@pytest.fixture
def sitting() -> Iterator[Any]:
    with time_machine.travel(DURING_SESSION, tick=False) as clock:
        yield clock


@pytest.fixture
def next_session(session: Session) -> Session:
    """The fifth session of the term, a year later: 下一次省人民代表大会会议 (M§21, M§26)."""
    return Session.objects.create(
        congress=session.congress,
        number=5,
        opens=dt.date(2027, 1, 24),
        closes=dt.date(2027, 1, 28),
        motion_deadline=dt.datetime(2027, 1, 26, 12, tzinfo=BEIJING),
        last_presidium_meeting=dt.datetime(2027, 1, 27, 17, tzinfo=BEIJING),
    )


@pytest.fixture
def deputies(make_deputy: Callable[..., Deputy]) -> list[Deputy]:
    return [make_deputy() for _ in range(14)]


@pytest.fixture
def lead(deputies: list[Deputy]) -> Deputy:
    return deputies[0]


@pytest.fixture
def secretariat(make_user: Callable[..., User]) -> User:
    return make_user("sec", Role.SECRETARIAT)


@pytest.fixture
def committee_staff(make_user: Callable[..., User]) -> User:
    return make_user("staff", Role.COMMITTEE_STAFF)


@pytest.fixture
def bodies(db: None) -> dict[str, Organisation]:
    kinds = {
        "法制委": Organisation.Kind.SPECIAL_COMMITTEE,
        "财经委": Organisation.Kind.SPECIAL_COMMITTEE,
        "教科文卫委": Organisation.Kind.SPECIAL_COMMITTEE,
        "法工委": Organisation.Kind.WORKING_BODY,
        "省教育厅": Organisation.Kind.GOVERNMENT,
    }
    return {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in kinds.items()
    }


@pytest.fixture
def body_staff(make_user: Callable[..., User], bodies: dict[str, Organisation]) -> User:
    return make_user("fzw", Role.SUPERVISOR, organisation=bodies["法制委"])


@pytest.fixture
def draft(session: Session, lead: Deputy) -> Callable[..., Motion]:
    """draft(signers=9): a joint motion by the lead, with that many co-signers confirmed."""

    def make(signers: int = 9, *, lead_deputy: Deputy | None = None, **fields: Any) -> Motion:
        lead_deputy = lead_deputy or lead
        others = list(Deputy.objects.exclude(pk=lead_deputy.pk).order_by("id")[:signers])
        values = {
            "title": "关于制定《山西省数据条例》的议案",
            "reason": LONG_TEXT,
            "grounds": LONG_TEXT,
            "solution": LONG_TEXT,
            "category": Motion.Category.MAJOR_MATTER,
            **fields,
        }
        motion = filing.motion_create(
            session=session,
            actor=lead_deputy.user,  # type: ignore[arg-type]  # test deputies have accounts
            kind=Motion.Kind.JOINT,
            co_signers=others,
            **values,
        )
        for deputy in others:
            filing.motion_confirm(motion=motion, actor=deputy.user)  # type: ignore[arg-type]
        motion.refresh_from_db()
        return motion

    return make


@pytest.fixture
def filed(draft: Callable[..., Motion], lead: Deputy) -> Callable[..., Motion]:
    def make(**fields: Any) -> Motion:
        motion = draft(**fields)
        return filing.motion_submit(motion=motion, actor=fields.get("lead_deputy", lead).user)

    return make


@pytest.fixture
def make_reviewer(session: Session, make_user: Callable[..., User], delegation: Any) -> Callable[..., User]:
    """make_reviewer(username): an account of the review committee's role, for a deputy of the
    session's congress (M§15: the members are chosen among the deputies)."""

    def make(username: str) -> User:
        user = make_user(username, Role.REVIEW_COMMITTEE)
        Deputy.objects.create(
            congress=session.congress,
            delegation=delegation,
            name=f"审查委员{username}",
            gender=Deputy.Gender.FEMALE,
            constituency="太原市人民代表大会",
            user=user,
        )
        return user

    return make


@pytest.fixture
def committee(
    session: Session,
    deputies: list[Deputy],
    make_user: Callable[..., User],
    make_reviewer: Callable[..., User],
) -> list[ReviewMember]:
    """Nine members: a chair, a vice-chair and seven members (M§15), all deputies. They join
    after the session's fourteen deputies, who stay the first in line to co-sign."""
    secretariat = make_user("sec-committee", Role.SECRETARIAT)
    positions = [ReviewMember.Position.CHAIR, ReviewMember.Position.VICE_CHAIR] + [
        ReviewMember.Position.MEMBER
    ] * 7
    return [
        review.review_member_add(session=session, user=make_reviewer(f"rc{i}"), position=p, actor=secretariat)
        for i, p in enumerate(positions)
    ]


@pytest.fixture
def meeting(session: Session, committee: list[ReviewMember]) -> ReviewMeeting:
    """A quorate meeting: seven of nine present."""
    chair = committee[0]
    meeting = review.review_meeting_create(
        session=session, actor=chair.user, held_at=REVIEW_DAY, convened_by=chair, place="迎泽宾馆"
    )
    return review.review_meeting_attendance(
        meeting=meeting, actor=chair.user, present=[m.pk for m in committee[:7]]
    )


@pytest.fixture
def adopt(committee: list[ReviewMember]) -> Callable[[ReviewMeeting], Any]:
    def vote(meeting: ReviewMeeting) -> Any:
        votes = {m.pk: "for" for m in committee[:7]}
        return review.review_report_vote(meeting=meeting, actor=committee[0].user, votes=votes)

    return vote


@pytest.fixture
def heard(body_staff: User, lead: Deputy) -> Callable[[Motion], Motion]:
    """heard(motion): what the statute asks of the reviewing body before it reports on a motion
    referred to 法制委: it named its responsible person, who met the lead deputy face to face
    (M§5), and it held a meeting with the proposers invited (M§24)."""

    def hear(motion: Motion) -> Motion:
        recess.motion_name_responsible(motion=motion, actor=body_staff, person=body_staff)
        now = timezone.now()
        recess.motion_record_hearing(motion=motion, actor=body_staff, kind="recess_hearing", held_at=now)
        recess.motion_record_hearing(
            motion=motion, actor=body_staff, kind="face_to_face", held_at=now, attended_by=[lead]
        )
        return motion

    return hear


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    # Uploaded attachments and reports go to a throwaway folder, not var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
