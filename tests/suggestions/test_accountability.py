"""S§47 lists for the committee: per unit, what the article names — suggestions left unhandled past
the deadline (逾期不办), late without good reason, and passed on (推诿) — and nothing the measures allow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import REPLY
from suggestions.reports import accountability
from suggestions.workflow import AssignmentStatus, Role
from tests.suggestions.follow_up import at, make_assignment, make_suggestion, sheet

pytestmark = pytest.mark.django_db
# On PostgreSQL the table first reads the data's version (kept with the statistics, test_statistics_cache).
VERSION = 1 if connection.vendor == "postgresql" else 0
D = dt.date
TODAY = D(2026, 7, 1)


def test_the_reply_period_cutoff_is_the_last_assignment_day_whose_three_months_are_over(db):
    assert accountability.reply_period_cutoff(TODAY) == D(2026, 3, 31)  # due 30 June, a Tuesday
    for offset in range(0, 400, 7):
        today = D(2026, 1, 1) + dt.timedelta(days=offset)
        cutoff = accountability.reply_period_cutoff(today)
        assert deadline(REPLY, cutoff).due < today <= deadline(REPLY, cutoff + dt.timedelta(days=1)).due


def test_a_period_ending_in_the_may_holidays_moves_the_cutoff(db):
    # Assigned 1–5 February 2026: the three months end in the Labour Day holidays and run on.
    due = deadline(REPLY, D(2026, 2, 3)).due
    assert due > D(2026, 5, 5)
    assert accountability.reply_period_cutoff(due) < D(2026, 2, 1)


@pytest.fixture
def units_behaving(lead, area, staff, units, make_unit):
    education, transport = units["education"], units["transport"]
    health = make_unit("省卫生健康委员会")

    def owed(unit, assigned_on, reply_due, **extra):
        s = extra.pop("suggestion", None) or make_suggestion(lead=lead, area=area, staff=staff)
        return make_assignment(s, unit, staff=staff, assigned_on=assigned_on, reply_due=reply_due, **extra)

    owed(education, D(2026, 2, 1), D(2026, 5, 6))  # overdue, and late without good reason
    # An approved extension (S§28): its six months run to September; nothing is late.
    owed(education, D(2026, 3, 2), D(2026, 9, 2), extended=True)
    # Extended, and its six months are over too: overdue; the extension was its good reason only
    # until then.
    owed(education, D(2025, 10, 9), D(2026, 4, 9), extended=True)
    owed(
        education, D(2026, 1, 5), D(2026, 4, 7), status=AssignmentStatus.REHANDLING,
        rehandling_on=D(2026, 5, 15), rehandling_due=D(2026, 6, 15),
    )  # fmt: skip  # overdue: the month of re-handling is over
    owed(education, D(2026, 1, 5), D(2026, 4, 7), status=AssignmentStatus.REPLIED)
    owed(education, D(2026, 1, 5), D(2026, 3, 5), role=Role.CO)
    # An objection not upheld: the assigning body kept it with the unit (S§20): passed on.
    owed(
        education, D(2026, 4, 10), D(2026, 7, 10), objection_reason="不属于本单位", objected_on=D(2026, 4, 12),
        objection_decision="属于本单位职责",
    )  # fmt: skip
    # An objection awaiting the assigning body, past the reply date: the unit is not blamed.
    owed(
        transport, D(2026, 2, 2), D(2026, 5, 6), status=AssignmentStatus.OBJECTED, objection_reason="不属于本单位",
        objected_on=D(2026, 2, 4), reassignment_due=D(2026, 2, 14),
    )  # fmt: skip
    # One suggestion moved from 教育厅 to 交通厅 to 卫生健康委 on objections the assigning body
    # upheld (S§20): lawful, counted nowhere. The last unit is late.
    passed = make_suggestion(lead=lead, area=area, staff=staff, title="关于转来转去的建议")
    moved = {
        "status": AssignmentStatus.REASSIGNED,
        "objection_reason": "不属于本单位职责",
        "suggestion": passed,
    }
    owed(
        education,
        D(2026, 1, 5),
        D(2026, 4, 7),
        objected_on=D(2026, 1, 8),
        reassignment_due=D(2026, 1, 18),
        **moved,
    )
    owed(
        transport,
        D(2026, 1, 12),
        D(2026, 4, 13),
        objected_on=D(2026, 1, 14),
        reassignment_due=D(2026, 1, 24),
        **moved,
    )
    owed(health, D(2026, 1, 20), D(2026, 4, 20), suggestion=passed)
    # Re-routed after a deputy disagreed (S§21): no objection, not the unit passing it on.
    owed(transport, D(2026, 1, 5), D(2026, 4, 7), status=AssignmentStatus.REASSIGNED)
    return {"education": education, "transport": transport, "health": health}


def test_each_unit_is_counted_in_one_query_the_worst_first(units_behaving, django_assert_max_num_queries):
    accountability.reply_period_cutoff(TODAY)  # the calendar is read once per process
    with django_assert_max_num_queries(1 + VERSION):
        table = accountability.accountability_table(TODAY)
    rows = [(r.unit, r.overdue, r.unanswered, r.passed) for r in table]
    # This test counted an approved extension as unanswered and the upheld objections as
    # "objected" and "passed around". S§47 names 逾期不办, 推诿 and lateness without good reason;
    # an approved extension (S§28) and an upheld objection (S§20) are lawful: the statute wins.
    assert rows == [("省教育厅", 3, 1, 1), ("省卫生健康委员会", 1, 1, 0)]


def test_an_approved_extension_is_not_counted_as_not_answered_in_time(lead, area, staff, units):
    """S§28: 情况复杂确实不能按时答复代表的…经交办机构同意，可以延长三个月; S§47(3) counts only what
    is late 无正当理由."""
    s = make_suggestion(lead=lead, area=area, staff=staff)
    make_assignment(
        s, units["education"], staff=staff, assigned_on=D(2026, 3, 2), reply_due=D(2026, 9, 2), extended=True
    )
    assert accountability.accountability_table(TODAY) == []


def test_an_upheld_objection_is_not_counted_as_passing_the_suggestion_on(lead, area, staff, units):
    """S§20: 承办单位认为…不属于本单位职责范围的，应当…书面向交办机构说明情况…交办机构应当…重新确定承办
    单位. Upheld, the objection is the measures' own way; only one not upheld is 推诿 (S§47(2))."""
    s = make_suggestion(lead=lead, area=area, staff=staff)
    make_assignment(
        s, units["education"], staff=staff, assigned_on=D(2026, 5, 4), reply_due=D(2026, 8, 4),
        status=AssignmentStatus.REASSIGNED, objection_reason="不属于本单位", objected_on=D(2026, 5, 6),
    )  # fmt: skip
    assert accountability.accountability_table(TODAY) == []


def test_the_year_of_assignment_narrows_the_table(units_behaving):
    assert [r.unit for r in accountability.accountability_table(TODAY, 2025)] == ["省教育厅"]
    assert len(accountability.accountability_table(TODAY, 2026)) == 2


def test_the_committee_opens_each_count_and_exports_it(
    client, units_behaving, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    with at(2026, 7, 1), django_assert_max_num_queries(9):
        html = client.get(reverse("suggestions:accountability")).content.decode()
    with at(2026, 7, 1):
        assert "省教育厅" in html and "第四十七条" in html
        response = client.get(
            reverse("suggestions:accountability-items"),
            {"kind": "overdue", "unit": units_behaving["education"].pk},
        )
        assert "承办单位：省教育厅" in response.context["summary"]
        assert [a.assigned_on for a, _clock in response.context["rows"]] == [
            D(2025, 10, 9), D(2026, 1, 5), D(2026, 2, 1)
        ]  # fmt: skip
        passed = client.get(reverse("suggestions:accountability-items"), {"kind": "passed"})
        assert [a.objection_decision for a, _clock in passed.context["rows"]] == ["属于本单位职责"]
        export = client.get(
            reverse("suggestions:accountability-items"), {"kind": "unanswered", "export": "xlsx"}
        )
        table = client.get(reverse("suggestions:accountability"), {"export": "xlsx"})
    rows = sheet(export)
    assert len(rows) == 1 + 2  # 教育厅 once, 卫生健康委 once
    summary = sheet(table)
    assert summary[1] == ("省教育厅", 3, 1, 1)


def test_the_lists_are_the_committees(client, units_behaving, units, lead):
    for user in [units["unit1"], lead.user]:
        client.force_login(user)
        assert client.get(reverse("suggestions:accountability")).status_code == 403
        assert client.get(reverse("suggestions:accountability-items")).status_code == 403
