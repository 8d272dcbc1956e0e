"""From a constituent's matter to a deputy's suggestion (D§20(4); S§13)."""

from __future__ import annotations

import pytest

from liaison_stations.models import Opinion
from liaison_stations.services.opinions import (
    opinion_submit_online,
)
from liaison_stations.services.suggestions import opinion_to_suggestion
from tests.helpers import refused
from tests.liaison_stations.conftest import solved, summarise

pytestmark = pytest.mark.django_db


def test_a_deputy_turns_a_matter_they_received_into_a_linked_draft_suggestion(register, clerk, deputy):
    opinion = register(received_by=[deputy], matter="王秀英反映：北门外道路坑洼，电话 13912345678。")
    summarise(opinion, clerk)
    suggestion = opinion_to_suggestion(opinion=opinion, actor=deputy.user)
    opinion.refresh_from_db()
    assert opinion.suggestion == suggestion
    assert (suggestion.status, suggestion.lead_deputy, suggestion.session) == ("draft", deputy, None)
    assert suggestion.title == "道路积水影响出行。"
    assert suggestion.subject_area.name == "城乡建设"
    assert opinion.tracking_code in suggestion.body
    assert "王秀英" not in suggestion.body and "13912345678" not in suggestion.body
    assert opinion.status == Opinion.Status.PENDING  # the station still handles the matter


def test_a_matter_becomes_a_suggestion_only_once(register, clerk, deputy):
    opinion = register(received_by=[deputy])
    opinion_to_suggestion(opinion=opinion, actor=deputy.user)
    with refused("already_suggested"):
        opinion_to_suggestion(opinion=opinion, actor=deputy.user)


def test_only_a_deputy_who_received_the_matter_may_turn_it_into_a_suggestion(
    register, clerk, deputy, make_deputy
):
    opinion = register(received_by=[deputy])
    with refused("not_your_opinion"):
        opinion_to_suggestion(opinion=opinion, actor=make_deputy("另一位代表").user)
    with refused("not_your_opinion"):
        opinion_to_suggestion(opinion=opinion, actor=clerk)


def test_a_point_s_record_becomes_a_suggestion_once_the_station_has_it(register, point, point_clerk, deputy):
    opinion = register(venue=point, actor=point_clerk, received_by=[deputy])
    with refused("invalid_transition") as refusal:
        opinion_to_suggestion(opinion=opinion, actor=deputy.user)
    assert "wrong_status" in refusal.value.aliases


def test_the_deputy_an_online_opinion_was_sent_to_may_turn_it_into_a_suggestion(deputy):
    opinion = opinion_submit_online(
        sender=solved(), deputy=deputy, name="甲", contact="139", matter="路灯不亮"
    )
    suggestion = opinion_to_suggestion(opinion=opinion, actor=deputy.user, title="关于修复路灯的建议")
    assert suggestion.title == "关于修复路灯的建议"
