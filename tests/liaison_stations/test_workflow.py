"""The two tables, read as the measures say; no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from congress.errors import DomainError
from congress.workflow import Workflow
from liaison_stations import workflow
from liaison_stations.workflow import OPINION, RECEPTION
from liaison_stations.workflow import OpinionStatus as S
from liaison_stations.workflow import ReceptionStatus as R
from tests.helpers import refused


@dataclass
class Matter:
    """An opinion as the table reads it: summarised and classified, not yet a suggestion."""

    status: str
    summary: str = "路面积水"
    category: str = "transport"
    suggestion_id: int | None = None


@dataclass
class Visit:
    status: str
    starts_at: dt.datetime = dt.datetime(2026, 3, 4, 8, 30, tzinfo=dt.UTC)


def leads_to(table: Workflow, action: str, record: object) -> str | None:
    """Where the table takes the record (the portal's own step: no user), or None if refused."""
    try:
        return table.require(action, record).target
    except DomainError:
        return None


def test_a_point_s_record_waits_to_be_sent_to_the_station():
    assert workflow.initial_status(at_point=True, online=False) == S.REGISTERED
    assert leads_to(OPINION, "report", Matter(S.REGISTERED)) == S.PENDING


def test_records_made_at_the_station_or_online_are_at_the_station_at_once():
    assert workflow.initial_status(at_point=False, online=False) == S.PENDING
    assert workflow.initial_status(at_point=True, online=True) == S.PENDING


def test_the_station_forwards_and_answers_only_what_it_has():
    assert leads_to(OPINION, "forward", Matter(S.REGISTERED)) is None
    assert leads_to(OPINION, "answer", Matter(S.REGISTERED)) is None
    assert leads_to(OPINION, "forward", Matter(S.PENDING)) == S.FORWARDED
    assert leads_to(OPINION, "answer", Matter(S.FORWARDED)) == S.ANSWERED


def test_a_point_s_record_is_refused_with_what_the_point_must_do():
    with refused("point_reports_to_station"):
        OPINION.require("forward", Matter(S.REGISTERED))


def test_nothing_is_forwarded_or_answered_before_it_is_summarised():
    for action in ("forward", "answer"):
        with refused("opinion_not_summarised"):
            OPINION.require(action, Matter(S.PENDING, summary=" "))


def test_a_matter_can_be_forwarded_again_elsewhere():
    assert leads_to(OPINION, "forward", Matter(S.FORWARDED)) == S.FORWARDED


def test_the_visitor_is_told_only_after_the_answer():
    assert leads_to(OPINION, "feedback", Matter(S.FORWARDED)) is None
    assert leads_to(OPINION, "feedback", Matter(S.ANSWERED)) == S.CLOSED


def test_a_matter_in_hand_cannot_be_set_aside():
    assert leads_to(OPINION, "dismiss", Matter(S.FORWARDED)) is None
    assert leads_to(OPINION, "dismiss", Matter(S.PENDING)) == S.DISMISSED


def test_a_step_asked_twice_is_refused_with_the_one_code_and_the_old_one_as_alias():
    with refused("invalid_transition") as refusal:
        OPINION.require("answer", Matter(S.ANSWERED))
    assert refusal.value.status == 409
    assert refusal.value.aliases == ("wrong_status",)


def test_summarising_and_suggesting_move_nothing_and_follow_the_matter_s_life():
    assert leads_to(OPINION, "classify", Matter(S.FORWARDED)) == S.FORWARDED
    assert OPINION.sources("classify") == {S.REGISTERED, S.PENDING, S.FORWARDED, S.ANSWERED}
    assert OPINION.sources("to_suggestion") == {S.PENDING, S.FORWARDED, S.ANSWERED, S.CLOSED}
    with refused("already_suggested"):
        OPINION.require("to_suggestion", Matter(S.PENDING, suggestion_id=7))


def test_only_matters_in_hand_or_answered_and_not_secret_are_published():
    assert workflow.is_published(S.FORWARDED, is_secret=False)
    assert workflow.is_published(S.CLOSED, is_secret=False)
    assert not workflow.is_published(S.CLOSED, is_secret=True)
    assert not workflow.is_published(S.PENDING, is_secret=False)
    assert not workflow.is_published(S.DISMISSED, is_secret=False)


def test_the_status_sets_come_from_the_table_in_its_order():
    assert workflow.PUBLIC == (S.FORWARDED, S.ANSWERED, S.CLOSED)
    assert workflow.WITH_ANSWER == (S.ANSWERED, S.CLOSED)
    assert workflow.WAITING == (S.REGISTERED, S.PENDING)
    # The station still owes the visitor the outcome of an answered matter (D§35).
    assert OPINION.open_statuses == {S.REGISTERED, S.PENDING, S.FORWARDED, S.ANSWERED}
    assert OPINION.done_statuses == OPINION.terminal_statuses == {S.CLOSED, S.DISMISSED}


def test_the_answer_clock_runs_while_the_matter_is_forwarded():
    assert OPINION.statuses_running("answer") == {S.FORWARDED}
    assert OPINION.clocks["answer"].rule == "station_forward"
    assert OPINION.running_clocks(Matter(S.FORWARDED)) == ("answer",)
    assert OPINION.running_clocks(Matter(S.ANSWERED)) == ()


def test_a_held_or_cancelled_reception_is_final():
    assert leads_to(RECEPTION, "hold", Visit(R.SCHEDULED)) == R.HELD
    assert leads_to(RECEPTION, "cancel", Visit(R.HELD)) is None
    assert leads_to(RECEPTION, "hold", Visit(R.CANCELLED)) is None
    assert RECEPTION.terminal_statuses == {R.HELD, R.CANCELLED}


def test_a_reception_is_held_only_once_it_has_started_and_takes_visitors_unless_cancelled():
    with refused("reception_in_future"):
        RECEPTION.require("hold", Visit(R.SCHEDULED, starts_at=timezone.now() + dt.timedelta(hours=1)))
    assert RECEPTION.sources("register") == {R.SCHEDULED, R.HELD}


@pytest.mark.parametrize("table", [OPINION, RECEPTION], ids=["opinion", "reception"])
def test_every_action_and_state_cites_an_article_of_the_measures(table):
    for item in [*table.actions.values(), *table.states.values()]:
        assert item.article.startswith("D§")
