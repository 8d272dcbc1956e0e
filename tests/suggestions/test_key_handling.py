"""Key suggestions as the measures have them handled and supervised:
- S§35 "…提出重点办理的意见，经省人民代表大会常务委员会主任会议研究同意后，交有关机关、组织重点办理";
- S§39 "由省人民代表大会常务委员会主任会议成员负责重点督办…省人民政府…的负责人应当领办";
- S§37 "主要负责人或者分管负责人负责研究办理…通过召开座谈会、邀请代表参加调研等形式，面对面听取代表意见";
- S§38 "主办单位应当会同协办单位与提出建议…的代表共同开展调查研究或者召开代表座谈会";
- S§41 "办理答复后，承办单位应当及时向负责督办的…机构报告办理情况. 省人民政府承办…的情况，应当同时
  报告省人民政府分管负责人";
- S§40(4) "对需要进一步跟踪落实的，交由相关承办单位做好滚动办理工作";
- S§7(3) "确定承办建议…的负责人，对负责承办的建议…负责人应当与代表面对面沟通，听取意见"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from congress.models import Organisation
from congress.notifications.models import Notification
from congress.roles import Role
from congress.workflow import available_actions
from suggestions.models import KeyNote
from suggestions.reminders import key_report_due_on
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.services.handling import (
    assignment_communicate,
    assignment_draft_reply,
    assignment_send_opinion,
    reply_approve,
)
from suggestions.services.key_handling import (
    assignment_name_leader,
    key_follow_on,
    key_meet_deputies,
    key_name_responsible,
    key_note,
    suggestion_mark_key,
)
from suggestions.workflow import Role as UnitRole
from tests.helpers import refused
from tests.suggestions.follow_up import at, handle_in_person, pdf

pytestmark = pytest.mark.django_db
D = dt.date
NAMED: dict[str, Any] = {"supervising_leader": "孙副主任（主任会议成员）", "leading_official": "周副省长"}


@pytest.fixture
def body(make_unit):
    return make_unit("省人大教育科学文化卫生委员会", Organisation.Kind.SPECIAL_COMMITTEE)


@pytest.fixture
def supervisor(make_user, body):
    return make_user("super1", Role.SUPERVISOR, organisation=body, name="赵督办")


@pytest.fixture
def key_assigned(assigned, staff, body):
    """A recess suggestion assigned to 省教育厅 alone and made a key one by the through-train."""

    def make(**extra):
        a = assigned(**extra)
        key = suggestion_mark_key(
            suggestion=a.suggestion,
            actor=staff,
            ground=1,
            grounds_text="本省中心工作",
            supervising_body=body,
            **NAMED,
        )
        a.refresh_from_db()
        return a, key

    return make


def draft(assignment, clerk):
    return assignment_draft_reply(assignment=assignment, actor=clerk, category="A", body="已采纳", scan=pdf())


# --- S§35, S§39 ---------------------------------------------------------------------------------


def test_a_session_suggestion_is_made_key_only_with_the_chairpersons_meetings_approval(
    lead, area, session, staff, body
):
    with at(2026, 1, 26):
        s = suggestion_create(
            actor=lead.user,
            lead_deputy=lead,
            title="关于教育的建议",
            body="b",
            subject_area=area,
            session=session,
        )
        s = suggestion_submit(suggestion=s, actor=lead.user)
        values = {
            "suggestion": s,
            "actor": staff,
            "ground": 1,
            "grounds_text": "中心工作",
            "supervising_body": body,
        }
        with refused("chairpersons_approval_required"):
            suggestion_mark_key(**values, **NAMED, approved_on=D(2026, 1, 25))  # no reference
        key = suggestion_mark_key(
            **values, **NAMED, approved_on=D(2026, 1, 25), approval_reference="主任会议纪要〔2026〕3号"
        )
    assert (key.channel, key.approved_on, key.approval_reference) == (
        "session", D(2026, 1, 25), "主任会议纪要〔2026〕3号"
    )  # fmt: skip


def test_the_supervising_leader_and_the_leading_official_are_named(assigned, staff, body):
    a = assigned()
    with refused("supervision_not_named"):
        suggestion_mark_key(
            suggestion=a.suggestion, actor=staff, ground=1, grounds_text="中心工作", supervising_body=body,
            supervising_leader="孙副主任",
        )  # fmt: skip


# --- S§37, S§38 ---------------------------------------------------------------------------------


def test_a_key_suggestion_is_handled_by_the_units_leader_who_meets_the_deputies_before_the_reply(
    key_assigned, units
):
    a, _key = key_assigned()
    clerk = units["unit1"]
    assignment_communicate(
        assignment=a, actor=clerk, date=a.assigned_on, way="call", participants="代表", summary="电话沟通",
        understanding=True,
    )  # fmt: skip
    with refused("key_leader_not_named"):
        draft(a, clerk)
    assignment_name_leader(assignment=a, actor=clerk, leader="王强（副厅长）")
    a.refresh_from_db()
    with refused("key_leader_not_met"):
        draft(a, clerk)  # a call, and without the leader: not face to face with the leader
    assignment_communicate(
        assignment=a, actor=clerk, date=a.assigned_on, way="forum", participants="代表", summary="座谈会",
        leader_present=True,
    )  # fmt: skip
    assert draft(a, clerk).status == "draft"


def test_only_a_key_suggestion_is_given_a_named_leader(assigned, units):
    a = assigned()
    assert "name_leader" not in available_actions(a, units["unit1"])
    with refused("not_a_key_suggestion"):
        assignment_name_leader(assignment=a, actor=units["unit1"], leader="王强")


def test_the_lead_unit_researches_a_key_suggestion_with_its_co_units_and_the_deputies(
    file_suggestion, staff, units, body
):
    s = file_suggestion()
    lead_unit, co_unit = suggestion_accept_and_assign(
        suggestion=s, actor=staff,
        units=[HandlingUnit(units["education"], UnitRole.LEAD), HandlingUnit(units["transport"], UnitRole.CO)],
    )  # fmt: skip
    suggestion_mark_key(
        suggestion=s, actor=staff, ground=3, grounds_text="反映集中", supervising_body=body, **NAMED
    )
    assignment_send_opinion(assignment=co_unit, actor=units["unit2"], body="协办意见")
    lead_unit.refresh_from_db()
    handle_in_person(lead_unit, units["unit1"])  # the lead unit's leader alone
    lead_unit.refresh_from_db()
    with refused("joint_research_not_recorded"):
        draft(lead_unit, units["unit1"])
    assignment_communicate(
        assignment=lead_unit, actor=units["unit1"], date=lead_unit.assigned_on, way="research",
        participants="代表、省交通运输厅", summary="共同调研", leader_present=True, co_units=[units["transport"]],
    )  # fmt: skip
    assert draft(lead_unit, units["unit1"]).status == "draft"


# --- S§41, S§40(4) ------------------------------------------------------------------------------


@pytest.fixture
def key_replied(key_assigned, units, make_user, make_unit):
    """Replied on 2 March 2026 by 省教育厅, a government department, after handling it in person."""
    make_user("office1", organisation=make_unit("省人民政府办公厅", Organisation.Kind.GENERAL_OFFICE))
    with at(2026, 3, 2):
        a, key = key_assigned()
        handle_in_person(a, units["unit1"])
        reply_approve(reply=draft(a, units["unit1"]), actor=units["unit1head"])
    a.refresh_from_db()
    return a, key


def test_the_units_handling_report_after_the_reply_runs_on_its_own_clock(key_replied, units, supervisor):
    a, key = key_replied
    assert a.key_report_due == D(2026, 4, 2)  # one month (KEY_REPORT_PERIOD), a Thursday
    [item] = key_report_due_on([D(2026, 4, 2)])
    assert units["unit1"].pk in item.owners and supervisor.pk in item.escalation
    with at(2026, 3, 20):
        key_note(key=key, actor=units["unit1"], kind="report", text="已办理完毕", leader_informed="周副省长")
    a.refresh_from_db()
    assert a.key_reported_at is not None
    assert list(key_report_due_on([D(2026, 4, 2)])) == []


def test_a_government_units_report_also_goes_to_the_governments_leader_in_charge(
    key_replied, units, django_capture_on_commit_callbacks
):
    _a, key = key_replied
    with refused("government_leader_required"):
        key_note(key=key, actor=units["unit1"], kind="report", text="已办理完毕")
    with django_capture_on_commit_callbacks(execute=True):
        note = key_note(
            key=key, actor=units["unit1"], kind="report", text="已办理完毕", leader_informed="周副省长"
        )
    assert note.leader_informed == "周副省长"
    assert Notification.objects.filter(recipient__username="office1", kind="key_note").exists()


def test_the_supervising_body_hands_follow_on_handling_back_to_the_unit(
    key_replied, units, supervisor, django_capture_on_commit_callbacks
):
    a, key = key_replied
    key_note(key=key, actor=units["unit1"], kind="report", text="已办理", leader_informed="周副省长")
    with refused("permission_denied"):
        key_follow_on(key=key, actor=units["unit1"], assignment=a, text="x")
    with at(2026, 6, 1), django_capture_on_commit_callbacks(execute=True):
        note = key_follow_on(key=key, actor=supervisor, assignment=a, text="请继续跟踪落实，年底前再报")
    a.refresh_from_db()
    assert (note.kind, a.key_report_due, a.key_reported_at) == (KeyNote.Kind.FOLLOW_ON, D(2026, 7, 1), None)
    assert Notification.objects.filter(recipient=units["unit1"], kind="key_note").exists()


# --- S§7(3) -------------------------------------------------------------------------------------


def test_the_supervising_body_names_a_responsible_person_who_meets_the_deputies(
    key_assigned, supervisor, make_user, units, lead, make_deputy
):
    _a, key = key_assigned()
    s = key.suggestion
    with refused("responsible_person_not_named"):
        key_meet_deputies(key=key, actor=supervisor, met_on=D(2026, 3, 3), deputies=[lead], summary="面谈")
    with refused("responsible_person_invalid"):
        key_name_responsible(key=key, actor=supervisor, person=units["unit1"])
    key_name_responsible(key=key, actor=supervisor, person=supervisor)
    with refused("no_deputy_met"):
        key_meet_deputies(
            key=key, actor=supervisor, met_on=D(2026, 3, 3), deputies=[make_deputy("路人")], summary="x"
        )
    with at(2026, 3, 5):
        note = key_meet_deputies(
            key=key, actor=supervisor, met_on=D(2026, 3, 3), deputies=[lead], summary="面对面听取意见"
        )
    assert (note.kind, note.held_by, list(note.attended_by.all())) == (
        KeyNote.Kind.MEETING,
        supervisor,
        [lead],
    )
    assert s.events.filter(action="meet_deputies").exists()


def test_the_key_page_offers_the_supervising_body_its_steps(client, key_replied, supervisor):
    _a, key = key_replied
    client.force_login(supervisor)
    html = client.get(reverse("suggestions:key-detail", args=[key.suggestion_id])).content.decode()
    for name in ["key-responsible", "key-follow-on", "key-comment"]:
        assert reverse(f"suggestions:{name}", args=[key.suggestion_id]) in html
    response = client.post(
        reverse("suggestions:key-responsible", args=[key.suggestion_id]), {"person": supervisor.pk}
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.responsible_person == supervisor


def test_the_api_marks_a_session_suggestion_key_with_the_chairpersons_approval(
    api, lead, area, session, staff, body
):
    with at(2026, 1, 26):
        s = suggestion_submit(
            suggestion=suggestion_create(
                actor=lead.user, lead_deputy=lead, title="t", body="b", subject_area=area, session=session
            ),
            actor=lead.user,
        )
        payload = {"ground": 1, "grounds_text": "中心工作", "supervising_body": body.pk, **NAMED}
        refusal = api(staff).post(f"/api/v1/suggestions/{s.pk}/mark-key/", payload)
        assert (refusal.status_code, refusal.json()["code"]) == (400, "chairpersons_approval_required")
        ok = api(staff).post(
            f"/api/v1/suggestions/{s.pk}/mark-key/",
            {**payload, "approved_on": "2026-01-25", "approval_reference": "主任会议纪要〔2026〕3号"},
        )
    assert ok.status_code == 200, ok.json()
    assert s.key.approval_reference == "主任会议纪要〔2026〕3号"


def test_the_unit_names_its_leader_from_the_suggestions_page(client, key_assigned, units):
    a, _key = key_assigned()
    client.force_login(units["unit1"])
    page = client.get(reverse("suggestions:detail", args=[a.suggestion_id])).content.decode()
    assert reverse("suggestions:name-leader", args=[a.pk]) in page
    client.post(reverse("suggestions:name-leader", args=[a.pk]), {"leader": "王强（副厅长）"})
    a.refresh_from_db()
    assert a.leader == "王强（副厅长）"
    form = client.get(reverse("suggestions:communicate", args=[a.pk])).content.decode()
    assert 'name="leader_present"' in form
