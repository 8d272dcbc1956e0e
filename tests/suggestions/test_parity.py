"""The API and the pages are one workflow (issue 12): each state-changing action taken once
through the API and once through its page, on two equal records, writes the same history
and changes the same fields.

Compared, for each action: the history lines it wrote (action, from status, to status, actor,
the unit of the assignment a line is about, whether the line is about the record acted on or
another one, and the note with numbers masked), and the fields of the record acted on that
changed, with their new values (times, numbers and links to other records compared as
"set or not"; the acting user by id).

Actions with a page and no API action, not compared here: edit, invite, withdraw an invitation,
answer a disagreement, withhold or publish a reply, supervisors' comments and units' reports
on key suggestions, a deputy's request to the committee and its arrangement; the unit's leader
of a key suggestion (S§37), the supervising body's responsible person and meeting (S§7) and
its follow-on handling (S§40(4)); the unit's report on an order to put things right (S§47).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from congress.models import Organisation, User
from suggestions.models import Assignment, Commitment, Reply, Suggestion, SuggestionEvent
from suggestions.services import assignment as routing
from suggestions.services import evaluation, filing, handling, review
from suggestions.workflow import Role as UnitRole

pytestmark = pytest.mark.django_db

Record = Suggestion | Assignment | Reply | Commitment


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("reply.pdf", b"%PDF-1.4\n%sealed\n", content_type="application/pdf")


@dataclass
class World:
    """The people, and the records in each state an action starts from, made afresh each time."""

    lead: Any
    co: Any
    staff: User
    units: dict[str, Any]
    area: Any
    other_unit: Any

    def draft(self, **extra: Any) -> Suggestion:
        return filing.suggestion_create(
            actor=self.lead.user, lead_deputy=self.lead, title="关于加强农村教师队伍建设的建议", body="问题、事实和建议。",
            subject_area=self.area, session=None, **extra,
        )  # fmt: skip

    def joint(self) -> Suggestion:
        return self.draft(co_signers=[self.co])

    def submitted(self) -> Suggestion:
        return filing.suggestion_submit(suggestion=self.draft(), actor=self.lead.user)

    def accepted(self) -> Suggestion:
        return review.suggestion_accept(suggestion=self.submitted(), actor=self.staff)

    def routed(self, *units: routing.HandlingUnit) -> list[Assignment]:
        return routing.suggestion_assign(suggestion=self.accepted(), units=units, actor=self.staff)

    def assigned(self) -> Assignment:
        [assignment] = self.routed(routing.HandlingUnit(self.units["education"], UnitRole.SOLE))
        return assignment

    def co_unit(self) -> Assignment:
        _lead, co = self.routed(
            routing.HandlingUnit(self.units["education"], UnitRole.LEAD),
            routing.HandlingUnit(self.units["transport"], UnitRole.CO),
        )
        return co

    def objected(self) -> Assignment:
        return routing.assignment_object(
            assignment=self.assigned(), actor=self.units["unit1"], reason="不属于本单位职责"
        )

    def extension_asked(self) -> Assignment:
        a = self.assigned()
        handling.assignment_request_extension(assignment=a, actor=self.units["unit1"], reason="情况复杂")
        return a

    def heard(self) -> Assignment:
        a = self.assigned()
        handling.assignment_communicate(
            assignment=a,
            actor=self.units["unit1"],
            date=a.assigned_on,
            way="call",
            participants="代表",
            summary="沟通",
            understanding=True,
        )
        return a

    def drafted(self, category: str = "A", **extra: Any) -> Reply:
        return handling.assignment_draft_reply(
            assignment=self.heard(),
            actor=self.units["unit1"],
            category=category,
            body="已采纳",
            scan=pdf(),
            **extra,
        )

    def replied(self) -> Suggestion:
        reply = handling.reply_approve(reply=self.drafted(), actor=self.units["unit1head"])
        return reply.assignment.suggestion

    def rated_unsatisfied(self) -> Suggestion:
        s = self.replied()
        evaluation.suggestion_evaluate(
            suggestion=s, actor=self.lead.user, rating="unsatisfied", comment="未解决"
        )
        return s

    def promised(self) -> Commitment:
        reply = self.drafted(
            "B",
            plan="新建教师周转房",
            path="省级财政补助",
            completion_date=self.assigned().assigned_on.replace(year=2030),
        )
        return handling.reply_approve(reply=reply, actor=self.units["unit1head"]).commitments.get()


@pytest.fixture
def world(lead, make_deputy, staff, units, area, other_unit) -> World:
    return World(
        lead=lead, co=make_deputy("王芳"), staff=staff, units=units, area=area, other_unit=other_unit
    )


@dataclass(frozen=True)
class Case:
    start: Callable[[World], Any]  # the record to act on (or a tuple: the record and another)
    actor: Callable[[World], User]
    api: Callable[[APIClient, Any, World], Any]
    page: Callable[[Client, Any, World], Any]


def _s(path: str) -> str:
    return f"/api/v1/suggestions/{path}"


def _a(path: str) -> str:
    return f"/api/v1/assignments/{path}"


def by_lead(w: World) -> User:
    return w.lead.user


def by_staff(w: World) -> User:
    return w.staff


def by_clerk(w: World) -> User:
    return w.units["unit1"]


def key_named(w: World) -> dict[str, Any]:
    """A key suggestion's grounds, its supervising body and the people S§39 names."""
    body = Organisation.objects.get_or_create(
        name="省人大教科文卫委", defaults={"kind": "special_committee"}
    )[0]
    return {
        "ground": 3, "grounds_text": "代表反映集中", "supervising_body": body.pk, "supervising_leader": "孙副主任",
        "leading_official": "周副省长",
    }  # fmt: skip


CASES: dict[str, Case] = {
    "submit": Case(
        World.draft, by_lead,
        lambda c, s, w: c.post(_s(f"{s.pk}/submit/")),
        lambda c, s, w: c.post(reverse("suggestions:submit", args=[s.pk])),
    ),
    "confirm": Case(
        World.joint, lambda w: w.co.user,
        lambda c, s, w: c.post(_s(f"{s.pk}/confirm/")),
        lambda c, s, w: c.post(reverse("suggestions:confirm", args=[s.pk])),
    ),
    "decline": Case(
        World.joint, lambda w: w.co.user,
        lambda c, s, w: c.post(_s(f"{s.pk}/decline/")),
        lambda c, s, w: c.post(reverse("suggestions:decline", args=[s.pk])),
    ),
    "withdraw": Case(
        World.submitted, by_lead,
        lambda c, s, w: c.post(_s(f"{s.pk}/withdraw/"), {"letter": "书面撤回"}),
        lambda c, s, w: c.post(reverse("suggestions:withdraw", args=[s.pk]), {"letter": "书面撤回"}),
    ),
    "accept": Case(
        World.submitted, by_staff,
        lambda c, s, w: c.post(_s(f"{s.pk}/accept/")),
        lambda c, s, w: c.post(reverse("suggestions:accept", args=[s.pk])),
    ),
    "return": Case(
        World.submitted, by_staff,
        lambda c, s, w: c.post(_s(f"{s.pk}/return/"), {"message": "请一事一议"}),
        lambda c, s, w: c.post(reverse("suggestions:return", args=[s.pk]), {"message": "请一事一议"}),
    ),
    "not_accept": Case(
        World.submitted, by_staff,
        lambda c, s, w: c.post(_s(f"{s.pk}/not-accept/"), {"ground": 4, "forwarded_to": "省信访局", "note": "信访事项"}),
        lambda c, s, w: c.post(
            reverse("suggestions:not-accept", args=[s.pk]), {"ground": 4, "forwarded_to": "省信访局", "note": "信访事项"}
        ),
    ),
    "merge": Case(
        lambda w: (w.submitted(), w.submitted()), by_staff,
        lambda c, pair, w: c.post(_s(f"{pair[0].pk}/merge/"), {"suggestions": [pair[1].pk]}),
        lambda c, pair, w: c.post(reverse("suggestions:merge", args=[pair[0].pk]), {"merge": [pair[1].pk]}),
    ),
    "assign": Case(
        World.accepted, by_staff,
        lambda c, s, w: c.post(
            _s(f"{s.pk}/assign/"), {"units": [{"unit": w.units["education"].pk, "role": "sole"}]}, format="json"
        ),
        lambda c, s, w: c.post(
            reverse("suggestions:assign", args=[s.pk]), {"unit_0": w.units["education"].pk, "role_0": "sole"}
        ),
    ),
    "reroute": Case(
        lambda w: w.assigned().suggestion, by_staff,
        lambda c, s, w: c.post(
            _s(f"{s.pk}/reroute/"), {"units": [{"unit": w.other_unit.pk, "role": "sole"}], "reason": "改由卫健委"},
            format="json",
        ),
        lambda c, s, w: c.post(
            reverse("suggestions:reroute", args=[s.pk]),
            {"unit_0": w.other_unit.pk, "role_0": "sole", "reason": "改由卫健委"},
        ),
    ),
    "disagree": Case(
        lambda w: w.assigned().suggestion, by_lead,
        lambda c, s, w: c.post(_s(f"{s.pk}/disagree/"), {"reason": "应由卫健委办理"}),
        lambda c, s, w: c.post(reverse("suggestions:disagree", args=[s.pk]), {"reason": "应由卫健委办理"}),
    ),
    "evaluate": Case(
        World.replied, by_lead,
        lambda c, s, w: c.post(_s(f"{s.pk}/evaluate/"), {"rating": "satisfied", "comment": "满意"}),
        lambda c, s, w: c.post(reverse("suggestions:evaluate", args=[s.pk]), {"rating": "satisfied", "comment": "满意"}),
    ),
    "decide_rehandling": Case(
        World.rated_unsatisfied, by_staff,
        lambda c, s, w: c.post(_s(f"{s.pk}/decide-rehandling/"), {"rehandle": True, "explanation": "重新办理"}),
        lambda c, s, w: c.post(
            reverse("suggestions:rehandling", args=[s.pk]), {"rehandle": "yes", "explanation": "重新办理"}
        ),
    ),
    "mark_key": Case(
        lambda w: w.assigned().suggestion, by_staff,
        lambda c, s, w: c.post(_s(f"{s.pk}/mark-key/"), key_named(w)),
        lambda c, s, w: c.post(reverse("suggestions:mark-key", args=[s.pk]), key_named(w)),
    ),
    "acknowledge": Case(
        World.assigned, by_clerk,
        lambda c, a, w: c.post(_a(f"{a.pk}/acknowledge/")),
        lambda c, a, w: c.post(reverse("suggestions:acknowledge", args=[a.pk])),
    ),
    "object": Case(
        World.assigned, by_clerk,
        lambda c, a, w: c.post(_a(f"{a.pk}/object/"), {"reason": "属于卫生部门"}),
        lambda c, a, w: c.post(reverse("suggestions:object", args=[a.pk]), {"reason": "属于卫生部门"}),
    ),
    "reassign": Case(
        World.objected, by_staff,
        lambda c, a, w: c.post(_a(f"{a.pk}/reassign/"), {"unit": w.other_unit.pk, "reason": "同意"}),
        lambda c, a, w: c.post(reverse("suggestions:reassign", args=[a.pk]), {"unit": w.other_unit.pk, "reason": "同意"}),
    ),
    "reject_objection": Case(
        World.objected, by_staff,
        lambda c, a, w: c.post(_a(f"{a.pk}/reject-objection/"), {"reason": "属于本单位职责"}),
        lambda c, a, w: c.post(reverse("suggestions:reject-objection", args=[a.pk]), {"reason": "属于本单位职责"}),
    ),
    "communicate": Case(
        World.assigned, by_clerk,
        lambda c, a, w: c.post(
            _a(f"{a.pk}/communicate/"),
            {"date": a.assigned_on.isoformat(), "way": "visit", "participants": "代表", "summary": "走访"},
        ),
        lambda c, a, w: c.post(
            reverse("suggestions:communicate", args=[a.pk]),
            {"date": a.assigned_on.isoformat(), "way": "visit", "participants": "代表", "summary": "走访"},
        ),
    ),
    "send_opinion": Case(
        World.co_unit, lambda w: w.units["unit2"],
        lambda c, a, w: c.post(_a(f"{a.pk}/send-opinion/"), {"body": "协办意见"}),
        lambda c, a, w: c.post(reverse("suggestions:send-opinion", args=[a.pk]), {"body": "协办意见"}),
    ),
    "request_extension": Case(
        World.assigned, by_clerk,
        lambda c, a, w: c.post(_a(f"{a.pk}/request-extension/"), {"reason": "情况复杂"}),
        lambda c, a, w: c.post(reverse("suggestions:request-extension", args=[a.pk]), {"reason": "情况复杂"}),
    ),
    "decide_extension": Case(
        World.extension_asked, by_staff,
        lambda c, a, w: c.post(_a(f"{a.pk}/decide-extension/"), {"approve": True, "reason": "同意"}),
        lambda c, a, w: c.post(reverse("suggestions:decide-extension", args=[a.pk]), {"approve": "yes", "reason": "同意"}),
    ),
    "draft_reply": Case(
        World.heard, by_clerk,
        lambda c, a, w: c.post(
            _a(f"{a.pk}/draft-reply/"), {"category": "A", "body": "已采纳", "scan": pdf()}, format="multipart"
        ),
        lambda c, a, w: c.post(
            reverse("suggestions:draft-reply", args=[a.pk]), {"category": "A", "body": "已采纳", "scan": pdf()}
        ),
    ),
    "approve": Case(
        World.drafted, lambda w: w.units["unit1head"],
        lambda c, r, w: c.post(_a(f"{r.assignment_id}/approve-reply/")),
        lambda c, r, w: c.post(reverse("suggestions:approve-reply", args=[r.pk])),
    ),
    "report_progress": Case(
        World.promised, by_clerk,
        lambda c, m, w: c.post(f"/api/v1/commitments/{m.pk}/progress/", {"text": "已完成", "done": True}),
        lambda c, m, w: c.post(reverse("suggestions:commitment-progress", args=[m.pk]), {"text": "已完成", "done": "on"}),
    ),
}  # fmt: skip


def _value(field: models.Field[Any, Any], value: Any) -> Any:
    """A field's new value as both sides must agree on it."""
    if value is None or value == "":
        return value
    if isinstance(field, (models.DateTimeField, models.FileField)):
        return "set"
    if field.is_relation:
        return value if field.related_model is User else "set"
    if field.name == "number":
        return "set"  # drawn in filing order
    return value


def _snapshot(record: models.Model) -> dict[str, Any]:
    record = type(record)._default_manager.get(pk=record.pk)
    return {f.name: _value(f, f.value_from_object(record)) for f in record._meta.concrete_fields}


def _effect(record: Any, act: Callable[[], Any]) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """What one action did: the history lines it wrote, and the fields of the record it changed."""
    acted_on = record[0] if isinstance(record, tuple) else record
    last = SuggestionEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    before = _snapshot(acted_on)
    response = act()
    assert response.status_code in {200, 201, 302}, getattr(response, "data", response.content[:500])
    after = _snapshot(acted_on)
    own = acted_on.pk if isinstance(acted_on, Suggestion) else None
    lines = [
        (
            e.action, e.from_status, e.to_status, e.actor_id, e.assignment.unit_id if e.assignment else None,
            "self" if own is None or e.suggestion_id == own else "other", re.sub(r"\d{4}", "####", e.note),
        )
        for e in SuggestionEvent.objects.filter(pk__gt=last).select_related("assignment").order_by("pk")
    ]  # fmt: skip
    return lines, {name: value for name, value in after.items() if value != before[name]}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_action_through_the_api_and_through_its_page_writes_the_same_history(name, world, client):
    case = CASES[name]
    user = case.actor(world)
    via_api, via_page = case.start(world), case.start(world)
    api = APIClient()
    api.force_authenticate(user=user)
    client.force_login(user)

    api_lines, api_fields = _effect(via_api, lambda: case.api(api, via_api, world))
    page_lines, page_fields = _effect(via_page, lambda: case.page(client, via_page, world))

    assert api_lines, f"{name} wrote no history"
    assert page_lines == api_lines
    assert page_fields == api_fields


def test_creating_a_suggestion_through_the_api_and_the_page_writes_the_same_history(client, api, lead, area):
    created = []
    for post in [
        lambda: api(lead.user).post(
            "/api/v1/suggestions/", {"title": "t", "body": "b", "subject_area": area.pk}
        ),
        lambda: client.post(reverse("suggestions:new"), {"title": "t", "body": "b", "subject_area": area.pk}),
    ]:
        client.force_login(lead.user)
        assert post().status_code in {201, 302}
        s = Suggestion.objects.latest("pk")
        created.append(
            (
                list(s.events.values_list("action", "from_status", "to_status", "actor", "note")),
                (s.status, s.kind, s.title, s.body, s.subject_area_id, s.lead_deputy_id, s.entered_on_paper),
            )
        )
    assert created[0] == created[1]
