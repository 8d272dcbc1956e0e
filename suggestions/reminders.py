"""The suggestion workflow's clocks, as the deadline sweep (congress.deadlines.reminders) and the overdue
board (congress.deadlines.overdue) see them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from congress.deadlines import overdue
from congress.deadlines.overdue import OverdueItem, OverdueSource
from congress.deadlines.reminders import DeadlineKind, DueItem, register, register_step
from congress.deadlines.statutory import policy_rule
from congress.models import User
from congress.roles import Role
from suggestions.models import Assignment, Commitment
from suggestions.selectors import OVERDUE_CLOCKS, all_clocks
from suggestions.services.assignment import assignments_close_objection_windows
from suggestions.services.evaluation import suggestions_close_after_evaluation_window
from suggestions.workflow import ASSIGNMENT


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
            due: dt.date | None = getattr(a, f"{clock}_due")
            assert due is not None  # noqa: S101 - each query asks for its clock's date
            if clock == "objection":
                owners, above = clerks[a.unit_id] + heads[a.unit_id], []
            elif clock == "reassignment":
                owners, above = staff, []  # the assigning body decides on the objection (S§20)
            else:
                owners, above = clerks[a.unit_id], heads[a.unit_id] + staff
            d = all_clocks(a)[clock]
            items.append(DueItem(a.pk, due, title, link, d.explanation(), owners or heads[a.unit_id], above))
    return items


# --- What is open on each clock: the sweep reminds of it, the overdue board counts it ------


def open_on(clock: str) -> QuerySet[Assignment]:
    """The assignments whose `clock` runs (the table's states and roles): an objecting unit's
    reply or opinion clock runs on until the objection is decided (S§20)."""
    return Assignment.objects.filter(ASSIGNMENT.running(clock))


def due_on(clock: str) -> Callable[[list[dt.date]], Iterable[DueItem]]:
    def items(dates: list[dt.date]) -> Iterable[DueItem]:
        return _items(open_on(clock).filter(**{f"{clock}_due__in": dates}), clock)

    return items


def commitment_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    """Open commitments of category-B replies (S§32) whose promised date comes."""
    return _commitment_items(
        Commitment.objects.filter(done_on__isnull=True, promised_date__in=dates), "promised"
    )


def commitment_progress_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    """Open commitments whose yearly progress report comes due (S§25(2), S§32)."""
    return _commitment_items(
        Commitment.objects.filter(done_on__isnull=True, progress_due__in=dates), "progress"
    )


def _commitment_items(rows: QuerySet[Commitment], clock: str) -> Iterable[DueItem]:
    commitments = list(rows.select_related("reply__assignment__suggestion", "reply__assignment__unit"))
    if not commitments:
        return []
    clerks, heads = _unit_people({c.reply.assignment.unit_id for c in commitments})
    staff = _committee_staff()
    items = []
    with translation.override("zh-hans"):
        for c in commitments:
            a = c.reply.assignment
            title = f"{a.suggestion.number_label}《{a.suggestion.title}》· {a.unit.name}"
            if clock == "progress":
                why = _("The yearly progress report on: %(text)s (S§25)") % {"text": c.text[:200]}
            else:
                why = _("Promised in the reply: %(text)s") % {"text": c.text[:200]}
            due = c.progress_due if clock == "progress" else c.promised_date
            assert due is not None  # noqa: S101 - each query asks for its date
            items.append(
                DueItem(
                    c.pk,
                    due,
                    title,
                    f"/suggestions/{a.suggestion_id}/",
                    why,
                    clerks[a.unit_id] or heads[a.unit_id],
                    heads[a.unit_id] + staff,
                )
            )
    return items


def key_report_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    """Units that replied to a key suggestion owe the supervising body their handling report
    (S§41); the supervising body and the committee are told once it is late."""
    owed = list(
        Assignment.objects.filter(key_report_due__in=dates, key_reported_at__isnull=True).select_related(
            "suggestion__key", "unit"
        )
    )
    if not owed:
        return []
    clerks, heads = _unit_people({a.unit_id for a in owed})
    bodies = {body for a in owed if (body := a.suggestion.key.supervising_body_id) is not None}
    supervisors: dict[int | None, list[int]] = defaultdict(list)
    for pk, body in User.objects.filter(organisation_id__in=bodies, is_active=True).values_list(
        "pk", "organisation_id"
    ):
        supervisors[body].append(pk)
    staff = _committee_staff()
    rule = policy_rule("key_report")
    items = []
    with translation.override("zh-hans"):
        for a in owed:
            s, due = a.suggestion, a.key_report_due
            assert due is not None  # noqa: S101 - the query asks for it
            items.append(
                DueItem(
                    a.pk, due, f"{s.number_label}《{s.title}》· {a.unit.name}", f"/suggestions/key/{s.pk}/",
                    _("%(rule)s, %(period)s after the reply or the follow-on") % {"rule": rule.name, "period": rule.period.describe()},
                    clerks[a.unit_id] or heads[a.unit_id], heads[a.unit_id] + supervisors[s.key.supervising_body_id] + staff,
                )
            )  # fmt: skip
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
                deadline=all_clocks(a)[clock],
            )
        return described

    return describe


def register_all() -> None:
    for clock in ASSIGNMENT.clocks:
        register(DeadlineKind(f"suggestion_{clock}", clock, due_on(clock)))
    register(DeadlineKind("suggestion_commitment", "commitment", commitment_due_on))
    register(DeadlineKind("suggestion_key_report", "key_report", key_report_due_on))
    register(
        DeadlineKind("suggestion_commitment_progress", "commitment_progress", commitment_progress_due_on)
    )
    register_step(close_evaluation_windows)
    register_step(close_objection_windows)
    for clock in OVERDUE_CLOCKS:
        # The assigning body owes the decision on an objection; the unit owes the rest.
        owner = None if clock == "reassignment" else "unit"
        overdue.register(
            OverdueSource(clock, partial(open_on, clock), f"{clock}_due", owner, _describe(clock))
        )


def close_objection_windows(today: dt.date) -> int:
    return assignments_close_objection_windows()
