"""A transition asked for ten times at once is taken once (WORKFLOWS.md §7, issue 12).

Ten threads, each with its own connection and real transactions, post the same action at
the same moment: the row lock and the table's `require` let exactly one through; the other
nine answer 409 and change nothing. Row locks need PostgreSQL: SQLite runs one writer at a
time and has no SELECT ... FOR UPDATE, so these tests run on PostgreSQL (as CI does).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from congress.notifications.models import Notification
from suggestions.models import Assignment, SuggestionEvent
from suggestions.workflow import AssignmentStatus, Status

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (SELECT ... FOR UPDATE) need PostgreSQL; SQLite serialises writers itself",
    ),
]

CALLS = 10


def at_once(post: Callable[[APIClient], Any], user: Any) -> list[int]:
    """Post the same request from CALLS threads released together; their status codes."""
    start = threading.Barrier(CALLS)
    codes: list[int] = []

    def call() -> None:
        client = APIClient()
        client.force_authenticate(user=user)
        try:
            start.wait()
            codes.append(post(client).status_code)
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=call) for _ in range(CALLS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(codes)


def test_ten_parallel_assigns_give_one_routing(file_suggestion, staff, units, lead):
    s = file_suggestion()
    told_before = Notification.objects.count()
    payload = {
        "units": [
            {"unit": units["education"].pk, "role": "lead"},
            {"unit": units["transport"].pk, "role": "co"},
        ]
    }
    codes = at_once(
        lambda client: client.post(f"/api/v1/suggestions/{s.pk}/assign/", payload, format="json"), staff
    )
    assert codes == [200] + [409] * (CALLS - 1)
    s.refresh_from_db()
    assert s.status == Status.ASSIGNED
    assert sorted(s.assignments.values_list("role", flat=True)) == ["co", "lead"]
    assert SuggestionEvent.objects.filter(suggestion=s, action="assign").count() == 1
    assert SuggestionEvent.objects.filter(suggestion=s, action="assign_unit").count() == 2
    # One set of notices: the deputy once, each unit's clerk and head once.
    told = list(Notification.objects.order_by("pk")[told_before:].values_list("recipient__username", "kind"))
    assert sorted(told) == sorted(
        [
            (lead.user.username, "suggestion_assigned"),
            ("unit1", "assignment_new"),
            ("unit1head", "assignment_new"),
            ("unit2", "assignment_new"),
        ]
    )


def test_ten_parallel_acknowledgements_move_the_assignment_once(assigned, units):
    a = assigned()
    codes = at_once(lambda client: client.post(f"/api/v1/assignments/{a.pk}/acknowledge/"), units["unit1"])
    assert codes == [200] + [409] * (CALLS - 1)
    a = Assignment.objects.get(pk=a.pk)
    assert a.status == AssignmentStatus.HANDLING
    events = SuggestionEvent.objects.filter(assignment=a, action="acknowledge")
    assert list(events.values_list("from_status", "to_status")) == [("pending", "handling")]
