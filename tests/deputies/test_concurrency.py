"""Ten clients asking for the same step at the same moment (a double click, a client's retries):
the row lock and the table let exactly one through; the others answer 409 and change nothing."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from deputies.models import Event
from deputies.services.inspections import inspection_forward
from deputies.services.leave import leave_request
from tests.deputies.conftest import DURING, at

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, so parallel writers fail on its file lock",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLIENTS = 10


def all_at_once(user: Any, path: str, payload: dict[str, Any]) -> list[tuple[int, str]]:
    """POST the same request from ten threads released together; each answer's status and code."""
    start = threading.Barrier(CLIENTS)
    answers: list[tuple[int, str]] = []

    def ask() -> None:
        client = APIClient()
        client.force_authenticate(user=user)
        try:
            start.wait()
            response = client.post(path, payload, format="json")
            answers.append((response.status_code, response.json().get("code", "")))
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_ten_parallel_decisions_on_a_leave_record_one(deputy, session, secretariat):
    with at(DURING):
        leave = leave_request(deputy=deputy, session=session, reason="因病", actor=deputy.user)
        answers = all_at_once(
            secretariat, f"/api/v1/leaves/{leave.pk}/decide/", {"approve": True, "reason": ""}
        )
    assert Counter(answers) == {(200, ""): 1, (409, "invalid_transition"): CLIENTS - 1}
    assert Event.objects.filter(leave=leave, action="decide").count() == 1
    assert deputy.user.notifications.filter(kind="leave_decided").count() == 1


def test_ten_parallel_feedbacks_give_one(make_inspection, staff, unit, clerk, deputy):
    (feedback,) = inspection_forward(
        inspection=make_inspection(), bodies=[unit], received_on=dt.date(2021, 7, 1), actor=staff
    )
    answers = all_at_once(clerk, f"/api/v1/feedbacks/{feedback.pk}/give/", {"text": "已办理"})
    assert Counter(answers) == {(200, ""): 1, (409, "invalid_transition"): CLIENTS - 1}
    assert deputy.user.notifications.filter(kind="inspection_feedback").count() == 1
