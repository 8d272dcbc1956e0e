"""The public league table of handling units by on-time replies (issue 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from suggestions.reports import disclosure
from suggestions.services.handling import assignment_decide_extension, assignment_request_extension
from suggestions.workflow import AssignmentStatus, Role
from tests.conftest import BEIJING
from tests.suggestions.follow_up import (
    at,
    make_assignment,
    make_reply,
    make_suggestion,
    reply_through_services,
    sheet,
)

pytestmark = pytest.mark.django_db
# On PostgreSQL the table first reads the data's version (kept with the statistics, test_statistics_cache).
VERSION = 1 if connection.vendor == "postgresql" else 0
D = dt.date
TODAY = D(2026, 7, 1)


def beijing(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BEIJING)


@pytest.fixture
def year_of_replies(lead, area, staff, units, make_unit):
    """Three units' replies due in 2026 (and a few that must not count)."""
    education, transport = units["education"], units["transport"]
    health = make_unit("省卫生健康委员会")
    people = {"head": units["unit1head"], "clerk": units["unit1"]}

    def owed(unit, due, *, role=Role.SOLE, status=AssignmentStatus.HANDLING):
        s = make_suggestion(lead=lead, area=area, staff=staff)
        return make_assignment(
            s,
            unit,
            staff=staff,
            assigned_on=due - dt.timedelta(days=90),
            reply_due=due,
            role=role,
            status=status,
        )

    make_reply(owed(education, D(2026, 3, 10)), approved_at=beijing(2026, 3, 9, 16), **people)  # on time
    # 23:00 in Beijing on the due date: on time, whatever the UTC date says.
    make_reply(owed(education, D(2026, 3, 10)), approved_at=beijing(2026, 3, 10, 23), **people)
    # 00:30 in Beijing the day after is 16:30 UTC on the due date: late.
    make_reply(owed(education, D(2026, 3, 10)), approved_at=beijing(2026, 3, 11, 0, 30), **people)
    owed(education, D(2026, 5, 1))  # overdue, no reply
    owed(education, D(2026, 9, 1))  # not yet due
    # Re-handled: judged by the first reply, on time, not by the second one in June.
    rehandled = owed(education, D(2026, 4, 1))
    make_reply(rehandled, approved_at=beijing(2026, 3, 30, 9), **people)
    make_reply(rehandled, approved_at=beijing(2026, 6, 10, 9), round=2, **people)
    # Not counted: a co unit (it owes the lead its opinion), a unit the suggestion moved away
    # from, a withdrawn suggestion, a reply due in another year.
    owed(education, D(2026, 5, 1), role=Role.CO)
    owed(education, D(2026, 5, 1), status=AssignmentStatus.REASSIGNED)
    owed(education, D(2026, 5, 1), status=AssignmentStatus.WITHDRAWN)
    make_reply(owed(education, D(2025, 12, 31)), approved_at=beijing(2026, 1, 5, 9), **people)

    make_reply(owed(health, D(2026, 2, 2), role=Role.SPLIT), approved_at=beijing(2026, 1, 20, 9), **people)
    owed(transport, D(2026, 10, 9), role=Role.LEAD)
    return {"education": education, "health": health, "transport": transport}


def test_each_unit_is_counted_on_time_late_overdue_and_not_yet_due(year_of_replies):
    records = {r.unit: r for r in disclosure.unit_league(2026, TODAY)}
    education = records["省教育厅"]
    assert (education.due, education.on_time, education.late, education.overdue, education.not_yet_due) == (
        6, 3, 1, 1, 1,
    )  # fmt: skip
    assert education.percent == "60.0"
    assert (records["省卫生健康委员会"].due, records["省卫生健康委员会"].percent) == (1, "100.0")
    transport = records["省交通运输厅"]
    assert transport.not_yet_due == 1 and transport.rate is None


def test_the_best_rate_comes_first_and_units_with_nothing_due_yet_last(year_of_replies):
    assert [r.unit for r in disclosure.unit_league(2026, TODAY)] == [
        "省卫生健康委员会",
        "省教育厅",
        "省交通运输厅",
    ]


def test_another_year_counts_only_its_own_due_dates(year_of_replies):
    [education] = disclosure.unit_league(2025, TODAY)
    assert (education.unit, education.due, education.late) == ("省教育厅", 1, 1)


def test_the_table_is_one_query(year_of_replies, django_assert_num_queries):
    with django_assert_num_queries(1 + VERSION):
        disclosure.unit_league(2026, TODAY)


def test_the_bars_stack_the_shares_of_the_counted_replies(year_of_replies):
    education = next(r for r in disclosure.unit_league(2026, TODAY) if r.unit == "省教育厅")
    assert education.bars == [("on_time", 0.0, 60.0), ("late", 60.0, 20.0), ("overdue", 80.0, 20.0)]


def test_a_reply_through_the_services_is_judged_by_its_beijing_date(assigned, units):
    """Assigned 2 March 2026, due 2 June; signed off at 23:30 and at 00:30 Beijing time."""
    with at(2026, 3, 2):
        first, second = assigned(), assigned(title="关于第二件事的建议")
    assert first.reply_due == D(2026, 6, 2)
    people = {"clerk": units["unit1"], "head": units["unit1head"]}
    reply_through_services(first, when=beijing(2026, 6, 2, 23, 30), **people)
    reply_through_services(second, when=beijing(2026, 6, 3, 0, 30), **people)
    [record] = disclosure.unit_league(2026, TODAY)
    assert (record.on_time, record.late) == (1, 1)


def test_an_extended_reply_counts_in_the_year_of_its_extended_due_date(assigned, units, staff):
    with at(2026, 8, 3):
        assignment = assigned()
    with at(2026, 9, 1):
        assignment_request_extension(assignment=assignment, actor=units["unit1"], reason="情况复杂")
        assignment_decide_extension(assignment=assignment, actor=staff, approve=True, reason="同意")
    assignment.refresh_from_db()
    assert assignment.reply_due.year == 2027
    assert disclosure.unit_league(2026, TODAY) == []
    [record] = disclosure.unit_league(2027, TODAY)
    assert record.not_yet_due == 1


def test_the_public_page_explains_the_count_draws_the_bars_and_exports(
    client, year_of_replies, django_assert_max_num_queries
):
    with at(2026, 7, 1), django_assert_max_num_queries(2 + VERSION):  # the term's first year, the table
        response = client.get(reverse("public:units"), {"year": 2026})
    with at(2026, 7, 1):
        html = response.content.decode()
        assert response.status_code == 200
        assert "60.0%" in html and "100.0%" in html
        assert '<rect class="bar--on_time" x="0.00" y="0" width="60.00"' in html
        assert "按时答复率" in html and "第二十八条" in html
        export = client.get(reverse("public:units"), {"year": 2026, "export": "xlsx"})
    rows = sheet(export)
    assert rows[1] == ("省卫生健康委员会", 1, 1, 0, 0, 0, "100.0")
    assert rows[2] == ("省教育厅", 6, 3, 1, 1, 1, "60.0")


def test_the_years_run_from_the_first_term_to_next_year(congress_term):
    assert disclosure.portal_years(TODAY) == [2027, 2026, 2025, 2024, 2023]


def test_the_page_defaults_to_this_year_and_ignores_a_year_it_does_not_know(client, year_of_replies):
    with at(2026, 7, 1):
        assert client.get(reverse("public:units")).context["year"] == 2026
        assert client.get(reverse("public:units"), {"year": "1999"}).context["year"] == 2026
        assert client.get(reverse("public:units"), {"year": "x"}).context["year"] == 2026
