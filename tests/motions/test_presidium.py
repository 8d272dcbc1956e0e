"""The presidium: decisions, reconsideration, withdrawal, the plenary (M§18–M§23, D§11)."""

import datetime as dt

import pytest
import time_machine

from congress.roles import Role
from motions.checks import proposers
from motions.models import Recommendation
from motions.services import filing, intake, presidium, recess, review
from suggestions.workflow.who import deputies_of
from tests.conftest import BEIJING
from tests.helpers import refused
from tests.motions.conftest import REVIEW_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)


@pytest.fixture
def recommended(filed, secretariat, meeting, committee, bodies):
    """recommended(kind): a filed motion with the committee's recommendation."""

    def make(kind="recess_review", body="法制委"):
        motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
        review.motion_recommend(
            motion=motion,
            actor=committee[0].user,
            meeting=meeting,
            kind=kind,
            body=bodies[body] if kind == "recess_review" else None,
        )
        motion.refresh_from_db()
        return motion

    return make


@pytest.fixture
def approved(recommended, session, secretariat, meeting, adopt):
    """Two motions, the report adopted and passed by the presidium: one referred, one on the agenda."""
    referred, on_agenda = recommended("recess_review"), recommended("agenda")
    adopt(meeting)
    assert presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM) == 2
    referred.refresh_from_db()
    on_agenda.refresh_from_db()
    return referred, on_agenda


def test_the_presidium_decides_only_on_an_adopted_report(recommended, secretariat):
    motion = recommended()
    with refused("review_report_not_adopted"):
        presidium.motion_decide(motion=motion, actor=secretariat, kind="agenda", decided_at=PRESIDIUM)


def test_passing_the_report_refers_a_motion_with_a_six_month_report_clock(approved, bodies):
    referred, on_agenda = approved
    assert referred.status == "referred"
    assert referred.review_body == bodies["法制委"]
    # The session closes 2026-01-29; six months later is Wednesday 2026-07-29 (M§23).
    assert referred.report_due == dt.date(2026, 7, 29)
    assert referred.report_due_provisional is False
    assert on_agenda.status == "on_agenda"
    assert referred.decisions.get().kind == "recess_review"


def test_the_presidium_may_decide_otherwise_than_recommended(
    recommended, session, secretariat, meeting, adopt, bodies
):
    motion = recommended("agenda")
    adopt(meeting)
    presidium.motion_decide(
        motion=motion, actor=secretariat, kind="recess_review", body=bodies["财经委"], decided_at=PRESIDIUM
    )
    motion.refresh_from_db()
    assert (motion.status, motion.review_body) == ("referred", bodies["财经委"])


def test_handling_as_a_suggestion_creates_an_accepted_suggestion_with_its_proposers(
    recommended, secretariat, meeting, adopt, lead
):
    motion = recommended("as_suggestion")
    adopt(meeting)
    presidium.motion_decide(motion=motion, actor=secretariat, kind="as_suggestion", decided_at=PRESIDIUM)
    motion.refresh_from_db()
    assert motion.status == "converted"
    suggestion = motion.converted_to
    assert suggestion is not None
    assert (suggestion.status, suggestion.title, suggestion.lead_deputy) == ("accepted", motion.title, lead)
    assert suggestion.cosigners.filter(status="confirmed").count() == len(proposers(motion)) - 1
    assert motion.reason in suggestion.body
    assert motion.number_label in suggestion.events.get().note


@pytest.fixture
def delegation_motion(session, delegation, deputies, make_user, secretariat):
    """太原代表团's motion, passed by 41 of its 80 members (M§12's 过半数) and signed by its head,
    filed and sent to review."""
    staff = make_user("dele", Role.DELEGATION_STAFF)
    delegation.staff.add(staff)
    delegation.head = deputies[1]
    delegation.save()
    motion = filing.motion_create(
        session=session, actor=staff, kind="delegation", delegation=delegation, title="关于加强汾河流域生态保护的议案",
        reason="案由", grounds="案据", solution="方案", category="supervision",
    )  # fmt: skip
    filing.motion_update(
        motion=motion, actor=staff, plenary_date=dt.date(2026, 1, 25), member_count=80, votes_for=41,
        head_signed_by=deputies[1],
    )  # fmt: skip
    filing.motion_submit(motion=motion, actor=staff)
    return intake.motion_send_to_review(motion=motion, actor=secretariat)


def test_a_delegation_motion_handled_as_a_suggestion_becomes_the_delegations_suggestion(
    delegation_motion, filed, deputies, delegation, secretariat, meeting, committee, adopt
):
    """M§18(3): 不符合法定条件的，建议由主席团决定作为代表建议、批评和意见处理; S§27: 对代表团提出的
    建议…应当答复代表团的每位代表和相关设区的市人大常委会. A joint motion merged into it keeps its
    proposers (M§18): they become the suggestion's co-signers."""
    joint = intake.motion_send_to_review(motion=filed(lead_deputy=deputies[13]), actor=secretariat)
    review.motion_merge(motion=joint, into=delegation_motion, actor=committee[0].user, meeting=meeting)
    review.motion_recommend(
        motion=delegation_motion, actor=committee[0].user, meeting=meeting, kind="as_suggestion"
    )
    adopt(meeting)
    presidium.motion_decide(
        motion=delegation_motion, actor=secretariat, kind="as_suggestion", decided_at=PRESIDIUM
    )
    delegation_motion.refresh_from_db()
    suggestion = delegation_motion.converted_to
    assert (suggestion.kind, suggestion.delegation, suggestion.lead_deputy) == (
        "delegation",
        delegation,
        deputies[1],
    )
    assert (suggestion.delegation_members, suggestion.delegation_votes_for) == (80, 41)
    assert suggestion.delegation_head_signed
    co_signers = set(suggestion.cosigners.filter(status="confirmed").values_list("deputy_id", flat=True))
    assert co_signers == {d.pk for d in proposers(joint)} - {deputies[1].pk}  # the head leads it
    # Every member of the delegation, not only its head, is a deputy of the suggestion (S§27).
    assert {d.pk for d in deputies} <= {d.pk for d in deputies_of(suggestion)}


def test_two_thirds_of_the_proposers_ask_for_reconsideration(approved, lead):
    referred, _ = approved
    proposers = [lead, *[s.deputy for s in referred.cosignatures.all()]]
    request = presidium.motion_request_reconsideration(
        motion=referred, actor=lead.user, signers=proposers[:7], reason="应列入本次会议议程"
    )
    assert (request.signers.count(), request.proposers_total) == (7, 10)


def test_it_refuses_a_reconsideration_signed_by_six_of_ten_proposers(approved, lead):
    referred, _ = approved
    proposers = [lead, *[s.deputy for s in referred.cosignatures.all()]]
    with refused("reconsideration_needs_two_thirds"):
        presidium.motion_request_reconsideration(
            motion=referred, actor=lead.user, signers=proposers[:6], reason="异议"
        )


def test_only_proposers_sign_a_reconsideration(approved, lead, deputies):
    referred, _ = approved
    outsiders = deputies[10:14]
    proposers = [lead, *[s.deputy for s in referred.cosignatures.all()]]
    with refused("reconsideration_signer_not_proposer"):
        presidium.motion_request_reconsideration(
            motion=referred, actor=lead.user, signers=proposers[:7] + outsiders, reason="异议"
        )


def test_it_refuses_a_reconsideration_four_hours_before_the_last_meeting(approved, lead):
    referred, _ = approved
    proposers = [lead, *[s.deputy for s in referred.cosignatures.all()]]
    # The last meeting is at 17:00 on 28 January: requests close at 13:00.
    with (
        time_machine.travel(dt.datetime(2026, 1, 28, 13, 0, 1, tzinfo=BEIJING), tick=False),
        refused("reconsideration_too_late"),
    ):
        presidium.motion_request_reconsideration(
            motion=referred, actor=lead.user, signers=proposers, reason="异议"
        )
    with time_machine.travel(dt.datetime(2026, 1, 28, 13, 0, tzinfo=BEIJING), tick=False):
        presidium.motion_request_reconsideration(
            motion=referred, actor=lead.user, signers=proposers, reason="异议"
        )


def test_reconsideration_waits_for_the_report_the_presidium_passed(recommended, lead, meeting, adopt):
    motion = recommended()
    adopt(meeting)
    with refused("review_report_not_approved"):
        presidium.motion_request_reconsideration(
            motion=motion, actor=lead.user, signers=[lead], reason="异议"
        )


def test_the_presidium_revises_a_referral_onto_the_agenda(approved, lead, secretariat):
    referred, _ = approved
    proposers = [lead, *[s.deputy for s in referred.cosignatures.all()]]
    request = presidium.motion_request_reconsideration(
        motion=referred, actor=lead.user, signers=proposers, reason="条件成熟"
    )
    with refused("reconsideration_pending"):
        presidium.motion_request_reconsideration(
            motion=referred, actor=lead.user, signers=proposers, reason="再次"
        )
    presidium.motion_answer_reconsideration(
        reconsideration=request,
        actor=secretariat,
        outcome="revised",
        kind="agenda",
        answer="经复议，列入本次会议议程。",
        answered_at=dt.datetime(2026, 1, 28, 17, tzinfo=BEIJING),
    )
    referred.refresh_from_db()
    assert referred.status == "on_agenda"
    assert referred.report_due is None
    with refused("reconsideration_answered"):
        presidium.motion_answer_reconsideration(
            reconsideration=request, actor=secretariat, outcome="upheld", answer="x", answered_at=REVIEW_DAY
        )


def test_an_upheld_reconsideration_changes_nothing(approved, lead, secretariat):
    referred, _ = approved
    proposers = [lead, *[s.deputy for s in referred.cosignatures.all()]]
    request = presidium.motion_request_reconsideration(
        motion=referred, actor=lead.user, signers=proposers, reason="异议"
    )
    presidium.motion_answer_reconsideration(
        reconsideration=request,
        actor=secretariat,
        outcome="upheld",
        answer="维持原审查意见。",
        answered_at=PRESIDIUM,
    )
    referred.refresh_from_db()
    assert referred.status == "referred"


def test_a_revision_cannot_undo_an_adopted_motion(approved, lead, secretariat):
    _, on_agenda = approved
    proposers = [lead, *[s.deputy for s in on_agenda.cosignatures.all()]]
    request = presidium.motion_request_reconsideration(
        motion=on_agenda, actor=lead.user, signers=proposers, reason="异议"
    )
    with refused("reconsideration_revision_not_possible"):
        presidium.motion_answer_reconsideration(
            reconsideration=request,
            actor=secretariat,
            outcome="revised",
            kind="agenda",
            answer="x",
            answered_at=PRESIDIUM,
        )


def test_proposers_withdraw_a_motion_before_the_presidium_decides(filed, lead):
    motion = filed()
    assert presidium.motion_withdraw(motion=motion, actor=lead.user, reason="另行提出").status == "withdrawn"


def test_a_motion_on_the_agenda_is_withdrawn_only_with_the_presidiums_consent(approved, lead, secretariat):
    _, on_agenda = approved
    with refused("withdrawal_needs_presidium_consent"):
        presidium.motion_withdraw(motion=on_agenda, actor=lead.user, reason="撤回")
    presidium.motion_withdraw(
        motion=on_agenda, actor=secretariat, reason="提议案代表书面要求撤回", consented_at=PRESIDIUM
    )
    on_agenda.refresh_from_db()
    assert on_agenda.status == "withdrawn"
    assert on_agenda.decisions.last().kind == "withdrawal_consent"


def test_a_motion_others_were_merged_into_cannot_be_withdrawn(filed, secretariat, meeting, committee, lead):
    a = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    b = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_merge(motion=b, into=a, actor=committee[0].user, meeting=meeting)
    with refused("motion_has_merged_motions"):
        presidium.motion_withdraw(motion=a, actor=lead.user, reason="撤回")


def test_the_plenary_adopts_a_motion_on_the_agenda(approved, secretariat):
    referred, on_agenda = approved
    presidium.motion_record_outcome(
        motion=on_agenda,
        actor=secretariat,
        outcome="adopted",
        voted_at=dt.datetime(2026, 1, 29, 10, tzinfo=BEIJING),
        votes_for=520,
        votes_against=3,
        abstentions=8,
    )
    on_agenda.refresh_from_db()
    assert on_agenda.status == "adopted"
    with refused("invalid_transition"):
        presidium.motion_record_outcome(
            motion=referred, actor=secretariat, outcome="adopted", voted_at=PRESIDIUM
        )


def test_an_authorized_motion_is_concluded_by_the_sc(approved, secretariat, committee_staff):
    _, on_agenda = approved
    presidium.motion_record_outcome(
        motion=on_agenda, actor=secretariat, outcome="authorized", voted_at=PRESIDIUM
    )
    recess.motion_conclude(
        motion=on_agenda, actor=committee_staff, sc_meeting_on=dt.date(2026, 5, 28), text="常委会审议决定。"
    )
    on_agenda.refresh_from_db()
    assert on_agenda.status == "concluded"


def test_proposers_are_invited_to_the_deliberation(approved, secretariat, lead):
    _, on_agenda = approved
    hearing = recess.motion_record_hearing(
        motion=on_agenda,
        actor=secretariat,
        kind="deliberation",
        held_at=PRESIDIUM,
        place="第三会议室",
        attended_by=[lead],
    )
    assert list(hearing.attended_by.all()) == [lead]
    assert Recommendation.objects.filter(motion=on_agenda).exists()


def test_the_presidium_passes_the_report_once(approved, session, secretariat):
    with refused("review_report_already_approved"):
        presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
