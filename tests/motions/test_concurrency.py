"""A transition asked for ten times at once happens once: the row lock and the table's check
let one request through and refuse the others with 409 (WORKFLOWS.md §7). Run on PostgreSQL,
where the requests really run side by side."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from motions.models import Motion, MotionEvent, NextSessionReport
from motions.services import intake, presidium, recess, review

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("sitting"),
]

PARALLEL = 10


@pytest.fixture(autouse=True)
def _on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so nothing would run in parallel")


def all_at_once(request: Callable[[], Any]) -> list[Any]:
    """Send the same request from PARALLEL threads released together; their answers."""
    start = threading.Barrier(PARALLEL)
    answers: list[Any] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            start.wait()
            answers.append(request())
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return answers


def test_ten_parallel_submits_file_the_motion_once(api, draft, lead):
    motion = draft()
    answers = all_at_once(lambda: api(lead.user).post(f"/api/v1/motions/{motion.pk}/submit/"))
    assert sorted(a.status_code for a in answers) == [200] + [409] * (PARALLEL - 1)
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"invalid_transition"}
    assert MotionEvent.objects.filter(motion=motion, action="submit").count() == 1
    assert Motion.objects.get(pk=motion.pk).number == 1


def test_ten_parallel_sends_to_review_move_the_motion_once(api, filed, secretariat):
    motion = filed()
    answers = all_at_once(lambda: api(secretariat).post(f"/api/v1/motions/{motion.pk}/send-to-review/"))
    assert sorted(a.status_code for a in answers) == [200] + [409] * (PARALLEL - 1)
    assert MotionEvent.objects.filter(motion=motion, action="send_to_review").count() == 1
    # And once more, asked again later: nothing changes.
    answer = api(secretariat).post(f"/api/v1/motions/{motion.pk}/send-to-review/")
    assert (answer.status_code, answer.json()["code"]) == (409, "invalid_transition")
    assert Motion.objects.get(pk=motion.pk).status == "under_review"


def test_ten_parallel_distributions_send_the_report_to_the_next_session_once(
    api,
    filed,
    secretariat,
    committee,
    meeting,
    adopt,
    session,
    bodies,
    heard,
    body_staff,
    committee_staff,
    next_session,
):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=meeting.held_at)
    heard(motion)
    report = SimpleUploadedFile("报告.pdf", b"%PDF-1.4", content_type="application/pdf")
    recess.motion_submit_report(motion=motion, actor=body_staff, summary="报告", file=report)
    recess.motion_conclude(
        motion=motion, actor=committee_staff, sc_meeting_on=dt.date(2026, 5, 28), text="通过"
    )
    answers = all_at_once(
        lambda: api(committee_staff).post(
            f"/api/v1/motions/{motion.pk}/distribute/", {"sent_on": "2027-01-24"}
        )
    )
    assert sorted(a.status_code for a in answers) == [200] + [409] * (PARALLEL - 1)
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"already_sent_to_next_session"}
    assert NextSessionReport.objects.filter(motion=motion, session=next_session).count() == 1
    assert MotionEvent.objects.filter(motion=motion, action="distribute").count() == 1
