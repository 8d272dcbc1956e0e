"""S§47 lists for the committee: per unit, overdue, unanswered and passed-around suggestions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import REPLY
from suggestions.reports import accountability
from suggestions.workflow import AssignmentStatus, Role
from tests.suggestions.follow_up import at, make_assignment, make_suggestion, sheet

pytestmark = pytest.mark.django_db
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

    owed(education, D(2026, 2, 1), D(2026, 5, 6))  # overdue and unanswered
    owed(education, D(2026, 3, 2), D(2026, 9, 2), extended=True)  # unanswered only: three months over
    owed(
        education, D(2026, 1, 5), D(2026, 4, 7), status=AssignmentStatus.REHANDLING,
        rehandling_on=D(2026, 5, 15), rehandling_due=D(2026, 6, 15),
    )  # fmt: skip  # overdue: the month of re-handling is over
    owed(education, D(2026, 1, 5), D(2026, 4, 7), status=AssignmentStatus.REPLIED)
    owed(education, D(2026, 1, 5), D(2026, 3, 5), role=Role.CO)
    # An objection rejected: the unit handles it, nothing is passed around.
    owed(
        education, D(2026, 4, 10), D(2026, 7, 10), objection_reason="不属于本单位", objected_on=D(2026, 4, 12)
    )
    # One suggestion passed from 教育厅 to 交通厅 to 卫生健康委 on objections; the last one is late.
    passed = make_suggestion(lead=lead, area=area, staff=staff, title="关于推来推去的建议")
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
    with django_assert_max_num_queries(1):
        table = accountability.accountability_table(TODAY)
    rows = [(r.unit, r.overdue, r.unanswered, r.objected, r.passed) for r in table]
    assert rows == [
        ("省教育厅", 2, 2, 1, 1),
        ("省卫生健康委员会", 1, 1, 0, 0),
        ("省交通运输厅", 0, 0, 1, 1),
    ]


def test_the_year_of_assignment_narrows_the_table(units_behaving):
    assert accountability.accountability_table(TODAY, 2025) == []
    assert len(accountability.accountability_table(TODAY, 2026)) == 3


def test_the_committee_opens_each_count_and_exports_it(
    client, units_behaving, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    with at(2026, 7, 1), django_assert_max_num_queries(8):
        html = client.get(reverse("suggestions:accountability")).content.decode()
    with at(2026, 7, 1):
        assert "省教育厅" in html and "第四十七条" in html
        response = client.get(
            reverse("suggestions:accountability-items"),
            {"kind": "overdue", "unit": units_behaving["education"].pk},
        )
        assert "承办单位：省教育厅" in response.context["summary"]
        assert [a.assigned_on for a, _clock in response.context["rows"]] == [D(2026, 1, 5), D(2026, 2, 1)]
        passed = client.get(reverse("suggestions:accountability-items"), {"kind": "passed"})
        assert {a.unit.name for a, _clock in passed.context["rows"]} == {"省教育厅", "省交通运输厅"}
        export = client.get(
            reverse("suggestions:accountability-items"), {"kind": "unanswered", "export": "xlsx"}
        )
        table = client.get(reverse("suggestions:accountability"), {"export": "xlsx"})
    rows = sheet(export)
    assert len(rows) == 1 + 3  # 教育厅 twice, 卫生健康委 once
    summary = sheet(table)
    assert summary[1] == ("省教育厅", 2, 2, 1, 1)


def test_the_lists_are_the_committees(client, units_behaving, units, lead):
    for user in [units["unit1"], lead.user]:
        client.force_login(user)
        assert client.get(reverse("suggestions:accountability")).status_code == 403
        assert client.get(reverse("suggestions:accountability-items")).status_code == 403
