"""S§48: "本省全国人民代表大会代表列席省人民代表大会会议或者参加由省人民代表大会常务委员会组织的视察、
专题调研、执法检查等活动，就本省各方面工作提出建议、批评和意见的办理，参照本办法执行". A deputy to the NPC
elected in the province files through the portal, and the suggestion is handled as any other;
they file as a deputy, not as a provincial delegation's, and are no member of one."""

from __future__ import annotations

import pytest

from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.evaluation import suggestion_evaluate
from suggestions.services.filing import DelegationVote, suggestion_create, suggestion_submit
from suggestions.workflow import Role as UnitRole
from suggestions.workflow import Status
from suggestions.workflow.who import deputies_of
from tests.helpers import refused
from tests.suggestions.follow_up import reply_through_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def npc_deputy(make_deputy):
    return make_deputy("郭全国", npc_deputy=True)


def test_an_npc_deputy_elected_in_the_province_files_a_suggestion_handled_under_these_measures(
    api, npc_deputy, area, session, staff, units
):
    created = api(npc_deputy.user).post(
        "/api/v1/suggestions/",
        {"title": "关于黄河流域生态保护的建议", "body": "列席会议时提出。", "session": session.pk},
    )
    assert created.status_code == 201, created.json()
    assert created.json()["lead_deputy_npc"] is True
    s = suggestion_submit(suggestion=npc_deputy.led_suggestions.get(), actor=npc_deputy.user)
    assert "第四十八条" in s.events.get(action="create").note  # S§48, named in the portal's language
    [a] = suggestion_accept_and_assign(
        suggestion=s, units=[HandlingUnit(units["education"], UnitRole.SOLE)], actor=staff
    )
    reply_through_services(a, clerk=units["unit1"], head=units["unit1head"])
    s.refresh_from_db()
    suggestion_evaluate(suggestion=s, actor=npc_deputy.user, rating="satisfied")
    s.refresh_from_db()
    assert s.status == Status.CLOSED


def test_an_npc_deputy_files_as_a_deputy_not_as_a_provincial_delegation(npc_deputy, area):
    with refused("npc_deputy_not_a_delegation"):
        suggestion_create(
            actor=npc_deputy.user, lead_deputy=npc_deputy, title="t", body="b", subject_area=area, session=None,
            kind="delegation", delegation_vote=DelegationVote(members=2, votes_for=2, head_signed=True),
        )  # fmt: skip


def test_an_npc_deputy_is_no_member_of_a_provincial_delegations_suggestion(lead, npc_deputy, area):
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="t", body="b", subject_area=area, session=None,
        kind="delegation", delegation_vote=DelegationVote(members=1, votes_for=1, head_signed=True),
    )  # fmt: skip
    assert npc_deputy.delegation_id == lead.delegation_id  # entered in the same city's list
    assert npc_deputy not in deputies_of(s)
