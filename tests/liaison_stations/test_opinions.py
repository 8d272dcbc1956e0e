"""Opinions: registration at a station or point (D§34) and online (D§37), the point's report,
forwarding, the answer and telling the visitor (D§31, D§35), with the refusal codes clients
rely on, the stored answer deadlines, and who is told."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.services import DayEntry, calendar_draft_save, calendar_year_approve
from congress.deadlines.statutory import policy_rule
from congress.models import CalendarYear
from liaison_stations.models import Event, Forwarding, Opinion
from liaison_stations.selectors import (
    forwardings_due_between,
)
from liaison_stations.services.opinions import (
    opinion_answer,
    opinion_classify,
    opinion_dismiss,
    opinion_feedback,
    opinion_forward,
    opinion_register,
    opinion_report,
    opinion_submit_online,
)
from liaison_stations.workflow import OPINION
from tests.helpers import refused
from tests.liaison_stations.conftest import inbox, solved, summarise

pytestmark = pytest.mark.django_db


# --- Registration and the point's report (D§31, D§34) ----------------------------------------


def test_a_record_at_the_station_is_pending_with_a_tracking_code(register, station, deputy):
    opinion = register(received_by=[deputy])
    assert opinion.status == Opinion.Status.PENDING
    assert opinion.station == station and opinion.point is None
    assert len(opinion.tracking_code) == 12
    assert list(opinion.received_by.all()) == [deputy]
    assert opinion.events.get().action == "register"


def test_a_point_s_record_is_registered_and_belongs_to_its_station(register, point, point_clerk, station):
    opinion = register(venue=point, actor=point_clerk)
    assert opinion.status == Opinion.Status.REGISTERED
    assert (opinion.station, opinion.point) == (station, point)


def test_a_point_sends_its_record_up_to_the_station(register, point, point_clerk):
    opinion = register(venue=point, actor=point_clerk)
    opinion = opinion_report(opinion=opinion, actor=point_clerk)
    assert opinion.status == Opinion.Status.PENDING
    assert opinion.reported_at is not None


def test_the_station_cannot_forward_a_point_s_record_before_it_is_sent(register, point, point_clerk, clerk):
    opinion = register(venue=point, actor=point_clerk)
    summarise(opinion, point_clerk)
    with refused("point_reports_to_station"):
        opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)


def test_a_point_s_staff_cannot_forward_for_the_station(register, point, point_clerk):
    opinion = opinion_report(opinion=register(venue=point, actor=point_clerk), actor=point_clerk)
    with refused("not_your_station"):
        opinion_forward(opinion=opinion, body_name="区住建局", actor=point_clerk)


def test_staff_of_another_station_cannot_register_here(make_user, make_station, station):
    other = make_station("别处联络站")
    stranger = make_user("other", "station_staff")
    other.staff.add(stranger)
    with refused("not_your_station"):
        opinion_register(venue=station, visitor_name="甲", visitor_contact="1", matter="事", actor=stranger)


def test_a_registration_dated_tomorrow_is_refused(register):
    with refused("date_in_future"):
        register(received_on=timezone.localdate() + dt.timedelta(days=1))


def test_a_suspended_deputy_cannot_be_recorded_as_receiving_a_visitor(register, make_deputy):
    suspended = make_deputy(status="suspended", status_ground="detained", status_since=dt.date(2026, 1, 5))
    with refused("deputy_not_active"):
        register(received_by=[suspended])


# --- Forwarding, answer, feedback (D§31, D§35) -----------------------------------------------


def test_nothing_is_forwarded_before_it_is_summarised_and_classified(register, clerk):
    opinion = register(category="")
    with refused("opinion_not_summarised"):
        opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)


def test_forwarding_sets_the_answer_due_date_by_the_committee_s_period(register, clerk, settings):
    settings.PORTAL_PERIODS = {**settings.PORTAL_PERIODS, "station_forward": "1m"}
    opinion = register()
    summarise(opinion, clerk)
    forwarding = opinion_forward(
        opinion=opinion, body_name="小店区住建局", forwarded_on=dt.date(2024, 8, 31), actor=clerk
    )
    expected = deadline(policy_rule("station_forward"), dt.date(2024, 8, 31))
    # 2024-09-30 is a Monday, but the National Day holiday runs 10-01…07; the period ends on
    # 09-30 itself (Civil Code art. 202), a working day.
    assert forwarding.reply_due == expected.due == dt.date(2024, 9, 30)
    assert forwarding.reply_due_provisional is False
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.FORWARDED


def test_a_due_date_on_a_holiday_moves_to_the_next_working_day(register, clerk, settings):
    settings.PORTAL_PERIODS = {**settings.PORTAL_PERIODS, "station_forward": "1m"}
    opinion = register()
    summarise(opinion, clerk)
    forwarding = opinion_forward(
        opinion=opinion, body_name="区住建局", forwarded_on=dt.date(2024, 9, 1), actor=clerk
    )
    assert forwarding.reply_due == dt.date(2024, 10, 8)  # 10-01 is National Day


def test_forwarding_elsewhere_closes_the_first_forwarding(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    first = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    second = opinion_forward(opinion=opinion, body_name="区城管局", actor=clerk)
    first.refresh_from_db()
    assert first.outcome == Forwarding.Outcome.REDIRECTED
    assert second.is_open
    assert Forwarding.objects.filter(opinion=opinion, outcome="").count() == 1


def test_forwarding_again_to_the_body_that_has_it_is_a_double_submit_and_is_refused(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    first = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    with refused("already_forwarded") as refusal:
        opinion_forward(opinion=opinion, body_name=" 区住建局 ", actor=clerk)
    assert refusal.value.status == 409
    assert list(opinion.forwardings.values_list("pk", "outcome")) == [(first.pk, "")]
    assert opinion.events.filter(action="forward").count() == 1


def test_forwarding_again_to_the_unit_that_has_it_is_refused_however_it_is_named(register, clerk, unit):
    opinion = register()
    summarise(opinion, clerk)
    opinion_forward(opinion=opinion, body_name="", unit=unit, actor=clerk)
    with refused("already_forwarded"):
        opinion_forward(opinion=opinion, body_name="省教育厅（办公室）", unit=unit, actor=clerk)
    with refused("already_forwarded"):
        opinion_forward(opinion=opinion, body_name=unit.name, actor=clerk)
    assert opinion.forwardings.count() == 1


def test_once_sent_on_elsewhere_the_matter_may_go_back_to_the_first_body(register, clerk):
    # D§31 转办 and D§35 跟踪: the station follows the matter wherever it has to go next.
    opinion = register()
    summarise(opinion, clerk)
    opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    opinion_forward(opinion=opinion, body_name="区城管局", actor=clerk)
    back = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    assert back.is_open
    assert list(opinion.forwardings.order_by("id").values_list("outcome", flat=True)) == [
        "redirected",
        "redirected",
        "",
    ]


def test_a_forwarding_names_the_unit_or_body_it_goes_to(register, clerk, unit):
    opinion = register()
    summarise(opinion, clerk)
    with refused("body_missing") as refusal:
        opinion_forward(opinion=opinion, body_name="  ", actor=clerk)
    assert refusal.value.status == 400
    assert not opinion.forwardings.exists()
    forwarding = opinion_forward(opinion=opinion, body_name="", unit=unit, actor=clerk)
    assert forwarding.body_name == unit.name


def test_the_answer_closes_the_forwarding_and_publishes_the_matter(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    forwarding = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    opinion = opinion_answer(opinion=opinion, answer="已修复。", actor=clerk)
    forwarding.refresh_from_db()
    assert opinion.status == Opinion.Status.ANSWERED
    assert forwarding.outcome == Forwarding.Outcome.ANSWERED
    assert opinion.is_published


def test_the_station_may_answer_without_forwarding(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    assert opinion_answer(opinion=opinion, answer="当场解答。", actor=clerk).status == "answered"


def test_an_empty_answer_is_refused(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    with refused("answer_missing"):
        opinion_answer(opinion=opinion, answer="  ", actor=clerk)


def test_telling_the_visitor_closes_the_matter(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    opinion_answer(opinion=opinion, answer="已修复。", actor=clerk)
    opinion = opinion_feedback(opinion=opinion, way="phone", actor=clerk)
    assert opinion.status == Opinion.Status.CLOSED
    assert [e.action for e in opinion.events.all()] == ["register", "classify", "answer", "feedback"]


def test_an_answer_asked_for_twice_changes_nothing_the_second_time(register, clerk, deputy):
    opinion = register(received_by=[deputy])
    summarise(opinion, clerk)
    opinion_answer(opinion=opinion, answer="已修复。", actor=clerk)
    with refused("invalid_transition") as refusal:
        opinion_answer(opinion=opinion, answer="再次答复。", actor=clerk)
    assert refusal.value.status == 409
    opinion.refresh_from_db()
    assert opinion.answer == "已修复。"
    assert opinion.events.filter(action="answer").count() == 1
    assert inbox(deputy.user) == ["station_opinion_answered"]


def test_the_visitor_cannot_be_told_before_there_is_an_answer(register, clerk):
    with refused("invalid_transition") as refusal:
        opinion_feedback(opinion=register(), way="phone", actor=clerk)
    assert "wrong_status" in refusal.value.aliases


def test_a_secret_matter_is_handled_but_not_published(register, clerk):
    opinion = register()
    opinion_classify(opinion=opinion, summary="涉密事项", category="other", is_secret=True, actor=clerk)
    opinion = opinion_answer(opinion=opinion, answer="已处理。", actor=clerk)
    assert opinion.status == Opinion.Status.ANSWERED
    assert not opinion.is_published


def test_a_matter_set_aside_keeps_its_reason(register, clerk):
    opinion = opinion_dismiss(opinion=register(), reason="重复反映", actor=clerk)
    assert opinion.status == Opinion.Status.DISMISSED
    assert list(opinion.events.all())[-1].note == "重复反映"


def test_committee_staff_handle_a_deputy_s_online_mail_without_a_station(make_deputy, committee):
    lonely = make_deputy("赵刚")  # attached to no station
    opinion = opinion_submit_online(
        sender=solved(), deputy=lonely, name="甲", contact="139", matter="路灯不亮"
    )
    assert opinion.station is None and opinion.deputy == lonely
    summarise(opinion, committee)
    assert opinion_answer(opinion=opinion, answer="已修复。", actor=committee).status == "answered"


def test_online_mail_to_a_deputy_goes_to_the_deputy_s_station(deputy, station):
    opinion = opinion_submit_online(
        sender=solved(), deputy=deputy, name="甲", contact="139", matter="路灯不亮"
    )
    assert (opinion.station, opinion.deputy, opinion.source) == (station, deputy, "online")
    assert opinion.status == Opinion.Status.PENDING


def test_an_online_opinion_goes_to_a_station_or_to_a_deputy_one_of_the_two(station, deputy):
    for addressees in ({"station": station, "deputy": deputy}, {}):
        with refused("one_addressee") as refusal:
            opinion_submit_online(sender=solved(), name="甲", contact="139", matter="路灯不亮", **addressees)
        assert refusal.value.status == 400
    assert not Opinion.objects.exists()


def test_an_online_opinion_reaches_no_closed_station_and_no_deputy_out_of_office(station, make_deputy):
    station.is_active = False
    station.save(update_fields=["is_active"])
    with refused("station_inactive"):
        opinion_submit_online(sender=solved(), station=station, name="甲", contact="139", matter="路灯不亮")
    suspended = make_deputy(status="suspended", status_ground="detained", status_since=dt.date(2026, 1, 5))
    with refused("deputy_not_active"):
        opinion_submit_online(sender=solved(), deputy=suspended, name="甲", contact="139", matter="路灯不亮")
    assert not Opinion.objects.exists()


def test_the_answer_clock_runs_exactly_while_one_forwarding_is_open(register, clerk):
    opinion = register()
    summarise(opinion, clerk)

    def clock() -> tuple[tuple[str, ...], int, bool]:
        opinion.refresh_from_db()
        running = Opinion.objects.filter(OPINION.running("answer"), pk=opinion.pk).exists()
        return OPINION.running_clocks(opinion), opinion.forwardings.filter(outcome="").count(), running

    assert clock() == ((), 0, False)
    opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    assert clock() == (("answer",), 1, True)
    opinion_forward(opinion=opinion, body_name="区城管局", actor=clerk)  # sent on: a new clock
    assert clock() == (("answer",), 1, True)
    opinion_answer(opinion=opinion, answer="已修复。", actor=clerk)
    assert clock() == ((), 0, False)


# --- Stored deadlines and the sweep ----------------------------------------------------------


def test_a_provisional_due_date_is_recomputed_when_the_year_is_approved(register, clerk, make_user):
    last = max(CalendarYear.objects.filter(status="approved").values_list("year", flat=True))
    with time_machine.travel(dt.datetime(last, 12, 15, 4, tzinfo=dt.UTC)):
        opinion = register()
        summarise(opinion, clerk)
        forwarding = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    # The answer falls due in a year the calendar does not cover yet: provisional.
    assert forwarding.reply_due.year == last + 1
    assert forwarding.reply_due_provisional is True
    old_due = forwarding.reply_due
    # The State Council's schedule arrives and makes that day a holiday; a second staff
    # member approves it.
    entered, approver = make_user("cal1", "committee_staff"), make_user("cal2", "committee_staff")
    draft = calendar_draft_save(
        year=last + 1, notice="国办发明电", days=[DayEntry(old_due, "holiday", "测试假日")], actor=entered
    )
    moved = calendar_year_approve(schedule=draft, actor=approver)
    forwarding.refresh_from_db()
    assert forwarding.reply_due_provisional is False
    assert forwarding.reply_due > old_due
    assert [(m.old_due, m.new_due) for m in moved if m.label.startswith(opinion.tracking_code)] == [
        (old_due, forwarding.reply_due)
    ]


def test_the_sweep_finds_forwardings_due_in_a_window(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    forwarding = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    due = forwarding.reply_due
    assert list(forwardings_due_between(due, due)) == [forwarding]
    assert list(forwardings_due_between(due + dt.timedelta(days=1), due + dt.timedelta(days=9))) == []
    opinion_answer(opinion=opinion, answer="已办。", actor=clerk)
    assert list(forwardings_due_between(due, due)) == []


def test_the_sweep_reminds_the_station_of_an_answer_due_in_a_week(register, clerk, committee):
    from congress.deadlines.reminders import sweep_deadlines

    opinion = register()
    summarise(opinion, clerk)
    forwarding = opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    sweep_deadlines(today=forwarding.reply_due - dt.timedelta(days=7))
    assert inbox(clerk) == ["deadline_reminder"]
    assert "deadline_reminder" not in inbox(committee)  # the committee hears of it only once overdue
    sweep_deadlines(today=forwarding.reply_due + dt.timedelta(days=1))
    assert inbox(committee).count("deadline_reminder") == 1


# --- History and who is told -----------------------------------------------------------------


def test_the_history_records_who_did_each_step(register, clerk):
    opinion = register()
    summarise(opinion, clerk)
    opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
    event = Event.objects.filter(opinion=opinion, action="forward").get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        clerk,
        "pending",
        "forwarded",
        "区住建局",
    )


def test_the_deputies_who_received_a_matter_are_told_its_answer(register, clerk, deputy):
    opinion = register(received_by=[deputy])
    summarise(opinion, clerk)
    opinion_answer(opinion=opinion, answer="已修复。", actor=clerk)
    assert inbox(deputy.user) == ["station_opinion_answered"]
    assert inbox(clerk) == []


def test_an_online_opinion_reaches_the_deputy_and_the_station_staff(deputy, clerk):
    opinion_submit_online(sender=solved(), deputy=deputy, name="甲", contact="139", matter="路灯不亮")
    assert inbox(deputy.user) == ["station_opinion_online"]
    assert inbox(clerk) == ["station_opinion_online"]
