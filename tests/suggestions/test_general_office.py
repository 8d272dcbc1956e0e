"""S§43: "省人民政府应当加强对省人民政府相关部门、设区的市人民政府办理代表建议、批评和意见工作的督促
检查". The government's general office follows its departments' handling — their assignments,
clocks and replies — and nothing of the other units (the court, the procuratorate, others)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congress.models import Organisation
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.handling import assignment_communicate, assignment_draft_reply
from suggestions.workflow import Role as UnitRole
from tests.suggestions.follow_up import pdf, reply_through_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user, make_unit):
    return make_user("office1", organisation=make_unit("省人民政府办公厅", Organisation.Kind.GENERAL_OFFICE))


@pytest.fixture
def split(file_suggestion, staff, units, make_unit, make_user):
    """One suggestion split between 省教育厅 (a government department) and 省高级人民法院."""
    court = make_unit("省高级人民法院", Organisation.Kind.COURT)
    clerk = make_user("court1", "unit_handler", organisation=court)
    make_user("court1head", "unit_head", organisation=court)
    education, at_court = suggestion_accept_and_assign(
        suggestion=file_suggestion(), actor=staff,
        units=[HandlingUnit(units["education"], UnitRole.SPLIT), HandlingUnit(court, UnitRole.SPLIT)],
    )  # fmt: skip
    return education, at_court, clerk


def test_the_general_office_follows_its_departments_assignments_clocks_and_replies(
    client, office, split, units
):
    education, at_court, court_clerk = split
    reply = reply_through_services(education, clerk=units["unit1"], head=units["unit1head"])
    assignment_communicate(
        assignment=at_court, actor=court_clerk, date=at_court.assigned_on, way="call", participants="代表",
        summary="沟通", understanding=True,
    )  # fmt: skip
    client.force_login(office)
    response = client.get(reverse("suggestions:government"))
    assert response.status_code == 200
    assert [(a.unit.name, r.pk if r else None) for a, _clock, r in response.context["rows"]] == [
        ("省教育厅", reply.pk)
    ]
    page = client.get(reverse("suggestions:detail", args=[education.suggestion_id]))
    assert [a.unit.name for a, _clocks, _actions in page.context["assignments"]] == ["省教育厅"]
    assert client.get(reverse("suggestions:reply", args=[reply.pk])).status_code == 200
    listed = client.get("/api/v1/assignments/").json()["results"]
    assert [row["unit"] for row in listed] == [units["education"].pk]


def test_the_general_office_reads_no_draft_and_no_other_units_reply(client, office, split, units):
    education, at_court, court_clerk = split
    assignment_communicate(
        assignment=education, actor=units["unit1"], date=education.assigned_on, way="call", participants="代表",
        summary="沟通", understanding=True,
    )  # fmt: skip
    draft = assignment_draft_reply(
        assignment=education, actor=units["unit1"], category="A", body="草稿", scan=pdf()
    )
    court_head = type(court_clerk).objects.get(username="court1head")
    court_reply = reply_through_services(at_court, clerk=court_clerk, head=court_head)
    client.force_login(office)
    assert client.get(reverse("suggestions:reply", args=[draft.pk])).status_code == 404
    assert client.get(reverse("suggestions:reply", args=[court_reply.pk])).status_code == 404


def test_the_page_is_the_general_offices_and_the_committees(client, office, lead, units, staff):
    for user, status in [(office, 200), (staff, 200), (lead.user, 403), (units["unit1"], 403)]:
        client.force_login(user)
        assert client.get(reverse("suggestions:government")).status_code == status
    client.force_login(office)
    assert reverse("suggestions:government") in client.get(reverse("home")).content.decode()  # in the menu
