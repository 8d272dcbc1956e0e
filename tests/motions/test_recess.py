"""Recess review: hearings, opinions, the report, the SC's conclusion (M§23–M§26)."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.models import CalendarYear
from congress.roles import Role
from motions.models import Motion
from motions.selectors import motions_with_report_due_between, report_deadline
from motions.services import intake, presidium, recess, review
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = pytest.mark.django_db

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)
IN_RECESS = dt.datetime(2026, 4, 10, 9, tzinfo=BEIJING)


@pytest.fixture
def referred(sitting, filed, secretariat, meeting, committee, bodies, adopt, session):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    motion.refresh_from_db()
    return motion


def report_file():
    return SimpleUploadedFile("审议结果报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")


def test_the_referred_body_hears_the_proposers_asks_an_organ_and_reports(
    referred, body_staff, bodies, lead, committee_staff
):
    with time_machine.travel(IN_RECESS, tick=False):
        recess.motion_name_responsible(motion=referred, actor=body_staff, person=body_staff)
        recess.motion_record_hearing(
            motion=referred, actor=body_staff, kind="face_to_face", held_at=IN_RECESS, attended_by=[lead]
        )
        recess.motion_record_hearing(
            motion=referred,
            actor=body_staff,
            kind="recess_hearing",
            held_at=IN_RECESS,
            place="省人大常委会",
            attended_by=[lead],
            summary="听取领衔代表意见",
        )
        opinion = intake.motion_request_opinion(
            motion=referred, actor=body_staff, body=bodies["省教育厅"], question="研究意见"
        )
        intake.opinion_record(opinion=opinion, actor=body_staff, text="建议纳入立法规划。")
        recess.motion_submit_report(
            motion=referred,
            actor=body_staff,
            summary="建议列入2027年立法计划。",
            file=report_file(),
            chairpersons_meeting_on=dt.date(2026, 4, 8),
        )
    referred.refresh_from_db()
    assert referred.status == "reported"
    assert referred.recess_report.body == bodies["法制委"]
    assert referred.opinions.get().stage == "recess"
    recess.motion_record_hearing(
        motion=referred,
        actor=committee_staff,
        kind="sc_meeting",
        held_at=dt.datetime(2026, 5, 27, 9, tzinfo=BEIJING),
    )
    recess.motion_conclude(
        motion=referred,
        actor=committee_staff,
        sc_meeting_on=dt.date(2026, 5, 28),
        text="常委会会议审议通过了审议结果报告。",
    )
    referred.refresh_from_db()
    assert referred.status == "concluded"


def test_another_bodys_staff_cannot_report(referred, make_user, bodies):
    other = make_user("cjw", Role.SUPERVISOR, organisation=bodies["财经委"])
    with refused("permission_denied"):
        recess.motion_submit_report(motion=referred, actor=other, summary="x", file=report_file())


def test_the_committee_staff_upload_a_report_for_any_body(referred, committee_staff, bodies, heard):
    """M§4(1): 人事代表工作委员会…负责代表议案的提出、交办和办理等环节的组织协调和指导服务工作."""
    assert committee_staff.organisation_id != referred.review_body_id
    heard(referred)
    report = recess.motion_submit_report(
        motion=referred, actor=committee_staff, summary="报告", file=report_file()
    )
    referred.refresh_from_db()
    assert referred.status == "reported"
    # The report is the referred body's, whoever uploaded it for that body.
    assert (report.body, report.submitted_by) == (bodies["法制委"], committee_staff)
    assert referred.events.last().actor == committee_staff


def test_the_sc_concludes_only_a_reported_motion(referred, committee_staff):
    with refused("invalid_transition"):
        recess.motion_conclude(
            motion=referred, actor=committee_staff, sc_meeting_on=dt.date(2026, 5, 28), text="x"
        )


def test_the_report_clock_is_explained_with_its_article(referred):
    clock = report_deadline(referred)
    assert clock is not None
    assert clock.due == dt.date(2026, 7, 29)
    assert "2026-01-29" in clock.explanation()
    assert "M§23" in clock.explanation() or "第二十三条" in clock.explanation()


def test_the_sweep_finds_report_clocks_by_date(referred):
    assert list(motions_with_report_due_between(dt.date(2026, 7, 1), dt.date(2026, 7, 31))) == [referred]
    assert list(motions_with_report_due_between(dt.date(2026, 8, 1), dt.date(2026, 8, 31))) == []


def test_a_reported_motion_leaves_the_sweep(referred, body_staff, heard):
    heard(referred)
    recess.motion_submit_report(motion=referred, actor=body_staff, summary="报告", file=report_file())
    assert list(motions_with_report_due_between(dt.date(2026, 7, 1), dt.date(2026, 7, 31))) == []


def test_a_provisional_report_clock_is_recomputed_when_the_year_is_approved(referred, make_user):
    # Pretend 2026 was not yet on the calendar when the motion was referred.
    from congress.deadlines import calendar

    schedule = CalendarYear.objects.get(year=2026)
    schedule.status = "draft"
    schedule.approved_at = None
    schedule.save()
    calendar.calendar_changed()
    Motion.objects.filter(pk=referred.pk).update(report_due=dt.date(2026, 7, 29), report_due_provisional=True)

    first, second = make_user("s1", Role.COMMITTEE_STAFF), make_user("s2", Role.COMMITTEE_STAFF)
    schedule.entered_by = first
    schedule.save()
    from congress.deadlines.services import calendar_year_approve

    calendar_year_approve(schedule=schedule, actor=second)
    referred.refresh_from_db()
    assert referred.report_due_provisional is False
    assert referred.events.filter(action="report_due_recomputed").exists()


def test_a_report_without_its_file_is_refused(referred, body_staff, heard):
    heard(referred)
    with refused("report_incomplete"):
        recess.motion_submit_report(motion=referred, actor=body_staff, summary="报告", file=None)
