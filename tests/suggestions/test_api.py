"""The suggestions API (WORKFLOWS.md §7): collections, actions, refusals with stable codes."""

from __future__ import annotations

import datetime as dt

import pytest

from suggestions.models import Disagreement, Suggestion, SuggestionEvent
from tests.suggestions.conftest import beijing

pytestmark = pytest.mark.django_db


def test_a_deputy_files_a_joint_suggestion_through_the_api(api, lead, make_deputy, area):
    co = make_deputy("王芳")
    response = api(lead.user).post(
        "/api/v1/suggestions/",
        {
            "title": "关于加快老旧小区加装电梯的建议",
            "body": "问题、事实和措施。",
            "kind": "joint",
            "co_signers": [co.pk],
            "subject_area": area.pk,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["lead_deputy"] == lead.pk
    assert body["co_signers"] == [co.pk]
    sid = body["id"]

    refused = api(lead.user).post(f"/api/v1/suggestions/{sid}/submit/")
    assert refused.status_code == 409
    assert refused.json()["code"] == "cosigners_pending"
    assert "王芳" in refused.json()["detail"]

    assert api(co.user).post(f"/api/v1/suggestions/{sid}/confirm/").status_code == 200
    filed = api(lead.user).post(f"/api/v1/suggestions/{sid}/submit/").json()
    assert filed["status"] == "submitted"
    assert filed["number"] == 1


def test_staff_review_and_assign_through_the_api(api, file_suggestion, staff, units, time_machine):
    time_machine.move_to(beijing(2021, 7, 1, 10))
    s = file_suggestion()
    client = api(staff)
    assert client.post(f"/api/v1/suggestions/{s.pk}/accept/").json()["status"] == "accepted"
    response = client.post(
        f"/api/v1/suggestions/{s.pk}/assign/",
        {"units": [{"unit": units["education"].pk, "role": "sole"}]},
        format="json",
    )
    assert response.json()["status"] == "assigned"
    [row] = client.get(f"/api/v1/assignments/?suggestion={s.pk}").json()["results"]
    assert row["unit"] == units["education"].pk
    assert row["role"] == "sole"
    assert row["status"] == "pending"
    assert row["extended"] is False
    assert row["reply_due"]["due"] == "2021-10-08"
    assert row["reply_due"]["provisional"] is False
    assert "国庆节" in row["reply_due"]["explanation"]
    assert row["objection_due"]["due"] == "2021-07-06"


def test_an_objection_after_five_days_is_refused_with_its_code(api, assigned, units, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 6, 9, 9))
    response = api(units["unit1"]).post(
        f"/api/v1/assignments/{a.pk}/object/", {"reason": "不属于本单位职责。"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "objection_window_closed"
    assert "第二十条" in response.json()["detail"]


def test_the_refusal_is_in_english_when_asked(api, assigned, units, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 6, 9, 9))
    response = api(units["unit1"]).post(
        f"/api/v1/assignments/{a.pk}/object/", {"reason": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "S§20" in response.json()["detail"]


def test_objection_reassignment_and_rejection_through_the_api(api, assigned, units, staff, other_unit):
    a = assigned()
    objected = (
        api(units["unit1"]).post(f"/api/v1/assignments/{a.pk}/object/", {"reason": "属于卫生部门。"}).json()
    )
    assert objected["status"] == "objected"
    assert objected["reassignment_due"]["due"]
    new = (
        api(staff)
        .post(f"/api/v1/assignments/{a.pk}/reassign/", {"unit": other_unit.pk, "reason": "同意"})
        .json()
    )
    assert new["unit"] == other_unit.pk
    assert new["status"] == "pending"
    assert api(staff).get(f"/api/v1/assignments/{a.pk}/").json()["status"] == "reassigned"


def test_reject_objection_action(api, assigned, units, staff):
    a = assigned()
    api(units["unit1"]).post(f"/api/v1/assignments/{a.pk}/object/", {"reason": "x"})
    body = (
        api(staff).post(f"/api/v1/assignments/{a.pk}/reject-objection/", {"reason": "属于本单位职责"}).json()
    )
    assert body["status"] == "handling"


def test_return_not_accept_merge_withdraw_and_disagree_actions(api, file_suggestion, staff, lead, assigned):
    s1, s2, s3 = file_suggestion(), file_suggestion(title="二"), file_suggestion(title="三")
    assert (
        api(staff).post(f"/api/v1/suggestions/{s1.pk}/return/", {"message": "请一事一议"}).json()["status"]
        == "returned"
    )
    body = (
        api(staff)
        .post(f"/api/v1/suggestions/{s2.pk}/not-accept/", {"ground": 4, "forwarded_to": "省信访局"})
        .json()
    )
    assert (body["status"], body["not_accepted_ground"]) == ("not_accepted", 4)
    s4 = file_suggestion(title="四")
    assert (
        api(staff).post(f"/api/v1/suggestions/{s4.pk}/merge/", {"into": s3.pk}).json()["status"] == "merged"
    )
    assert (
        api(lead.user).post(f"/api/v1/suggestions/{s3.pk}/withdraw/", {"letter": "书面撤回"}).json()["status"]
        == "withdrawn"
    )
    a = assigned()
    response = api(lead.user).post(
        f"/api/v1/suggestions/{a.suggestion_id}/disagree/", {"reason": "应由卫健委办理"}
    )
    assert response.status_code == 200


def test_list_filters_by_status_unit_deputy_and_text(api, file_suggestion, assigned, staff, units, lead):
    file_suggestion(title="关于汾河生态保护的建议")
    a = assigned(title="关于农村学校的建议")
    client = api(staff)
    assert client.get("/api/v1/suggestions/?status=submitted").json()["count"] == 1
    assert client.get("/api/v1/suggestions/?status=assigned").json()["count"] == 1
    assert client.get(f"/api/v1/suggestions/?unit={units['education'].pk}").json()["count"] == 1
    assert client.get(f"/api/v1/suggestions/?deputy={lead.pk}").json()["count"] == 2
    assert client.get("/api/v1/suggestions/?q=汾河").json()["count"] == 1
    assert client.get("/api/v1/suggestions/?overdue=true").json()["count"] == 0
    assert client.get(f"/api/v1/assignments/?unit={units['education'].pk}").json()["results"][0]["id"] == a.pk


def test_overdue_filter_finds_a_late_reply(api, assigned, staff, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    assigned()
    time_machine.move_to(beijing(2021, 9, 10, 9))
    assert api(staff).get("/api/v1/suggestions/?overdue=true").json()["count"] == 1
    assert api(staff).get("/api/v1/assignments/?overdue=true").json()["count"] == 1
    assert api(staff).get("/api/v1/assignments/?due_before=2021-09-02").json()["count"] == 1


def test_the_list_is_lean_and_its_queries_do_not_grow_with_the_page(
    api, file_suggestion, staff, django_assert_max_num_queries
):
    for i in range(30):
        file_suggestion(title=f"建议{i}")
    client = api(staff)
    with django_assert_max_num_queries(6):
        small = client.get("/api/v1/suggestions/?page_size=5").json()
    with django_assert_max_num_queries(6):
        large = client.get("/api/v1/suggestions/?page_size=30").json()
    assert len(large["results"]) == 30
    assert "body" not in small["results"][0]


def test_a_bad_payload_keeps_field_messages(api, lead):
    response = api(lead.user).post("/api/v1/suggestions/", {"title": "", "body": ""})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["errors"]) >= {"title", "body"}


def test_recess_suggestions_have_no_session(api, lead, area):
    response = api(lead.user).post("/api/v1/suggestions/", {"title": "t", "body": "b"})
    assert response.json()["session"] is None
    assert Suggestion.objects.get(pk=response.json()["id"]).subject_area.name == "其他"


def test_dates_are_iso_in_the_api(api, file_suggestion, staff):
    s = file_suggestion()
    row = api(staff).get("/api/v1/suggestions/").json()["results"][0]
    assert dt.datetime.fromisoformat(row["submitted_at"]) == s.submitted_at


def test_a_second_assign_is_refused_and_leaves_one_assignment(api, file_suggestion, staff, units):
    s = file_suggestion()
    payload = {"units": [{"unit": units["education"].pk, "role": "sole"}]}
    first = api(staff).post(f"/api/v1/suggestions/{s.pk}/assign/", payload, format="json")
    assert first.status_code == 200, first.json()
    again = api(staff).post(
        f"/api/v1/suggestions/{s.pk}/assign/",
        {"units": [{"unit": units["transport"].pk, "role": "sole"}]},
        format="json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"
    assert "invalid_status" in again.json()["aliases"]
    assert list(s.assignments.values_list("unit", flat=True)) == [units["education"].pk]
    assert SuggestionEvent.objects.filter(suggestion=s, action="assign").count() == 1


def test_a_reroute_through_the_api_closes_the_open_disagreement(api, assigned, lead, staff, other_unit):
    a = assigned()
    disputed = api(lead.user).post(
        f"/api/v1/suggestions/{a.suggestion_id}/disagree/", {"reason": "应由卫健委办理"}
    )
    assert disputed.status_code == 200
    response = api(staff).post(
        f"/api/v1/suggestions/{a.suggestion_id}/reroute/",
        {"units": [{"unit": other_unit.pk, "role": "sole"}], "reason": "采纳代表意见"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    disagreement = Disagreement.objects.get(suggestion=a.suggestion)
    assert (disagreement.resolved_by, disagreement.resolution) == (staff, "采纳代表意见")
    assert disagreement.resolved_at is not None
    a.refresh_from_db()
    assert a.status == "reassigned"
    assert a.suggestion.assignments.get(status="pending").unit == other_unit


def test_reroute_is_for_an_assigned_suggestion_only(api, file_suggestion, staff, units):
    s = file_suggestion()
    response = api(staff).post(
        f"/api/v1/suggestions/{s.pk}/reroute/",
        {"units": [{"unit": units["education"].pk, "role": "sole"}]},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    assert not s.assignments.exists()


def test_every_detail_says_what_the_user_may_do_now(api, assigned, lead, staff, units):
    a = assigned()
    assert "reroute" in api(staff).get(f"/api/v1/suggestions/{a.suggestion_id}/").json()["actions"]
    assert api(lead.user).get(f"/api/v1/suggestions/{a.suggestion_id}/").json()["actions"] == [
        "withdraw",
        "disagree",
        "ask",
    ]
    unit_actions = api(units["unit1"]).get(f"/api/v1/assignments/{a.pk}/").json()["actions"]
    assert {"acknowledge", "object", "communicate", "request_extension"} <= set(unit_actions)
    assert "draft_reply" not in unit_actions  # S§24: the deputy is heard first
    assert "actions" not in api(units["unit1"]).get("/api/v1/assignments/").json()["results"][0]
