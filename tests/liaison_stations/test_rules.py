"""Rules of the measures that need no database."""

import datetime as dt

import pytest

from liaison_stations.rules import (
    attachment_basis_allowed,
    month_bounds,
    months_due,
    reception_times_problem,
    redact,
)
from tests.liaison_stations.conftest import at

DAY = dt.date(2026, 3, 4)


def test_a_provincial_deputy_is_attached_where_elected_only_in_that_city():
    assert attachment_basis_allowed("太原市人民代表大会", "太原", "constituency")
    assert not attachment_basis_allowed("大同市人民代表大会", "太原", "constituency")


def test_a_deputy_may_be_attached_where_they_work_or_live_anywhere():
    assert attachment_basis_allowed("大同市人民代表大会", "太原", "workplace")
    assert attachment_basis_allowed("解放军选举委员会", "太原", "residence")
    assert not attachment_basis_allowed("解放军选举委员会", "太原", "constituency")


def test_a_reception_of_four_hours_is_half_a_working_day():
    assert reception_times_problem(at(DAY, 8, 30), at(DAY, 12, 30)) is None


def test_a_three_hour_morning_is_too_short():
    assert reception_times_problem(at(DAY, 9), at(DAY, 12)) == "reception_too_short"


def test_the_committee_can_set_another_length(settings):
    settings.RECEPTION_MIN_MINUTES = 180
    assert reception_times_problem(at(DAY, 9), at(DAY, 12)) is None


def test_a_reception_over_midnight_is_refused():
    assert reception_times_problem(at(DAY, 22), at(DAY + dt.timedelta(days=1), 3)) == "reception_not_one_day"


def test_a_month_is_due_only_once_it_has_ended():
    assert months_due(2026, dt.date(2026, 4, 30)) == [1, 2, 3]
    assert months_due(2026, dt.date(2026, 5, 1)) == [1, 2, 3, 4]
    assert months_due(2025, dt.date(2026, 5, 1)) == list(range(1, 13))


def test_months_before_the_station_opened_are_not_due():
    assert months_due(2026, dt.date(2026, 7, 1), established_on=dt.date(2026, 3, 15)) == [3, 4, 5, 6]


def test_december_bounds_reach_into_january():
    assert month_bounds(2026, 12) == (dt.date(2026, 12, 1), dt.date(2027, 1, 1))


def test_the_visitor_s_name_and_phone_are_masked_in_public_text():
    text = "王秀英（电话 13912345678）反映坞城路 8 号院积水，已于 2026-03-04 修复。"
    public = redact(text, ["王秀英", "13912345678", "坞城路 8 号院"])
    assert "王秀英" not in public
    assert "13912345678" not in public
    assert "坞城路 8 号院" not in public
    assert "2026-03-04" in public  # dates are kept


@pytest.mark.parametrize("number", ["13800001111", "0351-7011234", "140105199001011234"])
def test_any_phone_or_id_number_is_masked_whoever_it_belongs_to(number):
    assert number not in redact(f"请联系 {number} 了解", [])
