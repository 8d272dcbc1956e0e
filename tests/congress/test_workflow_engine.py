"""The one workflow engine, on a small table of its own (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.db import models

from congress.errors import DomainError
from congress.workflow import Clock, State, Workflow, choose, move, record
from tests.helpers import refused


class Status(models.TextChoices):
    OPEN = "open", "Open"
    HELD = "held", "Held"
    DECIDED_YES = "yes", "Yes"
    DECIDED_NO = "no", "No"


@dataclass
class Item:
    status: str = Status.OPEN
    kind: str = "plain"
    owner: int = 1
    late: bool = False


@dataclass
class Person:
    pk: int = 1
    roles: set[str] = field(default_factory=lambda: {"clerk"})
    is_superuser: bool = False
    is_authenticated: bool = True

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


def owner(item: Item, user: Person) -> bool:
    """the item's owner"""
    return item.owner == user.pk


def not_late(item: Item) -> DomainError | None:
    return DomainError("too_late", "late") if item.late else None


S = Status
TABLE = Workflow(
    model="tests.EngineItem",
    noun="item",
    statuses=Status,
    states={
        S.OPEN: State("open", "S§1", clocks=("answer", "special")),
        S.HELD: State("held", "S§2", clocks=("answer",)),
        S.DECIDED_YES: State("yes", "S§3", done=True),
        S.DECIDED_NO: State("no", "S§3", done=True),
    },
    actions=[
        move(
            "hold", [S.OPEN], S.HELD, roles={"clerk"}, article="S§2", label="held", who=owner, guard=not_late
        ),
        record("note", [S.OPEN, S.HELD], roles={"clerk", "head"}, article="S§2", label="noted"),
        choose(
            "decide",
            {S.HELD: [S.DECIDED_YES, S.DECIDED_NO], S.OPEN: []},
            roles={"head"},
            article="S§3",
            label="decided",
        ),
    ],
    clocks={"answer": Clock("reply"), "special": Clock("co_opinion", only={"kind": frozenset({"special"})})},
    aliases=("old_code",),
)


def test_a_move_answers_its_source_and_target():
    step = TABLE.require("hold", Item(), Person())
    assert (step.source, step.target) == (S.OPEN, S.HELD)


def test_a_move_asked_twice_is_refused_with_the_one_code_and_its_aliases():
    with refused("invalid_transition") as info:
        TABLE.require("hold", Item(status=S.HELD), Person())
    assert info.value.status == 409
    assert info.value.aliases == ("old_code",)


def test_someone_without_the_role_or_the_relation_is_refused_before_the_status_is_told():
    with refused("permission_denied") as info:
        TABLE.require("hold", Item(status=S.HELD), Person(roles={"head"}))
    assert info.value.status == 403
    with refused("permission_denied"):
        TABLE.require("hold", Item(owner=2), Person())


def test_the_guard_refuses_with_its_own_code():
    with refused("too_late"):
        TABLE.require("hold", Item(late=True), Person())


def test_the_portal_itself_acts_without_a_user():
    assert TABLE.require("hold", Item()).target == S.HELD


def test_an_action_that_only_records_keeps_the_status():
    step = TABLE.require("note", Item(status=S.HELD), Person())
    assert step.source == step.target == S.HELD
    assert not TABLE.action("note").moves_status


def test_a_decision_needs_its_target_from_the_sources_own_set():
    head = Person(roles={"head"})
    assert TABLE.require("decide", Item(status=S.HELD), head, target=S.DECIDED_NO).target == S.DECIDED_NO
    with refused("invalid_transition"):
        TABLE.require("decide", Item(status=S.OPEN), head, target=S.DECIDED_NO)
    assert TABLE.require("decide", Item(status=S.OPEN), head).target == S.OPEN  # recorded only
    with pytest.raises(ValueError, match="chosen target"):
        TABLE.require("decide", Item(status=S.HELD), head)


def test_the_available_actions_are_what_require_allows():
    assert TABLE.allowed_actions(Item(), Person()) == ["hold", "note"]
    assert TABLE.allowed_actions(Item(late=True), Person()) == ["note"]
    assert TABLE.allowed_actions(Item(status=S.HELD), Person(roles={"head"})) == ["note", "decide"]
    assert TABLE.allowed_actions(Item(), Person(is_authenticated=False)) == []


def test_status_sets_come_from_the_table():
    assert TABLE.next(S.OPEN) == {S.HELD}
    assert TABLE.next(S.HELD) == {S.DECIDED_YES, S.DECIDED_NO}
    assert TABLE.open_statuses == {S.OPEN, S.HELD}
    assert TABLE.terminal_statuses == {S.DECIDED_YES, S.DECIDED_NO}
    assert TABLE.statuses_running("answer") == {S.OPEN, S.HELD}
    assert TABLE.statuses_running("special") == {S.OPEN}


def test_a_clock_runs_only_for_the_records_it_applies_to():
    assert TABLE.running_clocks(Item()) == ("answer",)
    assert TABLE.running_clocks(Item(kind="special")) == ("answer", "special")
    assert TABLE.running_clocks(Item(status=S.DECIDED_YES)) == ()
    condition = str(TABLE.running("special"))
    assert "status__in" in condition and "kind__in" in condition


def test_a_table_naming_an_unknown_status_fails_when_it_is_built():
    with pytest.raises(ValueError, match="unknown status"):
        Workflow(
            model="tests.Broken",
            noun="x",
            statuses=Status,
            states={s: State("", "S§1", done=True) for s in Status},
            actions=[move("go", ["nowhere"], S.HELD, roles=set(), article="S§1", label="")],
        )


def test_a_state_with_no_way_out_must_be_done():
    with pytest.raises(ValueError, match="no way out"):
        Workflow(
            model="tests.Stuck",
            noun="x",
            statuses=Status,
            states={s: State("", "S§1") for s in Status},
            actions=[move("go", [S.OPEN], S.HELD, roles=set(), article="S§1", label="")],
        )


def test_a_table_may_answer_someone_an_action_is_not_for_with_its_own_public_code():
    table = Workflow(
        model="tests.DeniedItem",
        noun="item",
        statuses=Status,
        states={
            S.OPEN: State("open", "S§1"),
            S.HELD: State("held", "S§2", done=True),
            S.DECIDED_YES: State("yes", "S§3", done=True),
            S.DECIDED_NO: State("no", "S§3", done=True),
        },
        actions=[
            move("hold", [S.OPEN], S.HELD, roles={"clerk"}, article="S§2", label="held", who=owner),
            record(
                "note",
                [S.OPEN],
                roles={"clerk"},
                article="S§2",
                label="noted",
                who=owner,
                denied=lambda: DomainError("not_invited", status=403),
            ),
        ],
        denied=lambda: DomainError("not_your_item", status=403),
    )
    with refused("not_your_item"):
        table.require("hold", Item(owner=2), Person())
    with refused("not_invited"):
        table.require("note", Item(owner=2), Person())
