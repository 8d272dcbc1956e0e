"""The period engine, on the real official calendar, without a database."""

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from congress.deadlines.calendar_seed import package_days
from congress.deadlines.periods import (
    CalendarSnapshot,
    Period,
    PeriodError,
    Unit,
    add_months,
    compute,
    parse_date,
)
from congress.deadlines.statutory import OBJECTION, REPLY

D = dt.date


def official_calendar() -> CalendarSnapshot:
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    years = package_days()
    for days in years.values():
        for date, (kind, name) in days.items():
            (holidays if kind == "holiday" else workdays)[date] = name
    return CalendarSnapshot(holidays=holidays, workdays=workdays, covered_years=frozenset(years))


CAL = official_calendar()


@pytest.mark.parametrize(
    ("start", "period", "raw_end", "due"),
    [
        # The spec's example: 3 months end on National Day, moved past the Golden Week.
        (D(2021, 7, 1), "3m", D(2021, 10, 1), D(2021, 10, 8)),
        # Month-end rule (art. 202): no 30 February, so the month's last day.
        (D(2021, 11, 30), "3m", D(2022, 2, 28), D(2022, 2, 28)),
        (D(2024, 1, 31), "1m", D(2024, 2, 29), D(2024, 2, 29)),  # leap year
        (D(2023, 11, 29), "3m", D(2024, 2, 29), D(2024, 2, 29)),
        # 2021-02-28 is a Sunday: rest day, moved to Monday.
        (D(2021, 1, 31), "1m", D(2021, 2, 28), D(2021, 3, 1)),
        (D(2022, 12, 31), "2m", D(2023, 2, 28), D(2023, 2, 28)),
        # An adjusted workday (Sunday 2021-04-25, before Labour Day) is a working day.
        (D(2021, 4, 20), "5d", D(2021, 4, 25), D(2021, 4, 25)),
        # Spring Festival 2021: 11–17 February off.
        (D(2021, 2, 6), "5d", D(2021, 2, 11), D(2021, 2, 18)),
        # National Day 2023: 29 Sep–6 Oct off; Saturday 7 October is an adjusted workday.
        (D(2023, 9, 24), "5d", D(2023, 9, 29), D(2023, 10, 7)),
        # An ordinary weekend.
        (D(2021, 6, 1), "4d", D(2021, 6, 5), D(2021, 6, 7)),
        (D(2021, 6, 1), "10d", D(2021, 6, 11), D(2021, 6, 11)),
        # Six months from a session's close (M§23).
        (D(2026, 1, 29), "6m", D(2026, 7, 29), D(2026, 7, 29)),
        # Corrected by the 2006 notice: Saturday 2005-12-31 was worked.
        (D(2005, 12, 26), "5d", D(2005, 12, 31), D(2005, 12, 31)),
    ],
)
def test_it_counts_periods_as_the_civil_code_does(start, period, raw_end, due):
    deadline = compute(start, Period.parse(period), CAL)
    assert deadline.raw_end == raw_end
    assert deadline.due == due
    assert not deadline.provisional


def test_working_days_skip_holidays_and_count_adjusted_workdays():
    # After Tue 2021-09-28: 29, 30 Sep; 1–7 Oct off; Fri 8 Oct; Sat 9 Oct (worked); Mon 11 Oct.
    deadline = compute(D(2021, 9, 28), Period.parse("5wd"), CAL)
    assert deadline.due == D(2021, 10, 11)


def test_an_extension_lengthens_the_same_period_and_shifts_once():
    # 3 + 3 months from 2021-04-01 ends on National Day; not 3 months from a shifted end.
    deadline = compute(D(2021, 4, 1), REPLY.period, CAL, rule=REPLY, extension=Period.parse("3m"))
    assert deadline.raw_end == D(2021, 10, 1)
    assert deadline.due == D(2021, 10, 8)
    assert deadline.period == Period(6, Unit.MONTHS)


def test_the_period_ends_at_midnight_beijing_time_after_its_last_day():
    deadline = compute(D(2021, 7, 1), Period.parse("3m"), CAL)
    assert deadline.ends_at.isoformat() == "2021-10-09T00:00:00+08:00"
    assert not deadline.is_over(dt.datetime(2021, 10, 8, 23, 59, 59, tzinfo=deadline.ends_at.tzinfo))
    assert deadline.is_over(deadline.ends_at)


def test_a_year_not_on_the_calendar_counts_weekends_only_and_is_provisional():
    cal = CalendarSnapshot(holidays=CAL.holidays, workdays=CAL.workdays, covered_years=frozenset({2026}))
    deadline = compute(D(2026, 12, 1), Period.parse("3m"), cal)
    assert deadline.due == D(2027, 3, 1)
    assert deadline.provisional
    assert deadline.uncovered_years == (2027,)


def test_a_deadline_inside_covered_years_is_not_provisional_even_if_later_years_are_missing():
    cal = CalendarSnapshot(holidays=CAL.holidays, workdays=CAL.workdays, covered_years=frozenset({2026}))
    assert not compute(D(2026, 9, 30), Period.parse("3m"), cal).provisional


def test_it_explains_the_deadline_in_chinese():
    deadline = compute(D(2021, 7, 1), REPLY.period, CAL, rule=REPLY)
    with translation.override("zh-hans"):
        assert deadline.explanation() == (
            "交办 2021-07-01；三个月（建议办法第二十八条）；期满 2021-10-01；"
            "2021-10-01 为法定休假日（国庆节），顺延至 2021-10-08"
        )


def test_it_explains_the_deadline_in_english():
    deadline = compute(D(2021, 7, 1), REPLY.period, CAL, rule=REPLY)
    with translation.override("en"):
        assert deadline.explanation() == (
            "Assigned 2021-07-01; 3 months (S§28); ends 2021-10-01; "
            "2021-10-01 is a statutory rest day (国庆节), moved to 2021-10-08"
        )


def test_it_names_an_ordinary_weekend_in_the_explanation():
    deadline = compute(D(2021, 6, 1), OBJECTION.period, CAL, rule=OBJECTION)
    with translation.override("zh-hans"):
        assert "2021-06-06 为法定休假日（星期日），顺延至 2021-06-07" in deadline.explanation()


def test_a_provisional_deadline_says_why():
    cal = CalendarSnapshot(covered_years=frozenset())
    with translation.override("zh-hans"):
        assert "暂定" in compute(D(2030, 1, 1), Period.parse("5d"), cal).explanation()


@pytest.mark.parametrize("text", ["0m", "-5d", "13x", "", "3", "m3", "5 days", "0wd"])
def test_it_refuses_a_malformed_period(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


@pytest.mark.parametrize("text", ["2021-02-30", "21-07-01", "2021/07/01", "1900-01-01", "", "tomorrow"])
def test_it_refuses_a_malformed_or_out_of_range_date(text):
    with pytest.raises(PeriodError):
        parse_date(text)


@pytest.mark.parametrize(
    ("day", "months", "end"),
    [(D(2021, 1, 31), 1, D(2021, 2, 28)), (D(2020, 1, 31), 1, D(2020, 2, 29)), (D(2021, 8, 31), 1, D(2021, 9, 30)),
     (D(2021, 12, 15), 1, D(2022, 1, 15)), (D(2021, 3, 31), 11, D(2022, 2, 28)), (D(2021, 5, 31), 24, D(2023, 5, 31))],
)  # fmt: skip
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, end):
    assert add_months(day, months) == end


starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2025, 6, 30))
periods = st.one_of(
    st.builds(Period, st.integers(1, 400), st.just(Unit.DAYS)),
    st.builds(Period, st.integers(1, 12), st.just(Unit.MONTHS)),
    st.builds(Period, st.integers(1, 60), st.just(Unit.WORKING_DAYS)),
)


@settings(max_examples=500, deadline=None)
@given(start=starts, period=periods)
def test_the_due_date_is_the_earliest_working_day_not_before_the_raw_end(start, period):
    deadline = compute(start, period, CAL)
    assert deadline.due >= deadline.raw_end
    assert not CAL.is_rest_day(deadline.due)
    day = deadline.raw_end
    while day < deadline.due:
        assert CAL.is_rest_day(day)
        day += dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(1, 60))
def test_a_working_day_period_contains_exactly_n_working_days(start, n):
    deadline = compute(start, Period(n, Unit.WORKING_DAYS), CAL)
    days = [start + dt.timedelta(days=i) for i in range(1, (deadline.due - start).days + 1)]
    assert sum(not CAL.is_rest_day(d) for d in days) == n
    assert not CAL.is_rest_day(deadline.due)
