"""A unit never sees another unit's assignments; a deputy never sees another's unpublished
suggestion (404, never a leak) — WORKFLOWS.md §6."""

import pytest
from django.urls import reverse

from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.workflow import Role as UnitRole
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units_work(assigned, file_suggestion, staff, units):
    mine = assigned()
    other_s = file_suggestion(title="交通的建议")
    [theirs] = suggestion_accept_and_assign(
        suggestion=other_s, units=[HandlingUnit(units["transport"], UnitRole.SOLE)], actor=staff
    )
    return mine, theirs


def test_a_unit_never_sees_another_units_assignments_in_the_api(api, units, two_units_work):
    mine, theirs = two_units_work
    client = api(units["unit1"])
    ids = [row["id"] for row in client.get("/api/v1/assignments/").json()["results"]]
    assert ids == [mine.pk]
    assert client.get(f"/api/v1/assignments/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/suggestions/{theirs.suggestion_id}/").status_code == 404
    assert client.post(f"/api/v1/assignments/{theirs.pk}/object/", {"reason": "x"}).status_code == 404


def test_a_unit_never_sees_another_units_assignments_in_the_pages(client, units, two_units_work):
    mine, theirs = two_units_work
    client.login(username="unit1", password=PASSWORD)
    html = client.get(reverse("suggestions:inbox")).content.decode()
    assert mine.suggestion.title in html
    assert theirs.suggestion.title not in html
    assert client.get(reverse("suggestions:detail", args=[theirs.suggestion_id])).status_code == 404


def test_a_unit_sees_only_its_own_part_of_a_shared_suggestion(client, api, file_suggestion, staff, units):
    s = file_suggestion()
    suggestion_accept_and_assign(
        suggestion=s, actor=staff,
        units=[HandlingUnit(units["education"], UnitRole.LEAD), HandlingUnit(units["transport"], UnitRole.CO)],
    )  # fmt: skip
    rows = api(units["unit1"]).get(f"/api/v1/assignments/?suggestion={s.pk}").json()["results"]
    assert [r["unit"] for r in rows] == [units["education"].pk]
    client.login(username="unit1", password=PASSWORD)
    html = client.get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert "省交通运输厅" not in html


def test_a_deputy_never_sees_another_deputys_suggestion(api, client, file_suggestion, make_deputy):
    s = file_suggestion()
    other = make_deputy("王芳")
    assert api(other.user).get(f"/api/v1/suggestions/{s.pk}/").status_code == 404
    assert api(other.user).get("/api/v1/suggestions/").json()["count"] == 0
    client.force_login(other.user)
    assert client.get(reverse("suggestions:detail", args=[s.pk])).status_code == 404


def test_an_invited_co_signer_sees_the_draft(api, joint_draft):
    s, co = joint_draft
    assert api(co.user).get(f"/api/v1/suggestions/{s.pk}/").status_code == 200


def test_a_deputy_cannot_act_as_staff(api, file_suggestion, lead):
    s = file_suggestion()
    response = api(lead.user).post(f"/api/v1/suggestions/{s.pk}/accept/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_only_staff_open_the_review_queue(client, lead, units):
    client.force_login(lead.user)
    assert client.get(reverse("suggestions:review")).status_code == 403
    client.force_login(units["unit1"])
    assert client.get(reverse("suggestions:review")).status_code == 403


def test_staff_and_delegation_staff_do_not_read_a_deputys_draft_until_it_is_filed(
    api, client, joint_draft, file_suggestion, staff, make_user, delegation
):
    s, _co = joint_draft
    clerk = make_user("dele9", "delegation_staff")
    clerk.delegations.add(delegation)
    secretariat = make_user("sec9", "secretariat")
    for reader in (staff, clerk, secretariat):
        assert api(reader).get(f"/api/v1/suggestions/{s.pk}/").status_code == 404, reader
        client.force_login(reader)
        assert client.get(reverse("suggestions:detail", args=[s.pk])).status_code == 404, reader
    filed = file_suggestion()  # the same deputy's suggestion, filed
    assert api(staff).get(f"/api/v1/suggestions/{filed.pk}/").status_code == 200
    assert api(clerk).get(f"/api/v1/suggestions/{filed.pk}/").status_code == 200


def test_whoever_entered_a_draft_for_the_deputy_still_reads_it(api, joint_draft, staff):
    s, _co = joint_draft
    s.entered_by = staff
    s.save(update_fields=["entered_by"])
    assert api(staff).get(f"/api/v1/suggestions/{s.pk}/").status_code == 200


def test_the_committee_coordinates_every_suggestion_and_the_secretariat_those_of_its_session(make_user):
    """S§6(1): the committee 负责…提出、交办、办理和督办等环节的统筹指导、组织协调; S§17: the
    secretariat assigns what deputies file during the session; S§18: the committee, in recess."""
    from types import SimpleNamespace

    from congress.roles import Role
    from suggestions.workflow.who import is_assigning_staff

    committee = make_user("committee-s6", Role.COMMITTEE_STAFF)
    secretariat = make_user("secretariat-s17", Role.SECRETARIAT)
    of_the_session, of_the_recess = SimpleNamespace(session_id=4), SimpleNamespace(session_id=None)
    assert is_assigning_staff(committee, of_the_session) and is_assigning_staff(committee, of_the_recess)
    assert is_assigning_staff(secretariat, of_the_session)
    assert not is_assigning_staff(secretariat, of_the_recess)
