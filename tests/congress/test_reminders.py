"""Deadline reminders: the schedule's stages (pure) and the sweep (database)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from congress.deadlines.reminders import Schedule, parse_days, stages_between, sweep_deadlines
from congress.models import Reminder, ReminderSchedule
from congress.notifications.models import Notification
from congress.roles import Role
from suggestions.models import SubjectArea
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.workflow import AssignmentStatus
from suggestions.workflow import Role as UnitRole
from tests.conftest import BEIJING

D = dt.date
REPLY = Schedule(days_before=(30, 7, 1), on_the_day=True, overdue_every=7)


def test_a_schedule_reaches_each_stage_on_its_day():
    due = D(2021, 10, 8)
    reached = {
        day: REPLY.stages_on(day).get(due) for day in [D(2021, 9, 8), D(2021, 10, 1), D(2021, 10, 7), due]
    }
    assert reached == {
        D(2021, 9, 8): "before30",
        D(2021, 10, 1): "before7",
        D(2021, 10, 7): "before1",
        due: "due",
    }
    assert REPLY.stages_on(D(2021, 10, 9))[due] == "overdue1"
    assert REPLY.stages_on(D(2021, 10, 16))[due] == "overdue8"
    assert due not in REPLY.stages_on(D(2021, 10, 10))  # between two weekly overdue reminders


def test_after_a_missed_sweep_only_the_latest_stage_is_sent():
    due = D(2021, 10, 8)
    stages = stages_between(REPLY, D(2021, 9, 30), D(2021, 10, 7))  # the beat was down a week
    assert stages[due] == "before1"


def test_no_overdue_reminders_when_the_schedule_says_none():
    assert not any(
        s.startswith("overdue")
        for s in Schedule(days_before=(1,), overdue_every=0).stages_on(D(2021, 1, 1)).values()
    )


@pytest.mark.parametrize(
    ("text", "days"), [("30,7,1", (30, 7, 1)), ("1, 7 ,30", (30, 7, 1)), ("14，3", (14, 3))]
)
def test_staff_write_days_as_they_like(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["0", "-3", "x", "400"])
def test_a_bad_day_list_is_refused(text):
    with pytest.raises(ValueError):
        parse_days(text)


# --- The sweep ------------------------------------------------------------------------------


@pytest.fixture
def assigned_on_1_july(db, make_deputy, make_user, make_unit, time_machine):
    """A suggestion assigned to 省教育厅 on 2021-07-01: objection due 07-06, reply 10-08."""
    time_machine.move_to(dt.datetime(2021, 7, 1, 10, tzinfo=BEIJING))
    unit = make_unit("省教育厅")
    people = {
        "clerk": make_user("unit1", Role.UNIT_HANDLER, organisation=unit),
        "head": make_user("unit1head", Role.UNIT_HEAD, organisation=unit),
        "staff": make_user("staff1", Role.COMMITTEE_STAFF),
    }
    lead = make_deputy("李明")
    s = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="关于农村教师的建议",
        body="b",
        subject_area=SubjectArea.objects.get(name="教育"),
        session=None,
    )
    suggestion_submit(suggestion=s, actor=lead.user)
    [a] = suggestion_accept_and_assign(
        suggestion=s, units=[HandlingUnit(unit, UnitRole.SOLE)], actor=people["staff"]
    )
    assert (a.objection_due, a.reply_due) == (D(2021, 7, 6), D(2021, 10, 8))
    return a, people


def sweep_every_day(first: dt.date, last: dt.date, time_machine, twice: bool = True) -> None:
    day = first
    while day <= last:
        time_machine.move_to(dt.datetime(day.year, day.month, day.day, 9, tzinfo=BEIJING))
        sweep_deadlines()
        if twice:
            sweep_deadlines()  # a second run the same day sends nothing
        day += dt.timedelta(days=1)


def test_over_four_months_each_stage_is_reminded_exactly_once(assigned_on_1_july, time_machine):
    assignment, people = assigned_on_1_july
    sweep_every_day(D(2021, 7, 1), D(2021, 10, 31), time_machine)

    sent = list(Reminder.objects.order_by("sent_at").values_list("kind", "stage"))
    assert sent == [
        ("suggestion_objection", "before1"),
        ("suggestion_objection", "due"),
        ("suggestion_reply", "before30"),
        ("suggestion_reply", "before7"),
        ("suggestion_reply", "before1"),
        ("suggestion_reply", "due"),
        ("suggestion_reply", "overdue1"),
        ("suggestion_reply", "overdue8"),
        ("suggestion_reply", "overdue15"),
        ("suggestion_reply", "overdue22"),
    ]
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.HANDLING  # the objection window closed on its own

    clerk = Notification.objects.filter(recipient=people["clerk"], kind="deadline_reminder")
    head = Notification.objects.filter(recipient=people["head"], kind="deadline_reminder")
    staff = Notification.objects.filter(recipient=people["staff"], kind="deadline_reminder")
    assert clerk.count() == 10
    assert head.count() == 2 + 4  # the objection window (the head owns it too), then escalation once overdue
    assert staff.count() == 4
    first_overdue = clerk.get(subject__startswith="已逾期 1 天")
    assert "2021年10月8日" in first_overdue.subject
    assert "国庆节" in first_overdue.body  # the reminder explains the date
    assert first_overdue.link == f"/suggestions/{assignment.suggestion_id}/"


def test_an_extension_moves_the_pending_reminders(assigned_on_1_july, time_machine):
    assignment, _people = assigned_on_1_july
    sweep_every_day(D(2021, 9, 8), D(2021, 9, 8), time_machine)
    from suggestions.models import Assignment

    Assignment.objects.filter(pk=assignment.pk).update(extended=True, reply_due=D(2022, 1, 4))
    sweep_every_day(D(2021, 9, 9), D(2021, 10, 31), time_machine)
    stages = list(Reminder.objects.filter(kind="suggestion_reply").values_list("due", "stage"))
    assert stages == [(D(2021, 10, 8), "before30")]  # nothing more for the old date
    sweep_every_day(D(2021, 12, 5), D(2021, 12, 5), time_machine)
    assert Reminder.objects.filter(kind="suggestion_reply", due=D(2022, 1, 4), stage="before30").exists()


def test_staff_edit_the_schedule(assigned_on_1_july, time_machine):
    ReminderSchedule.objects.create(rule="reply", days_before="10", on_the_day=False, overdue_every=0)
    sweep_every_day(D(2021, 9, 1), D(2021, 10, 31), time_machine, twice=False)
    assert list(Reminder.objects.filter(kind="suggestion_reply").values_list("stage", flat=True)) == [
        "before10"
    ]


def test_the_sweep_command_prints_what_it_sent(assigned_on_1_july, time_machine, capsys):
    time_machine.move_to(dt.datetime(2021, 10, 8, 9, tzinfo=BEIJING))
    call_command("sweep_deadlines")
    assert "suggestion_reply: 1" in capsys.readouterr().out
    call_command("sweep_deadlines", "--date", "2021-10-08")
    assert "reminders: 0" in capsys.readouterr().out


def test_the_sweep_reminds_staff_from_november_that_next_year_is_missing(db, make_user, time_machine):
    staff = make_user("staff1", Role.COMMITTEE_STAFF)
    time_machine.move_to(dt.datetime(2026, 11, 28, 9, tzinfo=BEIJING))
    sweep_deadlines()
    sweep_deadlines()
    [note] = Notification.objects.filter(recipient=staff, kind="calendar_missing_year")
    assert "2027" in note.subject


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_send_nothing_twice(make_deputy, make_user, make_unit, time_machine):
    time_machine.move_to(dt.datetime(2021, 7, 1, 10, tzinfo=BEIJING))
    unit = make_unit("省教育厅")
    staff = make_user("staff1", Role.COMMITTEE_STAFF)
    make_user("unit1", Role.UNIT_HANDLER, organisation=unit)
    lead = make_deputy("李明")
    area = SubjectArea.objects.get(name="教育")
    for i in range(20):
        s = suggestion_create(
            actor=lead.user, lead_deputy=lead, title=f"建议{i}", body="b", subject_area=area, session=None
        )
        suggestion_submit(suggestion=s, actor=lead.user)
        suggestion_accept_and_assign(suggestion=s, units=[HandlingUnit(unit, UnitRole.SOLE)], actor=staff)
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            sweep_deadlines(today=D(2021, 10, 8))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Reminder.objects.filter(kind="suggestion_reply", stage="due").count() == 20
    assert Notification.objects.filter(kind="deadline_reminder").count() == 20


def test_a_sweep_that_dies_half_way_leaves_nothing_sent_and_the_rerun_sends_everything(
    assigned_on_1_july, time_machine, monkeypatch
):
    import congress.deadlines.reminders as reminders

    time_machine.move_to(dt.datetime(2021, 10, 8, 9, tzinfo=BEIJING))
    real = reminders.notify_many

    def dies(messages):
        real(messages)
        raise SystemExit("worker killed")  # after writing, before the sweep commits

    monkeypatch.setattr(reminders, "notify_many", dies)
    with pytest.raises(SystemExit):
        sweep_deadlines()
    assert not Reminder.objects.exists()
    assert not Notification.objects.filter(kind="deadline_reminder").exists()
    monkeypatch.setattr(reminders, "notify_many", real)
    assert sweep_deadlines().reminders == 1
    assert Notification.objects.filter(kind="deadline_reminder").count() == 1
