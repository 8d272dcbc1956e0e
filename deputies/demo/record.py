"""A year of the deputies' own record, for the demo: the sessions' roll calls and leave (D§8),
a deputy flagged under D§46(3), one suspended and one whose mandate ended (D§45–D§48),
collective study and remote learning (D§41), inspections whose reports went to 省教育厅 and
省交通运输厅 (one feedback given, one due, one overdue, D§27), a minority deputy's needs (D§42)
and last year's archive published (D§43).

Dated from today, within the term: run in any year of it, deputy1's archive of the year is
full. Idempotent: nothing is added once the demo's collective study exists. Rows are written
as the services would leave them, with their history, since the demo places them in the past.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import INSPECTION_FEEDBACK
from congress.models import Congress, Organisation, Session, User
from deputies.models import (
    ArchivePublication,
    Attendance,
    Deputy,
    Event,
    Feedback,
    Inspection,
    Leave,
    OfficialMeeting,
    Sitting,
    Training,
    TrainingInvitation,
)
from deputies.services.status import deputy_suspend, deputy_terminate
from suggestions.models import SubjectArea
from suggestions.services.filing import cosigner_confirm, suggestion_create, suggestion_submit

MARKER = "代表履职能力提升集体学习"
SITTINGS = ["第一次全体会议", "代表团全体会议", "第二次全体会议", "第三次全体会议", "闭幕会"]


def seed(stdout: Any = None) -> None:
    congress = Congress.objects.filter(number=14).first()
    deputies = list(
        Deputy.objects.filter(delegation__name="太原代表团").select_related("user").order_by("id")
    )
    if congress is None or len(deputies) < 45 or Training.objects.filter(title=MARKER).exists():
        return
    today = timezone.localdate()
    year = min(max(today.year, congress.starts.year), congress.ends.year)
    people = {u.username: u for u in User.objects.filter(username__in=["staff1", "sec1", "unit1", "unit2"])}
    if len(people) < 4:
        return
    with transaction.atomic():
        _sessions(congress, deputies, year, today, people)
        _trainings(congress, deputies, year, today, people["staff1"])
        _inspections(congress, deputies, year, today, people)
        _cosigned(deputies)
        _status(deputies, people["staff1"], today)
        if year - 1 >= congress.starts.year:
            ArchivePublication.objects.get_or_create(
                congress=congress, year=year - 1,
                defaults={"published_at": timezone.now(), "published_by": people["staff1"]},
            )  # fmt: skip
    if stdout is not None:
        stdout.write("Demo deputies' record ready.")


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _sessions(
    congress: Congress, deputies: list[Deputy], year: int, today: dt.date, people: dict[str, User]
) -> None:
    """The roll calls of this year's and last year's sessions, with leave: deputy2 on approved
    leave, deputy3 refused, deputy5 away from one sitting; one deputy missed both sessions
    without leave (D§46(3))."""
    secretariat, staff = people["sec1"], people["staff1"]
    absent_twice = deputies[20]
    for session in Session.objects.filter(
        congress=congress, opens__year__in=[year - 1, year], opens__lte=today
    ):
        approved = Leave.objects.create(
            deputy=deputies[1], session=session, reason="因病住院治疗，不能出席会议。", status=Leave.Status.APPROVED,
            deciding_body=Leave.Body.CHAIRPERSONS, requested_at=_at(session.opens - dt.timedelta(days=7)),
            decided_at=_at(session.opens - dt.timedelta(days=3)), decided_by=staff,
            decision_reason="主任会议同意", entered_by=None,
        )  # fmt: skip
        refused = Leave.objects.create(
            deputy=deputies[2], session=session, reason="单位有紧急任务。", status=Leave.Status.REFUSED,
            deciding_body=Leave.Body.SECRETARIAT, requested_at=_at(session.opens, 8), decided_at=_at(session.opens, 11),
            decided_by=secretariat, decision_reason="会议期间无特殊原因不宜请假。",
        )  # fmt: skip
        for leave, actor in ((approved, staff), (refused, secretariat)):
            Event.objects.create(
                leave=leave,
                actor=leave.entered_by or leave.deputy.user,
                action="request",
                at=_at(session.opens - dt.timedelta(days=7)) if leave is approved else _at(session.opens, 8),
            )
            Event.objects.create(
                leave=leave, actor=actor, action="decide", from_status=Leave.Status.REQUESTED, to_status=leave.status,
                note=leave.decision_reason, at=leave.decided_at or timezone.now(),
            )  # fmt: skip
        days = [session.opens + dt.timedelta(days=i) for i in range(len(SITTINGS))]
        for number, (name, day) in enumerate(zip(SITTINGS, days, strict=True)):
            sitting = Sitting.objects.create(session=session, date=min(day, session.closes), name=name)
            away = {deputies[1].pk, absent_twice.pk} | ({deputies[4].pk} if number == 2 else set())
            Attendance.objects.bulk_create(
                Attendance(sitting=sitting, deputy=d, present=d.pk not in away, recorded_by=secretariat)
                for d in deputies[:80]
                if d.status == Deputy.Status.ACTIVE
            )
    upcoming = Session.objects.filter(congress=congress, opens__gt=today).order_by("opens").first()
    if upcoming is not None:
        leave = Leave.objects.create(
            deputy=deputies[3],
            session=upcoming,
            reason="赴外省参加培训。",
            deciding_body=Leave.Body.CHAIRPERSONS,
        )
        Event.objects.create(leave=leave, actor=deputies[3].user, action="request", note=leave.reason)


def _trainings(congress: Congress, deputies: list[Deputy], year: int, today: dt.date, staff: User) -> None:
    """D§41: collective study in spring (most of the delegation came), remote learning in
    autumn, and one planned."""
    spring, autumn = dt.date(year, 3, 20), dt.date(year, 9, 15)
    plans = [
        (MARKER, Training.Kind.COLLECTIVE, spring, "省人大常委会机关报告厅", deputies[:60], deputies[:50]),
        (
            "代表法及实施办法网络专题学习",
            Training.Kind.REMOTE,
            autumn,
            "网络学习平台",
            deputies[:30],
            deputies[:12],
        ),
    ]
    for title, kind, day, place, invited, attended in plans:
        held = day <= today
        training = Training.objects.create(
            congress=congress, title=title, kind=kind, date=day, place=place, created_by=staff,
            status=Training.Status.HELD if held else Training.Status.PLANNED,
            summary="学习代表法、议事规则和建议办理制度。" if held else "",
        )  # fmt: skip
        TrainingInvitation.objects.bulk_create(
            TrainingInvitation(training=training, deputy=d, attended=held and d in attended) for d in invited
        )
        Event.objects.create(
            training=training, actor=staff, action="plan", at=_at(day - dt.timedelta(days=20))
        )
        if held:
            Event.objects.create(
                training=training,
                actor=staff,
                action="hold",
                from_status=Training.Status.PLANNED,
                to_status=Training.Status.HELD,
                at=_at(day, 17),
            )
    coming = today + dt.timedelta(days=21)
    if coming <= congress.ends:
        training = Training.objects.create(
            congress=congress,
            title="预算审查监督专题培训",
            date=coming,
            place="省人大常委会机关",
            created_by=staff,
        )
        TrainingInvitation.objects.bulk_create(
            TrainingInvitation(training=training, deputy=d) for d in deputies[:40]
        )
        Event.objects.create(training=training, actor=staff, action="plan")


def _inspections(
    congress: Congress, deputies: list[Deputy], year: int, today: dt.date, people: dict[str, User]
) -> None:
    """D§22, D§27: three inspections deputy1 took part in, and the bodies' feedback."""
    staff = people["staff1"]
    bodies = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=[
                "省人大教育科学文化卫生委员会",
                "省人大财政经济委员会",
                "省人大常委会人事代表工作委员会",
                "省教育厅",
                "省交通运输厅",
            ]
        )
    }
    education = _inspection(
        congress, staff, bodies["省人大教育科学文化卫生委员会"], "义务教育均衡发展情况视察", Inspection.Kind.INSPECTION,
        min(dt.date(year, 4, 16), today), deputies[:5], "太原市小店区、清徐县中小学",
    )  # fmt: skip
    meeting = OfficialMeeting.objects.create(
        inspection=education, official="省教育厅分管副厅长", body=bodies["省教育厅"], requested_by=deputies[0].user or staff,
        requested_on=education.date, arranged_on=education.date, note="就农村教师周转房建设当面交流。",
    )  # fmt: skip
    Event.objects.create(
        inspection=education, actor=deputies[0].user, action="request_meeting", note=meeting.official
    )
    _forward(education, bodies["省教育厅"], min(dt.date(year, 5, 10), today), staff, given_by=people["unit1"])
    roads = _inspection(
        congress, staff, bodies["省人大财政经济委员会"], "农村公路建设养护专题调研", Inspection.Kind.RESEARCH,
        today - dt.timedelta(days=120), [deputies[0], *deputies[5:9]], "晋中市、吕梁市农村公路",
    )  # fmt: skip
    _forward(roads, bodies["省交通运输厅"], today - dt.timedelta(days=110), staff)  # overdue by now
    _forward(roads, bodies["省教育厅"], today - dt.timedelta(days=40), staff)  # still running
    _inspection(
        congress, staff, bodies["省人大常委会人事代表工作委员会"], "持证视察城中村改造", Inspection.Kind.CARD,
        today - dt.timedelta(days=60), [deputies[0]], "太原市杏花岭区",
    )  # fmt: skip


def _inspection(
    congress: Congress, staff: User, organiser: Organisation, title: str, kind: str, day: dt.date,
    deputies: list[Deputy], places: str,
) -> Inspection:  # fmt: skip
    inspection = Inspection.objects.create(
        congress=congress, kind=kind, title=title, organiser=organiser, date=day, places=places, created_by=staff,
        status=Inspection.Status.REPORTED, findings="实地察看、座谈了解，发现投入不足、管护机制不健全等问题。",
        opinions="一、加大财政投入；二、健全长效管护机制；三、加强督促检查。",
        report=f"关于{title}的报告：代表们深入基层，听取意见，形成以下意见和建议……",
    )  # fmt: skip
    inspection.deputies.set(deputies)
    Event.objects.create(
        inspection=inspection, actor=staff, action="create", at=_at(day - dt.timedelta(days=10))
    )
    Event.objects.create(
        inspection=inspection,
        actor=staff,
        action="report",
        from_status=Inspection.Status.PLANNED,
        to_status=Inspection.Status.REPORTED,
        at=_at(day + dt.timedelta(days=7)),
    )
    return inspection


def _forward(
    inspection: Inspection,
    body: Organisation,
    received_on: dt.date,
    staff: User,
    given_by: User | None = None,
) -> None:
    due = deadline(INSPECTION_FEEDBACK, received_on)
    feedback = Feedback.objects.create(
        inspection=inspection, body=body, received_on=received_on, feedback_due=due.due,
        feedback_due_provisional=due.provisional, forwarded_by=staff,
    )  # fmt: skip
    Inspection.objects.filter(pk=inspection.pk).update(status=Inspection.Status.FORWARDED)
    Event.objects.create(
        inspection=inspection,
        actor=staff,
        action="forward",
        from_status=Inspection.Status.REPORTED,
        to_status=Inspection.Status.FORWARDED,
        note=body.name,
        at=_at(received_on),
    )
    Event.objects.create(
        feedback=feedback, actor=staff, action="forward_to", note=due.explanation(), at=_at(received_on)
    )
    if given_by is not None:
        given_on = min(received_on + dt.timedelta(days=60), timezone.localdate())
        Feedback.objects.filter(pk=feedback.pk).update(
            status=Feedback.Status.GIVEN, text="已将意见纳入年度工作计划，新建农村教师周转房 1200 套，并建立督查机制。",
            given_on=given_on, given_by=given_by,
        )  # fmt: skip
        Event.objects.create(
            feedback=feedback,
            actor=given_by,
            action="give",
            from_status=Feedback.Status.PENDING,
            to_status=Feedback.Status.GIVEN,
            at=_at(given_on),
        )


def _cosigned(deputies: list[Deputy]) -> None:
    """deputy1 co-signs two colleagues' joint suggestions (S§14), filed through their services."""
    area = SubjectArea.objects.filter(name="教育").first() or SubjectArea.objects.first()
    for lead, title in [
        (deputies[1], "关于加强农村寄宿制学校建设的建议"),
        (deputies[2], "关于完善城乡公交一体化的建议"),
    ]:
        if lead.user is None or deputies[0].user is None:
            continue
        draft = suggestion_create(
            actor=lead.user, lead_deputy=lead, title=title, body=f"{title}：现状、问题和建议措施。",
            subject_area=area, session=None, co_signers=[deputies[0]],
        )  # fmt: skip
        cosigner_confirm(suggestion=draft, actor=deputies[0].user)
        suggestion_submit(suggestion=draft, actor=lead.user)


def _status(deputies: list[Deputy], staff: User, today: dt.date) -> None:
    """D§42: a minority deputy's needs; D§45: one suspended; D§46(2), D§48: a resignation."""
    minority = next((d for d in deputies[:45] if d.ethnicity != "汉族"), None)
    if minority is not None:
        Deputy.objects.filter(pk=minority.pk).update(
            custom_needs="清真饮食" if minority.ethnicity == "回族" else "尊重民族习俗"
        )
    # The demo's deputy1 stands for a deputy elected by voters, to show the report of D§43.
    Deputy.objects.filter(pk=deputies[0].pk).update(directly_elected=True)
    day = today - dt.timedelta(days=30)
    deputy_suspend(
        deputy=deputies[30],
        ground="detained",
        effective_on=day,
        decision="代表资格审查委员会报告",
        actor=staff,
    )
    deputy_terminate(
        deputy=deputies[40], ground="resigned", effective_on=day, decision="省人大常委会第二十次会议接受辞职",
        announced_on=day, actor=staff,
    )  # fmt: skip
