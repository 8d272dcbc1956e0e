"""D§31 as written: 每月至少安排代表接待群众一次，时间不少于半个工作日. The month's reception is
deputies receiving the public, at least one deputy present (of this congress or another), for at
least half a working day; the missing-months report, the desk, the sweep's reminder and a
reception's page all count it the same way (selectors.monthly_receptions)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from liaison_stations.selectors import missing_months_report, station_months_without_reception
from liaison_stations.services.receptions import reception_hold
from tests.conftest import PASSWORD
from tests.helpers import refused
from tests.liaison_stations.conftest import inbox, schedule

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)


@time_machine.travel(NOW)
def test_a_reception_held_with_no_deputy_present_does_not_count_for_the_month(clerk, station, deputy):
    empty = schedule(clerk, station, dt.date(2026, 2, 4), deputies=[deputy])
    reception_hold(reception=empty, summary="代表未到，工作人员接待", deputies=[], actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == [station]
    report = {row.station: (row.months, row.held) for row in missing_months_report(2026)}
    assert report == {station: ([1, 2], 0)}


@time_machine.travel(NOW)
def test_a_reception_with_deputies_of_another_congress_named_counts_for_the_month(clerk, station):
    # D§31 speaks of deputies, whatever their congress: township and county deputies receive the
    # public at most stations, and this portal knows them by name only.
    reception = schedule(
        clerk, station, dt.date(2026, 2, 4), other_deputies="县人大代表 张华、乡人大代表 王芳"
    )
    reception_hold(reception=reception, actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == []
    assert missing_months_report(2026)[0].months == [1]


@time_machine.travel(NOW)
def test_a_reception_scheduled_with_no_deputy_does_not_cover_the_current_month(clerk, station, deputy):
    schedule(clerk, station, dt.date(2026, 3, 18), deputies=[])
    assert list(station_months_without_reception(2026, 3)) == [station]
    schedule(clerk, station, dt.date(2026, 3, 25), deputies=[deputy])
    assert list(station_months_without_reception(2026, 3)) == []


@time_machine.travel(dt.datetime(2026, 3, 24, 10, tzinfo=dt.UTC))
def test_the_sweep_reminds_a_station_whose_only_reception_this_month_has_no_deputy(clerk, station):
    from congress.deadlines.reminders import sweep_deadlines

    schedule(clerk, station, dt.date(2026, 3, 4), deputies=[])
    sweep_deadlines(today=dt.date(2026, 3, 24))
    assert inbox(clerk) == ["deadline_reminder"]


def test_a_thematic_reception_may_be_shorter_than_half_a_working_day(clerk, station, deputy):
    # D§31 sets the half working day for the month's reception; thematic receptions are organised
    # on top of it (在组织常规接待的基础上) with no length of their own.
    reception = schedule(
        clerk,
        station,
        dt.date(2026, 3, 4),
        (14, 0),
        (16, 0),
        kind="thematic",
        theme="老旧小区改造",
        deputies=[deputy],
    )
    assert reception.ends_at - reception.starts_at == dt.timedelta(hours=2)


@time_machine.travel(NOW)
def test_a_reception_shorter_than_half_a_working_day_does_not_count_for_the_month(clerk, station, deputy):
    short = schedule(
        clerk,
        station,
        dt.date(2026, 2, 4),
        (14, 0),
        (16, 0),
        kind="thematic",
        theme="老旧小区改造",
        deputies=[deputy],
    )
    reception_hold(reception=short, actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == [station]
    long = schedule(
        clerk,
        station,
        dt.date(2026, 2, 11),
        (8, 30),
        (12, 30),
        kind="thematic",
        theme="养老服务",
        deputies=[deputy],
    )
    reception_hold(reception=long, actor=clerk)
    assert list(station_months_without_reception(2026, 2)) == []


def test_half_a_working_day_is_four_hours_of_the_statutory_eight_hour_day(clerk, station, settings):
    assert settings.RECEPTION_MIN_MINUTES == 240
    with refused("reception_too_short") as refusal:
        schedule(clerk, station, dt.date(2026, 3, 4), (8, 30), (12, 29))
    assert "4" in str(refusal.value.detail)
    assert schedule(clerk, station, dt.date(2026, 3, 4), (8, 30), (12, 30)).pk


@time_machine.travel(NOW)
def test_the_desk_warns_of_a_month_whose_only_reception_has_no_deputy_on_it(client, clerk, station):
    schedule(clerk, station, dt.date(2026, 3, 18), deputies=[])
    client.login(username=clerk.username, password=PASSWORD)
    desk = client.get(reverse("stations:desk"))
    assert [s.pk for s in desk.context["missing_now"]] == [station.pk]


@time_machine.travel(NOW)
def test_a_reception_page_says_when_it_does_not_count_for_the_month(client, clerk, station, deputy):
    without = schedule(clerk, station, dt.date(2026, 3, 4), deputies=[])
    with_deputy = schedule(clerk, station, dt.date(2026, 3, 4), deputies=[deputy])
    client.login(username=clerk.username, password=PASSWORD)
    page = client.get(reverse("stations:reception", args=[without.pk]))
    assert page.context["counts_for_the_month"] is False
    assert "banner--warning" in page.content.decode()
    page = client.get(reverse("stations:reception", args=[with_deputy.pk]))
    assert page.context["counts_for_the_month"] is True
    assert "banner--warning" not in page.content.decode()


@time_machine.travel(NOW)
def test_the_deputies_of_other_congresses_who_came_are_recorded_when_it_is_held(api, client, clerk, station):
    by_page = schedule(clerk, station, dt.date(2026, 3, 4))
    by_api = schedule(clerk, station, dt.date(2026, 3, 5))
    client.login(username=clerk.username, password=PASSWORD)
    client.post(
        reverse("stations:reception-hold", args=[by_page.pk]),
        {"summary": "接待 5 人", "other_deputies": "乡人大代表 王芳"},
    )
    answer = api(clerk).post(
        f"/api/v1/receptions/{by_api.pk}/hold/", {"summary": "接待 5 人", "other_deputies": "乡人大代表 王芳"}
    )
    assert answer.status_code == 200
    assert answer.json()["other_deputies"] == "乡人大代表 王芳"
    for reception in (by_page, by_api):
        reception.refresh_from_db()
        assert (reception.status, reception.other_deputies) == ("held", "乡人大代表 王芳")
    assert list(station_months_without_reception(2026, 3)) == []
