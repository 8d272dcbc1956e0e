"""Merged motions (M§18, M§19): the committee merges motions of the same or similar content
(0002号与0016号), but the measures still speak to every proposer. "提出议案的代表三分之二以上
对议案审查报告有异议的，可以...书面提出复议要求；主席团应当复议...并将结果答复提议案代表" (M§19):
the proposers of each motion merged into another remain proposers of the result."""

import datetime as dt

import pytest
from django.urls import reverse

from congress.notifications.models import Notification
from motions.checks import proposers
from motions.services import intake, presidium, recess, review
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)


@pytest.fixture
def merged(filed, deputies, secretariat, meeting, committee, bodies, adopt, session):
    """0001号 (led by deputy 0, deputies 1–9 co-signing) and 0002号 (led by deputy 13, deputies 0–8
    co-signing), merged into 0001号 and referred for recess review: eleven proposers in all."""
    first = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    second = intake.motion_send_to_review(motion=filed(lead_deputy=deputies[13]), actor=secretariat)
    review.motion_merge(
        motion=second, into=first, actor=committee[0].user, meeting=meeting, reason="内容相近"
    )
    review.motion_recommend(
        motion=first, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    first.refresh_from_db()
    return first, second


def test_the_proposers_of_a_merged_motion_remain_proposers_of_the_result(merged, deputies):
    result, _second = merged
    assert {d.pk for d in proposers(result)} == {d.pk for d in [*deputies[:10], deputies[13]]}


def test_the_proposers_of_a_merged_motion_may_ask_for_reconsideration(merged, deputies):
    result, _second = merged
    their_lead = deputies[13]  # leads 0002号, merged into 0001号
    signers = [their_lead, *deputies[:7]]  # eight of the eleven: two thirds or more
    request = presidium.motion_request_reconsideration(
        motion=result, actor=their_lead.user, signers=signers, reason="应列入本次会议议程"
    )
    assert (request.signers.count(), request.proposers_total) == (8, 11)


def test_two_thirds_are_counted_over_all_the_proposers_of_the_merged_result(merged, deputies):
    result, _second = merged
    # Seven would be two thirds of 0001号's own ten proposers, not of the eleven of the result.
    with refused("reconsideration_needs_two_thirds"):
        presidium.motion_request_reconsideration(
            motion=result, actor=deputies[0].user, signers=deputies[:7], reason="异议"
        )


def test_the_presidiums_answer_reaches_the_proposers_of_the_merged_motion(merged, deputies, secretariat):
    result, _second = merged
    request = presidium.motion_request_reconsideration(
        motion=result, actor=deputies[13].user, signers=[deputies[13], *deputies[:7]], reason="条件成熟"
    )
    presidium.motion_answer_reconsideration(
        reconsideration=request,
        actor=secretariat,
        outcome="upheld",
        answer="维持原审查意见。",
        answered_at=PRESIDIUM,
    )
    assert Notification.objects.filter(recipient=deputies[13].user, kind="motion_reconsidered").exists()


def test_the_proposers_of_a_merged_motion_are_invited_to_and_attend_its_hearing(merged, deputies, body_staff):
    result, _second = merged
    hearing = recess.motion_record_hearing(
        motion=result,
        actor=body_staff,
        kind="recess_hearing",
        held_at=dt.datetime(2026, 1, 26, 9, tzinfo=BEIJING),
        attended_by=[deputies[0], deputies[13]],
    )
    assert set(hearing.attended_by.all()) == {deputies[0], deputies[13]}
    invitation = Notification.objects.get(recipient=deputies[13].user, kind="motion_meeting")
    assert invitation.link == reverse("motions:detail", args=[result.pk])


def test_a_merged_motion_counts_in_its_proposers_record(merged, deputies, api, secretariat):
    result, second = merged
    mine = api(secretariat).get("/api/v1/motions/", {"deputy": deputies[13].pk}).json()
    assert {m["id"] for m in mine["results"]} == {result.pk, second.pk}
    own = api(deputies[13].user).get("/api/v1/motions/", {"mine": "true"}).json()
    assert {m["id"] for m in own["results"]} == {result.pk, second.pk}
