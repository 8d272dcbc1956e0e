"""Hearing the deputies before the reply, as S§24 says: "承办单位应当主动加强与代表的联系，通过走访、
座谈等方式，充分听取代表对办理工作的意见和要求，取得代表理解后方可书面答复. 对代表团提出的建议、批评和
意见，承办单位负责人应当与相关设区的市人民代表大会常务委员会加强联系". In the round of handling the reply
belongs to: after re-handling (S§30) the unit hears the deputies again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.evaluation import suggestion_decide_rehandling, suggestion_evaluate
from suggestions.services.filing import DelegationVote, suggestion_create, suggestion_submit
from suggestions.services.handling import assignment_communicate, assignment_draft_reply, reply_approve
from suggestions.workflow import AssignmentStatus
from suggestions.workflow import Role as UnitRole
from tests.helpers import refused
from tests.suggestions.follow_up import liaise_with_city_sc, pdf

pytestmark = pytest.mark.django_db


def hear(assignment, clerk, *, understanding: bool):
    return assignment_communicate(
        assignment=assignment, actor=clerk, date=assignment.assigned_on, way="visit", participants="李明代表",
        summary="上门听取意见", understanding=understanding,
    )  # fmt: skip


def draft(assignment, clerk):
    return assignment_draft_reply(assignment=assignment, actor=clerk, category="A", body="已采纳", scan=pdf())


def test_the_reply_waits_until_the_deputies_understanding_is_recorded(assigned, units):
    a, clerk = assigned(), units["unit1"]
    hear(a, clerk, understanding=False)
    with refused("deputy_understanding_not_recorded"):
        draft(a, clerk)
    hear(a, clerk, understanding=True)
    assert draft(a, clerk).status == "draft"


def test_a_communication_from_an_earlier_round_does_not_count_after_re_handling(assigned, units, lead, staff):
    a, clerk = assigned(), units["unit1"]
    hear(a, clerk, understanding=True)
    reply_approve(reply=draft(a, clerk), actor=units["unit1head"])
    s = a.suggestion
    s.refresh_from_db()
    suggestion_evaluate(suggestion=s, actor=lead.user, rating="unsatisfied", comment="问题未解决")
    suggestion_decide_rehandling(suggestion=s, actor=staff, rehandle=True, explanation="请重新办理")
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REHANDLING
    with refused("no_communication_recorded"):
        draft(a, clerk)
    hear(a, clerk, understanding=True)
    assert draft(a, clerk).round == 2


def test_a_delegations_suggestion_also_needs_the_units_liaison_with_the_city_sc(lead, area, staff, units):
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="代表团建议", body="b", subject_area=area, session=None,
        kind="delegation", delegation_vote=DelegationVote(members=2, votes_for=1, head_signed=True),
    )  # fmt: skip
    [a] = suggestion_accept_and_assign(
        suggestion=suggestion_submit(suggestion=s, actor=lead.user),
        units=[HandlingUnit(units["education"], UnitRole.SOLE)],
        actor=staff,
    )
    hear(a, units["unit1"], understanding=True)
    with refused("city_sc_liaison_not_recorded"):
        draft(a, units["unit1"])
    liaise_with_city_sc(a, units["unit1"])
    assert draft(a, units["unit1"]).status == "draft"


def test_the_city_sc_is_heard_on_a_delegations_suggestion_only(assigned, units):
    a = assigned()
    with refused("invalid_party"):
        liaise_with_city_sc(a, units["unit1"])


def test_the_api_records_the_understanding_and_the_reply_follows(api, assigned, units):
    a = assigned()
    clerk = api(units["unit1"])
    heard = {"date": a.assigned_on.isoformat(), "way": "call", "summary": "电话沟通"}
    assert clerk.post(f"/api/v1/assignments/{a.pk}/communicate/", heard).status_code == 200
    refusal = clerk.post(f"/api/v1/assignments/{a.pk}/draft-reply/", {"category": "A", "body": "已采纳"})
    assert (refusal.status_code, refusal.json()["code"]) == (409, "deputy_understanding_not_recorded")
    clerk.post(f"/api/v1/assignments/{a.pk}/communicate/", {**heard, "understanding": True})
    ok = clerk.post(f"/api/v1/assignments/{a.pk}/draft-reply/", {"category": "A", "body": "已采纳"})
    assert ok.status_code == 200, ok.json()


def test_the_page_records_the_deputies_understanding(client, assigned, units):
    a = assigned()
    client.force_login(units["unit1"])
    url = reverse("suggestions:communicate", args=[a.pk])
    assert 'name="party"' not in client.get(url).content.decode()  # one deputy: no city SC to hear
    data = {"date": a.assigned_on.isoformat(), "way": "visit", "summary": "上门走访", "understanding": "on"}
    assert client.post(url, data).status_code == 302
    assert a.communications.get().understanding
