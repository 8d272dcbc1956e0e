"""The motion-review committee: quorum, recommendations, merges, the report's vote (M§15–M§18)."""

import pytest

from congress.roles import Role
from motions.models import ReviewReport
from motions.selectors import merge_label
from motions.services import intake, review
from tests.helpers import refused
from tests.motions.conftest import REVIEW_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


@pytest.fixture
def under_review(filed, secretariat):
    def make(**fields):
        motion = filed(**fields)
        return intake.motion_send_to_review(motion=motion, actor=secretariat)

    return make


def test_the_secretariat_classifies_and_asks_a_committee_for_its_opinion(filed, secretariat, bodies):
    """M§14(1): the committee assists in receiving the motions and gives the review committee
    its preliminary review opinion (初步审查意见), kept on the motion; M§17: the committees'
    opinions are asked."""
    motion = filed()
    intake.motion_classify(
        motion=motion,
        actor=secretariat,
        category="legislation",
        subject_body=bodies["法制委"],
        preliminary_opinion="符合议案条件",
    )
    opinion = intake.motion_request_opinion(
        motion=motion, actor=secretariat, body=bodies["法工委"], question="立法计划？"
    )
    intake.opinion_record(opinion=opinion, actor=secretariat, text="已列入2026年立法调研项目。")
    motion.refresh_from_db()
    assert motion.category == "legislation"
    assert motion.subject_body == bodies["法制委"]
    assert motion.preliminary_opinion == "符合议案条件"
    assert motion.opinions.get().answered_at is not None


def test_intake_asks_only_special_committees_and_sc_bodies(filed, secretariat, bodies):
    with refused("review_body_invalid"):
        intake.motion_request_opinion(motion=filed(), actor=secretariat, body=bodies["省教育厅"])


def test_a_body_is_asked_once(filed, secretariat, bodies):
    motion = filed()
    intake.motion_request_opinion(motion=motion, actor=secretariat, body=bodies["法工委"])
    with refused("opinion_already_requested"):
        intake.motion_request_opinion(motion=motion, actor=secretariat, body=bodies["法工委"])


def test_a_deputy_cannot_classify(filed, lead, bodies):
    with refused("permission_denied"):
        intake.motion_classify(motion=filed(), actor=lead.user, category="other", subject_body=None)


def test_a_quorate_meeting_recommends_a_motion_for_recess_review(under_review, meeting, committee, bodies):
    motion = under_review()
    review.motion_recommend(
        motion=motion, actor=committee[2].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    motion.refresh_from_db()
    assert motion.status == "recommended"
    assert motion.recommendation.body == bodies["法制委"]


def test_it_refuses_a_recommendation_at_a_meeting_of_four_members_out_of_nine(
    under_review, session, committee
):
    chair = committee[0]
    meeting = review.review_meeting_create(
        session=session, actor=chair.user, held_at=REVIEW_DAY, convened_by=chair
    )
    review.review_meeting_attendance(meeting=meeting, actor=chair.user, present=[m.pk for m in committee[:4]])
    with refused("quorum_not_met") as error:
        review.motion_recommend(motion=under_review(), actor=chair.user, meeting=meeting, kind="agenda")
    assert "4" in str(error.value.detail)


def test_five_of_nine_members_make_a_quorum(under_review, session, committee):
    chair = committee[0]
    meeting = review.review_meeting_create(
        session=session, actor=chair.user, held_at=REVIEW_DAY, convened_by=chair
    )
    meeting = review.review_meeting_attendance(
        meeting=meeting, actor=chair.user, present=[m.pk for m in committee[:5]]
    )
    assert (meeting.present_count, meeting.members_total, meeting.has_quorum) == (5, 9, True)
    motion = under_review()
    recommendation = review.motion_recommend(motion=motion, actor=chair.user, meeting=meeting, kind="agenda")
    motion.refresh_from_db()
    assert motion.status == "recommended"
    assert (recommendation.kind, recommendation.meeting) == ("agenda", meeting)


def test_an_ordinary_member_cannot_convene_the_committee(session, committee):
    member = committee[5]
    with refused("meeting_convener_invalid"):
        review.review_meeting_create(
            session=session, actor=member.user, held_at=REVIEW_DAY, convened_by=member
        )


def test_only_a_member_of_this_sessions_committee_recommends(under_review, meeting, make_user):
    outsider = make_user("rc-other", Role.REVIEW_COMMITTEE)
    with refused("not_a_review_member") as error:
        review.motion_recommend(motion=under_review(), actor=outsider, meeting=meeting, kind="agenda")
    assert error.value.status == 403


def test_recess_review_names_a_special_committee_or_an_sc_body(under_review, meeting, committee, bodies):
    with refused("review_body_invalid"):
        review.motion_recommend(
            motion=under_review(),
            actor=committee[0].user,
            meeting=meeting,
            kind="recess_review",
            body=bodies["省教育厅"],
        )


def test_a_merge_keeps_both_numbers_visible(under_review, meeting, committee):
    first = under_review()
    second = under_review()
    review.motion_merge(
        motion=second, into=first, actor=committee[0].user, meeting=meeting, reason="内容相同"
    )
    second.refresh_from_db()
    assert second.status == "merged"
    assert merge_label(first) == "0001号与0002号"


def test_a_motion_cannot_merge_into_itself_or_a_decided_one(under_review, meeting, committee, filed):
    first = under_review()
    with refused("merge_invalid"):
        review.motion_merge(motion=first, into=first, actor=committee[0].user, meeting=meeting)
    not_yet_reviewed = filed()
    with refused("merge_invalid"):
        review.motion_merge(motion=first, into=not_yet_reviewed, actor=committee[0].user, meeting=meeting)


def test_motions_merged_into_a_merged_motion_follow_it(under_review, meeting, committee):
    a, b, c = under_review(), under_review(), under_review()
    review.motion_merge(motion=c, into=b, actor=committee[0].user, meeting=meeting)
    review.motion_merge(motion=b, into=a, actor=committee[0].user, meeting=meeting)
    assert merge_label(a) == "0001号与0002号与0003号"


def test_the_report_is_voted_only_once_every_motion_has_a_recommendation(under_review, meeting, adopt):
    under_review()
    with refused("recommendations_incomplete"):
        adopt(meeting=meeting)


def test_the_report_needs_a_majority_of_all_members_not_of_those_present(under_review, meeting, committee):
    motion = under_review()
    review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda")
    # Seven present: four for is a majority of those present, not of the nine members.
    votes = {m.pk: "for" for m in committee[:4]} | {m.pk: "abstain" for m in committee[4:7]}
    report, adopted = review.review_report_vote(meeting=meeting, actor=committee[0].user, votes=votes)
    assert not adopted
    assert report.adopted_at is None
    assert (report.votes_for, report.abstentions, report.members_total) == (4, 3, 9)
    votes = {m.pk: "for" for m in committee[:5]} | {m.pk: "against" for m in committee[5:7]}
    report, adopted = review.review_report_vote(meeting=meeting, actor=committee[0].user, votes=votes)
    assert adopted
    assert report.adopted_at == meeting.held_at


def test_an_absent_member_does_not_vote(under_review, meeting, committee):
    motion = under_review()
    review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda")
    with refused("vote_member_absent"):
        review.review_report_vote(meeting=meeting, actor=committee[0].user, votes={committee[8].pk: "for"})


def test_recommendations_are_frozen_once_the_report_is_adopted(under_review, meeting, committee, adopt):
    motion = under_review()
    review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda")
    adopt(meeting)
    with refused("review_report_already_adopted"):
        review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="as_suggestion")


def test_the_database_refuses_an_adopted_report_without_a_majority(session):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewReport.objects.create(session=session, adopted_at=REVIEW_DAY, votes_for=4, members_total=9)


def test_only_an_account_with_the_review_role_joins_the_committee(session, secretariat, lead):
    with refused("not_a_review_committee_user"):
        review.review_member_add(session=session, user=lead.user, position="member", actor=secretariat)
