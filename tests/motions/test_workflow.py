"""The status table of WORKFLOWS.md §3, checked without a database."""

import pytest

from congress.deadlines.statutory import MOTION_REPORT
from congress.errors import DomainError
from motions import workflow
from motions.workflow import ACTIONS, STATES, Status

# WORKFLOWS.md §3, the "next" column, exactly as published.
PUBLISHED = {
    "draft": {"submitted"},
    "submitted": {"under_review", "withdrawn"},
    "under_review": {"recommended"},
    "recommended": {"on_agenda", "referred", "converted", "merged"},
    "on_agenda": {"adopted", "rejected", "authorized", "withdrawn"},
    "referred": {"reported"},
    "reported": {"concluded"},
    "concluded": set(),
    "converted": set(),
    "merged": set(),
    "adopted": set(),
    "rejected": set(),
    "authorized": {"concluded"},
    "withdrawn": set(),
}


def test_every_published_status_and_move_is_in_the_table():
    assert set(STATES) == {Status(s) for s in PUBLISHED}
    for source, targets in PUBLISHED.items():
        assert {Status(t) for t in targets} <= STATES[Status(source)].next, source


def test_the_only_clock_is_the_six_month_report_of_a_referred_motion():
    clocks = {status: state.clock for status, state in STATES.items() if state.clock}
    assert clocks == {Status.REFERRED: MOTION_REPORT}


def test_every_action_moves_only_along_the_table():
    for action in ACTIONS.values():
        assert action.sources, action.name
        if action.target is None:
            continue
        for source in action.sources:
            if source != action.target:
                assert workflow.can_move(source, action.target), (action.name, source)


def test_every_state_and_action_cites_an_article():
    for state in STATES.values():
        assert state.article[:2] in {"M§", "D§"}
    for action in ACTIONS.values():
        assert action.article[:2] in {"M§", "D§"}


def test_a_submitted_motion_cannot_be_submitted_again():
    with pytest.raises(DomainError) as refused:
        workflow.require("submit", Status.SUBMITTED)
    assert refused.value.code == "invalid_transition"


def test_a_decision_must_lead_to_a_decided_status():
    workflow.require("decide", Status.RECOMMENDED, Status.REFERRED)
    with pytest.raises(DomainError):
        workflow.require("decide", Status.RECOMMENDED, Status.ADOPTED)


def test_terminal_statuses_have_no_way_out():
    assert {
        Status.CONCLUDED,
        Status.CONVERTED,
        Status.MERGED,
        Status.ADOPTED,
        Status.REJECTED,
        Status.WITHDRAWN,
    } == workflow.TERMINAL
