"""Inspections and research (D§22–D§27): organised with deputies or made alone with the deputy
card; the report the SC forwards; each body's feedback due within 3 months of receipt (D§27),
on the period engine, reminded by the sweep and listed on the overdue board; the feedback
reaches every deputy who took part."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.deadlines.overdue import overdue_board, overdue_rows
from congress.deadlines.reminders import sweep_deadlines
from congress.roles import Role
from deputies.models import Event, Feedback
from deputies.services.feedback import feedback_give
from deputies.services.inspections import (
    inspection_cancel,
    inspection_create,
    inspection_forward,
    inspection_report,
    meeting_arrange,
    meeting_request,
)
from tests.helpers import refused

pytestmark = pytest.mark.django_db

# Civil Code art. 201–203 (WORKFLOWS.md §1): received 1 July 2021; 3 months end 1 October 2021,
# National Day, a statutory holiday: the feedback is due on the first working day after it.
RECEIVED = dt.date(2021, 7, 1)
DUE = dt.date(2021, 10, 8)


def test_the_feedback_clock_runs_three_months_and_moves_past_the_national_day_holidays(
    make_inspection, staff, unit
):
    (feedback,) = inspection_forward(
        inspection=make_inspection(), bodies=[unit], received_on=RECEIVED, actor=staff
    )
    assert (feedback.status, feedback.received_on, feedback.feedback_due) == ("pending", RECEIVED, DUE)
    assert not feedback.feedback_due_provisional
    note = Event.objects.get(feedback=feedback, action="forward_to").note
    assert "2021-10-01" in note and "2021-10-08" in note


def test_forwarding_tells_the_bodys_users_and_moves_the_inspection(make_inspection, staff, unit, clerk):
    inspection = make_inspection()
    inspection_forward(inspection=inspection, bodies=[unit], received_on=RECEIVED, actor=staff)
    inspection.refresh_from_db()
    assert inspection.status == "forwarded"
    assert clerk.notifications.filter(kind="inspection_forwarded").exists()


def test_a_report_goes_to_a_body_once(make_inspection, staff, unit, make_unit):
    inspection = make_inspection()
    inspection_forward(inspection=inspection, bodies=[unit], received_on=RECEIVED, actor=staff)
    with refused("already_forwarded"):
        inspection_forward(inspection=inspection, bodies=[unit], actor=staff)
    inspection_forward(inspection=inspection, bodies=[make_unit("省财政厅")], actor=staff)
    assert inspection.feedbacks.count() == 2


def test_forwarding_names_its_bodies(make_inspection, staff):
    with refused("bodies_missing"):
        inspection_forward(inspection=make_inspection(), bodies=[], actor=staff)


def test_only_a_reported_inspection_is_forwarded(make_inspection, staff, unit):
    with refused("invalid_transition"):
        inspection_forward(inspection=make_inspection(reported=False), bodies=[unit], actor=staff)


def test_the_sc_forwards_not_the_organising_committee(make_inspection, supervisor, unit, special_committee):
    inspection = make_inspection(organiser=special_committee)
    with refused("permission_denied"):
        inspection_forward(inspection=inspection, bodies=[unit], actor=supervisor)


def test_a_report_records_its_text(make_inspection, staff):
    with refused("report_missing"):
        inspection_report(inspection=make_inspection(reported=False), report=" ", actor=staff)


def test_an_inspection_names_its_deputies(committee_body, staff, deputy):
    with refused("deputies_missing"):
        inspection_create(
            congress=deputy.congress, kind="research", title="调研", organiser=committee_body, date=RECEIVED,
            deputies=[], actor=staff,
        )  # fmt: skip


def test_a_deputy_card_inspection_is_made_by_one_deputy(committee_body, staff, deputy, colleague):
    with refused("card_inspection_one_deputy"):
        inspection_create(
            congress=deputy.congress, kind="card_inspection", title="持证视察", organiser=committee_body,
            date=RECEIVED, deputies=[deputy, colleague], actor=staff,
        )  # fmt: skip


def test_a_handling_unit_organises_no_inspection(staff, deputy, unit):
    with refused("organiser_invalid"):
        inspection_create(
            congress=deputy.congress, kind="inspection", title="视察", organiser=unit, date=RECEIVED,
            deputies=[deputy], actor=staff,
        )  # fmt: skip


def test_a_special_committee_organises_its_own_and_not_anothers(
    make_inspection, supervisor, special_committee
):
    own = make_inspection(organiser=special_committee, reported=False)
    inspection_cancel(inspection=own, reason="改期", actor=supervisor)
    other = make_inspection(reported=False)
    with refused("permission_denied"):
        inspection_cancel(inspection=other, reason="x", actor=supervisor)


def test_deputies_ask_to_meet_an_official_and_the_organiser_arranges_it(
    make_inspection, deputy, colleague, staff
):
    inspection = make_inspection()
    meeting = meeting_request(inspection=inspection, official="省教育厅厅长", actor=deputy.user)
    assert staff.notifications.filter(kind="inspection_meeting").exists()
    with refused("permission_denied"):
        meeting_request(inspection=inspection, official="x", actor=colleague.user)
    with refused("official_missing"):
        meeting_request(inspection=inspection, official=" ", actor=deputy.user)
    meeting = meeting_arrange(meeting=meeting, held_on=dt.date(2021, 6, 21), actor=staff)
    assert meeting.arranged_on == dt.date(2021, 6, 21)


# --- The feedback ---------------------------------------------------------------------------------


@pytest.fixture
def feedback(make_inspection, staff, unit, deputy, colleague) -> Feedback:
    inspection = make_inspection(deputies=[deputy, colleague])
    (feedback,) = inspection_forward(inspection=inspection, bodies=[unit], received_on=RECEIVED, actor=staff)
    return feedback


def test_the_body_feeds_back_and_every_deputy_who_took_part_reads_it(feedback, clerk, deputy, colleague):
    feedback_give(feedback=feedback, text="已将农村学校建设列入年度计划。", actor=clerk)
    feedback.refresh_from_db()
    assert (feedback.status, feedback.given_by) == ("given", clerk)
    for who in (deputy, colleague):
        assert who.user.notifications.get(kind="inspection_feedback").body == "已将农村学校建设列入年度计划。"


def test_another_unit_does_not_feed_back_for_the_body(feedback, make_user, make_unit):
    other = make_user("unit2", Role.UNIT_HANDLER, organisation=make_unit("省交通运输厅"))
    with refused("permission_denied"):
        feedback_give(feedback=feedback, text="x", actor=other)


def test_feedback_says_how_the_opinions_were_handled(feedback, clerk):
    with refused("feedback_missing"):
        feedback_give(feedback=feedback, text="", actor=clerk)


def test_feedback_given_twice_is_refused_the_second_time(feedback, clerk):
    feedback_give(feedback=feedback, text="已办理", actor=clerk)
    with refused("invalid_transition"):
        feedback_give(feedback=feedback, text="再次", actor=clerk)


def test_the_sweep_reminds_the_body_the_day_before_and_the_committee_once_overdue(feedback, clerk, staff):
    sweep_deadlines(today=DUE - dt.timedelta(days=1))
    reminder = clerk.notifications.get(kind="deadline_reminder")
    assert "2021-10-08" in reminder.body and reminder.link == reverse("deputies:feedback", args=[feedback.pk])
    assert not staff.notifications.filter(kind="deadline_reminder").exists()
    sweep_deadlines(today=DUE + dt.timedelta(days=1))
    assert staff.notifications.filter(kind="deadline_reminder").exists()


def test_late_feedback_is_on_the_overdue_board_under_its_body(feedback, unit):
    board = overdue_board(DUE + dt.timedelta(days=3))
    row = next(r for r in board.rows if r.owner == str(unit.pk))
    assert row.cells["inspection_feedback"].count == 1
    assert [r[0] for r in overdue_rows(DUE + dt.timedelta(days=3), owner=str(unit.pk))] == [
        "inspection_feedback"
    ]
    assert overdue_board(DUE).total == 0


def test_given_feedback_leaves_the_board(feedback, clerk):
    feedback_give(feedback=feedback, text="已办理", actor=clerk)
    assert overdue_board(DUE + dt.timedelta(days=3)).total == 0


# --- The API (WORKFLOWS.md §7) --------------------------------------------------------------------


def test_the_api_creates_forwards_and_lists_the_feedbacks_with_their_deadline_objects(
    api, staff, deputy, unit, clerk, congress_term
):
    created = api(staff).post(
        "/api/v1/inspections/",
        {
            "congress": congress_term.pk,
            "kind": "research",
            "title": "职业教育专题调研",
            "date": "2021-06-20",
            "deputies": [deputy.pk],
            "report": "调研报告",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "reported" and "forward" in body["actions"]
    forwarded = api(staff).post(
        f"/api/v1/inspections/{body['id']}/forward/",
        {"bodies": [unit.pk], "received_on": "2021-07-01"},
        format="json",
    )
    (feedback,) = forwarded.json()["feedbacks"]
    assert feedback["body"] == unit.pk and feedback["status"] == "pending"
    assert (
        feedback["feedback_due"]["due"] == "2021-10-08" and feedback["feedback_due"]["provisional"] is False
    )
    assert feedback["feedback_due"]["explanation"]
    inbox = api(clerk).get("/api/v1/feedbacks/").json()
    assert [f["id"] for f in inbox["results"]] == [feedback["id"]]
    given = api(clerk).post(f"/api/v1/feedbacks/{feedback['id']}/give/", {"text": "已研究办理"})
    assert given.json()["status"] == "given" and given.json()["actions"] == []


def test_a_unit_sees_its_own_feedback_not_another_bodys(api, make_inspection, staff, unit, clerk, make_unit):
    inspection = make_inspection()
    inspection_forward(inspection=inspection, bodies=[unit, make_unit("省财政厅")], actor=staff)
    detail = api(clerk).get(f"/api/v1/inspections/{inspection.pk}/").json()
    assert [f["body"] for f in detail["feedbacks"]] == [unit.pk]
    assert api(clerk).get("/api/v1/feedbacks/").json()["count"] == 1


def test_a_report_is_not_received_in_the_future(make_inspection, staff, unit):
    with refused("date_in_future"):
        inspection_forward(
            inspection=make_inspection(),
            bodies=[unit],
            received_on=timezone.localdate() + dt.timedelta(days=1),
            actor=staff,
        )
