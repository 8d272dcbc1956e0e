"""The D§27 feedback clock as the deadline sweep and the overdue board see it
(congress.deadlines): each body's users are reminded before the due date; once overdue the
committee, which forwarded the report, is told too."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from congress.deadlines import overdue
from congress.deadlines.calendar import deadline
from congress.deadlines.overdue import OverdueItem, OverdueSource
from congress.deadlines.periods import Deadline
from congress.deadlines.reminders import DeadlineKind, DueItem, register
from congress.deadlines.statutory import INSPECTION_FEEDBACK
from congress.models import User
from congress.roles import Role
from deputies.models import Feedback
from deputies.workflow import FEEDBACK, FEEDBACK_CLOCK

RULE = INSPECTION_FEEDBACK.code


def feedback_deadline(feedback: Feedback) -> Deadline:
    """The stored due date with its explanation (computed again only for the words)."""
    return deadline(INSPECTION_FEEDBACK, feedback.received_on)


def feedbacks_open() -> QuerySet[Feedback]:
    """Feedback still owed: the table's clock runs (the one definition of "open")."""
    return Feedback.objects.filter(FEEDBACK.running(FEEDBACK_CLOCK))


def _unit_users(body_ids: set[int]) -> dict[int, list[int]]:
    users: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        is_active=True, organisation_id__in=body_ids, role_rows__role__in=[Role.UNIT_HANDLER, Role.UNIT_HEAD]
    ).values_list("organisation_id", "pk")
    for body, user in rows.distinct():
        users[body].append(user)
    return users


def feedbacks_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    rows = list(feedbacks_open().filter(feedback_due__in=dates).select_related("inspection"))
    if not rows:
        return []
    users = _unit_users({f.body_id for f in rows})
    committee = list(
        User.objects.filter(is_active=True, role_rows__role=Role.COMMITTEE_STAFF).values_list("pk", flat=True)
    )
    with translation.override("zh-hans"):
        return [
            DueItem(
                object_id=f.pk,
                due=f.feedback_due,
                title=f.inspection.title,
                link=reverse("deputies:feedback", args=[f.pk]),
                explanation=feedback_deadline(f).explanation(),
                # A body with no users in the portal answers on paper: the committee follows it.
                owners=users.get(f.body_id) or committee,
                escalation=committee,
            )
            for f in rows
        ]


def describe_feedbacks(pks: list[int]) -> dict[int, OverdueItem]:
    rows = Feedback.objects.filter(pk__in=pks).select_related("inspection", "body")
    return {
        f.pk: OverdueItem(
            number=f.inspection.get_kind_display(),
            title=f.inspection.title,
            link=reverse("deputies:feedback", args=[f.pk]),
            owner=f.body.name,
            deadline=feedback_deadline(f),
        )
        for f in rows
    }


def register_all() -> None:
    register(DeadlineKind(RULE, RULE, feedbacks_due_on))
    overdue.register(OverdueSource(RULE, feedbacks_open, "feedback_due", "body", describe_feedbacks))
