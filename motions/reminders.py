"""The report clock of referred motions (M§23), as the deadline sweep and the overdue board see
it: the states it runs in and its rule come from the table (motions/workflow.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.urls import reverse
from django.utils import translation

from congress.deadlines import overdue
from congress.deadlines.overdue import OverdueItem, OverdueSource
from congress.deadlines.reminders import DeadlineKind, DueItem, register
from congress.models import User
from congress.roles import Role
from motions.models import Motion
from motions.selectors import report_clock, report_clock_running
from motions.workflow import MOTION, REPORT_CLOCK


def report_due_on(dates: list[dt.date]) -> Iterable[DueItem]:
    """Referred motions whose report falls due on one of `dates`: the body that reviews it
    owes the report; the committee's staff follow it once it is late."""
    motions = list(
        report_clock_running().filter(report_due__in=dates).select_related("session", "review_body")
    )
    if not motions:
        return []
    people: dict[int, list[int]] = defaultdict(list)
    for pk, organisation in User.objects.filter(
        organisation_id__in={m.review_body_id for m in motions}, is_active=True
    ).values_list("pk", "organisation_id"):
        people[organisation].append(pk)
    staff = list(
        User.objects.filter(is_active=True, role_rows__role=Role.COMMITTEE_STAFF).values_list("pk", flat=True)
    )
    items = []
    with translation.override("zh-hans"):
        for m in motions:
            clock = report_clock(m.session)
            owners = people[m.review_body_id] if m.review_body_id else []
            title = f"{m.number_label}议案《{m.title}》"
            assert m.report_due is not None  # noqa: S101 - the query matched it
            # The stored date is the one the query matched; the computed clock explains it.
            items.append(
                DueItem(
                    m.pk,
                    m.report_due,
                    title,
                    f"/motions/{m.pk}/",
                    clock.explanation(),
                    owners or staff,
                    staff,
                )
            )
    return items


def describe_reports(pks: list[int]) -> dict[int, OverdueItem]:
    described = {}
    for m in Motion.objects.filter(pk__in=pks).select_related("session", "review_body"):
        described[m.pk] = OverdueItem(
            number=m.number_label,
            title=m.title,
            link=reverse("motions:detail", args=[m.pk]),
            owner=m.review_body.name if m.review_body else "",
            deadline=report_clock(m.session),
        )
    return described


def register_all() -> None:
    rule = MOTION.clocks[REPORT_CLOCK].rule
    register(DeadlineKind(REPORT_CLOCK, rule, report_due_on))
    overdue.register(OverdueSource(rule, report_clock_running, "report_due", "review_body", describe_reports))
