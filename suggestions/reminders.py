"""The suggestion workflow's clocks, as the deadline sweep sees them (congress.reminders)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from congress.calendar import deadline
from congress.models import User
from congress.reminders import DeadlineKind, DueItem, register, register_step
from congress.roles import Role
from congress.statutory import CO_OPINION, OBJECTION, REASSIGNMENT, REHANDLING, REPLY, REPLY_EXTENSION
from suggestions.handling import suggestions_close_after_evaluation_window
from suggestions.models import Assignment, Commitment
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


def _items(rows: QuerySet[Assignment], clock: str) -> Iterable[DueItem]:
    assignments = list(rows.select_related("suggestion", "unit"))
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
            if clock == "objection":
                d = deadline(OBJECTION, a.assigned_on)
                owners, above = clerks[a.unit_id] + heads[a.unit_id], []
            elif clock == "reassignment":
                assert a.objected_on is not None  # noqa: S101 - the query asks for objected rows
                d = deadline(REASSIGNMENT, a.objected_on)
                owners, above = staff, []
            elif clock == "rehandling":
                assert a.rehandling_on is not None  # noqa: S101 - the query asks for re-handled rows
                d = deadline(REHANDLING, a.rehandling_on)
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            elif clock == "co_opinion":
                d = deadline(CO_OPINION, a.assigned_on)
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            else:
                d = deadline(REPLY, a.assigned_on, extension=REPLY_EXTENSION.period if a.extended else None)
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            items.append(
                DueItem(a.pk, d.due, title, link, d.explanation(), owners or heads[a.unit_id], above)
            )
    return items


def objection_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(
        Assignment.objects.filter(status=AssignmentStatus.PENDING, objection_due__in=dates), "objection"
    )


def reassignment_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    return _items(
        Assignment.objects.filter(status=AssignmentStatus.OBJECTED, reassignment_due__in=dates),
        "reassignment",
    )


def co_opinion_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    rows = Assignment.objects.filter(status__in=HANDLING, role=UnitRole.CO, co_opinion_due__in=dates)
    return _items(rows, "co_opinion")


def reply_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    rows = Assignment.objects.filter(status__in=[*HANDLING, AssignmentStatus.OBJECTED], reply_due__in=dates)
    return _items(rows.exclude(role=UnitRole.CO), "reply")


def rehandling_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    rows = Assignment.objects.filter(status=AssignmentStatus.REHANDLING, rehandling_due__in=dates)
    return _items(rows, "rehandling")


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


def register_all() -> None:
    register(DeadlineKind("suggestion_objection", "objection", objection_due_on))
    register(DeadlineKind("suggestion_reassignment", "reassignment", reassignment_due_on))
    register(DeadlineKind("suggestion_co_opinion", "co_opinion", co_opinion_due_on))
    register(DeadlineKind("suggestion_reply", "reply", reply_due_on))
    register(DeadlineKind("suggestion_rehandling", "rehandling", rehandling_due_on))
    register(DeadlineKind("suggestion_commitment", "commitment", commitment_due_on))
    register_step(close_evaluation_windows)
    register_step(close_objection_windows)


def close_objection_windows(today: dt.date) -> int:
    return assignments_close_objection_windows()
