"""Staff pages of issue 6: the reminder schedules, and the overdue board with its list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from congress.deadlines import overdue
from congress.deadlines.forms import ReminderScheduleForm
from congress.deadlines.reminders import (
    DEFAULT_SCHEDULES,
    RULE_NAMES,
    Schedule,
    registered_kinds,
    schedule_for,
)
from congress.deadlines.services import reminder_schedule_reset, reminder_schedule_set
from congress.excel import excel_response
from congress.lists import PortalFilterSet, list_context
from congress.models import Organisation, ReminderSchedule, ReminderScheduleChange, SweepState, User
from congress.permissions import is_staff_of_assigning_body
from congress.replica import reads_from_replica
from congress.roles import Role


def _committee_staff(request: HttpRequest) -> User:
    """The committee's staff keep the schedules (WORKFLOWS.md §6); the administrator too."""
    user = request.user
    if not (user.is_superuser or user.has_role(Role.COMMITTEE_STAFF)):  # type: ignore[union-attr]
        raise PermissionDenied
    return user  # type: ignore[return-value]


def _assigning_staff(request: HttpRequest) -> User:
    if not is_staff_of_assigning_body(request.user):
        raise PermissionDenied
    return request.user  # type: ignore[return-value]


# --- Reminder schedules -------------------------------------------------------------------


@login_required
def schedule_list(request: HttpRequest) -> HttpResponse:
    _committee_staff(request)
    overrides = {row.rule: row for row in ReminderSchedule.objects.select_related("updated_by")}
    swept = {kind.rule for kind in registered_kinds()}
    rules = []
    for rule, name in RULE_NAMES.items():
        row = overrides.get(rule)
        rules.append(
            {
                "rule": rule,
                "name": name,
                "default": DEFAULT_SCHEDULES[rule].describe(),
                "override": schedule_for(row).describe() if row else None,
                "row": row,
                "swept": rule in swept,
            }
        )
    changes = ReminderScheduleChange.objects.select_related("actor")[:20]
    history = [
        {
            "change": c,
            "name": RULE_NAMES.get(c.rule, c.rule),
            "before": _describe(c.before),
            "after": _describe(c.after),
        }
        for c in changes
    ]
    return render(
        request,
        "congress/reminder_schedules.html",
        {"rules": rules, "history": history, "sweep": SweepState.objects.filter(name="deadlines").first()},
    )


def _describe(data: dict[str, Any]) -> str:
    return Schedule.from_json(data).describe()


@login_required
def schedule_edit(request: HttpRequest, rule: str) -> HttpResponse:
    user = _committee_staff(request)
    if rule not in DEFAULT_SCHEDULES:
        raise Http404
    row = ReminderSchedule.objects.filter(rule=rule).first()
    current = schedule_for(row) if row else DEFAULT_SCHEDULES[rule]
    form = ReminderScheduleForm(
        request.POST or None, rule=rule, initial=ReminderScheduleForm.initial_for(current)
    )
    if request.method == "POST" and form.is_valid():
        changed = reminder_schedule_set(rule=rule, schedule=form.cleaned_data["schedule"], actor=user)
        if changed:
            messages.success(
                request,
                _("Saved. From the next sweep on, %(rule)s reminders go: %(schedule)s.")
                % {"rule": RULE_NAMES[rule], "schedule": form.cleaned_data["schedule"].describe()},
            )
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("reminder-schedules")
    return render(
        request,
        "congress/reminder_schedule_form.html",
        {
            "form": form,
            "rule": rule,
            "name": RULE_NAMES[rule],
            "default": DEFAULT_SCHEDULES[rule].describe(),
            "row": row,
        },
    )


@login_required
@require_POST
def schedule_reset(request: HttpRequest, rule: str) -> HttpResponse:
    user = _committee_staff(request)
    if rule not in DEFAULT_SCHEDULES:
        raise Http404
    if reminder_schedule_reset(rule=rule, actor=user):
        messages.success(
            request,
            _("%(rule)s is back to the default: %(schedule)s.")
            % {"rule": RULE_NAMES[rule], "schedule": DEFAULT_SCHEDULES[rule].describe()},
        )
    return redirect("reminder-schedules")


# --- The overdue board ----------------------------------------------------------------------


@login_required
@reads_from_replica()  # a statistic over every open deadline: a second behind is fine
def overdue_board(request: HttpRequest) -> HttpResponse:
    user = _assigning_staff(request)
    board = overdue.overdue_board(timezone.localdate())
    return render(
        request,
        "congress/overdue_board.html",
        {
            "board": board,
            "may_edit_schedules": user.is_superuser or user.has_role(Role.COMMITTEE_STAFF),
        },
    )


class OverdueFilter(PortalFilterSet):
    """The list's filters. The rows come from several tables (congress.deadlines.overdue.overdue_rows),
    so this set only reads and states the filter; it never filters a queryset itself."""

    rule = django_filters.ChoiceFilter(
        label=pgettext_lazy("overdue", "Rule"), choices=lambda: [(s.rule, s.name) for s in overdue.sources()]
    )
    owner = django_filters.ChoiceFilter(
        label=pgettext_lazy("overdue", "Unit or body"), choices=overdue.owner_choices
    )
    min_days = django_filters.NumberFilter(
        label=gettext_lazy("Overdue by at least (days)"), min_value=1, max_value=3660
    )

    class Meta:
        model = Organisation
        fields: list[str] = []


@login_required
@reads_from_replica()
def overdue_list(request: HttpRequest) -> HttpResponse:
    _assigning_staff(request)
    today = timezone.localdate()
    filterset = OverdueFilter(request.GET, queryset=Organisation.objects.none())
    chosen = filterset.form.cleaned_data if filterset.is_valid() else {}
    min_days = chosen.get("min_days")
    rows = overdue.overdue_rows(
        today,
        rule=chosen.get("rule") or None,
        owner=chosen.get("owner") or None,
        min_days=int(min_days) if min_days else None,
    )
    if request.GET.get("export") == "xlsx":
        return _export(rows, today)
    context = list_context(request, filterset, rows)
    context["rows"] = overdue.describe_rows(list(context["page"].object_list), today)
    context["today"] = today
    return render(request, "congress/overdue_list.html", context)


def _export(rows: QuerySet[Any], today: dt.date) -> HttpResponse:
    headers = [
        pgettext("overdue", "Rule"),
        _("Number"),
        _("Item"),
        pgettext("overdue", "Unit or body"),
        _("Due"),
        _("Days overdue"),
        _("Why this date"),
        _("Link"),
    ]

    def lines() -> Iterator[tuple[Any, ...]]:
        # Described a thousand at a time: a few queries per thousand rows, memory stays flat.
        chunk: list[Any] = []
        for row in rows.iterator(chunk_size=1000):
            chunk.append(row)
            if len(chunk) == 1000:
                yield from _lines(chunk, today)
                chunk = []
        yield from _lines(chunk, today)

    return excel_response("逾期事项.xlsx", "逾期事项", headers, lines())


def _lines(chunk: list[Any], today: dt.date) -> Iterator[tuple[Any, ...]]:
    for late in overdue.describe_rows(chunk, today):
        item = late.item
        yield (
            late.rule.name,
            item.number,
            item.title,
            item.owner,
            late.deadline.due,
            late.days_over,
            late.deadline.explanation(),
            item.link,
        )
