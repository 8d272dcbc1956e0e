"""The one workflow engine. Every change of a record's status in the portal is an action of
a table built here, and every page, API action and task asks the same table.

A table (each app's workflow.py) names, for one kind of record:
- its states: what each means, the article behind it, the clocks that run while a record is
  in it, and whether the record is still open (somebody owes a step) or done;
- its actions: the states each may be taken from and where it leads (or that it only
  records something), who may take it (roles, and a check of the user's relation to the
  record), the article, and a guard for a rule of the record's own beyond its status (a
  window that closed);
- its clocks: the statutory rule each runs, and which records it applies to.

Services call `require(action, record, user)` before they change anything; pages, templates
and the API offer what `available_actions(record, user)` answers. Status sets (open,
running a clock) come from the tables, never written by hand. Pure Python: nothing here
reads the database; a `who` check may follow the record's relations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from congress.deadlines.statutory import article_label
from congress.errors import DomainError

# The one public code for "this step is not possible in the record's present status"
# (WORKFLOWS.md §7: a transition asked for twice answers 409 and changes nothing).
INVALID_TRANSITION = "invalid_transition"

Who = Callable[[Any, Any], bool]  # (record, user): the user stands in the right relation to it
Guard = Callable[[Any], "DomainError | None"]  # (record): a refusal of the record's own, or None
# The refusal for someone an action is not for, where an app answered it with a public code of
# its own before the engine (`not_invited`, `not_your_station`); by default `permission_denied`.
Denied = Callable[[], DomainError]


@dataclass(frozen=True)
class State:
    meaning: str | Promise
    article: str
    clocks: tuple[str, ...] = ()  # names of the workflow's clocks running in this state
    done: bool = False  # nothing more is owed: the record is finished (it may still reopen)


@dataclass(frozen=True)
class Clock:
    """A statutory period running while a record is in certain states (WORKFLOWS.md §1)."""

    rule: str  # a code of congress.deadlines.statutory.RULES, or a policy rule
    # Which records it applies to, by field value: a co unit owes its opinion, not the reply.
    only: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def applies(self, record: Any) -> bool:
        return all(getattr(record, name) in values for name, values in self.only.items())


@dataclass(frozen=True)
class Action:
    name: str
    # From each state it may be taken in, the states it may lead to; none: it only records.
    moves: Mapping[str, frozenset[str]]
    roles: frozenset[str]
    article: str
    label: str | Promise  # how the action reads: "accepted", "withdrawn by its proposers"
    who: Who | None = None
    guard: Guard | None = None
    denied: Denied | None = None

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(self.moves)

    @property
    def targets(self) -> frozenset[str]:
        return frozenset(t for targets in self.moves.values() for t in targets)

    @property
    def moves_status(self) -> bool:
        return bool(self.targets)


def move(
    name: str,
    sources: Iterable[str],
    target: str,
    *,
    roles: Iterable[str],
    article: str,
    label: str | Promise,
    who: Who | None = None,
    guard: Guard | None = None,
    denied: Denied | None = None,
) -> Action:
    """An action that moves a record from any of `sources` to `target`."""
    return Action(
        name, {s: frozenset({target}) for s in sources}, frozenset(roles), article, label, who, guard, denied
    )


def record(
    name: str,
    sources: Iterable[str],
    *,
    roles: Iterable[str],
    article: str,
    label: str | Promise,
    who: Who | None = None,
    guard: Guard | None = None,
    denied: Denied | None = None,
) -> Action:
    """An action that records something without moving the status."""
    return Action(
        name, {s: frozenset() for s in sources}, frozenset(roles), article, label, who, guard, denied
    )


def choose(
    name: str,
    moves: Mapping[str, Iterable[str]],
    *,
    roles: Iterable[str],
    article: str,
    label: str | Promise,
    who: Who | None = None,
    guard: Guard | None = None,
    denied: Denied | None = None,
) -> Action:
    """An action whose target the actor chooses (a decision), from each source its own set;
    a source with no targets only records (a reconsideration answered without change)."""
    return Action(
        name,
        {s: frozenset(t) for s, t in moves.items()},
        frozenset(roles),
        article,
        label,
        who,
        guard,
        denied,
    )


@dataclass(frozen=True)
class Step:
    """What `require` allowed: the action, and the status before and after it."""

    action: Action
    source: str
    target: str  # the same as source for an action that only records


class Workflow:
    """One kind of record's table. Registered by its model's label for available_actions()."""

    def __init__(
        self,
        *,
        model: str,
        noun: str | Promise,
        statuses: type[models.TextChoices],
        states: Mapping[str, State],
        actions: Iterable[Action],
        clocks: Mapping[str, Clock] | None = None,
        status_field: str = "status",
        aliases: tuple[str, ...] = (),
        denied: Denied | None = None,
    ) -> None:
        self.model = model
        self.noun = noun
        self.statuses = statuses
        self.states = dict(states)
        self.actions = {a.name: a for a in actions}
        self.clocks = dict(clocks or {})
        self.status_field = status_field
        # Codes this table's refusals answered before the one code (public: kept a release).
        self.aliases = aliases
        # The table's refusal for someone an action is not for (an action may name its own).
        self.denied = denied
        self._check()
        _REGISTRY[model] = self

    def _check(self) -> None:
        """A table that names a status or clock it does not have fails at import, not in use."""
        known = set(self.statuses.values)
        if set(self.states) != known:
            raise ValueError(f"{self.model}: states {sorted(known ^ set(self.states))} missing or unknown")
        for action in self.actions.values():
            if not action.moves or not (action.sources | action.targets) <= known:
                raise ValueError(f"{self.model}: action {action.name} names an unknown status")
        for status, state in self.states.items():
            if not set(state.clocks) <= set(self.clocks):
                raise ValueError(f"{self.model}: state {status} runs an unknown clock")
            if not self.next(status) and not state.done:
                raise ValueError(f"{self.model}: state {status} has no way out, so it must be done")

    # --- The table, read -----------------------------------------------------------------

    def action(self, name: str) -> Action:
        return self.actions[name]

    def next(self, status: str) -> frozenset[str]:
        """Where a record in `status` can go, by any action."""
        return frozenset(t for a in self.actions.values() for t in a.moves.get(status, ()) if t != status)

    def label(self, status: str) -> str:
        return str(self.statuses(status).label)

    @property
    def open_statuses(self) -> frozenset[str]:
        """States in which somebody still owes a step."""
        return frozenset(s for s, state in self.states.items() if not state.done)

    @property
    def done_statuses(self) -> frozenset[str]:
        return frozenset(s for s, state in self.states.items() if state.done)

    @property
    def terminal_statuses(self) -> frozenset[str]:
        """States no action leaves."""
        return frozenset(s for s in self.states if not self.next(s))

    def sources(self, action: str) -> frozenset[str]:
        """The states `action` may be taken in."""
        return self.actions[action].sources

    def statuses_running(self, clock: str) -> frozenset[str]:
        """The states in which `clock` runs."""
        if clock not in self.clocks:
            raise KeyError(clock)
        return frozenset(s for s, state in self.states.items() if clock in state.clocks)

    def running(self, clock: str) -> Q:
        """A filter on the records whose `clock` runs: its states, and the records it applies to.
        Plain sorted strings, so an index condition built from it migrates as written."""
        condition = Q(**{f"{self.status_field}__in": sorted(map(str, self.statuses_running(clock)))})
        for name, values in self.clocks[clock].only.items():
            condition &= Q(**{f"{name}__in": sorted(map(str, values))})
        return condition

    def running_clocks(self, record: Any) -> tuple[str, ...]:
        """The clocks running for this record now."""
        state = self.states[self.status_of(record)]
        return tuple(c for c in state.clocks if self.clocks[c].applies(record))

    def status_of(self, record: Any) -> str:
        return str(getattr(record, self.status_field))

    # --- Acting ------------------------------------------------------------------------------

    def require(self, action: str, record: Any, user: Any = None, *, target: str | None = None) -> Step:
        """Refuse what the table does not allow, or answer the step it allows.

        In this order: who may act (403 `permission_denied`; pass `user=None` for the
        portal's own steps, a sweep), the action's guard (its own code), then the status
        (409 `invalid_transition`): a step asked for twice is refused the second time.
        """
        step = self.actions[action]
        if user is not None and not self.may_act(step, record, user):
            denied = step.denied or self.denied
            raise denied() if denied else DomainError("permission_denied", status=403)
        if step.guard is not None and (refusal := step.guard(record)) is not None:
            raise refusal
        source = self.status_of(record)
        targets = step.moves.get(source)
        if targets is None:
            raise self.refusal(step, source)
        if target is None:
            if len(targets) > 1:
                raise ValueError(f"{self.model}: {action} from {source} needs a chosen target")
            target = next(iter(targets), source)
        elif target not in targets and not (target == source and not targets):
            raise self.refusal(step, source, target)
        return Step(step, source, target)

    def may_act(self, step: Action, record: Any, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        if not (user.is_superuser or user.has_role(*step.roles)):
            return False
        return step.who is None or step.who(record, user)

    def allows(self, action: str, record: Any, user: Any) -> bool:
        try:
            self.require(action, record, user, target=self._any_target(action, record))
        except DomainError:
            return False
        return True

    def allowed_actions(self, record: Any, user: Any) -> list[str]:
        """The actions this user may take on this record now, in the table's order."""
        status = self.status_of(record)
        return [
            name
            for name, action in self.actions.items()
            if status in action.moves and self.allows(name, record, user)
        ]

    def _any_target(self, action: str, record: Any) -> str | None:
        # A decision is offered when any of its targets is possible from here.
        targets = self.actions[action].moves.get(self.status_of(record), frozenset())
        return min(targets) if len(targets) > 1 else None

    def refusal(self, step: Action, source: str, target: str | None = None) -> DomainError:
        values = {
            "noun": self.noun,
            "status": self.label(source),
            "action": step.label,
            "article": article_label(step.article),
        }
        if target is None:
            detail = _("A %(noun)s that is “%(status)s” cannot be %(action)s (%(article)s).") % values
        else:
            values["target"] = self.label(target)
            detail = (
                _("A %(noun)s that is “%(status)s” cannot be %(action)s to “%(target)s” (%(article)s).")
                % values
            )
        return DomainError(INVALID_TRANSITION, detail, aliases=self.aliases)


_REGISTRY: dict[str, Workflow] = {}


def workflows() -> list[Workflow]:
    """Every table, in the order the apps registered them."""
    return list(_REGISTRY.values())


def workflow_of(record: Any) -> Workflow:
    return _REGISTRY[record._meta.label]


def available_actions(record: Any, user: Any) -> list[str]:
    """What this user may do with this record now: the one answer pages, templates and the
    API give (the API's `actions` list)."""
    return workflow_of(record).allowed_actions(record, user)
