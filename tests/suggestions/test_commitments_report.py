"""The yearly commitments report (S§25(2), S§32, S§45): per unit and year of the reply letter,
promised, fulfilled, overdue, open, and late yearly progress reports; units see their own,
deputies those of their suggestions, the committee all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from congress.roles import Role
from suggestions.models import Commitment, CommitmentProgress
from suggestions.reminders import commitment_progress_due_on
from suggestions.reports import commitments
from suggestions.services.follow_up import commitment_progress
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
D = dt.date
TODAY = D(2026, 7, 1)


@pytest.fixture
def ledger(lead, area, staff, units):
    def promise(unit, promised, done_on=None, text="改造乡村学校"):
        s = make_suggestion(lead=lead, area=area, staff=staff, title=f"关于{text}的建议")
        a = make_assignment(s, unit, staff=staff, assigned_on=D(2025, 9, 1), reply_due=D(2025, 12, 1))
        reply = make_reply(
            a, approved_at=dt.datetime(2025, 11, 20, 10, tzinfo=BEIJING), head=units["unit1head"], clerk=units["unit1"],
            category="B", plan=text, path="专项资金", completion_date=promised,
        )  # fmt: skip
        return Commitment.objects.create(reply=reply, text=text, promised_date=promised, done_on=done_on)

    education, transport = units["education"], units["transport"]
    return {
        "on_time": promise(education, D(2026, 3, 1), D(2026, 2, 20)),
        "late": promise(education, D(2026, 3, 1), D(2026, 3, 10)),
        "overdue": promise(education, D(2026, 5, 1), text="新建食堂"),
        "open": promise(education, D(2026, 9, 1)),
        "next_year": promise(education, D(2027, 2, 1)),
        "roads": promise(transport, D(2026, 6, 1), text="硬化村道"),
    }


def test_each_unit_is_counted_for_the_year_of_its_promised_dates(ledger, django_assert_num_queries):
    scope = Commitment.objects.filter(promised_date__year=2026)
    with django_assert_num_queries(1):
        table = commitments.commitment_table(scope, TODAY)
    rows = {(r.unit, r.due, r.done, r.done_late, r.overdue, r.open) for r in table}
    assert rows == {("省教育厅", 4, 2, 1, 1, 1), ("省交通运输厅", 1, 0, 0, 1, 0)}


def _table(client, user, **query):
    client.force_login(user)
    with at(2026, 7, 1):
        return client.get(reverse("suggestions:commitments"), query)


def test_the_committee_sees_every_unit_and_exports(client, ledger, staff, django_assert_max_num_queries):
    client.force_login(staff)
    with at(2026, 7, 1), django_assert_max_num_queries(8):
        response = client.get(reverse("suggestions:commitments"), {"year": 2026})
    assert {r.unit for r in response.context["table"]} == {"省教育厅", "省交通运输厅"}
    assert response.context["totals"]["overdue"] == 2
    export = _table(client, staff, year=2026, export="xlsx")
    rows = sheet(export)
    # The report counted the commitments promised for 2026 (4 of 教育厅's). S§45 reports by the
    # reply letter: the 2026 report covers the 2025 letters, all five of 教育厅's promises, and
    # the yearly progress report on each (S§25(2)) is not late yet: the statute wins.
    assert ("省教育厅", 2025, 5, 2, 1, 1, 2, 0) in rows
    every_year = _table(client, staff, year="")
    assert every_year.context["totals"]["due"] == 6


def test_a_unit_sees_its_own_commitments_only(client, ledger, units):
    response = _table(client, units["unit2"], year=2026)
    assert [r.unit for r in response.context["table"]] == ["省交通运输厅"]
    assert client.get(reverse("suggestions:commitment", args=[ledger["overdue"].pk])).status_code == 404
    items = client.get(reverse("suggestions:commitment-items"))
    assert [c.text for c in items.context["rows"]] == ["硬化村道"]
    assert "unit" not in items.context["filter"].form.fields


def test_a_deputy_sees_the_commitments_of_their_own_suggestions(client, ledger, lead, make_deputy):
    # Five promised for 2026 before; the 2026 report covers the 2025 letters, all six (S§45).
    assert _table(client, lead.user, year=2026).context["totals"]["due"] == 6
    other = make_deputy("王芳")
    assert _table(client, other.user, year=2026).context["table"] == []
    assert client.get(reverse("suggestions:commitment", args=[ledger["overdue"].pk])).status_code == 404


def test_people_without_a_part_in_handling_are_refused(client, ledger, make_user):
    client.force_login(make_user("station1", Role.STATION_STAFF))
    assert client.get(reverse("suggestions:commitments")).status_code == 403
    assert client.get(reverse("suggestions:commitment-items")).status_code == 403


def test_the_list_drills_down_by_state_and_shows_the_latest_report(client, ledger, staff, units):
    CommitmentProgress.objects.create(
        commitment=ledger["overdue"], text="已完成选址", reported_by=units["unit1"],
        reported_at=dt.datetime(2026, 4, 2, 9, tzinfo=BEIJING),
    )  # fmt: skip
    client.force_login(staff)
    with at(2026, 7, 1):
        response = client.get(reverse("suggestions:commitment-items"), {"state": "overdue", "year": 2026})
        html = response.content.decode()
    assert [c.text for c in response.context["rows"]] == ["新建食堂", "硬化村道"]
    assert "2026年4月2日" in html
    assert "逾期" in html


def test_the_commitment_page_shows_its_progress_and_sends_the_unit_to_report(client, ledger, units, lead):
    commitment = ledger["open"]
    url = reverse("suggestions:commitment", args=[commitment.pk])
    progress = reverse("suggestions:commitment-progress", args=[commitment.pk])
    client.force_login(lead.user)
    assert progress not in client.get(url).content.decode()  # a deputy reads, the unit reports
    client.force_login(units["unit1"])
    assert progress in client.get(url).content.decode()
    with at(2026, 7, 1):
        client.post(progress, {"text": "已全部完工", "done": "on"})
    commitment.refresh_from_db()
    assert commitment.done_on == TODAY
    html = client.get(url).content.decode()
    assert "已全部完工" in html and progress not in html  # fulfilled: nothing more to report


def test_the_fourth_quarter_report_covers_this_years_and_last_years_reply_letters(lead, area, staff, units):
    """S§45: 报告应当包括当年代表所提建议…的办理情况，当年和上一年答复函中承诺解决事项的落实情况."""
    for letter in (2024, 2025, 2026):
        s = make_suggestion(lead=lead, area=area, staff=staff, title=f"{letter}年答复的建议")
        a = make_assignment(
            s, units["education"], staff=staff, assigned_on=D(letter, 3, 1), reply_due=D(letter, 6, 1)
        )
        reply = make_reply(
            a, approved_at=dt.datetime(letter, 12, 31, 23, tzinfo=BEIJING), head=units["unit1head"], clerk=units["unit1"],
            category="B", plan="计划", path="路径", completion_date=D(2027, 6, 30),
        )  # fmt: skip
        Commitment.objects.create(reply=reply, text=f"{letter}年的承诺", promised_date=D(2027, 6, 30))
    table = commitments.commitment_table(commitments.in_report_of(Commitment.objects.all(), 2026), TODAY)
    assert [(r.letter_year, r.due) for r in table] == [(2026, 1), (2025, 1)]


def test_each_commitment_is_reported_on_every_year(assigned, units, django_capture_on_commit_callbacks):
    """S§25(2): 所提问题已经列入工作计划、规划的…按年度报告办理进展情况; S§32: 承诺解决事项的办理进展和
    落实情况应当及时向代表通报."""
    with at(2026, 3, 2):
        a = assigned()
    reply = reply_through_services(
        a, clerk=units["unit1"], head=units["unit1head"], category="B", body="列入计划", plan="新建校舍",
        path="专项资金", completion_date=D(2028, 9, 1), when=dt.datetime(2026, 4, 1, 10, tzinfo=BEIJING),
    )  # fmt: skip
    commitment = reply.commitments.get()
    assert commitment.progress_due == D(2027, 4, 1)  # twelve months after the reply letter
    assert [item.object_id for item in commitment_progress_due_on([D(2027, 4, 1)])] == [commitment.pk]
    late = commitments.commitment_table(Commitment.objects.all(), D(2027, 4, 2))
    assert [r.progress_late for r in late] == [1]
    with at(2027, 3, 15):
        commitment_progress(commitment=commitment, actor=units["unit1"], text="已完成选址")
    commitment.refresh_from_db()
    assert commitment.progress_due == D(2028, 3, 15)  # the next year's report
    assert commitments.commitment_table(Commitment.objects.all(), D(2027, 4, 2))[0].progress_late == 0
