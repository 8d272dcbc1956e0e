"""The suggestion workflow's tables, without a database."""

from types import SimpleNamespace

import pytest

from suggestions.workflow import ASSIGNMENT, REPLY, SUGGESTION, AssignmentStatus, Role, Status, check_roles


def test_every_action_and_state_cites_its_article():
    for table in (SUGGESTION, ASSIGNMENT, REPLY):
        for action in table.actions.values():
            assert action.article.startswith("S§"), action
        for state in table.states.values():
            assert state.article.startswith("S§"), state


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
    assert (status in SUGGESTION.sources(action)) is allowed


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
    assert (status in ASSIGNMENT.sources(action)) is allowed


def test_a_reassigned_or_withdrawn_assignment_is_finished():
    assert AssignmentStatus.REASSIGNED not in ASSIGNMENT.open_statuses
    assert AssignmentStatus.WITHDRAWN not in ASSIGNMENT.open_statuses
    assert AssignmentStatus.OBJECTED in ASSIGNMENT.open_statuses


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


def running_clocks(status: str, role: str) -> tuple[str, ...]:
    return ASSIGNMENT.running_clocks(SimpleNamespace(status=status, role=role))


def test_a_co_unit_owes_its_opinion_not_the_reply():
    assert running_clocks(AssignmentStatus.PENDING, Role.CO) == ("objection", "co_opinion")
    assert running_clocks(AssignmentStatus.PENDING, Role.LEAD) == ("objection", "reply")
    assert running_clocks(AssignmentStatus.OBJECTED, Role.SOLE) == ("reassignment", "reply")


def test_the_assigning_bodies_are_cited_to_s17_and_s18_not_to_s11():
    """S§17: 会议期间提出的…由大会秘书处…交办; S§18: 闭会期间提出的…由人事代表工作委员会受理…交办.
    S§11 lists the committee's services to the session's group; it does not say the committee
    takes over after the session."""
    from suggestions.workflow.who import assigning_body, is_assigning_staff

    for check in (is_assigning_staff, assigning_body):
        doc = check.__doc__ or ""
        assert "S§17" in doc and "S§18" in doc
        assert "takes over" not in doc
