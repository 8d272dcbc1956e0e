"""The yearly commitments report (S§32, S§45): per unit, promised, fulfilled, overdue, open;
units see their own, deputies those of their suggestions, the committee all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from congress.roles import Role
from suggestions.models import Commitment, CommitmentProgress
from suggestions.reports import commitments
from tests.conftest import BEIJING
from tests.suggestions.follow_up import at, make_assignment, make_reply, make_suggestion, sheet

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
    assert ("省教育厅", 4, 2, 1, 1, 1) in rows
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
    assert _table(client, lead.user, year=2026).context["totals"]["due"] == 5
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
