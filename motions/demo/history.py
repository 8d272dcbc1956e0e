"""The demo's 4th session (January 2026) in varied states, and a draft for the 5th.

The 4th session is over, so its history is written as it happened (rows with their dates),
not replayed through the services, which refuse what is late today. Every row keeps the
rules the services enforce: ten signers, numbers in filing order, the report clock of M§23.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from congress.demo import demo_user
from congress.models import Organisation, Session, User
from congress.roles import Role
from deputies.models import Delegation, Deputy
from motions.demo.common import TEXT, at
from motions.models import (
    Attendance,
    Conclusion,
    CoSignature,
    Hearing,
    Motion,
    MotionEvent,
    PlenaryResult,
    PresidiumDecision,
    RecessReport,
    Recommendation,
    ReportVote,
    ReviewMeeting,
    ReviewMember,
    ReviewReport,
)
from motions.selectors import report_clock
from motions.workflow import Status

SESSION_FOUR = [
    ("关于制定《山西省数字经济促进条例》的议案", "legislation", "make", "法制委", Status.CONCLUDED),
    ("关于修改《山西省汾河保护条例》的议案", "legislation", "amend", "环资委", Status.REPORTED),
    ("关于加快推进太原都市区轨道交通建设的议案", "major_matter", "", "财经委", Status.REFERRED),
    ("关于加强全省义务教育阶段教师队伍建设的议案", "supervision", "", "教科文卫委", Status.REFERRED),
    ("关于批准设立省级生态保护补偿专项资金的议案", "major_matter", "", "", Status.ADOPTED),
    ("关于加强农村饮用水安全保障的议案", "other", "", "", Status.WITHDRAWN),
    ("关于制定《山西省养老服务条例》的议案", "legislation", "make", "法工委", Status.REPORTED),
    ("关于开展全省营商环境条例实施情况执法检查的议案", "supervision", "", "财经委", Status.REFERRED),
    ("关于提高乡村教师待遇的议案", "supervision", "", "", Status.MERGED),  # merged into 0004
]
BODY_SHORT = {
    "法制委": "省人大法制委员会",
    "环资委": "省人大环境与资源保护委员会",
    "财经委": "省人大财政经济委员会",
    "教科文卫委": "省人大教育科学文化卫生委员会",
    "法工委": "省人大常委会法制工作委员会",
}


def _accounts() -> dict[str, User]:
    return {
        u.username: u
        for u in User.objects.filter(username__in=["sec1", "staff1", "review1", "dele1", "super1"])
    }


def _committee(session: Session, review1: User) -> list[ReviewMember]:
    """Nine members (M§15): review1 chairs, review2 is the vice-chair; the others are demo
    accounts of the same role. Each account is a deputy's: M§15 chooses them among the deputies
    (here deputies of the delegations other than Taiyuan's, which files the demo's motions)."""
    password = review1.password
    seats = iter(
        Deputy.objects.filter(congress=session.congress, user__isnull=True)
        .exclude(delegation__name="太原代表团")
        .order_by("id")
    )
    names = ["郑国强", "梁秀英", "冯建军", "韩志明", "唐丽华", "许文斌", "何晓东", "高海燕"]
    accounts = [review1] + [
        demo_user(f"review{index}", password_hash=password, name=name, roles=[Role.REVIEW_COMMITTEE])
        for index, name in enumerate(names, start=2)
    ]
    positions = [ReviewMember.Position.CHAIR, ReviewMember.Position.VICE_CHAIR]
    positions += [ReviewMember.Position.MEMBER] * (len(accounts) - len(positions))
    members = []
    for user, position in zip(accounts, positions, strict=True):
        deputy = next(seats)
        deputy.user, deputy.name = user, user.name
        deputy.save(update_fields=["user", "name"])
        members.append(ReviewMember.objects.create(session=session, user=user, position=position))
    return members


def seed_session_four(session: Session) -> None:
    users = _accounts()
    sec, staff = users["sec1"], users["staff1"]
    taiyuan = Delegation.objects.get(congress=session.congress, name="太原代表团")
    deputies = list(Deputy.objects.filter(delegation=taiyuan).order_by("id")[:40])
    bodies = {o.short_name: o for o in Organisation.objects.filter(short_name__in=BODY_SHORT)}
    members = _committee(session, users["review1"])
    review_day = at(session.opens + dt.timedelta(days=3), 9)
    meeting = ReviewMeeting.objects.create(
        session=session,
        number=1,
        held_at=review_day,
        place="迎泽宾馆第一会议室",
        convened_by=members[0],
        members_total=len(members),
        present_count=8,
        recorded_by=users["review1"],
    )
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, member=m, present=i < 8) for i, m in enumerate(members)]
    )
    ReportVote.objects.bulk_create([ReportVote(meeting=meeting, member=m, choice="for") for m in members[:8]])
    presidium = at(session.opens + dt.timedelta(days=3), 19)
    ReviewReport.objects.create(
        session=session,
        adopted_at=review_day,
        adopted_meeting=meeting,
        votes_for=8,
        members_total=len(members),
        approved_at=presidium,
        approved_by=sec,
    )
    clock = report_clock(session)
    filed_at = at(session.opens + dt.timedelta(days=1), 10)
    created: list[Motion] = []
    for number, (title, category, action, body_short, _final) in enumerate(SESSION_FOUR, start=1):
        lead = deputies[(number - 1) * 3]
        delegation_motion = number == 3
        motion = Motion.objects.create(
            session=session,
            number=number,
            kind="delegation" if delegation_motion else "joint",
            status=Status.SUBMITTED,
            title=title,
            category=category,
            regulation_action=action,
            lead_deputy=None if delegation_motion else lead,
            delegation=taiyuan if delegation_motion else None,
            plenary_date=session.opens if delegation_motion else None,
            member_count=80 if delegation_motion else None,
            votes_for=71 if delegation_motion else None,
            head_signed_by=taiyuan.head if delegation_motion else None,
            created_by=users["dele1"] if delegation_motion else (lead.user or users["dele1"]),
            created_at=filed_at - dt.timedelta(days=5),
            submitted_at=filed_at + dt.timedelta(minutes=7 * number),
            subject_body=bodies.get(body_short),
            **TEXT,
        )
        events = [
            MotionEvent(
                motion=motion,
                at=motion.created_at,
                actor=motion.created_by,
                action="create",
                to_status="draft",
            )
        ]
        if not delegation_motion:
            signers = [d for d in deputies if d.pk != lead.pk][number : number + 11]
            CoSignature.objects.bulk_create(
                [
                    CoSignature(
                        motion=motion,
                        deputy=d,
                        invited_by=motion.created_by,
                        invited_at=motion.created_at,
                        answered_at=motion.created_at + dt.timedelta(hours=3 + i),
                        status=CoSignature.Status.CONFIRMED,
                        confirmed_version=1,
                    )
                    for i, d in enumerate(signers)
                ]
            )
        events.append(
            MotionEvent(
                motion=motion,
                at=filed_at + dt.timedelta(minutes=7 * number),
                actor=motion.created_by,
                action="submit",
                from_status="draft",
                to_status="submitted",
            )
        )
        events.append(
            MotionEvent(
                motion=motion,
                at=filed_at + dt.timedelta(hours=6),
                actor=sec,
                action="send_to_review",
                from_status="submitted",
                to_status="under_review",
            )
        )
        MotionEvent.objects.bulk_create(events)
        created.append(motion)

    for motion, (_title, _c, _a, body_short, final) in zip(created, SESSION_FOUR, strict=True):
        _advance(motion, final, body_short, bodies, meeting, presidium, clock, sec, staff, created)


def _advance(
    motion: Motion,
    final: Status,
    body_short: str,
    bodies: dict[str, Organisation],
    meeting: ReviewMeeting,
    presidium: dt.datetime,
    clock: Any,
    sec: User,
    staff: User,
    created: list[Motion],
) -> None:
    def event(action: str, at: dt.datetime, actor: User, old: str, new: str, note: str = "") -> None:
        MotionEvent.objects.create(
            motion=motion, at=at, actor=actor, action=action, from_status=old, to_status=new, note=note
        )

    session = motion.session
    if final == Status.WITHDRAWN:
        motion.status = Status.WITHDRAWN
        motion.save(update_fields=["status"])
        event(
            "withdraw",
            meeting.held_at - dt.timedelta(hours=2),
            motion.created_by,
            "under_review",
            "withdrawn",
            "领衔代表书面要求撤回，拟转为建议提出。",
        )
        return
    if final == Status.MERGED:
        into = created[3]  # 0004号
        motion.status, motion.merged_into = Status.MERGED, into
        motion.save(update_fields=["status", "merged_into"])
        event(
            "merge",
            meeting.held_at,
            meeting.recorded_by,
            "under_review",
            "merged",
            "与0004号议案内容相近，合并审查。",
        )
        return
    body = bodies.get(body_short)
    kind = "recess_review" if body else "agenda"
    Recommendation.objects.create(
        motion=motion,
        kind=kind,
        body=body,
        meeting=meeting,
        recorded_by=meeting.recorded_by,
        recorded_at=meeting.held_at,
    )
    event("recommend", meeting.held_at, meeting.recorded_by, "under_review", "recommended")
    PresidiumDecision.objects.create(
        motion=motion, kind=kind, body=body, decided_at=presidium, note="按审查报告决定", recorded_by=sec
    )
    if body is None:  # on the agenda, then adopted by the plenary
        motion.status = Status.ADOPTED
        motion.save(update_fields=["status"])
        event("decide", presidium, sec, "recommended", "on_agenda")
        PlenaryResult.objects.create(
            motion=motion,
            outcome="adopted",
            voted_at=at(session.closes, 10),
            votes_for=538,
            votes_against=2,
            abstentions=6,
            recorded_by=sec,
        )
        event("record_outcome", at(session.closes, 10), sec, "on_agenda", "adopted")
        return
    motion.review_body, motion.report_due, motion.report_due_provisional = body, clock.due, clock.provisional
    motion.status = Status.REFERRED
    event("decide", presidium, sec, "recommended", "referred")
    if final in (Status.REPORTED, Status.CONCLUDED):
        submitted = at(clock.due - dt.timedelta(days=25), 16)
        Hearing.objects.create(
            motion=motion,
            kind=Hearing.Kind.RECESS_HEARING,
            body=body,
            held_at=at(clock.due - dt.timedelta(days=60), 9),
            place="省人大常委会机关",
            summary="邀请领衔代表和部分联名代表座谈，听取意见。",
            recorded_by=staff,
        )
        RecessReport.objects.create(
            motion=motion,
            body=body,
            summary="经调研论证，建议将该事项列入省人大常委会下一年度工作计划。",
            file=_placeholder_report(motion),
            chairpersons_meeting_on=(submitted - dt.timedelta(days=5)).date(),
            submitted_at=submitted,
            submitted_by=staff,
        )
        motion.status = Status.REPORTED
        event("report", submitted, staff, "referred", "reported")
    if final == Status.CONCLUDED:
        sc_day = clock.due + dt.timedelta(days=1)
        Conclusion.objects.create(
            motion=motion,
            sc_meeting_on=sc_day,
            text="省人大常委会会议审议通过了审议结果报告，该条例草案已列入2027年立法计划。",
            recorded_by=staff,
        )
        motion.status = Status.CONCLUDED
        event("conclude", at(sc_day, 15), staff, "reported", "concluded")
    motion.save(update_fields=["status", "review_body", "report_due", "report_due_provisional"])


def _placeholder_report(motion: Motion) -> Any:
    from django.core.files.base import ContentFile

    content = f"第{motion.number_text}号议案审议结果报告（演示）\n{motion.title}\n".encode()
    return ContentFile(content, name=f"report-{motion.session_id}-{motion.number_text}.txt")


def seed_next_session_draft() -> None:
    """deputy1 drafts a motion for the 5th session; five co-signers confirmed, four invited."""
    session = Session.objects.filter(number=5, congress__number=14).first()
    deputies = list(
        Deputy.objects.filter(user__username__in=[f"deputy{n}" for n in range(1, 11)]).order_by("id")
    )
    if session is None or len(deputies) < 10:
        return
    lead = deputies[0]
    if lead.user is None:
        return
    motion = Motion.objects.create(
        session=session,
        kind="joint",
        title="关于制定《山西省全民阅读促进条例》的议案",
        category="legislation",
        regulation_action="make",
        lead_deputy=lead,
        created_by=lead.user,
        **TEXT,
    )
    now = motion.created_at
    CoSignature.objects.bulk_create(
        [
            CoSignature(
                motion=motion,
                deputy=d,
                invited_by=lead.user,
                answered_at=now if i < 5 else None,
                status=CoSignature.Status.CONFIRMED if i < 5 else CoSignature.Status.INVITED,
                confirmed_version=1 if i < 5 else None,
            )
            for i, d in enumerate(deputies[1:10])
        ]
    )
    MotionEvent.objects.create(motion=motion, actor=lead.user, action="create", to_status="draft")
