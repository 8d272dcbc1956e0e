"""Helpers for the follow-up tests (published replies, on-time record, S§47 lists,
commitments, supervision): replies given through the real services at a chosen moment, and
rows made directly when a test needs many of them on fixed dates."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from openpyxl import load_workbook

from congress.models import Organisation, User
from deputies.models import Deputy
from suggestions.models import Assignment, Reply, SubjectArea, Suggestion
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.handling import assignment_communicate, assignment_draft_reply, reply_approve
from suggestions.services.key_handling import assignment_name_leader
from suggestions.workflow import AssignmentStatus, Role, Status
from tests.conftest import BEIJING

_numbers = itertools.count(1)


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("reply.pdf", b"%PDF-1.4\n%sealed\n", content_type="application/pdf")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> time_machine.travel:
    """Travel to a moment in Beijing."""
    return time_machine.travel(dt.datetime(year, month, day, hour, minute, tzinfo=BEIJING), tick=False)


def reply_through_services(
    assignment: Assignment,
    *,
    clerk: User,
    head: User,
    category: str = "A",
    body: str = "已采纳并落实。",
    when: dt.datetime | None = None,
    **extra: Any,
) -> Reply:
    """Hear the deputy, draft, and sign off: the reply as units give it, at `when` (Beijing)."""
    moment = when or dt.datetime.now(tz=BEIJING)
    with time_machine.travel(moment, tick=False):
        assignment_communicate(
            assignment=assignment, actor=clerk, date=assignment.assigned_on, way="call",
            participants="代表本人", summary="电话沟通", understanding=True,
        )  # fmt: skip
        reply = assignment_draft_reply(
            assignment=assignment, actor=clerk, category=category, body=body, scan=pdf(), **extra
        )
        return reply_approve(reply=reply, actor=head)


def liaise_with_city_sc(assignment: Assignment, clerk: User) -> None:
    """For a delegation's suggestion the unit also keeps in touch with the city's SC (S§24)."""
    assignment_communicate(
        assignment=assignment, actor=clerk, date=assignment.assigned_on, way="meeting", participants="太原市人大常委会",
        summary="通报办理思路", party="city_sc",
    )  # fmt: skip


def handle_in_person(assignment: Assignment, clerk: User, leader: str = "王强（副厅长）") -> None:
    """A key suggestion: the unit names its leader, who hears the deputies at a forum (S§37)."""
    assignment_name_leader(assignment=assignment, actor=clerk, leader=leader)
    assignment_communicate(
        assignment=assignment, actor=clerk, date=assignment.assigned_on, way="forum", participants="代表本人",
        summary="座谈听取意见", understanding=True, leader_present=True,
    )  # fmt: skip


def assign_on(
    day: dt.date, suggestion: Suggestion, units: list[tuple[Organisation, str]], staff: User
) -> list[Assignment]:
    """Accept and assign on the given day (10:00 Beijing)."""
    with at(day.year, day.month, day.day):
        return suggestion_accept_and_assign(
            suggestion=suggestion, units=[HandlingUnit(unit, role) for unit, role in units], actor=staff
        )


def make_suggestion(
    *,
    lead: Deputy,
    area: SubjectArea,
    staff: User,
    title: str = "关于改善农村道路的建议",
    status: str = Status.ASSIGNED,
) -> Suggestion:
    """A filed suggestion row, without the workflow (for tests that need many on fixed dates)."""
    number = next(_numbers)
    return Suggestion.objects.create(
        congress=lead.congress, number_scope="r2026", number=number, status=status, title=title, body="内容",
        subject_area=area, lead_deputy=lead, entered_by=staff,
    )  # fmt: skip


def make_assignment(
    suggestion: Suggestion,
    unit: Organisation,
    *,
    staff: User,
    assigned_on: dt.date,
    reply_due: dt.date | None,
    role: str = Role.SOLE,
    status: str = AssignmentStatus.HANDLING,
    **extra: Any,
) -> Assignment:
    return Assignment.objects.create(
        suggestion=suggestion, unit=unit, role=role, status=status, assigned_by=staff,
        assigned_at=dt.datetime.combine(assigned_on, dt.time(10), BEIJING), assigned_on=assigned_on,
        objection_due=assigned_on + dt.timedelta(days=5), reply_due=None if role == Role.CO else reply_due,
        co_opinion_due=reply_due if role == Role.CO else None, **extra,
    )  # fmt: skip


def make_reply(
    assignment: Assignment,
    *,
    approved_at: dt.datetime | None,
    head: User,
    clerk: User,
    category: str = "A",
    round: int = 1,
    public: bool = True,
    body: str = "答复正文",
    **extra: Any,
) -> Reply:
    """A reply row; signed off when approved_at is given (the assignment is then replied)."""
    reply = Reply.objects.create(
        assignment=assignment, round=round, category=category, body=body, drafted_by=clerk,
        drafted_at=approved_at or dt.datetime.now(tz=BEIJING),
        status=Reply.Status.APPROVED if approved_at else Reply.Status.DRAFT,
        approved_by=head if approved_at else None, approved_at=approved_at, scan="replies/x.pdf" if approved_at else "",
        public=public, withheld_ground="" if public else "privacy", **extra,
    )  # fmt: skip
    if approved_at:
        Assignment.objects.filter(pk=assignment.pk).update(
            status=AssignmentStatus.REPLIED, replied_at=approved_at, closed_at=approved_at
        )
    return reply


def sheet(response: HttpResponse) -> list[tuple[Any, ...]]:
    """The rows of an exported workbook's first sheet, the header first."""
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
