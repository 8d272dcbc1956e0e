"""Proposers are told of invitations, decisions and meetings (M§12, M§19, M§22, M§24, M§26)."""

import datetime as dt

import pytest

from congress.notifications.models import Notification
from deputies.models import Deputy
from motions.services import filing, intake, presidium, recess, review
from tests.conftest import BEIJING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)


def inbox(user):
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("kind", "subject"))


def test_an_invited_deputy_is_told_in_chinese_with_the_deadline(draft, lead, deputies):
    motion = draft(signers=0)
    filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[3]])
    [(kind, subject)] = inbox(deputies[3].user)
    assert kind == "motion_invited"
    assert "邀请您联名" in subject
    notice = Notification.objects.get(recipient=deputies[3].user)
    assert notice.link == f"/motions/{motion.pk}/"
    assert "2026-01-27 12:00" in notice.body


def test_co_signers_are_told_when_the_text_they_signed_changes(draft, lead, deputies):
    motion = draft(signers=2)
    filing.motion_update(motion=motion, actor=lead.user, solution="新方案")
    signer = motion.cosignatures.get(deputy=deputies[1]).deputy
    assert [k for k, _s in inbox(signer.user)] == ["motion_invited", "motion_text_changed"]


def test_the_presidiums_decision_reaches_the_proposers_and_the_referred_body(
    filed, secretariat, meeting, committee, bodies, adopt, session, body_staff, lead, make_user
):
    first = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    second = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_merge(motion=second, into=first, actor=committee[0].user, meeting=meeting)
    review.motion_recommend(
        motion=first, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)

    signer = first.cosignatures.get(deputy=Deputy.objects.exclude(pk=lead.pk).order_by("id").first()).deputy
    kinds = [k for k, _s in inbox(signer.user)]
    assert "motion_decided" in kinds
    assert "motion_review_report" in kinds  # M§19: every deputy receives the report
    decided = Notification.objects.get(
        recipient=lead.user, kind="motion_decided", link=f"/motions/{first.pk}/"
    )
    assert "2026-07-29" in decided.body
    # The proposers of the merged motion follow it.
    assert Notification.objects.filter(recipient=lead.user, kind="motion_merged").exists()
    assert [k for k, _s in inbox(body_staff)] == ["motion_referred"]


def test_proposers_are_invited_to_a_recess_hearing(
    filed, secretariat, meeting, committee, bodies, adopt, session, body_staff, lead
):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    recess.motion_record_hearing(
        motion=motion,
        actor=body_staff,
        kind="recess_hearing",
        held_at=dt.datetime(2026, 4, 10, 9, tzinfo=BEIJING),
        place="省人大常委会",
    )
    invitation = Notification.objects.get(recipient=lead.user, kind="motion_meeting")
    assert invitation.subject.startswith("邀请")
    assert "省人大常委会" in invitation.body
