"""Deadline reminders and escalation: the sweep (issue 6, WORKFLOWS.md §1).

Each app registers the kinds of deadline it stores (a DeadlineKind: reply due, objection
window, motion report, …). Beat runs `sweep_deadlines()` every few minutes; the same runs
from `manage.py sweep_deadlines`. For each kind, one indexed query fetches the items whose
due date puts them at a reminder stage today; each reminder is a row with a unique key
(kind, item, due date, stage), so a sweep run twice — or two at once — sends each once.
Messages go through the notifications outbox after the commit; nothing is ever scheduled as
a Celery ETA: the database is the source of truth.

A schedule says when to remind: some days before, on the day, then every N days overdue,
when the people above those who owe the work are told too (escalation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override, pgettext

from congress.deadlines.periods import ONE_DAY
from congress.models import Reminder, ReminderSchedule, SweepState
from congress.notifications.services import Message, notify_many

# Overdue reminders repeat for two years at most; a missed sweep is caught up a week back.
OVERDUE_HORIZON_DAYS = 730
CATCH_UP_DAYS = 7
BATCH = 1000


@dataclass(frozen=True)
class Schedule:
    days_before: tuple[int, ...]
    on_the_day: bool = True
    overdue_every: int = 7

    @property
    def sends_anything(self) -> bool:
        return bool(self.days_before or self.on_the_day or self.overdue_every)

    def describe(self) -> str:
        """'30、7、1 days before; on the day; every 7 days while overdue', in the active language."""
        parts = []
        if self.days_before:
            days = "、".join(str(d) for d in self.days_before)
            parts.append(pgettext("schedule", "%(days)s days before") % {"days": days})
        if self.on_the_day:
            parts.append(pgettext("schedule", "on the day"))
        if self.overdue_every:
            parts.append(pgettext("schedule", "every %(n)s days while overdue") % {"n": self.overdue_every})
        else:
            parts.append(pgettext("schedule", "none once overdue"))
        return pgettext("list separator", "; ").join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "days_before": list(self.days_before),
            "on_the_day": self.on_the_day,
            "overdue_every": self.overdue_every,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Schedule:
        return cls(tuple(data["days_before"]), bool(data["on_the_day"]), int(data["overdue_every"]))

    def stages_on(self, day: dt.date) -> dict[dt.date, str]:
        """Due dates that reach a stage on `day`, and the stage each reaches."""
        stages = {day + dt.timedelta(days=n): f"before{n}" for n in self.days_before if n > 0}
        if self.on_the_day:
            stages[day] = "due"
        if self.overdue_every:
            for late in range(1, OVERDUE_HORIZON_DAYS + 1, self.overdue_every):
                stages[day - dt.timedelta(days=late)] = f"overdue{late}"
        return stages


def stages_between(schedule: Schedule, first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Stages reached on any day from `first` to `last`; the latest day's stage wins, so a
    missed sweep sends the current reminder, not every one it missed."""
    stages: dict[dt.date, str] = {}
    day = first
    while day <= last:
        stages.update(schedule.stages_on(day))
        day += ONE_DAY
    return stages


# Defaults in code (issue 6); a ReminderSchedule row for the rule overrides them.
DEFAULT_SCHEDULES: dict[str, Schedule] = {
    "objection": Schedule(days_before=(1,), on_the_day=True, overdue_every=0),  # S§20: 5 days
    "reassignment": Schedule(days_before=(3, 1), overdue_every=3),  # S§20: 10 days
    "co_opinion": Schedule(days_before=(14, 3, 1), overdue_every=7),  # S§26: 2 months
    "reply": Schedule(days_before=(30, 7, 1), overdue_every=7),  # S§28: 3 (+3) months
    "rehandling": Schedule(days_before=(7, 1), overdue_every=7),  # S§30: 1 month
    "commitment": Schedule(days_before=(30, 7), overdue_every=30),  # S§32
    "key_report": Schedule(days_before=(7, 1), overdue_every=7),  # S§41: portal policy
    "commitment_progress": Schedule(days_before=(30, 7), overdue_every=30),  # S§25(2): yearly
    "motion_report": Schedule(days_before=(60, 30, 7), overdue_every=14),  # M§23: 6 months
    "station_forward": Schedule(days_before=(7, 1), overdue_every=7),  # D§35
    "station_reception": Schedule(days_before=(7,), on_the_day=False, overdue_every=0),  # D§31: monthly
    "inspection_feedback": Schedule(days_before=(30, 7, 1), overdue_every=7),  # D§27: 3 months
}
RULE_NAMES: dict[str, Promise] = {
    "objection": gettext_lazy("Objection window (S§20)"),
    "reassignment": gettext_lazy("Reassignment after an objection (S§20)"),
    "co_opinion": gettext_lazy("Co-handling unit's opinion (S§26)"),
    "reply": gettext_lazy("Reply to the deputy (S§28)"),
    "rehandling": gettext_lazy("Re-handling (S§30)"),
    "commitment": gettext_lazy("Commitment in a category-B reply (S§32)"),
    "key_report": gettext_lazy("Handling report on a key suggestion (S§41)"),
    "commitment_progress": gettext_lazy("Yearly progress report on a commitment (S§25, S§32)"),
    "motion_report": gettext_lazy("Report on a referred motion (M§23)"),
    "station_forward": gettext_lazy("Answer to a forwarded constituent opinion (D§35)"),
    "station_reception": gettext_lazy("Monthly reception at a liaison station (D§31)"),
    "inspection_feedback": gettext_lazy("Feedback on an inspection report (D§27)"),
}


def schedules() -> dict[str, Schedule]:
    result = dict(DEFAULT_SCHEDULES)
    for row in ReminderSchedule.objects.all():
        result[row.rule] = schedule_for(row)
    return result


def schedule_for(row: ReminderSchedule) -> Schedule:
    return Schedule(
        days_before=parse_days(row.days_before), on_the_day=row.on_the_day, overdue_every=row.overdue_every
    )


def parse_days(text: str) -> tuple[int, ...]:
    days = sorted({int(part) for part in text.replace("，", ",").split(",") if part.strip()}, reverse=True)
    if any(d < 1 or d > 366 for d in days):
        raise ValueError(text)
    return tuple(days)


@dataclass(frozen=True)
class DueItem:
    """One open deadline at a reminder stage: what it is, who owes the work, who is above."""

    object_id: int
    due: dt.date
    title: str
    link: str
    explanation: str
    owners: Sequence[int]  # user ids told at every stage
    escalation: Sequence[int] = field(default_factory=tuple)  # also told once overdue


@dataclass(frozen=True)
class DeadlineKind:
    code: str  # unique, e.g. "suggestion_reply"
    rule: str  # the schedule it follows
    # One indexed query: the open items whose due date is one of `dates`.
    items_due_on: Callable[[list[dt.date]], Iterable[DueItem]]


_kinds: dict[str, DeadlineKind] = {}


def register(kind: DeadlineKind) -> DeadlineKind:
    _kinds[kind.code] = kind
    return kind


def registered_kinds() -> list[DeadlineKind]:
    return list(_kinds.values())


# Daily steps that are not reminders of a stored deadline: transitions when a window closes
# (an objection window ends and the unit handles it), or a notice such as "next year's
# holidays are missing". Each returns how many things it did; they run first, in the lock.
Step = Callable[[dt.date], int]
_steps: list[Step] = []


def register_step(step: Step) -> Step:
    if step not in _steps:
        _steps.append(step)
    return step


@dataclass
class SweepResult:
    reminders: int = 0
    notifications: int = 0
    steps: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def sweep_deadlines(*, today: dt.date | None = None) -> SweepResult:
    """Send every reminder due today, once. One sweep at a time: the state row is locked."""
    today = today or timezone.localdate()
    result = SweepResult()
    with transaction.atomic():
        state, _created = SweepState.objects.get_or_create(name="deadlines")
        state = SweepState.objects.select_for_update().get(pk=state.pk)
        state.started_at = timezone.now()
        for step in _steps:
            result.steps += step(today)
        first = today
        if state.last_swept_on:
            first = min(today, max(state.last_swept_on + ONE_DAY, today - dt.timedelta(days=CATCH_UP_DAYS)))
        plans = schedules()
        for kind in registered_kinds():
            sent = _sweep_kind(kind, plans[kind.rule], first, today, result)
            result.by_kind[kind.code] = sent
            result.reminders += sent
        state.last_swept_on = today
        state.finished_at = timezone.now()
        state.reminders_sent = result.reminders
        state.save()
    return result


def _sweep_kind(
    kind: DeadlineKind, schedule: Schedule, first: dt.date, today: dt.date, result: SweepResult
) -> int:
    stages = stages_between(schedule, first, today)
    if not stages:
        return 0
    sent = 0
    batch: list[DueItem] = []
    for item in kind.items_due_on(sorted(stages)):
        batch.append(item)
        if len(batch) >= BATCH:
            sent += _send(kind, stages, batch, result)
            batch = []
    if batch:
        sent += _send(kind, stages, batch, result)
    return sent


def _send(kind: DeadlineKind, stages: dict[dt.date, str], items: list[DueItem], result: SweepResult) -> int:
    keys = {
        item.object_id: f"{kind.code}:{item.object_id}:{item.due.isoformat()}:{stages[item.due]}"
        for item in items
    }
    done = set(Reminder.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    fresh = [item for item in items if keys[item.object_id] not in done]
    if not fresh:
        return 0
    now = timezone.now()
    messages, rows = [], []
    with override("zh-hans"):  # stored and emailed: the portal's language
        for item in fresh:
            stage = stages[item.due]
            recipients = [*item.owners, *(item.escalation if stage.startswith("overdue") else ())]
            messages.append(
                Message(
                    recipient_ids=recipients,
                    kind="deadline_reminder",
                    subject=_subject(kind, item, stage),
                    body=_body(kind, item, stage),
                    link=item.link,
                    dedupe_key=keys[item.object_id],
                )
            )
            rows.append(
                Reminder(
                    key=keys[item.object_id],
                    kind=kind.code,
                    object_id=item.object_id,
                    due=item.due,
                    stage=stage,
                    sent_at=now,
                    recipients=len(set(recipients)),
                )
            )
        result.notifications += notify_many(messages)
    Reminder.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _subject(kind: DeadlineKind, item: DueItem, stage: str) -> str:
    rule = RULE_NAMES.get(kind.rule, kind.rule)
    due = f"{item.due.year}年{item.due.month}月{item.due.day}日"
    if stage == "due":
        return _("Due today: %(rule)s · %(title)s") % {"rule": rule, "title": item.title}
    if stage.startswith("before"):
        return _("%(rule)s due on %(due)s (%(days)s days left) · %(title)s") % {
            "rule": rule, "due": due, "days": stage.removeprefix("before"), "title": item.title}  # fmt: skip
    return _("OVERDUE %(days)s days: %(rule)s (due %(due)s) · %(title)s") % {
        "days": stage.removeprefix("overdue"), "rule": rule, "due": due, "title": item.title}  # fmt: skip


def _body(kind: DeadlineKind, item: DueItem, stage: str) -> str:
    lines = [_("Why this date: %(explanation)s") % {"explanation": item.explanation}]
    if stage.startswith("overdue"):
        lines.append(_("The deadline has passed: those who supervise this work are told as well."))
    return "\n".join(lines)
