"""Ten clients asking for the same step at the same moment (a double click, a client's retries):
the row lock and the table let exactly one through; the others answer 409 and change nothing.

An answer, or a reception recorded as held, happens once. A matter may be forwarded again from
`forwarded`, on to another body (D§31 转办, D§35 跟踪); the same forwarding asked again while
it is open is a double submit (`already_forwarded`), so ten identical forwards make one.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from liaison_stations.models import Event, Forwarding
from liaison_stations.services.opinions import opinion_classify
from liaison_stations.services.receptions import reception_schedule
from tests.liaison_stations.conftest import at

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
            response = client.post(path, payload)
            answers.append((response.status_code, response.json().get("code", "")))
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_ten_parallel_answers_record_one_answer(register, clerk, deputy):
    opinion = register(received_by=[deputy])
    opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=clerk)
    answers = all_at_once(clerk, f"/api/v1/opinions/{opinion.pk}/answer/", {"answer": "已修复。"})
    assert Counter(answers) == {(200, ""): 1, (409, "invalid_transition"): CLIENTS - 1}
    assert Event.objects.filter(opinion=opinion, action="answer").count() == 1
    assert deputy.user.notifications.filter(kind="station_opinion_answered").count() == 1


def test_ten_parallel_holds_record_the_reception_held_once(clerk, station, deputy):
    day = timezone.localdate() - dt.timedelta(days=1)
    reception = reception_schedule(
        venue=station,
        kind="regular",
        starts_at=at(day, 8, 30),
        ends_at=at(day, 12, 30),
        deputies=[deputy],
        actor=clerk,
    )
    answers = all_at_once(clerk, f"/api/v1/receptions/{reception.pk}/hold/", {"summary": "接待 5 人"})
    assert Counter(answers) == {(200, ""): 1, (409, "invalid_transition"): CLIENTS - 1}
    assert Event.objects.filter(reception=reception, action="hold").count() == 1


def test_ten_parallel_forwards_to_the_same_body_make_one_forwarding(register, clerk, deputy):
    opinion = register()
    opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=clerk)
    answers = all_at_once(clerk, f"/api/v1/opinions/{opinion.pk}/forward/", {"body_name": "区交通局"})
    assert Counter(answers) == {(200, ""): 1, (409, "already_forwarded"): CLIENTS - 1}
    assert Forwarding.objects.filter(opinion=opinion).count() == 1
    assert Event.objects.filter(opinion=opinion, action="forward").count() == 1
