"""What the reviewing body must do before it reports on a motion referred to it (M§23):

M§5(3): "确定处理议案的负责人，对负责处理的议案，负责人应当与代表面对面沟通，听取意见".
M§24: "...在闭会期间审议或者处理代表议案时，应当邀请提议案代表列席会议、参加调研和座谈等，
听取代表对议案审议或者处理的意见".
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from congress.roles import Role
from motions.services import intake, presidium, recess, review
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)


@pytest.fixture
def referred(filed, secretariat, meeting, committee, bodies, adopt, session):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    motion.refresh_from_db()
    return motion


def report(motion, actor):
    upload = SimpleUploadedFile("审议结果报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    return recess.motion_submit_report(motion=motion, actor=actor, summary="建议列入立法计划。", file=upload)


def meet(motion, actor, deputies, when=None):
    return recess.motion_record_hearing(
        motion=motion, actor=actor, kind="face_to_face", held_at=when or timezone.now(), attended_by=deputies
    )


def invite(motion, actor, when=None):
    return recess.motion_record_hearing(
        motion=motion,
        actor=actor,
        kind="recess_hearing",
        held_at=when or timezone.now(),
        place="省人大常委会",
    )


def test_the_body_names_a_responsible_person_for_the_motion_before_it_reports(referred, body_staff, lead):
    with refused("responsible_person_not_named"):
        report(referred, body_staff)
    with refused("responsible_person_not_named"):
        meet(referred, body_staff, [lead])
    recess.motion_name_responsible(motion=referred, actor=body_staff, person=body_staff)
    referred.refresh_from_db()
    assert referred.responsible_person == body_staff
    assert body_staff.notifications.filter(kind="motion_responsible").exists()
    assert lead.user.notifications.filter(kind="motion_responsible").exists()


def test_the_responsible_person_is_one_of_the_bodys_own_people(referred, body_staff, make_user, bodies):
    outsider = make_user("cjw", Role.SUPERVISOR, organisation=bodies["财经委"])
    with refused("responsible_person_invalid"):
        recess.motion_name_responsible(motion=referred, actor=body_staff, person=outsider)


def test_the_responsible_person_meets_the_deputies_face_to_face_before_the_report(referred, body_staff, lead):
    recess.motion_name_responsible(motion=referred, actor=body_staff, person=body_staff)
    invite(referred, body_staff)
    with refused("responsible_person_not_met"):
        report(referred, body_staff)
    with refused("no_deputy_met"):  # a meeting held with nobody is no face-to-face meeting
        meet(referred, body_staff, [])
    meeting = meet(referred, body_staff, [lead])
    assert meeting.held_by == body_staff
    assert report(referred, body_staff).body == referred.review_body


def test_a_newly_named_responsible_person_meets_the_deputies_again(
    referred, body_staff, lead, make_user, bodies
):
    recess.motion_name_responsible(motion=referred, actor=body_staff, person=body_staff)
    invite(referred, body_staff)
    meet(referred, body_staff, [lead])
    successor = make_user("fzw2", Role.SUPERVISOR, organisation=bodies["法制委"])
    recess.motion_name_responsible(motion=referred, actor=body_staff, person=successor)
    with refused("responsible_person_not_met"):
        report(referred, body_staff)


def test_the_body_invites_the_proposers_before_it_reports(referred, body_staff, lead):
    recess.motion_name_responsible(motion=referred, actor=body_staff, person=body_staff)
    meet(referred, body_staff, [lead])
    with refused("proposers_not_invited"):
        report(referred, body_staff)
    # An invitation to a meeting still to come is not yet the proposers heard (听取代表意见).
    invite(referred, body_staff, when=timezone.now() + dt.timedelta(days=7))
    with refused("proposers_not_invited"):
        report(referred, body_staff)
    invite(referred, body_staff)
    assert report(referred, body_staff).motion == referred


def test_the_invited_proposers_need_not_come_for_the_body_to_report(referred, body_staff, lead):
    """M§24 obliges the body to invite and hear; whether the deputies attend is theirs to decide."""
    recess.motion_name_responsible(motion=referred, actor=body_staff, person=body_staff)
    meet(referred, body_staff, [lead])
    assert not invite(referred, body_staff).attended_by.exists()
    report(referred, body_staff)
    referred.refresh_from_db()
    assert referred.status == "reported"


def test_the_report_is_offered_only_once_the_statute_is_met(referred, body_staff, lead, api):
    client = api(body_staff)
    actions = client.get(f"/api/v1/motions/{referred.pk}/").json()["actions"]
    assert "report" not in actions
    assert {"name_responsible", "hearing"} <= set(actions)
    named = client.post(f"/api/v1/motions/{referred.pk}/responsible-person/", {"person": body_staff.pk})
    assert named.json()["responsible_person"] == body_staff.pk
    invite(referred, body_staff)
    met = client.post(
        f"/api/v1/motions/{referred.pk}/hearing/",
        {"kind": "face_to_face", "held_at": timezone.now().isoformat(), "attended_by": [lead.pk]},
    )
    assert met.status_code == 201, met.json()
    assert "report" in met.json()["actions"]


def test_the_face_to_face_meeting_is_offered_once_the_responsible_person_is_named(referred, body_staff):
    client = Client()
    client.force_login(body_staff)
    url = reverse("motions:detail", args=[referred.pk])
    assert 'id="meet"' not in client.get(url).content.decode()
    client.post(reverse("motions:act", args=[referred.pk, "responsible-person"]), {"person": body_staff.pk})
    page = client.get(url).content.decode()
    assert 'id="meet"' in page
    assert body_staff.get_full_name() in page
