"""Each body's feedback on an inspection report (D§27): given from its inbox within 3 months
of receipt, and sent to every deputy who took part. The due date is stored; a provisional one
is counted again when the calendar gains its year."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.recompute import MovedDeadline
from congress.deadlines.statutory import INSPECTION_FEEDBACK
from congress.models import User
from deputies import notices
from deputies.models import Feedback
from deputies.services.common import required, take
from deputies.workflow import FEEDBACK
from deputies.workflow.checks import refusal


def feedback_give(*, feedback: Feedback, text: str, actor: User, given_on: dt.date | None = None) -> Feedback:
    with transaction.atomic():
        feedback = (
            Feedback.objects.select_for_update(of=("self",))
            .select_related("inspection", "body")
            .get(pk=feedback.pk)
        )
        step = FEEDBACK.require("give", feedback, actor)
        feedback.text = required(text, "feedback_missing")
        feedback.given_on = given_on or timezone.localdate()
        if feedback.given_on > timezone.localdate():
            raise refusal("date_in_future", status=400)
        feedback.given_by = actor
        take(step, feedback, actor=actor, fields=["text", "given_on", "given_by"])
        notices.feedback_given(feedback)
    return feedback


def recompute_feedback_deadlines(years: frozenset[int]) -> list[MovedDeadline]:
    """A new year on the calendar: open feedback whose due date was provisional is counted
    again (registered in apps.py with congress.deadlines.recompute)."""
    moved: list[MovedDeadline] = []
    waiting = Feedback.objects.select_related("inspection", "body").filter(
        FEEDBACK.running("feedback"), feedback_due_provisional=True
    )
    for feedback in waiting:
        if not any(feedback.received_on.year <= y <= feedback.feedback_due.year for y in years):
            continue
        due = deadline(INSPECTION_FEEDBACK, feedback.received_on)
        old = feedback.feedback_due
        feedback.feedback_due, feedback.feedback_due_provisional = due.due, due.provisional
        feedback.save(update_fields=["feedback_due", "feedback_due_provisional"])
        if old != due.due:
            moved.append(
                MovedDeadline(
                    label=f"{feedback.inspection.title} · {feedback.body.name}",
                    old_due=old,
                    new_due=due.due,
                    link=reverse("deputies:feedback", args=[feedback.pk]),
                    recipients=notices.unit_users([feedback.body_id]),
                )
            )
    return moved
