"""A transition asked for ten times at once happens once: the row lock and the table's check
let one request through and refuse the others with 409 (WORKFLOWS.md §7). Run on PostgreSQL,
where the requests really run side by side."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from motions.models import Motion, MotionEvent

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
