"""Receptions (D§31): scheduled, held or cancelled, the months without one, each deputy's
activities in the year (D§21), and who is told or reminded."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from liaison_stations.models import Attachment, Reception, Station
from liaison_stations.selectors import (
    attendance_report,
    missing_months_report,
    station_months_without_reception,
)
from liaison_stations.services.receptions import reception_cancel, reception_hold
from tests.helpers import refused
from tests.liaison_stations.conftest import inbox, schedule

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)


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
def test_a_month_without_a_held_reception_is_flagged(clerk, station, deputy, make_station):
    quiet = make_station("无接待联络站")
    held = schedule(clerk, station, dt.date(2026, 2, 4), deputies=[deputy])
    reception_hold(reception=held, actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == [quiet]
    assert set(station_months_without_reception(2026, 1)) == {station, quiet}


@time_machine.travel(NOW)
def test_a_reception_merely_scheduled_in_a_past_month_does_not_count(clerk, station, deputy):
    schedule(clerk, station, dt.date(2026, 2, 4), deputies=[deputy])  # never recorded as held
    assert list(station_months_without_reception(2026, 2)) == [station]


@time_machine.travel(NOW)
def test_a_scheduled_reception_covers_the_current_month(clerk, station, deputy):
    assert list(station_months_without_reception(2026, 3)) == [station]
    schedule(clerk, station, dt.date(2026, 3, 18), deputies=[deputy])
    assert list(station_months_without_reception(2026, 3)) == []


@time_machine.travel(NOW)
def test_a_reception_at_a_point_fills_the_station_s_month(clerk, station, point, deputy):
    reception_hold(reception=schedule(clerk, point, dt.date(2026, 2, 4), deputies=[deputy]), actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == []


@time_machine.travel(NOW)
def test_a_station_is_not_asked_for_months_before_it_opened(make_station):
    new = make_station("新联络站", established_on=dt.date(2026, 2, 10))
    assert list(station_months_without_reception(2026, 1)) == []
    assert list(station_months_without_reception(2026, 2)) == [new]


@time_machine.travel(NOW)
def test_the_missing_months_report_lists_each_station_s_months(clerk, station, deputy, make_station):
    make_station("无接待联络站")
    reception_hold(reception=schedule(clerk, station, dt.date(2026, 1, 7), deputies=[deputy]), actor=clerk)
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


def test_the_deputies_on_a_reception_are_told_when_it_is_scheduled_and_cancelled(clerk, station, deputy):
    reception = schedule(clerk, station, dt.date(2026, 3, 4), deputies=[deputy])
    assert inbox(deputy.user) == ["station_reception"]
    reception_cancel(reception=reception, reason="暴雨预警", actor=clerk)
    assert sorted(inbox(deputy.user)) == ["station_reception", "station_reception_cancelled"]


@time_machine.travel(NOW)
def test_station_staff_see_the_attendance_of_their_own_deputies(
    clerk, station, deputy, make_deputy, make_station
):
    elsewhere = make_station("别处联络站")
    other = make_deputy("别处代表")
    Attachment.objects.create(station=elsewhere, deputy=other, basis=Attachment.Basis.CONSTITUENCY)
    mine = attendance_report(2026, stations=Station.objects.filter(pk=station.pk))
    assert [d.name for d in mine] == ["李明"]


def test_the_sweep_reminds_a_station_without_a_reception_a_week_before_the_month_ends(clerk, station):
    from congress.deadlines.reminders import sweep_deadlines

    sweep_deadlines(today=dt.date(2026, 3, 24))
    assert inbox(clerk) == ["deadline_reminder"]
