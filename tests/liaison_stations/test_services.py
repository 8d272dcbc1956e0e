"""The station services: registration, handling, receptions, attachments, and the rules they
enforce, with the refusal codes clients rely on."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.services import DayEntry, calendar_draft_save, calendar_year_approve
from congress.deadlines.statutory import policy_rule
from congress.models import CalendarYear
from deputies.models import Deputy
from liaison_stations.models import Attachment, Event, Forwarding, Opinion, Reception, Station
from liaison_stations.selectors import (
    attendance_report,
    forwardings_due_between,
    missing_months_report,
    station_months_without_reception,
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
from liaison_stations.services.receptions import reception_cancel, reception_hold, reception_schedule
from liaison_stations.services.stations import station_attach_deputy
from liaison_stations.services.suggestions import opinion_to_suggestion
from liaison_stations.workflow import OPINION
from tests.helpers import refused
from tests.liaison_stations.conftest import at

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)


def summarise(opinion, actor, summary="道路积水影响出行。"):
    return opinion_classify(opinion=opinion, summary=summary, category="urban_construction", actor=actor)


# --- Registration and the point's report (D§31, D§34) -------------------------------------


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


# --- Forwarding, answer, feedback (D§31, D§35) ----------------------------------------------


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
    opinion = opinion_submit_online(deputy=lonely, name="甲", contact="139", matter="路灯不亮")
    assert opinion.station is None and opinion.deputy == lonely
    summarise(opinion, committee)
    assert opinion_answer(opinion=opinion, answer="已修复。", actor=committee).status == "answered"


def test_online_mail_to_a_deputy_goes_to_the_deputy_s_station(deputy, station):
    opinion = opinion_submit_online(deputy=deputy, name="甲", contact="139", matter="路灯不亮")
    assert (opinion.station, opinion.deputy, opinion.source) == (station, deputy, "online")
    assert opinion.status == Opinion.Status.PENDING


def test_an_online_opinion_goes_to_a_station_or_to_a_deputy_one_of_the_two(station, deputy):
    for addressees in ({"station": station, "deputy": deputy}, {}):
        with refused("one_addressee") as refusal:
            opinion_submit_online(name="甲", contact="139", matter="路灯不亮", **addressees)
        assert refusal.value.status == 400
    assert not Opinion.objects.exists()


def test_an_online_opinion_reaches_no_closed_station_and_no_deputy_out_of_office(station, make_deputy):
    station.is_active = False
    station.save(update_fields=["is_active"])
    with refused("station_inactive"):
        opinion_submit_online(station=station, name="甲", contact="139", matter="路灯不亮")
    suspended = make_deputy(status="suspended", status_ground="detained", status_since=dt.date(2026, 1, 5))
    with refused("deputy_not_active"):
        opinion_submit_online(deputy=suspended, name="甲", contact="139", matter="路灯不亮")
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


# --- Stored deadlines ------------------------------------------------------------------------


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


# --- Receptions (D§31) ----------------------------------------------------------------------


def schedule(clerk, venue, day, start=(8, 30), end=(12, 30), **extra):
    values = {"kind": "regular", "deputies": [], **extra}
    return reception_schedule(
        venue=venue, starts_at=at(day, *start), ends_at=at(day, *end), actor=clerk, **values
    )


def test_a_reception_shorter_than_half_a_working_day_is_refused(clerk, station):
    with refused("reception_too_short"):
        schedule(clerk, station, dt.date(2026, 3, 4), (9, 0), (12, 0))


def test_a_thematic_reception_needs_its_theme(clerk, station):
    with refused("reception_theme_missing"):
        schedule(clerk, station, dt.date(2026, 3, 4), kind="thematic")


def test_a_reception_at_a_point_counts_for_its_station(clerk, point, station, deputy):
    reception = schedule(clerk, point, dt.date(2026, 3, 4), deputies=[deputy])
    assert (reception.station, reception.point, reception.place) == (station, point, point.address)
    assert list(reception.deputies.all()) == [deputy]


def test_a_suspended_deputy_cannot_be_on_a_reception(clerk, station, make_deputy):
    suspended = make_deputy(status="suspended", status_ground="detained", status_since=dt.date(2026, 1, 5))
    with refused("deputy_not_active"):
        schedule(clerk, station, dt.date(2026, 3, 4), deputies=[suspended])


@time_machine.travel(NOW)
def test_a_reception_is_recorded_held_only_once_it_has_started(clerk, station, deputy):
    later = schedule(clerk, station, dt.date(2026, 3, 11))
    with refused("reception_in_future"):
        reception_hold(reception=later, actor=clerk)
    earlier = schedule(clerk, station, dt.date(2026, 3, 4))
    held = reception_hold(reception=earlier, summary="接待 5 人", deputies=[deputy], actor=clerk)
    assert held.status == Reception.Status.HELD
    assert list(held.deputies.all()) == [deputy]
    with refused("invalid_transition") as refusal:
        reception_cancel(reception=held, reason="x", actor=clerk)
    assert "wrong_status" in refusal.value.aliases


@time_machine.travel(NOW)
def test_no_visitor_is_registered_at_a_cancelled_reception(register, clerk, station):
    reception = schedule(clerk, station, dt.date(2026, 3, 4))
    assert register(reception=reception).reception == reception
    reception_cancel(reception=reception, reason="暴雨", actor=clerk)
    with refused("invalid_transition"):
        register(reception=reception)
    assert reception.opinions.count() == 1


def test_a_reception_cancelled_twice_tells_the_deputies_once(clerk, station, deputy):
    reception = schedule(clerk, station, dt.date(2026, 3, 4), deputies=[deputy])
    reception_cancel(reception=reception, reason="暴雨预警", actor=clerk)
    with refused("invalid_transition"):
        reception_cancel(reception=reception, reason="暴雨预警", actor=clerk)
    assert inbox(deputy.user).count("station_reception_cancelled") == 1
    assert reception.events.filter(action="cancel").count() == 1


@time_machine.travel(NOW)
def test_a_month_without_a_held_reception_is_flagged(clerk, station, make_station):
    quiet = make_station("无接待联络站")
    held = schedule(clerk, station, dt.date(2026, 2, 4))
    reception_hold(reception=held, actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == [quiet]
    assert set(station_months_without_reception(2026, 1)) == {station, quiet}


@time_machine.travel(NOW)
def test_a_reception_merely_scheduled_in_a_past_month_does_not_count(clerk, station):
    schedule(clerk, station, dt.date(2026, 2, 4))  # never recorded as held
    assert list(station_months_without_reception(2026, 2)) == [station]


@time_machine.travel(NOW)
def test_a_scheduled_reception_covers_the_current_month(clerk, station):
    assert list(station_months_without_reception(2026, 3)) == [station]
    schedule(clerk, station, dt.date(2026, 3, 18))
    assert list(station_months_without_reception(2026, 3)) == []


@time_machine.travel(NOW)
def test_a_reception_at_a_point_fills_the_station_s_month(clerk, station, point):
    reception_hold(reception=schedule(clerk, point, dt.date(2026, 2, 4)), actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == []


@time_machine.travel(NOW)
def test_a_station_is_not_asked_for_months_before_it_opened(make_station):
    new = make_station("新联络站", established_on=dt.date(2026, 2, 10))
    assert list(station_months_without_reception(2026, 1)) == []
    assert list(station_months_without_reception(2026, 2)) == [new]


@time_machine.travel(NOW)
def test_the_missing_months_report_lists_each_station_s_months(clerk, station, make_station):
    make_station("无接待联络站")
    reception_hold(reception=schedule(clerk, station, dt.date(2026, 1, 7)), actor=clerk)
    report = {row.station.name: (row.months, row.held) for row in missing_months_report(2026)}
    assert report == {"坞城街道人大代表联络站": ([2], 1), "无接待联络站": ([1, 2], 0)}


@time_machine.travel(NOW)
def test_the_attendance_report_counts_receptions_held_this_year(clerk, station, deputy, make_deputy):
    absent = make_deputy("缺席代表")
    reception_hold(reception=schedule(clerk, station, dt.date(2026, 1, 7), deputies=[deputy]), actor=clerk)
    reception_hold(reception=schedule(clerk, station, dt.date(2026, 2, 4), deputies=[deputy]), actor=clerk)
    schedule(clerk, station, dt.date(2026, 3, 18), deputies=[absent])  # scheduled, not yet held
    reception_hold(reception=schedule(clerk, station, dt.date(2025, 12, 3), deputies=[absent]), actor=clerk)
    rows = {d.name: (d.activities, d.stations_count) for d in attendance_report(2026)}
    assert rows == {"李明": (2, 1), "缺席代表": (0, None)}
    assert [d.name for d in attendance_report(2026, none_only=True)] == ["缺席代表"]


# --- Deputies attached (D§21) ---------------------------------------------------------------


def test_a_deputy_elected_elsewhere_is_attached_only_as_working_or_living_here(clerk, station, make_deputy):
    outsider = make_deputy("外市代表")
    Deputy.objects.filter(pk=outsider.pk).update(constituency="大同市人民代表大会")
    outsider.refresh_from_db()
    with refused("attachment_outside_constituency"):
        station_attach_deputy(station=station, deputy=outsider, basis="constituency", actor=clerk)
    attachment = station_attach_deputy(station=station, deputy=outsider, basis="workplace", actor=clerk)
    assert attachment.basis == Attachment.Basis.WORKPLACE


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


def test_deputies_stay_unchanged_by_the_migration_of_their_attachment(deputy, station):
    assert list(station.deputies.all()) == [deputy]
    assert list(Deputy.objects.get(pk=deputy.pk).stations.all()) == [station]


# --- Who is told (congress.notifications) ----------------------------------------------------


def inbox(user):
    from congress.notifications.models import Notification

    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_deputies_on_a_reception_are_told_when_it_is_scheduled_and_cancelled(clerk, station, deputy):
    reception = schedule(clerk, station, dt.date(2026, 3, 4), deputies=[deputy])
    assert inbox(deputy.user) == ["station_reception"]
    reception_cancel(reception=reception, reason="暴雨预警", actor=clerk)
    assert sorted(inbox(deputy.user)) == ["station_reception", "station_reception_cancelled"]


def test_the_deputies_who_received_a_matter_are_told_its_answer(register, clerk, deputy):
    opinion = register(received_by=[deputy])
    summarise(opinion, clerk)
    opinion_answer(opinion=opinion, answer="已修复。", actor=clerk)
    assert inbox(deputy.user) == ["station_opinion_answered"]
    assert inbox(clerk) == []


def test_an_online_opinion_reaches_the_deputy_and_the_station_staff(deputy, clerk):
    opinion_submit_online(deputy=deputy, name="甲", contact="139", matter="路灯不亮")
    assert inbox(deputy.user) == ["station_opinion_online"]
    assert inbox(clerk) == ["station_opinion_online"]


# --- From a constituent's matter to a deputy's suggestion -------------------------------------


def test_a_deputy_turns_a_matter_they_received_into_a_linked_draft_suggestion(register, clerk, deputy):
    opinion = register(received_by=[deputy], matter="王秀英反映：北门外道路坑洼，电话 13912345678。")
    summarise(opinion, clerk)
    suggestion = opinion_to_suggestion(opinion=opinion, actor=deputy.user)
    opinion.refresh_from_db()
    assert opinion.suggestion == suggestion
    assert (suggestion.status, suggestion.lead_deputy, suggestion.session) == ("draft", deputy, None)
    assert suggestion.title == "道路积水影响出行。"
    assert suggestion.subject_area.name == "城乡建设"
    assert opinion.tracking_code in suggestion.body
    assert "王秀英" not in suggestion.body and "13912345678" not in suggestion.body
    assert opinion.status == Opinion.Status.PENDING  # the station still handles the matter


def test_a_matter_becomes_a_suggestion_only_once(register, clerk, deputy):
    opinion = register(received_by=[deputy])
    opinion_to_suggestion(opinion=opinion, actor=deputy.user)
    with refused("already_suggested"):
        opinion_to_suggestion(opinion=opinion, actor=deputy.user)


def test_only_a_deputy_who_received_the_matter_may_turn_it_into_a_suggestion(
    register, clerk, deputy, make_deputy
):
    opinion = register(received_by=[deputy])
    with refused("not_your_opinion"):
        opinion_to_suggestion(opinion=opinion, actor=make_deputy("另一位代表").user)
    with refused("not_your_opinion"):
        opinion_to_suggestion(opinion=opinion, actor=clerk)


def test_a_point_s_record_becomes_a_suggestion_once_the_station_has_it(register, point, point_clerk, deputy):
    opinion = register(venue=point, actor=point_clerk, received_by=[deputy])
    with refused("invalid_transition") as refusal:
        opinion_to_suggestion(opinion=opinion, actor=deputy.user)
    assert "wrong_status" in refusal.value.aliases


def test_the_deputy_an_online_opinion_was_sent_to_may_turn_it_into_a_suggestion(deputy):
    opinion = opinion_submit_online(deputy=deputy, name="甲", contact="139", matter="路灯不亮")
    suggestion = opinion_to_suggestion(opinion=opinion, actor=deputy.user, title="关于修复路灯的建议")
    assert suggestion.title == "关于修复路灯的建议"


@time_machine.travel(NOW)
def test_station_staff_see_the_attendance_of_their_own_deputies(
    clerk, station, deputy, make_deputy, make_station
):
    elsewhere = make_station("别处联络站")
    other = make_deputy("别处代表")
    Attachment.objects.create(station=elsewhere, deputy=other, basis=Attachment.Basis.CONSTITUENCY)
    mine = attendance_report(2026, stations=Station.objects.filter(pk=station.pk))
    assert [d.name for d in mine] == ["李明"]


# --- Reminders (the sweep, congress.deadlines.reminders) ----------------------------------------------


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


def test_the_sweep_reminds_a_station_without_a_reception_a_week_before_the_month_ends(clerk, station):
    from congress.deadlines.reminders import sweep_deadlines

    sweep_deadlines(today=dt.date(2026, 3, 24))
    assert inbox(clerk) == ["deadline_reminder"]
