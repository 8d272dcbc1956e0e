"""The API and the pages are two doors to the same services: each state-changing step on a
deputy's own records, taken once through `POST /api/v1/<collection>/<id>/<action>/` and once
through its page (logged in, the page's form), on two equal records, leaves the same history.

Compared for each step: the events it wrote on the record (action, from_status, to_status,
actor, note, data), every field of the record except who it is (its id, and for two deputies
or two leaves the deputy's own identity), and what the step made beside it: a training's
invitations (deputy, attended), an inspection's deputies, feedbacks (body, status, received_on,
due date, provisional) and meetings asked for (official, note, arranged_on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.db import models
from django.urls import reverse

from deputies.models import Deputy, Event, Feedback, Inspection, Leave, Training
from deputies.services.inspections import inspection_forward, meeting_request
from deputies.services.leave import leave_request
from deputies.services.status import deputy_suspend
from deputies.services.trainings import training_plan
from tests.conftest import BEIJING, PASSWORD

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 26, 10, tzinfo=BEIJING)  # during the 4th session
# Fields that differ between two records however equal: who they are (and, for two feedbacks,
# which inspection each answers).
OWN = {"id", "deputy_id", "inspection_id", "name", "pinyin_initials", "user_id", "phone", "created_at"}
COLLECTION = {
    Leave: "leaves",
    Training: "trainings",
    Inspection: "inspections",
    Feedback: "feedbacks",
    Deputy: "deputies",
}
PAGE = {Leave: "leave", Training: "training", Inspection: "inspection", Feedback: "feedback", Deputy: ""}
SUBJECT = {
    Leave: "leave",
    Training: "training",
    Inspection: "inspection",
    Feedback: "feedback",
    Deputy: "deputy",
}


def fields_of(record: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields if f.attname not in OWN
    }


def state(record: Any) -> dict[str, Any]:
    record.refresh_from_db()
    values = fields_of(record)
    if isinstance(record, Training):
        values["invitations"] = sorted(record.invitations.values_list("deputy_id", "attended"))
    if isinstance(record, Inspection):
        values["feedbacks"] = sorted(
            record.feedbacks.values_list(
                "body_id", "status", "received_on", "feedback_due", "feedback_due_provisional"
            )
        )
        values["meetings"] = sorted(record.meetings.values_list("official", "note", "arranged_on"))
        values["deputies"] = sorted(record.deputies.values_list("pk", flat=True))
    return values


def history(record: Any, since: int) -> list[tuple[Any, ...]]:
    events = Event.objects.filter(pk__gt=since, **{SUBJECT[type(record)]: record}).order_by("id")
    return [(e.action, e.from_status, e.to_status, e.actor_id, e.note, e.data) for e in events]


@dataclass(frozen=True)
class Step:
    action: str
    prepare: Callable[[SimpleNamespace, int], Any]  # the first or the second of two equal records
    actor: str
    # What is posted, through either door, for this record.
    payload: Callable[[SimpleNamespace, Any], dict[str, Any]] = field(default=lambda w, r: {})

    def api_path(self, record: Any) -> str:
        return f"/api/v1/{COLLECTION[type(record)]}/{record.pk}/{self.action.replace('_', '-')}/"

    def page_url(self, record: Any) -> str:
        prefix = PAGE[type(record)]
        name = {"record_needs": "needs"}.get(self.action, self.action.replace("_", "-"))
        args = [record.pk, record.meetings.get().pk] if self.action == "arrange_meeting" else [record.pk]
        return reverse(f"deputies:{prefix}-{name}" if prefix else f"deputies:{name}", args=args)


def a_leave(w: SimpleNamespace, i: int) -> Leave:
    return leave_request(deputy=w.deputies[i], session=w.session, reason="因病", actor=w.dele_staff)


def a_training(w: SimpleNamespace, i: int) -> Training:
    return training_plan(
        congress=w.session.congress, title="学习班", kind="collective", date=dt.date(2026, 1, 20),
        deputies=[w.deputies[0]], actor=w.staff,
    )  # fmt: skip


def a_plan(w: SimpleNamespace, i: int) -> Inspection:
    return w.make_inspection(reported=False, deputies=[w.deputies[0]])


def a_report(w: SimpleNamespace, i: int) -> Inspection:
    return w.make_inspection(deputies=[w.deputies[0]])


def a_meeting_asked(w: SimpleNamespace, i: int) -> Inspection:
    inspection = a_report(w, i)
    meeting_request(inspection=inspection, official="省教育厅厅长", actor=w.deputy_user)
    return inspection


def a_feedback(w: SimpleNamespace, i: int) -> Feedback:
    (feedback,) = inspection_forward(
        inspection=a_report(w, i), bodies=[w.unit], received_on=dt.date(2026, 1, 5), actor=w.staff
    )
    return feedback


def a_deputy(w: SimpleNamespace, i: int) -> Deputy:
    return w.deputies[i]


def a_suspended(w: SimpleNamespace, i: int) -> Deputy:
    return deputy_suspend(
        deputy=w.deputies[i],
        ground="detained",
        effective_on=dt.date(2026, 1, 5),
        decision="报告",
        actor=w.staff,
    )


STATUS = {"effective_on": "2026-01-20", "decision": "常委会决定〔2026〕2号", "note": "经审查"}
STEPS = [
    Step("decide", a_leave, "secretariat", lambda w, r: {"approve": "true", "reason": "同意"}),
    Step("decide", a_leave, "secretariat", lambda w, r: {"approve": "false", "reason": "会议期间不宜请假"}),
    Step("withdraw", a_leave, "dele_staff"),
    Step("invite", a_training, "staff", lambda w, r: {"deputies": [w.deputies[1].pk]}),
    Step("hold", a_training, "staff", lambda w, r: {"attended": [w.deputies[0].pk], "summary": "学习代表法"}),
    Step("cancel", a_training, "staff", lambda w, r: {"reason": "改期"}),
    Step(
        "report", a_plan, "staff", lambda w, r: {"report": "视察报告", "findings": "发现", "opinions": "建议"}
    ),
    Step("forward", a_report, "staff", lambda w, r: {"bodies": [w.unit.pk], "received_on": "2026-01-05"}),
    Step("cancel", a_plan, "staff", lambda w, r: {"reason": "改期"}),
    Step(
        "edit",
        a_plan,
        "staff",
        lambda w, r: {
            "title": "视察（改）",
            "date": "2021-06-22",
            "places": "清徐县",
            "deputies": [w.deputies[1].pk],
        },
    ),
    Step(
        "arrange_meeting",
        a_meeting_asked,
        "staff",
        lambda w, r: {"meeting": r.meetings.get().pk, "held_on": "2021-06-23", "note": "已约见"},
    ),
    Step(
        "request_meeting", a_report, "deputy_user", lambda w, r: {"official": "省教育厅厅长", "note": "面谈"}
    ),
    Step("give", a_feedback, "clerk", lambda w, r: {"text": "已研究办理"}),
    Step("suspend", a_deputy, "staff", lambda w, r: {"ground": "detained", **STATUS}),
    Step("restore", a_suspended, "staff", lambda w, r: STATUS),
    Step(
        "terminate",
        a_deputy,
        "staff",
        lambda w, r: {"ground": "resigned", "announced_on": "2026-01-21", **STATUS},
    ),
    Step(
        "record_needs",
        a_deputy,
        "staff",
        lambda w, r: {"language_needs": "蒙古文材料", "custom_needs": "清真饮食"},
    ),
]


@pytest.fixture
def world(
    session, staff, secretariat, dele_staff, clerk, unit, deputy, colleague, make_inspection
) -> SimpleNamespace:
    return SimpleNamespace(
        session=session, staff=staff, secretariat=secretariat, dele_staff=dele_staff, clerk=clerk, unit=unit,
        deputies=[deputy, colleague], deputy_user=deputy.user, make_inspection=make_inspection,
    )  # fmt: skip


def last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"{s.action}-{s.prepare.__name__}")
def test_a_step_taken_through_the_api_and_through_its_page_leaves_the_same_history(step, world, api, client):
    user = getattr(world, step.actor)
    client.login(username=user.username, password=PASSWORD)
    by_api, by_page = step.prepare(world, 0), step.prepare(world, 1)
    results = []
    for record, take, done in [
        (by_api, lambda r: api(user).post(step.api_path(r), step.payload(world, r)), {200, 201}),
        (by_page, lambda r: client.post(step.page_url(r), step.payload(world, r)), {302}),
    ]:
        since = last_event_id()
        response = take(record)
        assert response.status_code in done, getattr(response, "content", b"")[:500]
        results.append((history(record, since), state(record)))
    (api_history, api_state), (page_history, page_state) = results
    assert api_history and api_history == page_history
    assert api_state == page_state
