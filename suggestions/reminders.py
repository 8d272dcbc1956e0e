"""The suggestion workflow's clocks, as the deadline sweep (congress.deadlines.reminders) and the overdue
board (congress.deadlines.overdue) see them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from congress.deadlines import overdue
from congress.deadlines.calendar import deadline
from congress.deadlines.overdue import OverdueItem, OverdueSource
from congress.deadlines.periods import Deadline
from congress.deadlines.reminders import DeadlineKind, DueItem, register, register_step
from congress.deadlines.statutory import (
    CO_OPINION,
    OBJECTION,
    REASSIGNMENT,
    REHANDLING,
    REPLY,
    REPLY_EXTENSION,
)
from congress.models import User
from congress.roles import Role
from suggestions.handling import suggestions_close_after_evaluation_window
from suggestions.models import Assignment, Commitment
from suggestions.selectors import all_clocks
from suggestions.services import assignments_close_objection_windows
from suggestions.workflow import AssignmentStatus
from suggestions.workflow import Role as UnitRole

HANDLING = [AssignmentStatus.PENDING, AssignmentStatus.HANDLING]


def _unit_people(unit_ids: set[int]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Clerks and heads of each unit, in one query."""
    clerks: dict[int, list[int]] = defaultdict(list)
    heads: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        organisation_id__in=unit_ids, is_active=True, role_rows__role__in=[Role.UNIT_HANDLER, Role.UNIT_HEAD]
    ).values_list("pk", "organisation_id", "role_rows__role")
    for pk, unit, role in rows:
        (heads if role == Role.UNIT_HEAD else clerks)[unit].append(pk)
    return clerks, heads


def _committee_staff() -> list[int]:
    return list(
        User.objects.filter(is_active=True, role_rows__role=Role.COMMITTEE_STAFF).values_list("pk", flat=True)
    )


# Only what a reminder says: the suggestion's body can be long, and a sweep reads thousands.
FIELDS = [
    "unit_id", "role", "assigned_on", "objected_on", "extended", "objection_due", "reassignment_due", "reply_due",
    "co_opinion_due", "rehandling_on", "rehandling_due", "suggestion__number", "suggestion__session_id", "suggestion__title", "unit__name",
]  # fmt: skip


def _items(rows: QuerySet[Assignment], clock: str) -> Iterable[DueItem]:
    assignments = list(rows.select_related("suggestion", "unit").only(*FIELDS).order_by("pk"))
    if not assignments:
        return []
    clerks, heads = _unit_people({a.unit_id for a in assignments})
    staff = _committee_staff()
    items = []
    above: list[int]
    with translation.override("zh-hans"):
        for a in assignments:
            s = a.suggestion
            title = f"{s.number_label}《{s.title}》· {a.unit.name}"
            link = f"/suggestions/{s.pk}/"
            # The stored date is the one the query matched; the computed deadline explains it.
            due: dt.date | None
            if clock == "objection":
                due, d = a.objection_due, deadline(OBJECTION, a.assigned_on)
                owners, above = clerks[a.unit_id] + heads[a.unit_id], []
            elif clock == "reassignment":
                assert a.objected_on is not None  # noqa: S101 - the query asks for objected rows
                due, d = a.reassignment_due, deadline(REASSIGNMENT, a.objected_on)
                owners, above = staff, []
            elif clock == "rehandling":
                assert a.rehandling_on is not None  # noqa: S101 - the query asks for re-handled rows
                due, d = a.rehandling_due, deadline(REHANDLING, a.rehandling_on)
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            elif clock == "co_opinion":
                due, d = a.co_opinion_due, deadline(CO_OPINION, a.assigned_on)
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            else:
                extension = REPLY_EXTENSION.period if a.extended else None
                due, d = a.reply_due, deadline(REPLY, a.assigned_on, extension=extension)
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            assert due is not None  # noqa: S101 - each query asks for its clock's date
            items.append(DueItem(a.pk, due, title, link, d.explanation(), owners or heads[a.unit_id], above))
    return items


# --- What is open on each clock: the sweep reminds of it, the overdue board counts it ------


def objections_open() -> QuerySet[Assignment]:
    return Assignment.objects.filter(status=AssignmentStatus.PENDING)


def reassignments_open() -> QuerySet[Assignment]:
    """Objections the assigning body has still to decide (S§20: within 10 days)."""
    return Assignment.objects.filter(status=AssignmentStatus.OBJECTED)


def co_opinions_open() -> QuerySet[Assignment]:
    return Assignment.objects.filter(status__in=HANDLING, role=UnitRole.CO)


def rehandlings_open() -> QuerySet[Assignment]:
    """Assignments the committee sent back to be handled again (S§30: within a month)."""
    return Assignment.objects.filter(status=AssignmentStatus.REHANDLING)


def replies_open() -> QuerySet[Assignment]:
    # An objecting unit's reply clock runs on until the objection is decided.
    rows = Assignment.objects.filter(status__in=[*HANDLING, AssignmentStatus.OBJECTED])
    return rows.exclude(role=UnitRole.CO)


def objection_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(objections_open().filter(objection_due__in=dates), "objection")


def reassignment_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(reassignments_open().filter(reassignment_due__in=dates), "reassignment")


def co_opinion_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(co_opinions_open().filter(co_opinion_due__in=dates), "co_opinion")


def reply_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(replies_open().filter(reply_due__in=dates), "reply")


def rehandling_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(rehandlings_open().filter(rehandling_due__in=dates), "rehandling")


def commitment_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    """Open commitments of category-B replies (S§32): the unit reports progress."""
    commitments = list(
        Commitment.objects.filter(done_on__isnull=True, promised_date__in=dates).select_related(
            "reply__assignment__suggestion", "reply__assignment__unit"
        )
    )
    if not commitments:
        return []
    clerks, heads = _unit_people({c.reply.assignment.unit_id for c in commitments})
    staff = _committee_staff()
    items = []
    with translation.override("zh-hans"):
        for c in commitments:
            a = c.reply.assignment
            title = f"{a.suggestion.number_label}《{a.suggestion.title}》· {a.unit.name}"
            why = _("Promised in the reply: %(text)s") % {"text": c.text[:200]}
            items.append(
                DueItem(
                    c.pk,
                    c.promised_date,
                    title,
                    f"/suggestions/{a.suggestion_id}/",
                    why,
                    clerks[a.unit_id] or heads[a.unit_id],
                    heads[a.unit_id] + staff,
                )
            )
    return items


def close_evaluation_windows(today: dt.date) -> int:
    return suggestions_close_after_evaluation_window(today)


def _describe(clock: str) -> Callable[[list[int]], dict[int, OverdueItem]]:
    """The overdue list's rows of one clock: the suggestion, the unit and the deadline."""

    def describe(pks: list[int]) -> dict[int, OverdueItem]:
        rows = Assignment.objects.filter(pk__in=pks).select_related("suggestion", "unit").only(*FIELDS)
        described = {}
        for a in rows:
            owner = a.unit.name
            if clock == "reassignment":
                owner = _("Assigning body, on the objection of %(unit)s") % {"unit": a.unit.name}
            described[a.pk] = OverdueItem(
                number=a.suggestion.number_label,
                title=a.suggestion.title,
                link=reverse("suggestions:detail", args=[a.suggestion_id]),
                owner=owner,
                deadline=_clock(a, clock),
            )
        return described

    return describe


def _clock(a: Assignment, clock: str) -> Deadline:
    if clock == "rehandling":
        assert a.rehandling_on is not None  # noqa: S101 - only re-handled rows are asked for
        return deadline(REHANDLING, a.rehandling_on)
    return all_clocks(a)[clock]


def register_all() -> None:
    register(DeadlineKind("suggestion_objection", "objection", objection_due_on))
    register(DeadlineKind("suggestion_reassignment", "reassignment", reassignment_due_on))
    register(DeadlineKind("suggestion_co_opinion", "co_opinion", co_opinion_due_on))
    register(DeadlineKind("suggestion_reply", "reply", reply_due_on))
    register(DeadlineKind("suggestion_rehandling", "rehandling", rehandling_due_on))
    register(DeadlineKind("suggestion_commitment", "commitment", commitment_due_on))
    register_step(close_evaluation_windows)
    register_step(close_objection_windows)
    # The objection window is not on the board: when it closes the unit simply handles it.
    overdue.register(OverdueSource("reply", replies_open, "reply_due", "unit", _describe("reply")))
    overdue.register(
        OverdueSource("co_opinion", co_opinions_open, "co_opinion_due", "unit", _describe("co_opinion"))
    )
    overdue.register(
        OverdueSource("reassignment", reassignments_open, "reassignment_due", None, _describe("reassignment"))
    )
    overdue.register(
        OverdueSource("rehandling", rehandlings_open, "rehandling_due", "unit", _describe("rehandling"))
    )


def close_objection_windows(today: dt.date) -> int:
    return assignments_close_objection_windows()
