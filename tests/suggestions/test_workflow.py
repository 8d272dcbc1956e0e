"""The suggestion state machines, without a database."""

import pytest

from suggestions.workflow import (
    ASSIGNMENT_TRANSITIONS,
    OPEN_ASSIGNMENT,
    SUGGESTION_TRANSITIONS,
    AssignmentStatus,
    Role,
    Status,
    can,
    check_roles,
    running_clocks,
)


def test_every_transition_cites_its_article():
    for table in (SUGGESTION_TRANSITIONS, ASSIGNMENT_TRANSITIONS):
        for transition in table.values():
            assert transition.article.startswith("S§"), transition


@pytest.mark.parametrize(
    ("action", "status", "allowed"),
    [
        ("submit", Status.DRAFT, True),
        ("submit", Status.RETURNED, True),
        ("submit", Status.SUBMITTED, False),
        ("accept", Status.SUBMITTED, True),
        ("accept", Status.DRAFT, False),
        ("merge", Status.ACCEPTED, True),
        ("merge", Status.ASSIGNED, False),
        ("withdraw", Status.ASSIGNED, True),
        ("withdraw", Status.REPLIED, False),  # S§16: only before the reply
        ("withdraw", Status.CLOSED, False),
        ("assign", Status.ACCEPTED, True),
        ("assign", Status.SUBMITTED, False),
    ],
)
def test_the_suggestion_table_allows_only_what_the_rules_allow(action, status, allowed):
    assert can(SUGGESTION_TRANSITIONS, action, status) is allowed


@pytest.mark.parametrize(
    ("action", "status", "allowed"),
    [
        ("object", AssignmentStatus.PENDING, True),
        ("object", AssignmentStatus.HANDLING, False),  # acknowledged: the unit accepted it
        ("reassign", AssignmentStatus.OBJECTED, True),
        ("reassign", AssignmentStatus.PENDING, False),
        ("reject_objection", AssignmentStatus.OBJECTED, True),
        ("window_closed", AssignmentStatus.PENDING, True),
        ("window_closed", AssignmentStatus.OBJECTED, False),  # an objection in time keeps its clock
    ],
)
def test_the_assignment_table_allows_only_what_the_rules_allow(action, status, allowed):
    assert can(ASSIGNMENT_TRANSITIONS, action, status) is allowed


def test_a_reassigned_or_withdrawn_assignment_is_finished():
    assert AssignmentStatus.REASSIGNED not in OPEN_ASSIGNMENT
    assert AssignmentStatus.WITHDRAWN not in OPEN_ASSIGNMENT
    assert AssignmentStatus.OBJECTED in OPEN_ASSIGNMENT


@pytest.mark.parametrize(
    ("roles", "problem"),
    [
        ([Role.SOLE], None),
        ([Role.SOLE, Role.SOLE], "one_sole_unit"),
        ([Role.SPLIT, Role.SPLIT], None),
        ([Role.SPLIT], "split_needs_two"),
        ([Role.LEAD, Role.CO], None),
        ([Role.LEAD, Role.CO, Role.CO], None),
        ([Role.LEAD, Role.LEAD, Role.CO], "one_lead_unit"),
        ([Role.LEAD], "roles_mixed"),
        ([Role.SOLE, Role.CO], "roles_mixed"),
        ([], "no_units"),
    ],
)
def test_unit_roles_follow_article_19(roles, problem):
    assert check_roles(roles) == problem


def test_a_co_unit_owes_its_opinion_not_the_reply():
    assert running_clocks(AssignmentStatus.PENDING, Role.CO) == ("objection", "co_opinion")
    assert running_clocks(AssignmentStatus.PENDING, Role.LEAD) == ("objection", "reply")
    assert running_clocks(AssignmentStatus.OBJECTED, Role.SOLE) == ("reassignment", "reply")
