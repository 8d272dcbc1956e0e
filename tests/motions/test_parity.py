"""The API and the pages are two doors to the same services: each action that changes a motion,
taken once through the API and once through its page on two equal motions, leaves the same
history and the same changes.

What is compared is said in tests/motions/parity.py, with the two doors.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motions.checks import proposers
from motions.models import Motion
from motions.services import filing, intake, presidium, recess, review
from suggestions.models import SubjectArea
from tests.conftest import BEIJING
from tests.motions.parity import (
    Case,
    act_on_the_page,
    act_through_the_api,
    events_since,
    pdf,
    snapshot,
    trace,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)
AFTER_THE_DEADLINE = dt.datetime(2026, 1, 27, 13, tzinfo=BEIJING)
# A moment given to both doors: the API takes ISO 8601, the page its datetime-local field.
API_MOMENT, PAGE_MOMENT = "2026-01-28T09:30:00+08:00", "2026-01-28T09:30"


CASES = {
    "invite": Case(
        "unsigned", "lead", "invite", "invite",
        api_data=lambda w, m: {"co_signers": [d.pk for d in w.deputies[10:12]]},
        page_data=lambda w, m: {"names": "、".join(d.name for d in w.deputies[10:12])},
        expected={"invite"},
    ),
    "confirm": Case("invited", "invitee", "confirm", "confirm", expected={"confirm"}),
    "decline": Case("invited", "invitee", "decline", "decline", expected={"decline"}),
    "edit": Case(
        "draft", "lead", "", "edit",
        api_data=lambda w, m: {"solution": "新的方案。"},
        page_data=lambda w, m: {
            "kind": m.kind, "title": m.title, "category": m.category, "regulation_action": "",
            "reason": m.reason, "grounds": m.grounds, "solution": "新的方案。",
        },
        expected={"edit"},
    ),
    "attach": Case(
        "draft", "lead", "attachments", "attach",
        api_data=lambda w, m: {"kind": "other", "file": pdf("说明.pdf")},
        page_data=lambda w, m: {"kind": "other", "file": pdf("说明.pdf")},
        multipart=True,
        expected={"attach"},
    ),
    "submit": Case("draft", "lead", "submit", "submit", expected={"submit"}),
    "refile_as_suggestion": Case(
        "draft", "lead", "refile-as-suggestion", "refile-as-suggestion",
        api_data=lambda w, m: {"subject_area": w.area.pk},
        page_data=lambda w, m: {"subject_area": w.area.pk},
        at=AFTER_THE_DEADLINE,
        expected={"refile_as_suggestion"},
    ),
    "withdraw": Case(
        "submitted", "lead", "withdraw", "withdraw",
        api_data=lambda w, m: {"reason": "另行提出"},
        page_data=lambda w, m: {"reason": "另行提出"},
        expected={"withdraw"},
    ),
    "classify": Case(
        "submitted", "secretariat", "classify", "classify",
        api_data=lambda w, m: {"category": "legislation", "subject_body": w.bodies["法制委"].pk, "preliminary_opinion": "符合"},
        page_data=lambda w, m: {"category": "legislation", "subject_body": w.bodies["法制委"].pk, "preliminary_opinion": "符合"},
        expected={"classify"},
    ),
    "request_opinion": Case(
        "submitted", "secretariat", "request-opinion", "request-opinion",
        api_data=lambda w, m: {"body": w.bodies["法工委"].pk, "question": "立法计划？"},
        page_data=lambda w, m: {"body": w.bodies["法工委"].pk, "question": "立法计划？"},
        expected={"request_opinion"},
    ),
    "record_opinion": Case(
        "asked", "secretariat", "record-opinion", "record-opinion",
        api_data=lambda w, m: {"opinion": m.opinions.get().pk, "text": "已列入调研项目。"},
        page_data=lambda w, m: {"opinion": m.opinions.get().pk, "text": "已列入调研项目。"},
        expected={"record_opinion"},
    ),
    "send_to_review": Case("submitted", "secretariat", "send-to-review", "send-to-review", expected={"send_to_review"}),
    "recommend": Case(
        "under_review", "chair", "recommend", "recommend",
        api_data=lambda w, m: {"meeting": w.meeting.pk, "kind": "recess_review", "body": w.bodies["法制委"].pk, "reason": "需调研"},
        page_data=lambda w, m: {"meeting": w.meeting.pk, "kind": "recess_review", "body": w.bodies["法制委"].pk, "reason": "需调研"},
        expected={"recommend"},
    ),
    "merge": Case(
        "merging", "chair", "merge", "merge",
        api_data=lambda w, m: {"into": w.partner[m.pk].pk, "meeting": w.meeting.pk, "reason": "内容相同"},
        page_data=lambda w, m: {"into": w.partner[m.pk].pk, "meeting": w.meeting.pk, "reason": "内容相同"},
        expected={"merge"},
    ),
    "decide": Case(
        "recommended", "secretariat", "decide", "decide",
        api_data=lambda w, m: {"kind": "recess_review", "body": w.bodies["财经委"].pk, "decided_at": API_MOMENT, "note": "主席团决定"},
        page_data=lambda w, m: {"kind": "recess_review", "body": w.bodies["财经委"].pk, "decided_at": PAGE_MOMENT, "note": "主席团决定"},
        expected={"decide"},
    ),
    "request_reconsideration": Case(
        "referred", "lead", "request-reconsideration", "request-reconsideration",
        api_data=lambda w, m: {"signers": [d.pk for d in w.proposers(m)], "reason": "应列入议程"},
        page_data=lambda w, m: {"signers": [d.pk for d in w.proposers(m)], "reason": "应列入议程"},
        expected={"request_reconsideration"},
    ),
    "answer_reconsideration": Case(
        "reconsidering", "secretariat", "answer-reconsideration", "answer-reconsideration",
        api_data=lambda w, m: {"outcome": "revised", "kind": "agenda", "answer": "列入议程", "answered_at": API_MOMENT},
        page_data=lambda w, m: {
            "reconsideration": m.reconsiderations.get().pk, "outcome": "revised", "kind": "agenda",
            "answer": "列入议程", "answered_at": PAGE_MOMENT,
        },
        expected={"answer_reconsideration"},
    ),
    "withdraw_with_consent": Case(
        "on_agenda", "secretariat", "withdraw", "consent-withdrawal",
        api_data=lambda w, m: {"reason": "代表书面要求撤回", "consented_at": API_MOMENT},
        page_data=lambda w, m: {"reason": "代表书面要求撤回", "consented_at": PAGE_MOMENT},
        expected={"withdraw_with_consent"},
    ),
    "deliberate": Case(
        "on_agenda", "secretariat", "hearing", "deliberate",
        api_data=lambda w, m: {"kind": "deliberation", "held_at": API_MOMENT, "place": "第三会议室", "summary": "审议"},
        page_data=lambda w, m: {"held_at": PAGE_MOMENT, "place": "第三会议室", "summary": "审议"},
        expected={"deliberate"},
    ),
    "record_outcome": Case(
        "on_agenda", "secretariat", "record-outcome", "record-outcome",
        api_data=lambda w, m: {"outcome": "adopted", "voted_at": API_MOMENT, "votes_for": 520, "votes_against": 3, "abstentions": 8},
        page_data=lambda w, m: {"outcome": "adopted", "voted_at": PAGE_MOMENT, "votes_for": 520, "votes_against": 3, "abstentions": 8},
        expected={"record_outcome"},
    ),
    "not_to_vote": Case(
        "on_agenda", "secretariat", "not-to-vote", "not-to-vote",
        api_data=lambda w, m: {"decided_at": API_MOMENT, "note": "尚需进一步研究"},
        page_data=lambda w, m: {"decided_at": PAGE_MOMENT, "note": "尚需进一步研究"},
        expected={"not_to_vote"},
    ),
    "name_responsible": Case(
        "referred", "body_staff", "responsible-person", "responsible-person",
        api_data=lambda w, m: {"person": w.users["body_staff"].pk},
        page_data=lambda w, m: {"person": w.users["body_staff"].pk},
        expected={"name_responsible"},
    ),
    "meet": Case(
        "named", "body_staff", "hearing", "meet",
        api_data=lambda w, m: {"kind": "face_to_face", "held_at": API_MOMENT, "place": "法制委会议室", "attended_by": [w.lead.pk]},
        page_data=lambda w, m: {"held_at": PAGE_MOMENT, "place": "法制委会议室", "attended_by": [w.lead.pk]},
        expected={"meet"},
    ),
    "hearing": Case(
        "referred", "body_staff", "hearing", "hearing",
        api_data=lambda w, m: {"kind": "recess_hearing", "held_at": API_MOMENT, "place": "省人大常委会"},
        page_data=lambda w, m: {"held_at": PAGE_MOMENT, "place": "省人大常委会"},
        expected={"hearing"},
    ),
    "body_opinion": Case(
        "referred", "body_staff", "request-opinion", "request-opinion",
        api_data=lambda w, m: {"body": w.bodies["省教育厅"].pk, "question": "研究意见"},
        page_data=lambda w, m: {"body": w.bodies["省教育厅"].pk, "question": "研究意见"},
        expected={"request_opinion"},
    ),
    "report": Case(
        "heard", "body_staff", "report", "report",
        api_data=lambda w, m: {"summary": "建议列入立法计划。", "file": pdf()},
        page_data=lambda w, m: {"summary": "建议列入立法计划。", "file": pdf()},
        multipart=True,
        expected={"report"},
    ),
    "sc_meeting": Case(
        "reported", "committee_staff", "hearing", "sc-meeting",
        api_data=lambda w, m: {"kind": "sc_meeting", "held_at": API_MOMENT, "place": "常委会会议室"},
        page_data=lambda w, m: {"held_at": PAGE_MOMENT, "place": "常委会会议室"},
        expected={"sc_meeting"},
    ),
    "conclude": Case(
        "reported", "committee_staff", "conclude", "conclude",
        api_data=lambda w, m: {"sc_meeting_on": "2026-05-28", "text": "常委会审议通过。"},
        page_data=lambda w, m: {"sc_meeting_on": "2026-05-28", "text": "常委会审议通过。"},
        expected={"conclude"},
    ),
    "submit_to_next_session": Case(
        "authorized", "committee_staff", "submit-to-next-session", "submit-to-next-session",
        api_data=lambda w, m: {"sent_on": "2026-12-20", "note": "提请下次会议审议"},
        page_data=lambda w, m: {"sent_on": "2026-12-20", "note": "提请下次会议审议"},
        expected={"submit_to_next_session"},
    ),
    "distribute": Case(
        "concluded", "committee_staff", "distribute", "distribute",
        api_data=lambda w, m: {"sent_on": "2027-01-24", "note": "随会议文件印发"},
        page_data=lambda w, m: {"sent_on": "2027-01-24", "note": "随会议文件印发"},
        expected={"distribute"},
    ),
}  # fmt: skip


@pytest.fixture
def world(
    draft,
    filed,
    lead,
    deputies,
    secretariat,
    committee,
    meeting,
    adopt,
    session,
    bodies,
    body_staff,
    committee_staff,
    heard,
    next_session,
):
    """The people and bodies of the session, and `pair(state)`: two equal motions in a state."""
    w = SimpleNamespace(
        deputies=deputies, lead=lead, bodies=bodies, meeting=meeting, partner={}, proposers=proposers,
        area=SubjectArea.objects.get_or_create(name="教育")[0],
        users={
            "lead": lead.user, "invitee": deputies[12].user, "secretariat": secretariat,
            "chair": committee[0].user, "body_staff": body_staff, "committee_staff": committee_staff,
        },
    )  # fmt: skip

    def under_review(count: int = 2) -> list[Motion]:
        return [intake.motion_send_to_review(motion=filed(), actor=secretariat) for _ in range(count)]

    def decided(kind: str) -> list[Motion]:
        motions = under_review()
        for motion in motions:
            body = bodies["法制委"] if kind == "recess_review" else None
            review.motion_recommend(
                motion=motion, actor=committee[0].user, meeting=meeting, kind=kind, body=body
            )
        adopt(meeting)
        presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
        return motions

    def pair(state: str) -> list[Motion]:
        if state == "draft":
            return [draft(), draft()]
        if state == "unsigned":
            return [draft(signers=0), draft(signers=0)]
        if state == "invited":
            motions = [draft(signers=0), draft(signers=0)]
            for motion in motions:
                filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[12]])
            return motions
        if state == "submitted":
            return [filed(), filed()]
        if state == "asked":
            motions = [filed(), filed()]
            for motion in motions:
                intake.motion_request_opinion(motion=motion, actor=secretariat, body=bodies["法工委"])
            return motions
        if state == "under_review":
            return under_review()
        if state == "merging":
            motions = under_review(4)
            w.partner = {motions[0].pk: motions[2], motions[1].pk: motions[3]}
            return motions[:2]
        if state == "recommended":
            motions = under_review()
            for motion in motions:
                review.motion_recommend(
                    motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda"
                )
            adopt(meeting)
            return motions
        if state == "on_agenda":
            return decided("agenda")
        if state == "authorized":
            motions = decided("agenda")
            for motion in motions:
                presidium.motion_record_outcome(
                    motion=motion, actor=secretariat, outcome="authorized", voted_at=PRESIDIUM
                )
            return motions
        motions = decided("recess_review")
        for motion in motions:
            if state == "reconsidering":
                presidium.motion_request_reconsideration(
                    motion=motion, actor=lead.user, signers=proposers(motion), reason="应列入议程"
                )
            if state == "named":
                recess.motion_name_responsible(motion=motion, actor=body_staff, person=body_staff)
            if state in ("heard", "reported", "concluded"):
                heard(motion)  # what M§5 and M§24 ask before the report
            if state in ("reported", "concluded"):
                recess.motion_submit_report(motion=motion, actor=body_staff, summary="报告", file=pdf())
            if state == "concluded":
                recess.motion_conclude(
                    motion=motion,
                    actor=committee_staff,
                    sc_meeting_on=dt.date(2026, 5, 28),
                    text="审议通过。",
                )
        return motions

    w.pair = pair
    return w


@pytest.mark.parametrize("name", list(CASES))
def test_an_action_through_the_api_and_through_the_page_leaves_the_same_history(name, world, api):
    case = CASES[name]
    through_api, through_page = world.pair(case.state)
    traces = []
    for motion, act in [
        (through_api, lambda m: act_through_the_api(api, case, world, m)),
        (through_page, lambda m: act_on_the_page(case, world, m)),
    ]:
        before, last_event = snapshot(motion), motion.events.order_by("pk").last().pk
        if case.at is None:
            act(motion)
        else:
            with time_machine.travel(case.at, tick=False):
                act(motion)
        traces.append(trace(motion, before, last_event))
    api_trace, page_trace = traces
    assert {e[0] for e in api_trace["events"]} == case.expected
    assert api_trace == page_trace


def test_a_draft_created_through_the_api_and_on_the_page_is_the_same(session, lead, api):
    text = {
        "title": "关于制定《山西省数据条例》的议案",
        "reason": "案由",
        "grounds": "案据",
        "solution": "方案",
    }
    created = api(lead.user).post(
        "/api/v1/motions/", {**text, "category": "other", "kind": "joint", "session": session.pk}
    )
    assert created.status_code == 201, created.json()
    client = Client()
    client.force_login(lead.user)
    page = client.post(reverse("motions:new"), {**text, "category": "other", "kind": "joint"})
    assert page.status_code == 302
    through_api, through_page = Motion.objects.order_by("pk")
    assert snapshot(through_api) == snapshot(through_page)
    assert events_since(through_api, 0) == events_since(through_page, 0)
