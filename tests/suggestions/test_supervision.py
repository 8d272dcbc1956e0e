"""Key suggestions for their supervisors (S§39–S§41): what each unit promised, what is late,
what the deputies rated; a supervising body opens its own key suggestions and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.models import Organisation
from congress.roles import Role
from suggestions.models import KeyNote
from suggestions.permissions import visible_suggestions
from suggestions.services.evaluation import suggestion_evaluate
from suggestions.services.key_handling import suggestion_mark_key
from suggestions.workflow import Role as UnitRole
from tests.conftest import BEIJING
from tests.suggestions.follow_up import assign_on, at, handle_in_person, reply_through_services, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(make_user):
    culture = Organisation.objects.create(
        name="教育科学文化卫生委员会", kind=Organisation.Kind.SPECIAL_COMMITTEE
    )
    budget = Organisation.objects.create(name="预算工作委员会", kind=Organisation.Kind.WORKING_BODY)
    return {
        "culture": culture,
        "budget": budget,
        "super1": make_user("super1", Role.SUPERVISOR, organisation=culture, name="赵督办"),
        "super2": make_user("super2", Role.SUPERVISOR, organisation=budget, name="钱督办"),
    }


@pytest.fixture
def keys(file_suggestion, staff, units, bodies, lead):
    """Three suggestions assigned on 2 March 2026: two key ones, supervised by different
    bodies, and an ordinary one. The first is replied (category B) and rated unsatisfied."""
    schools, roads, other = (
        file_suggestion(title="关于改善乡村学校的建议"),
        file_suggestion(title="关于改善农村公路的建议"),
        file_suggestion(title="关于普通事项的建议"),
    )
    [school_unit] = assign_on(dt.date(2026, 3, 2), schools, [(units["education"], UnitRole.SOLE)], staff)
    assign_on(
        dt.date(2026, 3, 2), roads,
        [(units["transport"], UnitRole.SPLIT), (units["education"], UnitRole.SPLIT)], staff,
    )  # fmt: skip
    assign_on(dt.date(2026, 3, 2), other, [(units["education"], UnitRole.SOLE)], staff)
    with at(2026, 3, 10):
        for s, body in [(schools, bodies["culture"]), (roads, bodies["budget"])]:
            suggestion_mark_key(
                suggestion=s, actor=staff, ground=1, grounds_text="本省中心工作", supervising_body=body,
                supervising_leader="孙副主任", leading_official="周副省长", approved_on=dt.date(2026, 3, 9),
            )  # fmt: skip
    with at(2026, 5, 20):
        handle_in_person(school_unit, units["unit1"])  # S§37
    reply_through_services(
        school_unit, clerk=units["unit1"], head=units["unit1head"], category="B", body="纳入计划。",
        plan="分批改造", path="专项资金", completion_date=dt.date(2027, 6, 30),
        when=dt.datetime(2026, 5, 20, 10, tzinfo=BEIJING),
    )  # fmt: skip
    with at(2026, 5, 25):
        suggestion_evaluate(suggestion=schools, actor=lead.user, rating="unsatisfied", comment="进度太慢")
    return {"schools": schools, "roads": roads, "other": other}


def test_a_supervisor_opens_the_key_suggestions_its_body_supervises_and_nothing_else(
    client, api, keys, bodies
):
    assert set(visible_suggestions(bodies["super1"])) == {keys["schools"]}
    assert set(visible_suggestions(bodies["super2"])) == {keys["roads"]}
    client.force_login(bodies["super1"])
    page = client.get(reverse("suggestions:detail", args=[keys["schools"].pk])).content.decode()
    assert reverse("suggestions:key-detail", args=[keys["schools"].pk]) in page  # on to the supervision
    assert client.get(reverse("suggestions:detail", args=[keys["roads"].pk])).status_code == 404
    assert client.get(reverse("suggestions:detail", args=[keys["other"].pk])).status_code == 404
    listed = api(bodies["super1"]).get("/api/v1/suggestions/").json()
    assert [row["id"] for row in listed["results"]] == [keys["schools"].pk]


def test_a_supervisor_with_no_body_sees_nothing(make_user, keys):
    assert not visible_suggestions(make_user("loose", Role.SUPERVISOR)).exists()


def _list(client, user, **query):
    client.force_login(user)
    with at(2026, 7, 1):
        return client.get(reverse("suggestions:key-list"), query)


def test_the_supervisors_list_shows_promises_lateness_and_ratings(client, keys, bodies):
    response = _list(client, bodies["super1"])
    html = response.content.decode()
    assert "关于改善乡村学校的建议" in html and "关于改善农村公路的建议" not in html
    assert "分批改造" in html and "2027年6月30日" in html  # what the unit promised
    assert "不满意" in html
    glance = response.context["glance"]
    assert (glance.total, glance.replied, glance.late, glance.unsatisfied) == (1, 1, 0, 1)
    assert "supervising_body" not in response.context["filter"].form.fields


def test_the_committee_sees_every_key_suggestion_and_what_is_late(client, keys, staff, bodies):
    response = _list(client, staff)
    glance = response.context["glance"]
    # The roads suggestion was due on 2 June and nobody has replied.
    assert (glance.total, glance.replied, glance.late, glance.unsatisfied) == (2, 1, 1, 1)
    assert glance.ratings == {"satisfied": 0, "basically_satisfied": 0, "unsatisfied": 1}
    late = _list(client, staff, late="true").context["rows"]
    assert [row.key.suggestion for row in late] == [keys["roads"]]
    assert [row.key.suggestion for row in _list(client, staff, unsatisfied="true").context["rows"]] == [
        keys["schools"]
    ]
    by_body = _list(client, staff, supervising_body=bodies["budget"].pk).context["rows"]
    assert [row.key.suggestion for row in by_body] == [keys["roads"]]
    [roads] = late
    assert {p.assignment.unit.name for p in roads.parts if p.late} == {"省教育厅", "省交通运输厅"}


def test_the_list_is_for_supervisors_and_the_committee(client, keys, units, lead):
    for user in [units["unit1"], lead.user]:
        client.force_login(user)
        assert client.get(reverse("suggestions:key-list")).status_code == 403


def _queries(client) -> int:
    with at(2026, 7, 1), CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("suggestions:key-list")).status_code == 200
    return len(queries)


def test_the_list_exports_and_its_queries_do_not_grow(client, keys, staff, bodies, units, file_suggestion):
    client.force_login(staff)
    _queries(client)  # the first request reads the filter options, which stay cached a while
    few = _queries(client)
    for n in range(5):
        s = file_suggestion(title=f"关于第{n}件重点建议的建议")
        assign_on(dt.date(2026, 3, 2), s, [(units["transport"], UnitRole.SOLE)], staff)
        suggestion_mark_key(
            suggestion=s,
            actor=staff,
            ground=2,
            grounds_text="常委会重点工作",
            supervising_body=bodies["budget"],
            supervising_leader="孙副主任",  # S§39: named
            leading_official="周副省长",
        )
    assert _queries(client) == few <= 14
    with at(2026, 7, 1):
        export = client.get(reverse("suggestions:key-list"), {"export": "xlsx"})
    rows = sheet(export)
    assert len(rows) == 1 + 7
    schools = next(r for r in rows if r[1] == "关于改善乡村学校的建议")
    assert "教育科学文化卫生委员会" in schools and "周副省长" in schools


def test_the_supervisor_comments_and_the_units_are_told(client, keys, bodies, units):
    client.force_login(bodies["super1"])
    url = reverse("suggestions:key-comment", args=[keys["schools"].pk])
    response = client.post(url, {"text": "请加快进度，六月底前报送方案。"})
    assert response.status_code == 302
    note = KeyNote.objects.get()
    assert (note.kind, note.author) == ("comment", bodies["super1"])
    client.force_login(units["unit1"])
    assert (
        "请加快进度"
        in client.get(reverse("suggestions:key-detail", args=[keys["schools"].pk])).content.decode()
    )


def test_only_the_supervising_body_comments(client, keys, bodies, units, staff):
    client.force_login(bodies["super2"])
    assert client.get(reverse("suggestions:key-comment", args=[keys["schools"].pk])).status_code == 404
    for user in [units["unit1"], staff]:
        client.force_login(user)
        assert client.get(reverse("suggestions:key-comment", args=[keys["schools"].pk])).status_code == 403


def test_the_unit_reports_to_the_supervising_body_after_replying(client, keys, units):
    client.force_login(units["unit1"])
    url = reverse("suggestions:key-report", args=[keys["schools"].pk])
    client.post(url, {"text": "已完成第一批改造方案。", "leader_informed": "周副省长"})
    assert KeyNote.objects.get().kind == "report"
    # Not yet replied on the roads suggestion: nothing to report (S§41).
    assert client.get(reverse("suggestions:key-report", args=[keys["roads"].pk])).status_code == 403


def test_a_unit_sees_its_own_part_of_a_key_suggestion_only(client, keys, units, bodies, staff):
    roads = keys["roads"]
    KeyNote.objects.create(
        key=roads.key,
        kind="report",
        text="教育厅的报告",
        author=units["unit1"],
        created=dt.datetime(2026, 6, 1, tzinfo=BEIJING),
    )
    client.force_login(units["unit2"])
    response = client.get(reverse("suggestions:key-detail", args=[roads.pk]))
    assert [p.assignment.unit.name for p in response.context["view"].parts] == ["省交通运输厅"]
    assert "教育厅的报告" not in response.content.decode()
    client.force_login(bodies["super2"])
    response = client.get(reverse("suggestions:key-detail", args=[roads.pk]))
    assert len(response.context["view"].parts) == 2 and "教育厅的报告" in response.content.decode()
