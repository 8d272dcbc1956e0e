"""The motions API: the §7 contract (paths, payloads, codes, the deadline object)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.roles import Role
from motions.models import Motion
from motions.services import intake, presidium, review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

BODY = {
    "title": "关于修改《山西省汾河保护条例》的议案",
    "reason": "案由",
    "grounds": "案据",
    "solution": "方案",
    "category": "major_matter",
    "kind": "joint",
}


def test_a_deputy_drafts_invites_collects_ten_confirmations_and_submits(api, session, lead, deputies):
    client = api(lead.user)
    created = client.post(
        "/api/v1/motions/", {**BODY, "session": session.pk, "co_signers": [d.pk for d in deputies[1:5]]}
    )
    assert created.status_code == 201, created.json()
    motion = created.json()
    assert (motion["status"], motion["number"], motion["lead_deputy"]) == ("draft", "", lead.pk)
    assert len(motion["co_signers"]) == 4
    pk = motion["id"]

    invited = client.post(f"/api/v1/motions/{pk}/invite/", {"co_signers": [d.pk for d in deputies[5:10]]})
    assert len(invited.json()["co_signers"]) == 9

    refused = client.post(f"/api/v1/motions/{pk}/submit/")
    assert refused.status_code == 409
    assert refused.json()["code"] == "insufficient_signers"

    for deputy in deputies[1:10]:
        confirmed = api(deputy.user).post(f"/api/v1/motions/{pk}/confirm/")
        assert confirmed.status_code == 200
    submitted = client.post(f"/api/v1/motions/{pk}/submit/")
    assert submitted.status_code == 200, submitted.json()
    assert (submitted.json()["status"], submitted.json()["number"]) == ("submitted", "0001")
    assert submitted.json()["report_due"] is None

    history = client.get(f"/api/v1/motions/{pk}/history/").json()
    assert history[-1]["action"] == "submit"


def test_a_refusal_is_a_code_and_a_chinese_message_or_english_on_request(api, draft, lead):
    motion = draft(signers=3)
    client = api(lead.user)
    chinese = client.post(f"/api/v1/motions/{motion.pk}/submit/").json()
    english = client.post(f"/api/v1/motions/{motion.pk}/submit/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert chinese["code"] == english["code"] == "insufficient_signers"
    assert "M§" in english["detail"]


def test_editing_through_the_api_voids_confirmations(api, draft, lead):
    motion = draft()
    response = api(lead.user).patch(f"/api/v1/motions/{motion.pk}/", {"solution": "新方案"})
    assert response.status_code == 200
    assert not any(c["confirmed"] for c in response.json()["co_signers"])


def test_a_draft_is_invisible_to_a_deputy_who_was_not_invited(api, draft, deputies):
    motion = draft(signers=2)
    outsider = deputies[13]
    assert api(outsider.user).get(f"/api/v1/motions/{motion.pk}/").status_code == 404
    assert api(deputies[1].user).get(f"/api/v1/motions/{motion.pk}/").status_code == 200


def test_a_unit_clerk_sees_no_motion(api, filed, make_user, unit):
    filed()
    clerk = make_user("clerk", Role.UNIT_HANDLER, organisation=unit)
    assert api(clerk).get("/api/v1/motions/").json()["count"] == 0


def test_the_list_filters_by_status_category_deputy_and_number(
    api, filed, draft, lead, deputies, secretariat
):
    first = filed()
    filed(category="supervision", title="关于监督全省教育经费使用的议案")
    draft()
    client = api(secretariat)
    assert client.get("/api/v1/motions/", {"status": "submitted"}).json()["count"] == 2
    assert client.get("/api/v1/motions/", {"category": "supervision"}).json()["count"] == 1
    assert client.get("/api/v1/motions/", {"q": "0001"}).json()["results"][0]["id"] == first.pk
    assert client.get("/api/v1/motions/", {"q": "教育经费"}).json()["count"] == 1
    assert client.get("/api/v1/motions/", {"deputy": deputies[3].pk}).json()["count"] == 2
    assert client.get("/api/v1/motions/", {"session": first.session_id + 99}).json()["count"] == 0


def test_it_refuses_a_motion_after_the_deadline_through_the_api(api, session, lead):
    import time_machine

    from tests.conftest import BEIJING

    with time_machine.travel(dt.datetime(2026, 1, 27, 13, tzinfo=BEIJING), tick=False):
        response = api(lead.user).post("/api/v1/motions/", {**BODY, "session": session.pk})
    assert response.status_code == 409
    assert response.json()["code"] == "motion_deadline_passed"


def test_the_committee_meets_votes_and_the_presidium_refers_with_a_report_due_object(
    api, filed, secretariat, committee, bodies, session
):
    motion = filed()
    api(secretariat).post(f"/api/v1/motions/{motion.pk}/send-to-review/")
    chair = committee[0]
    client = api(chair.user)
    meeting = client.post(
        "/api/v1/review-meetings/",
        {
            "session": session.pk,
            "held_at": "2026-01-27T15:00:00+08:00",
            "convened_by": chair.pk,
            "place": "迎泽宾馆",
        },
    )
    assert meeting.status_code == 201, meeting.json()
    meeting_id = meeting.json()["id"]
    few = client.post(
        f"/api/v1/review-meetings/{meeting_id}/attendance/", {"present": [m.pk for m in committee[:4]]}
    )
    assert few.json()["has_quorum"] is False
    refused = client.post(
        f"/api/v1/motions/{motion.pk}/recommend/", {"meeting": meeting_id, "kind": "agenda"}
    )
    assert refused.json()["code"] == "quorum_not_met"

    client.post(
        f"/api/v1/review-meetings/{meeting_id}/attendance/", {"present": [m.pk for m in committee[:6]]}
    )
    recommended = client.post(
        f"/api/v1/motions/{motion.pk}/recommend/",
        {"meeting": meeting_id, "kind": "recess_review", "body": bodies["法制委"].pk},
    )
    assert recommended.json()["status"] == "recommended"
    vote = client.post(
        f"/api/v1/review-meetings/{meeting_id}/vote/",
        {"votes": [{"member": m.pk, "choice": "for"} for m in committee[:5]]},
    )
    assert vote.json() == {"adopted": True, "votes_for": 5, "members_total": 9}

    approved = api(secretariat).post(
        f"/api/v1/review-reports/{session.pk}/approve/", {"approved_at": "2026-01-27T20:00:00+08:00"}
    )
    assert approved.json() == {"decided": 1}
    detail = api(secretariat).get(f"/api/v1/motions/{motion.pk}/").json()
    assert detail["status"] == "referred"
    assert detail["report_due"]["due"] == "2026-07-29"
    assert detail["report_due"]["provisional"] is False
    assert "2026-01-29" in detail["report_due"]["explanation"]
    report = api(secretariat).get(f"/api/v1/review-reports/{session.pk}/").json()
    assert report["received"] == 1
    assert report["items"][0]["numbers"] == "0001号"


def test_a_deputy_cannot_recommend(api, filed, lead, meeting):
    motion = filed()
    response = api(lead.user).post(
        f"/api/v1/motions/{motion.pk}/recommend/", {"meeting": meeting.pk, "kind": "agenda"}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_the_body_uploads_its_report_as_multipart(
    api, filed, secretariat, meeting, committee, bodies, adopt, session, body_staff, heard
):
    import datetime as dt

    from tests.conftest import BEIJING

    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(
        session=session, actor=secretariat, approved_at=dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)
    )
    heard(motion)  # M§5, M§24: before the report
    upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = api(body_staff).post(
        f"/api/v1/motions/{motion.pk}/report/", {"summary": "审议结果", "file": upload}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "reported"
    assert Motion.objects.get(pk=motion.pk).recess_report.file.read() == b"%PDF-1.4"


def test_the_detail_says_what_each_user_may_do_now(api, draft, filed, lead, deputies, secretariat):
    motion = draft(signers=0)
    invited = api(lead.user).post(f"/api/v1/motions/{motion.pk}/invite/", {"co_signers": [deputies[5].pk]})
    assert {"edit", "invite", "submit"} <= set(invited.json()["actions"])
    assert api(deputies[5].user).get(f"/api/v1/motions/{motion.pk}/").json()["actions"] == ["confirm"]
    submitted = filed()
    assert api(lead.user).get(f"/api/v1/motions/{submitted.pk}/").json()["actions"] == ["withdraw"]
    assert api(secretariat).get(f"/api/v1/motions/{submitted.pk}/").json()["actions"] == [
        "classify",
        "request_opinion",
        "send_to_review",
    ]
    assert "actions" not in api(secretariat).get("/api/v1/motions/").json()["results"][0]


def test_a_deputys_motions_are_those_they_propose(api, draft, filed, lead, deputies, secretariat):
    filed()  # deputies 1–9 co-signed it
    invited = draft(signers=0)
    api(lead.user).post(f"/api/v1/motions/{invited.pk}/invite/", {"co_signers": [deputies[3].pk]})
    # Invited to the second, deputy 3 has not confirmed its text: it is not yet theirs (M§12).
    assert api(deputies[3].user).get("/api/v1/motions/", {"deputy": deputies[3].pk}).json()["count"] == 1
    assert api(lead.user).get("/api/v1/motions/", {"deputy": lead.pk}).json()["count"] == 2
    assert api(secretariat).get("/api/v1/motions/", {"deputy": deputies[13].pk}).json()["count"] == 0
