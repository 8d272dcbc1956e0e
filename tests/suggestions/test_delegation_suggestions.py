"""Suggestions filed by a delegation, as the measures speak of them: "由代表团提出的，应当经该
代表团半数以上代表同意" (S§14); "人事代表工作委员会应当将…交办情况书面告知代表. 代表对交办情况有
不同意见的…" (S§21); "对代表团提出的建议…应当答复代表团的每位代表和相关设区的市人大常委会" (S§27);
"代表收到…答复后…作出评价" (S§30). Every member of the delegation is a deputy of its suggestion."""

from __future__ import annotations

import pytest

from congress.notifications.models import Notification
from congress.workflow import available_actions
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign, suggestion_disagree
from suggestions.services.evaluation import suggestion_evaluate
from suggestions.services.filing import DelegationVote, suggestion_create, suggestion_submit
from suggestions.workflow import Role as UnitRole
from suggestions.workflow import Status
from tests.suggestions.follow_up import liaise_with_city_sc, reply_through_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(make_deputy):
    return [make_deputy(f"团员{i}") for i in range(3)]


@pytest.fixture
def delegation_assigned(lead, members, area, staff, units, django_capture_on_commit_callbacks):
    """A suggestion of 太原代表团 (the lead and three members, all four in favour), assigned."""
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="关于汾河治理的建议", body="b", subject_area=area, session=None,
        kind="delegation", delegation_vote=DelegationVote(members=4, votes_for=4, head_signed=True),
    )  # fmt: skip
    s = suggestion_submit(suggestion=s, actor=lead.user)
    with django_capture_on_commit_callbacks(execute=True):
        [assignment] = suggestion_accept_and_assign(
            suggestion=s, units=[HandlingUnit(units["education"], UnitRole.SOLE)], actor=staff
        )
    return assignment


def test_every_member_of_the_delegation_is_told_of_the_assignment(delegation_assigned, members):
    told = set(Notification.objects.filter(kind="suggestion_assigned").values_list("recipient_id", flat=True))
    assert {m.user.pk for m in members} <= told


def test_a_member_of_the_delegation_may_disagree_with_the_assignment(delegation_assigned, members):
    s = delegation_assigned.suggestion
    member = members[1].user
    assert "disagree" in available_actions(s, member)
    row = suggestion_disagree(suggestion=s, actor=member, reason="应由省水利厅办理")
    assert row.deputy == members[1]


def test_each_member_of_the_delegation_rates_the_reply(delegation_assigned, members, lead, units):
    liaise_with_city_sc(delegation_assigned, units["unit1"])
    reply_through_services(delegation_assigned, clerk=units["unit1"], head=units["unit1head"])
    s = delegation_assigned.suggestion
    s.refresh_from_db()
    for deputy in [lead, *members[:2]]:
        suggestion_evaluate(suggestion=s, actor=deputy.user, rating="satisfied")
    s.refresh_from_db()
    assert s.status == Status.REPLIED  # one member has not rated yet
    suggestion_evaluate(suggestion=s, actor=members[2].user, rating="basically_satisfied")
    s.refresh_from_db()
    assert s.status == Status.CLOSED
