"""Hardened for the open internet, the motions part: who may touch a deputy's own draft, who
reads each committee member's vote, and API answers that keep to their schema."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from congress.models import Session
from congress.roles import Role
from motions.services import filing, intake, review
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


@pytest.fixture
def delegation_staff(make_user, lead):
    staff = make_user("dele", Role.DELEGATION_STAFF)
    lead.delegation.staff.add(staff)
    return staff


def test_delegation_staff_cannot_edit_a_deputys_own_draft(draft, delegation_staff, api):
    motion = draft(signers=2)
    with refused("permission_denied"):
        filing.motion_update(motion=motion, actor=delegation_staff, solution="工作人员改写的方案")
    response = api(delegation_staff).patch(f"/api/v1/motions/{motion.pk}/", {"solution": "改写"})
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    motion.refresh_from_db()
    assert motion.solution != "改写"


def test_delegation_staff_cannot_invite_co_signers_to_a_deputys_own_draft(
    draft, delegation_staff, deputies, api
):
    motion = draft(signers=0)
    with refused("permission_denied"):
        filing.motion_invite(motion=motion, actor=delegation_staff, deputies=[deputies[5]])
    response = api(delegation_staff).post(
        f"/api/v1/motions/{motion.pk}/invite/", {"co_signers": [deputies[6].pk]}
    )
    assert response.status_code == 403
    assert not motion.cosignatures.exists()


def test_delegation_staff_see_no_edit_or_invite_on_a_deputys_own_draft(draft, delegation_staff):
    motion = draft(signers=0)
    client = Client()
    client.force_login(delegation_staff)
    page = client.get(reverse("motions:detail", args=[motion.pk]))
    assert not {"edit", "invite"} & set(page.context["actions"])
    # Nor the edit form itself (the access matrix found it open to them).
    assert client.get(reverse("motions:edit", args=[motion.pk])).status_code == 403
    refused_edit = client.post(
        reverse("motions:edit", args=[motion.pk]),
        {
            "kind": "joint",
            "title": motion.title,
            "category": motion.category,
            "reason": "改",
            "grounds": "改",
            "solution": "改",
        },
    )
    assert refused_edit.status_code == 403


def test_delegation_staff_edit_and_invite_on_a_draft_they_entered_for_their_deputy(
    session, delegation_staff, lead, deputies
):
    motion = filing.motion_create(
        session=session,
        actor=delegation_staff,
        kind="joint",
        lead_deputy=lead,
        title="关于加强汾河保护的议案",
        category="other",
    )
    filing.motion_update(motion=motion, actor=delegation_staff, solution="代为录入的方案")
    assert len(filing.motion_invite(motion=motion, actor=delegation_staff, deputies=deputies[1:3])) == 2


@pytest.fixture
def voted(session, committee, meeting, filed, secretariat, adopt):
    """The committee voted on its report: each present member's vote is recorded."""
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda")
    adopt(meeting)
    return meeting


def test_a_deputy_or_a_unit_cannot_read_each_committee_members_vote(
    voted, api, lead, make_user, unit, committee_staff
):
    clerk = make_user("clerk", Role.UNIT_HANDLER, organisation=unit)
    for user in (lead.user, clerk, committee_staff):
        meeting = api(user).get(f"/api/v1/review-meetings/{voted.pk}/").json()
        assert meeting["votes"] is None, user
        listed = api(user).get("/api/v1/review-meetings/", {"session": voted.session_id}).json()
        assert all(row["votes"] is None for row in listed["results"])


def test_the_committee_the_secretariat_and_the_presidium_read_each_members_vote(
    voted, api, committee, secretariat
):
    for user in (committee[8].user, secretariat):
        votes = api(user).get(f"/api/v1/review-meetings/{voted.pk}/").json()["votes"]
        assert sorted(v["member"] for v in votes) == sorted(m.pk for m in committee[:7])


def test_a_member_of_another_sessions_committee_cannot_read_the_votes(
    voted, api, make_reviewer, congress_term, secretariat
):
    last_year = Session.objects.create(
        congress=congress_term,
        number=3,
        opens=dt.date(2025, 1, 20),
        closes=dt.date(2025, 1, 24),
        motion_deadline=dt.datetime(2025, 1, 22, 12, tzinfo=BEIJING),
        last_presidium_meeting=dt.datetime(2025, 1, 23, 17, tzinfo=BEIJING),
    )
    outsider = make_reviewer("rc-last-year")
    review.review_member_add(session=last_year, user=outsider, position="member", actor=secretariat)
    assert api(outsider).get(f"/api/v1/review-meetings/{voted.pk}/").json()["votes"] is None
    client = Client()
    client.force_login(outsider)
    page = client.get(reverse("motions:review"), {"session": voted.session_id})
    assert page.status_code == 200
    assert all(not meeting.member_votes for meeting in page.context["meetings"])
    client.force_login(voted.convened_by.user)
    page = client.get(reverse("motions:review"), {"session": voted.session_id})
    assert len(page.context["meetings"][0].member_votes) == 7


def test_options_on_the_review_report_approval_answers_without_a_server_error(
    api, session, secretariat, lead
):
    for user in (secretariat, lead.user):
        response = api(user).options(f"/api/v1/review-reports/{session.pk}/approve/")
        assert response.status_code == 200, response.content


def test_the_motion_history_is_the_list_the_schema_documents(api, filed, lead):
    motion = filed()
    schema = api(lead.user).get("/api/schema/", {"format": "json"}).json()
    documented = schema["paths"]["/api/v1/motions/{id}/history/"]["get"]["responses"]["200"]
    body = documented["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    history = api(lead.user).get(f"/api/v1/motions/{motion.pk}/history/").json()
    assert isinstance(history, list)
    assert [e["action"] for e in history][-1] == "submit"
    # Asked for a page, it is still the whole list: the documented answer.
    assert api(lead.user).get(f"/api/v1/motions/{motion.pk}/history/", {"page": 2}).json() == history


@pytest.mark.parametrize("session", ["abc", "1e5", "99999999999999999999"])
def test_the_review_and_next_session_pages_answer_a_malformed_session_without_a_server_error(
    session, secretariat
):
    client = Client()
    client.force_login(secretariat)
    assert client.get(reverse("motions:review"), {"session": session}).status_code == 404
    assert client.get(reverse("motions:next-session"), {"session": session}).status_code == 404


def test_a_tampered_attendance_or_vote_form_is_refused_without_a_server_error(meeting, committee, session):
    client = Client()
    client.force_login(committee[0].user)
    url = reverse("motions:review-act", args=["attendance"])
    assert client.post(url, {"session": session.pk, "meeting": "x", "present": [1]}).status_code == 404
    assert (
        client.post(url, {"session": session.pk, "meeting": meeting.pk, "present": ["x"]}).status_code == 400
    )
    url = reverse("motions:review-act", args=["vote"])
    assert (
        client.post(url, {"session": session.pk, "meeting": meeting.pk, "vote-x": "for"}).status_code == 400
    )
