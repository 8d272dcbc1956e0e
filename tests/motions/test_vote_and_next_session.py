"""The presidium's decision on the vote (M§20), the SC's follow-up of an authorization at the next
session (M§21), and the report printed for the next session (M§26).

M§20: "由主席团决定是否提请大会全体会议表决".
M§21: "...授权常务委员会在本次代表大会会议闭会后审议决定，并报下次代表大会会议备案，或者提请
下次代表大会会议审议".
M§26: "常务委员会会议通过后，由人事代表工作委员会通过代表议案建议网络平台上传审议结果报告或者
处理情况报告，并印发下一次省人民代表大会会议".
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motions.models import NextSessionReport
from motions.services import intake, presidium, recess, review
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)
PLENARY = dt.datetime(2026, 1, 29, 10, tzinfo=BEIJING)
SC_MEETING = dt.date(2026, 5, 28)


@pytest.fixture
def decided(filed, secretariat, meeting, committee, bodies, adopt, session):
    """decided(kind): a motion the presidium decided on as the committee recommended."""

    def make(kind):
        motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
        body = bodies["法制委"] if kind == "recess_review" else None
        review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind=kind, body=body)
        adopt(meeting)
        presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
        motion.refresh_from_db()
        return motion

    return make


@pytest.fixture
def authorized(decided, secretariat):
    motion = decided("agenda")
    presidium.motion_record_outcome(motion=motion, actor=secretariat, outcome="authorized", voted_at=PLENARY)
    motion.refresh_from_db()
    return motion


@pytest.fixture
def concluded(decided, heard, body_staff, committee_staff):
    motion = decided("recess_review")
    heard(motion)
    report = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 final", content_type="application/pdf")
    recess.motion_submit_report(motion=motion, actor=body_staff, summary="建议列入立法计划。", file=report)
    recess.motion_conclude(
        motion=motion, actor=committee_staff, sc_meeting_on=SC_MEETING, text="常委会审议通过。"
    )
    motion.refresh_from_db()
    return motion


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_presidium_may_decide_not_to_put_a_motion_on_the_agenda_to_the_vote(decided, secretariat, lead):
    motion = decided("agenda")
    decision = presidium.motion_not_to_vote(
        motion=motion, actor=secretariat, decided_at=PLENARY, note="尚需进一步研究论证"
    )
    motion.refresh_from_db()
    assert motion.status == "not_put_to_vote"
    assert (decision.kind, decision.decided_at) == ("not_to_vote", PLENARY)
    # Its deliberation ends: the plenary votes on it no more, and it is not asked twice.
    with refused("invalid_transition"):
        presidium.motion_record_outcome(motion=motion, actor=secretariat, outcome="adopted", voted_at=PLENARY)
    with refused("invalid_transition"):
        presidium.motion_not_to_vote(motion=motion, actor=secretariat, decided_at=PLENARY)
    assert lead.user.notifications.filter(kind="motion_status").exists()


def test_only_the_presidium_keeps_a_motion_from_the_vote(decided, lead):
    with refused("permission_denied"):
        presidium.motion_not_to_vote(motion=decided("agenda"), actor=lead.user, decided_at=PLENARY)


def test_the_scs_decision_on_an_authorized_motion_is_reported_to_the_next_session_for_the_record(
    authorized, committee_staff, next_session
):
    recess.motion_conclude(
        motion=authorized, actor=committee_staff, sc_meeting_on=SC_MEETING, text="常委会审议决定。"
    )
    sent = recess.motion_distribute(motion=authorized, actor=committee_staff, sent_on=dt.date(2027, 1, 24))
    assert (sent.kind, sent.session, sent.recorded_by) == ("record", next_session, committee_staff)


def test_the_sc_may_submit_an_authorized_motion_to_the_next_session_for_deliberation(
    authorized, committee_staff, next_session
):
    sent = recess.motion_submit_to_next_session(
        motion=authorized, actor=committee_staff, sent_on=dt.date(2026, 12, 20), note="提请下次会议审议"
    )
    authorized.refresh_from_db()
    assert authorized.status == "to_next_session"
    assert (sent.kind, sent.session, sent.sent_on) == ("deliberation", next_session, dt.date(2026, 12, 20))
    with refused("invalid_transition"):
        recess.motion_conclude(motion=authorized, actor=committee_staff, sc_meeting_on=SC_MEETING, text="x")


def test_an_authorized_motion_is_listed_for_the_next_session_until_it_is_followed_up(
    authorized, committee_staff, next_session, secretariat
):
    page = signed_in(secretariat).get(reverse("motions:next-session"), {"session": next_session.pk})
    assert [m.pk for m in page.context["owed"]] == [authorized.pk]
    recess.motion_submit_to_next_session(
        motion=authorized, actor=committee_staff, sent_on=dt.date(2026, 12, 20)
    )
    page = signed_in(secretariat).get(reverse("motions:next-session"), {"session": next_session.pk})
    assert page.context["owed"] == []
    assert [r.motion_id for r in page.context["sent"]] == [authorized.pk]
    assert authorized.title in page.content.decode()


def test_the_report_is_distributed_to_the_next_session_recording_who_and_when(
    concluded, committee_staff, next_session, lead, api
):
    sent = recess.motion_distribute(
        motion=concluded, actor=committee_staff, sent_on=dt.date(2027, 1, 24), note="随会议文件印发"
    )
    assert (sent.kind, sent.session, sent.sent_on, sent.recorded_by) == (
        "report",
        next_session,
        dt.date(2027, 1, 24),
        committee_staff,
    )
    detail = api(lead.user).get(f"/api/v1/motions/{concluded.pk}/").json()
    assert detail["next_session_report"]["kind"] == "report"
    assert detail["next_session_report"]["session"] == next_session.pk
    assert detail["next_session_report"]["sent_on"] == "2027-01-24"
    assert detail["next_session_report"]["recorded_by"] == committee_staff.get_full_name()
    page = signed_in(lead.user).get(reverse("motions:detail", args=[concluded.pk])).content.decode()
    assert 'id="next-session"' in page and next_session.name in page
    with refused("already_sent_to_next_session"):
        recess.motion_distribute(motion=concluded, actor=committee_staff, sent_on=dt.date(2027, 1, 25))
    assert NextSessionReport.objects.count() == 1


def test_a_concluded_motion_owes_its_report_to_the_next_session_until_it_is_sent(
    concluded, committee_staff, next_session, secretariat
):
    page = signed_in(secretariat).get(reverse("motions:next-session"), {"session": next_session.pk})
    assert [m.pk for m in page.context["owed"]] == [concluded.pk]


def test_only_the_committee_staff_send_a_report_to_the_next_session(concluded, body_staff, next_session):
    with refused("permission_denied"):
        recess.motion_distribute(motion=concluded, actor=body_staff, sent_on=dt.date(2027, 1, 24))


def test_nothing_goes_to_a_next_session_the_portal_does_not_know_yet(concluded, committee_staff):
    with refused("next_session_unknown"):
        recess.motion_distribute(motion=concluded, actor=committee_staff, sent_on=dt.date(2027, 1, 24))


def page(motion, user):
    return signed_in(user).get(reverse("motions:detail", args=[motion.pk])).content.decode()


def test_the_secretariat_is_offered_to_record_that_the_presidium_keeps_it_from_the_vote(decided, secretariat):
    assert 'id="not-to-vote"' in page(decided("agenda"), secretariat)


def test_the_committee_staff_are_offered_to_submit_an_authorized_motion_to_the_next_session(
    authorized, committee_staff
):
    assert 'id="submit-to-next-session"' in page(authorized, committee_staff)


def test_the_committee_staff_and_no_one_else_are_offered_to_send_the_report(concluded, committee_staff, lead):
    assert 'id="distribute"' in page(concluded, committee_staff)
    assert 'id="distribute"' not in page(concluded, lead.user)
