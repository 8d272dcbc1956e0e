"""The handling actions of the API (WORKFLOWS.md §7, issue 5)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from suggestions.models import Reply

pytestmark = pytest.mark.django_db


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("reply.pdf", b"%PDF-1.4\n", content_type="application/pdf")


def test_the_whole_path_through_the_api(api, assigned, units, lead, staff):
    a = assigned()
    clerk, head = api(units["unit1"]), api(units["unit1head"])

    refused = clerk.post(f"/api/v1/assignments/{a.pk}/draft-reply/", {"category": "A", "body": "已采纳"})
    assert (refused.status_code, refused.json()["code"]) == (409, "no_communication_recorded")

    ok = clerk.post(
        f"/api/v1/assignments/{a.pk}/communicate/",
        {"date": a.assigned_on.isoformat(), "way": "call", "summary": "电话沟通", "understanding": True},
    )
    assert ok.status_code == 200, ok.json()

    draft = clerk.post(
        f"/api/v1/assignments/{a.pk}/draft-reply/",
        {"category": "A", "body": "已采纳", "scan": pdf()},
        format="multipart",
    )
    assert draft.json()["status"] == "draft"

    approved = head.post(f"/api/v1/assignments/{a.pk}/approve-reply/")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    assert api(staff).get(f"/api/v1/suggestions/{a.suggestion_id}/").json()["status"] == "replied"

    rated = api(lead.user).post(
        f"/api/v1/suggestions/{a.suggestion_id}/evaluate/", {"rating": "satisfied", "comment": "满意"}
    )
    assert rated.json()["status"] == "closed"


def test_a_category_b_reply_without_its_plan_is_a_400_with_a_code(api, assigned, units):
    a = assigned()
    api(units["unit1"]).post(
        f"/api/v1/assignments/{a.pk}/communicate/",
        {"date": a.assigned_on.isoformat(), "way": "visit", "summary": "走访", "understanding": True},
    )
    response = api(units["unit1"]).post(
        f"/api/v1/assignments/{a.pk}/draft-reply/", {"category": "B", "body": "列入计划"}
    )
    assert (response.status_code, response.json()["code"]) == (400, "reply_incomplete")


def test_extension_request_decision_and_the_second_request(api, assigned, units, staff):
    a = assigned()
    assert (
        api(units["unit1"])
        .post(f"/api/v1/assignments/{a.pk}/request-extension/", {"reason": "情况复杂"})
        .status_code
        == 200
    )
    body = (
        api(staff)
        .post(f"/api/v1/assignments/{a.pk}/decide-extension/", {"approve": True, "reason": "同意"})
        .json()
    )
    assert body["extended"] is True
    again = api(units["unit1"]).post(f"/api/v1/assignments/{a.pk}/request-extension/", {"reason": "再次"})
    assert (again.status_code, again.json()["code"]) == (409, "extension_already_used")


def test_the_co_unit_sends_its_opinion(api, file_suggestion, staff, units):
    s = file_suggestion()
    response = api(staff).post(
        f"/api/v1/suggestions/{s.pk}/assign/",
        {
            "units": [
                {"unit": units["education"].pk, "role": "lead"},
                {"unit": units["transport"].pk, "role": "co"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    co = next(r for r in api(units["unit2"]).get(f"/api/v1/assignments/?suggestion={s.pk}").json()["results"])
    body = (
        api(units["unit2"]).post(f"/api/v1/assignments/{co['id']}/send-opinion/", {"body": "协办意见"}).json()
    )
    assert body["status"] == "opinion_sent"


def test_mark_key_and_decide_rehandling(api, assigned, units, staff, lead, make_unit):
    a = assigned()
    body = make_unit("省人大教科文卫委", "special_committee")
    key = api(staff).post(
        f"/api/v1/suggestions/{a.suggestion_id}/mark-key/",
        # S§39: the supervising body, its leader and the leading official are named.
        {"ground": 3, "grounds_text": "代表反映集中", "supervising_body": body.pk, "supervising_leader": "孙副主任",
         "leading_official": "周副省长"},
    )  # fmt: skip
    assert key.status_code == 200
    refused = api(staff).post(
        f"/api/v1/suggestions/{a.suggestion_id}/decide-rehandling/", {"rehandle": True, "explanation": "x"}
    )
    assert refused.json()["code"] == "invalid_transition"
    assert "invalid_status" in refused.json()["aliases"]


def test_commitments_and_their_progress(api, assigned, units, lead):
    from django.utils import timezone

    a = assigned()
    clerk = api(units["unit1"])
    clerk.post(
        f"/api/v1/assignments/{a.pk}/communicate/",
        {"date": a.assigned_on.isoformat(), "way": "meeting", "summary": "座谈", "understanding": True},
    )
    clerk.post(
        f"/api/v1/assignments/{a.pk}/draft-reply/",
        {
            "category": "B",
            "body": "列入计划",
            "plan": "建设",
            "path": "财政",
            "completion_date": "2027-06-30",
            "scan": pdf(),
        },
        format="multipart",
    )
    api(units["unit1head"]).post(f"/api/v1/assignments/{a.pk}/approve-reply/")
    [row] = clerk.get("/api/v1/commitments/").json()["results"]
    assert row["promised_date"] == "2027-06-30"
    done = clerk.post(f"/api/v1/commitments/{row['id']}/progress/", {"text": "已完成", "done": True}).json()
    assert done["done_on"] == timezone.localdate().isoformat()
    assert api(units["unit2"]).get("/api/v1/commitments/").json()["count"] == 0  # another unit's
    assert Reply.objects.get().status == "approved"
