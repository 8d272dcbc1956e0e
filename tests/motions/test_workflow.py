"""The status table of WORKFLOWS.md §3 (motions/workflow.py), checked without a database."""

import datetime as dt
from types import SimpleNamespace

import pytest

from congress.deadlines.statutory import MOTION_REPORT, RULES
from motions.workflow import MOTION, REPORT_CLOCK, Status, revisions
from tests.conftest import BEIJING
from tests.helpers import refused

S = Status

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
# The moves the table adds to the published ones, each with its article: the committee merges
# a motion still under review (M§18); the proposers withdraw it before the presidium decides
# (D§11 restricts only withdrawal once it is on the agenda); a reconsideration revises a
# decision before its handling began (M§19).
ADDED = {
    ("under_review", "merged"),
    ("under_review", "withdrawn"),
    ("recommended", "withdrawn"),
    ("on_agenda", "referred"),
    ("referred", "on_agenda"),
    ("on_agenda", "not_put_to_vote"),
    ("authorized", "to_next_session"),
}
# Statuses of steps the statute has and WORKFLOWS.md §3 lacks (the statute wins), with their
# article: the presidium decides not to put a motion on the agenda to the vote (M§20); the SC,
# authorized by the plenary, submits the motion to the next session instead of deciding (M§21).
STATUTE_ADDED = {"not_put_to_vote": "M§20", "to_next_session": "M§21"}


def sitting_motion(status, *, adopted=True):
    """A motion of a session taking motions, whose review report was adopted."""
    now = dt.datetime.now(BEIJING)
    report = SimpleNamespace(adopted_at=now if adopted else None, approved_at=None)
    session = SimpleNamespace(
        opens=now.date() - dt.timedelta(days=1),
        motion_deadline=now + dt.timedelta(days=1),
        last_presidium_meeting=now + dt.timedelta(days=2),
        review_report=report,
    )
    return SimpleNamespace(status=status, session=session)


def test_every_published_status_and_move_is_in_the_table():
    assert set(MOTION.states) == {Status(s) for s in PUBLISHED} | set(STATUTE_ADDED)
    assert {s: MOTION.states[Status(s)].article for s in STATUTE_ADDED} == STATUTE_ADDED
    for source, targets in PUBLISHED.items():
        assert targets <= MOTION.next(source), source


def test_the_only_clock_is_the_six_month_report_of_a_referred_motion():
    clocks = {status: state.clocks for status, state in MOTION.states.items() if state.clocks}
    assert clocks == {S.REFERRED: (REPORT_CLOCK,)}
    assert RULES[MOTION.clocks[REPORT_CLOCK].rule] is MOTION_REPORT
    assert MOTION.statuses_running(REPORT_CLOCK) == {S.REFERRED}


def test_every_action_moves_only_along_the_table():
    published = {(source, target) for source, targets in PUBLISHED.items() for target in targets}
    for action in MOTION.actions.values():
        assert action.sources, action.name
        for source, targets in action.moves.items():
            for target in targets - {source}:
                assert (source, target) in published | ADDED, (action.name, source, target)


def test_every_state_and_action_cites_an_article():
    for state in MOTION.states.values():
        assert state.article[:2] in {"M§", "D§"}
    for action in MOTION.actions.values():
        assert action.article[:2] in {"M§", "D§"}


def test_a_submitted_motion_cannot_be_submitted_again():
    with refused("invalid_transition") as info:
        MOTION.require("submit", sitting_motion(S.SUBMITTED))
    assert info.value.status == 409


def test_a_decision_must_lead_to_a_decided_status():
    assert MOTION.require("decide", sitting_motion(S.RECOMMENDED), target=S.REFERRED).target == S.REFERRED
    with refused("invalid_transition"):
        MOTION.require("decide", sitting_motion(S.RECOMMENDED), target=S.ADOPTED)


def test_a_reconsideration_revises_only_a_decision_whose_handling_has_not_begun():
    assert revisions(S.RECOMMENDED) == {S.ON_AGENDA, S.REFERRED, S.CONVERTED}
    assert revisions(S.ON_AGENDA) == {S.REFERRED}
    assert revisions(S.REFERRED) == {S.ON_AGENDA}
    assert revisions(S.CONVERTED) == set()
    assert revisions(S.ADOPTED) == set()


def test_terminal_statuses_have_no_way_out_and_are_done():
    terminal = {
        S.CONCLUDED,
        S.CONVERTED,
        S.MERGED,
        S.ADOPTED,
        S.REJECTED,
        S.WITHDRAWN,
        S.NOT_PUT_TO_VOTE,
        S.TO_NEXT_SESSION,
    }
    assert terminal == MOTION.terminal_statuses == MOTION.done_statuses


@pytest.mark.parametrize("status", [S.REFERRED, S.AUTHORIZED, S.ON_AGENDA])
def test_a_motion_whose_work_goes_on_is_open(status):
    assert status in MOTION.open_statuses
