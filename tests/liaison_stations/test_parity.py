"""The API and the pages are two doors to the same services: each state-changing step on an
opinion or a reception, taken once through `POST /api/v1/<collection>/<id>/<action>/` and once
through its page (logged in, the page's form), on two equal records, leaves the same history.

Compared for each step: the one event it wrote (action, from_status, to_status, actor, note),
and every field of the record it changed, with what it made beside it: the deputies of a
reception, the record's forwardings (body, unit, note, dates, due date, outcome, by whom) and
the suggestion made of it (title, body, subject area, lead deputy, status). Creation (a visitor
registered, a reception scheduled) is compared the same way, field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.db import models
from django.urls import reverse

from liaison_stations.models import Event, Opinion, Reception
from liaison_stations.services.opinions import opinion_answer, opinion_classify, opinion_forward
from liaison_stations.services.receptions import reception_schedule
from suggestions.models import SubjectArea
from tests.conftest import PASSWORD
from tests.liaison_stations.conftest import at

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)
# Fields that differ between two records however equal: who they are and when they were made.
OWN = {"id", "tracking_code", "created_at"}


def fields_of(record: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields if f.attname not in OWN
    }


def state(record: Opinion | Reception) -> dict[str, Any]:
    """The record as a step may change it, with the rows it makes beside it."""
    record.refresh_from_db()
    values = fields_of(record)
    if isinstance(record, Reception):
        values["deputies"] = sorted(record.deputies.values_list("pk", flat=True))
        return values
    forwardings = record.forwardings.order_by("id")
    values["forwardings"] = [
        {k: v for k, v in fields_of(f).items() if k != "opinion_id"} for f in forwardings
    ]
    values["received_by"] = sorted(record.received_by.values_list("pk", flat=True))
    suggestion = record.suggestion
    values["suggestion_id"] = suggestion and (
        suggestion.title,
        suggestion.body,
        suggestion.subject_area_id,
        suggestion.lead_deputy_id,
        suggestion.status,
    )
    return values


def history(record: Opinion | Reception, since: int) -> list[tuple[Any, ...]]:
    subject = {"opinion": record} if isinstance(record, Opinion) else {"reception": record}
    events = Event.objects.filter(pk__gt=since, **subject).order_by("id")
    # The suggestion's own number differs between the two records; its content is compared above.
    return [
        (e.action, e.from_status, e.to_status, e.actor_id, "" if e.action == "to_suggestion" else e.note)
        for e in events
    ]


@dataclass(frozen=True)
class Step:
    action: str
    prepare: Callable[[SimpleNamespace], Opinion | Reception]  # a record where the step may be taken
    actor: str  # who takes it, in `world`
    payload: Callable[[SimpleNamespace], dict[str, Any]] = lambda w: {}

    def api_path(self, record: Opinion | Reception) -> str:
        collection = "opinions" if isinstance(record, Opinion) else "receptions"
        return f"/api/v1/{collection}/{record.pk}/{self.action.replace('_', '-')}/"

    def page_url(self, record: Opinion | Reception) -> str:
        kind = "opinion" if isinstance(record, Opinion) else "reception"
        return reverse(f"stations:{kind}-{self.action.replace('_', '-')}", args=[record.pk])


def at_point(w: SimpleNamespace) -> Opinion:
    return w.register(venue=w.point, actor=w.point_clerk, received_by=[w.deputy])


def pending(w: SimpleNamespace) -> Opinion:
    return w.register(received_by=[w.deputy])


def summarised(w: SimpleNamespace) -> Opinion:
    opinion = pending(w)
    return opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=w.clerk)


def forwarded(w: SimpleNamespace) -> Opinion:
    opinion = summarised(w)
    opinion_forward(opinion=opinion, body_name="区交通局", forwarded_on=dt.date(2026, 3, 5), actor=w.clerk)
    return opinion


def answered(w: SimpleNamespace) -> Opinion:
    return opinion_answer(opinion=forwarded(w), answer="已修复", actor=w.clerk)


def scheduled(w: SimpleNamespace) -> Reception:
    day = dt.date(2026, 3, 4)
    return reception_schedule(
        venue=w.station,
        kind="regular",
        starts_at=at(day, 8, 30),
        ends_at=at(day, 12, 30),
        deputies=[w.deputy],
        actor=w.clerk,
    )


STEPS = [
    Step("report", at_point, "point_clerk"),
    Step(
        "classify",
        pending,
        "clerk",
        lambda w: {"summary": "路面积水", "category": "transport", "is_secret": False},
    ),
    Step(
        "forward",
        summarised,
        "clerk",
        lambda w: {"body_name": "区交通局", "note": "请办理", "forwarded_on": "2026-03-09"},
    ),
    Step(  # forwarded again, elsewhere: the first forwarding closes
        "forward",
        forwarded,
        "clerk",
        lambda w: {"body_name": "区城管局", "note": "", "forwarded_on": "2026-03-09"},
    ),
    Step("answer", forwarded, "clerk", lambda w: {"answer": "已修复", "answered_on": "2026-03-09"}),
    Step(
        "feedback",
        answered,
        "clerk",
        lambda w: {"way": "phone", "fed_back_on": "2026-03-09", "note": "电话告知"},
    ),
    Step("dismiss", pending, "clerk", lambda w: {"reason": "重复反映"}),
    Step("dismiss", at_point, "point_clerk", lambda w: {"reason": "重复反映"}),
    Step(
        "to_suggestion",
        summarised,
        "deputy_user",
        lambda w: {
            "title": "关于修复北门道路的建议",
            "body": "道路坑洼积水。",
            "subject_area": SubjectArea.objects.get(name="交通运输").pk,
        },
    ),
    Step("hold", scheduled, "clerk", lambda w: {"summary": "接待 5 人", "deputies": [w.deputy.pk]}),
    Step("cancel", scheduled, "clerk", lambda w: {"reason": "暴雨"}),
]


@pytest.fixture
def world(register, clerk, point_clerk, station, point, deputy) -> SimpleNamespace:
    return SimpleNamespace(
        register=register,
        clerk=clerk,
        point_clerk=point_clerk,
        station=station,
        point=point,
        deputy=deputy,
        deputy_user=deputy.user,
    )


def last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"{s.action}-from-{s.prepare.__name__}")
def test_a_step_taken_through_the_api_and_through_its_page_leaves_the_same_history(step, world, api, client):
    payload = step.payload(world)
    user = getattr(world, step.actor)
    by_api, by_page = step.prepare(world), step.prepare(world)
    results = []
    for record, take, done in [
        (by_api, lambda r: api(user).post(step.api_path(r), payload), {200, 201}),
        (by_page, lambda r: client.post(step.page_url(r), payload), {302}),
    ]:
        client.login(username=user.username, password=PASSWORD)
        before, since = state(record), last_event_id()
        response = take(record)
        assert response.status_code in done, response.content.decode()[:500]
        after = state(record)
        changed = {name: value for name, value in after.items() if before[name] != value}
        results.append((history(record, since), changed))
    (api_history, api_changed), (page_history, page_changed) = results
    assert len(api_history) == 1
    assert api_history == page_history
    assert api_changed and api_changed == page_changed


@time_machine.travel(NOW, tick=False)
def test_a_visitor_registered_through_the_api_and_through_the_page_is_the_same_record(
    api, client, clerk, station, deputy
):
    visitor = {
        "visitor_name": "王秀英",
        "visitor_contact": "13912345678",
        "visitor_address": "坞城路 8 号院",
        "matter": "路面积水",
        "category": "transport",
        "received_on": "2026-03-09",
        "received_by": [deputy.pk],
    }
    made = api(clerk).post("/api/v1/opinions/", {"station": station.pk, **visitor})
    client.login(username=clerk.username, password=PASSWORD)
    shown = client.post(reverse("stations:opinion-new") + f"?station={station.pk}", visitor)
    assert (made.status_code, shown.status_code) == (201, 302)
    by_api, by_page = Opinion.objects.order_by("id")
    assert state(by_api) == state(by_page)
    assert history(by_api, 0) == history(by_page, 0) == [("register", "", "pending", clerk.pk, "")]


@time_machine.travel(NOW, tick=False)
def test_a_reception_scheduled_through_the_api_and_through_the_page_is_the_same_record(
    api, client, clerk, station, deputy
):
    common = {"kind": "regular", "theme": "", "place": "", "deputies": [deputy.pk], "other_attendees": ""}
    made = api(clerk).post(
        "/api/v1/receptions/",
        {
            "station": station.pk,
            "starts_at": "2026-03-18T08:30:00+08:00",
            "ends_at": "2026-03-18T12:30:00+08:00",
            **common,
        },
    )
    client.login(username=clerk.username, password=PASSWORD)
    shown = client.post(
        reverse("stations:reception-new") + f"?station={station.pk}",
        {"date": "2026-03-18", "starts": "08:30", "ends": "12:30", **common},
    )
    assert (made.status_code, shown.status_code) == (201, 302)
    by_api, by_page = Reception.objects.order_by("id")
    assert state(by_api) == state(by_page)
    assert history(by_api, 0) == history(by_page, 0) == [("schedule", "", "scheduled", clerk.pk, "")]
