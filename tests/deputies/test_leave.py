"""Leave from a session (D§8): before it opens the chairpersons' meeting decides (committee staff
record it), during it the secretariat; the other body is refused with `wrong_deciding_body`."""

from __future__ import annotations

import pytest

from deputies.models import Event, Leave
from deputies.services.leave import leave_decide, leave_request, leave_withdraw
from tests.deputies.conftest import AFTER, BEFORE, DURING, at
from tests.helpers import refused

pytestmark = pytest.mark.django_db


def ask(deputy, session, actor=None, reason="因病住院治疗") -> Leave:
    return leave_request(deputy=deputy, session=session, reason=reason, actor=actor or deputy.user)


def test_leave_asked_for_before_the_session_is_for_the_chairpersons_meeting(deputy, session, staff):
    with at(BEFORE):
        leave = ask(deputy, session)
    assert (leave.status, leave.deciding_body, leave.entered_by) == (
        "requested",
        "chairpersons_meeting",
        None,
    )
    assert staff.notifications.filter(kind="leave_requested").exists()


def test_leave_asked_for_during_the_session_is_for_the_secretariat(deputy, session, secretariat):
    with at(DURING):
        leave = ask(deputy, session)
    assert leave.deciding_body == "secretariat"
    assert secretariat.notifications.filter(kind="leave_requested").exists()


def test_committee_staff_record_the_chairpersons_meetings_approval(deputy, session, staff):
    with at(BEFORE):
        leave = leave_decide(leave=ask(deputy, session), approve=True, reason="", actor=staff)
    assert (leave.status, leave.decided_by) == ("approved", staff)
    assert deputy.user.notifications.filter(kind="leave_decided").exists()
    event = Event.objects.get(leave=leave, action="decide")
    assert (event.from_status, event.to_status) == ("requested", "approved")


def test_the_secretariat_cannot_decide_leave_asked_for_before_the_session(deputy, session, secretariat):
    with at(BEFORE):
        leave = ask(deputy, session)
    with at(DURING), refused("wrong_deciding_body") as info:
        leave_decide(leave=leave, approve=True, reason="", actor=secretariat)
    assert info.value.status == 403
    leave.refresh_from_db()
    assert leave.status == "requested"


def test_committee_staff_cannot_decide_leave_asked_for_during_the_session(deputy, session, staff):
    with at(DURING):
        leave = ask(deputy, session)
        with refused("wrong_deciding_body"):
            leave_decide(leave=leave, approve=False, reason="无", actor=staff)


def test_a_deputy_is_not_a_deciding_body(deputy, colleague, session):
    with at(DURING):
        leave = ask(deputy, session)
        with refused("wrong_deciding_body"):
            leave_decide(leave=leave, approve=True, reason="", actor=colleague.user)


def test_a_refusal_gives_its_reasons(deputy, session, secretariat):
    with at(DURING):
        leave = ask(deputy, session)
        with refused("reason_missing"):
            leave_decide(leave=leave, approve=False, reason="", actor=secretariat)
        leave = leave_decide(leave=leave, approve=False, reason="会议期间不宜请假", actor=secretariat)
    assert leave.status == "refused"


def test_a_decision_taken_twice_is_refused_the_second_time(deputy, session, secretariat):
    with at(DURING):
        leave = leave_decide(leave=ask(deputy, session), approve=True, reason="", actor=secretariat)
        with refused("invalid_transition"):
            leave_decide(leave=leave, approve=False, reason="x", actor=secretariat)
    assert Event.objects.filter(leave=leave, action="decide").count() == 1


def test_leave_is_asked_in_writing_with_its_reason(deputy, session):
    with at(BEFORE), refused("reason_missing"):
        ask(deputy, session, reason="  ")


def test_one_standing_request_per_session(deputy, session):
    with at(BEFORE):
        ask(deputy, session)
        with refused("leave_already_requested"):
            ask(deputy, session)


def test_a_withdrawn_request_may_be_asked_again(deputy, session):
    with at(BEFORE):
        leave_withdraw(leave=ask(deputy, session), actor=deputy.user)
        assert ask(deputy, session).status == "requested"


def test_no_leave_is_asked_after_the_session_closed(deputy, session):
    with at(AFTER), refused("leave_too_late"):
        ask(deputy, session)


def test_delegation_staff_enter_a_written_request_for_their_deputy(deputy, session, dele_staff):
    with at(BEFORE):
        leave = ask(deputy, session, actor=dele_staff)
    assert leave.entered_by == dele_staff


def test_another_deputy_cannot_ask_leave_for_me(deputy, colleague, session):
    with at(BEFORE), refused("permission_denied"):
        ask(deputy, session, actor=colleague.user)


# --- The API (WORKFLOWS.md §7) --------------------------------------------------------------------


def test_the_api_takes_a_leave_and_its_decision(api, deputy, session, secretariat, staff):
    with at(DURING):
        created = api(deputy.user).post("/api/v1/leaves/", {"session": session.pk, "reason": "因病"})
        assert created.status_code == 201, created.json()
        body = created.json()
        assert body["status"] == "requested" and body["id"]
        wrong = api(staff).post(f"/api/v1/leaves/{body['id']}/decide/", {"approve": True, "reason": ""})
        assert (wrong.status_code, wrong.json()["code"]) == (403, "wrong_deciding_body")
        detail = api(secretariat).get(f"/api/v1/leaves/{body['id']}/").json()
        assert detail["actions"] == ["decide", "withdraw"]
        decided = api(secretariat).post(
            f"/api/v1/leaves/{body['id']}/decide/", {"approve": False, "reason": "不准"}
        )
    assert decided.status_code == 200
    assert decided.json()["status"] == "refused"


def test_staff_enter_leave_through_the_api_naming_the_deputy(api, deputy, session, dele_staff):
    with at(BEFORE):
        response = api(dele_staff).post(
            "/api/v1/leaves/", {"session": session.pk, "reason": "出国", "deputy": deputy.pk}
        )
    assert response.status_code == 201
    assert Leave.objects.get(pk=response.json()["id"]).entered_by == dele_staff


def test_a_deputy_sees_only_their_own_leave(api, deputy, colleague, session):
    with at(BEFORE):
        ask(deputy, session)
    assert api(colleague.user).get("/api/v1/leaves/").json()["count"] == 0
    assert api(deputy.user).get("/api/v1/leaves/").json()["count"] == 1


def test_staff_name_the_deputy_they_enter_leave_for(api, session, dele_staff):
    with at(BEFORE):
        response = api(dele_staff).post("/api/v1/leaves/", {"session": session.pk, "reason": "出国"})
    assert (response.status_code, response.json()["code"]) == (400, "deputy_missing")
