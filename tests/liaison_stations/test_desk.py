"""The station staff's and the deputies' part of the desk (issue 16): this month's receptions,
the opinions to forward or answer, the answers owed with their clocks (D§31, D§35)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from congress.desk import LIMIT, desk_for
from congress.roles import Role
from liaison_stations.services.opinions import opinion_forward
from tests.liaison_stations.conftest import schedule, summarise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_on_a_march_morning(time_machine: Any) -> Any:
    time_machine.move_to(dt.datetime(2026, 3, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    with translation.override("en"):
        yield


IN_A_FEW_DAYS = dt.date(2026, 3, 13)


def tasks(user: Any, role: Role) -> list[Any]:
    [section] = [s for s in desk_for(user) if str(s.role) == str(role.label)]
    return section.tasks


def test_station_staff_see_the_months_reception_and_what_to_forward_or_chase(
    clerk, station, register, deputy
):
    reception = schedule(clerk, station, IN_A_FEW_DAYS, deputies=[deputy])
    waiting = summarise(register(), clerk)
    forwarded = summarise(register(matter="路灯不亮"), clerk)
    forwarding = opinion_forward(opinion=forwarded, body_name="区住建局", actor=clerk)
    desk = tasks(clerk, Role.STATION_STAFF)
    # most urgent first: what waits on the clerk now, the reception on the 13th, the answer
    # due in a month
    assert [str(t.kind) for t in desk] == [
        "Opinion to forward or answer",
        "Reception this month",
        "Answer awaited from a forwarded body",
    ]
    by_kind = {str(t.kind): t for t in desk}
    assert by_kind["Reception this month"].url == f"/stations/receptions/{reception.pk}/"
    assert by_kind["Opinion to forward or answer"].url == f"/stations/opinions/{waiting.pk}/"
    chase = by_kind["Answer awaited from a forwarded body"]
    assert [(str(c.name), c.deadline.due) for c in chase.clocks] == [
        ("Answer due (D§35)", forwarding.reply_due)
    ]
    # the deputy on the reception has it on their desk too
    assert [t.url for t in tasks(deputy.user, Role.DEPUTY)] == [f"/stations/receptions/{reception.pk}/"]


def test_the_station_desk_costs_the_same_queries_with_many_rows(
    client, clerk, station, register, django_assert_max_num_queries
):
    summarise(register(), clerk)
    client.force_login(clerk)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(LIMIT + 2):
        opinion = summarise(register(matter=f"事项{n}"), clerk)
        if n % 2:
            opinion_forward(opinion=opinion, body_name="区住建局", actor=clerk)
        schedule(clerk, station, IN_A_FEW_DAYS + dt.timedelta(days=n))
    with django_assert_max_num_queries(len(few)):
        client.get("/")
