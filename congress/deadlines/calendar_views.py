"""Pages of the official calendar (staff) and the public deadline calculator."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.deadlines.calendar import compute_deadline, deadline
from congress.deadlines.forms import CalendarImportForm, DeadlineForm, ScheduleForm
from congress.deadlines.services import (
    calendar_draft_delete,
    calendar_draft_save,
    calendar_year_approve,
    parse_calendar_csv,
)
from congress.deadlines.statutory import RULES
from congress.errors import DomainError
from congress.models import CalendarYear, User
from congress.permissions import is_staff_of_assigning_body
from congress.selectors import calendar_missing_next_year


def _require_staff(request: HttpRequest) -> User:
    user = request.user
    if not is_staff_of_assigning_body(user):
        raise PermissionDenied
    return user  # type: ignore[return-value]


@login_required
def calendar_index(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    years = CalendarYear.objects.select_related("entered_by", "approved_by").annotate(
        holidays=Count("days", filter=Q(days__kind="holiday")),
        workdays=Count("days", filter=Q(days__kind="adjusted_workday")),
    )
    today = timezone.localdate()
    return render(
        request,
        "congress/calendar_index.html",
        {"years": years, "missing_year": calendar_missing_next_year(today), "today": today},
    )


@login_required
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    user = _require_staff(request)
    schedule = get_object_or_404(CalendarYear.objects.select_related("entered_by", "approved_by"), year=year)
    return render(
        request,
        "congress/calendar_year.html",
        {
            "schedule": schedule,
            "days": schedule.days.all(),
            "may_approve": schedule.status == CalendarYear.Status.DRAFT and schedule.entered_by_id != user.pk,
        },
    )


@login_required
def calendar_new(request: HttpRequest) -> HttpResponse:
    user = _require_staff(request)
    next_year = timezone.localdate().year + 1
    form = ScheduleForm(request.POST or None, initial={"year": next_year})
    if request.method == "POST" and form.is_valid():
        try:
            schedule = calendar_draft_save(
                year=form.cleaned_data["year"],
                notice=form.cleaned_data["notice"],
                days=form.cleaned_data["entries"],
                actor=user,
            )
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(
                request,
                _("The %(year)s schedule is saved as a draft. A second staff member must approve it.")
                % {"year": schedule.year},
            )
            return redirect("calendar-year", year=schedule.year)
    return render(request, "congress/calendar_form.html", {"form": form})


@login_required
def calendar_import(request: HttpRequest) -> HttpResponse:
    user = _require_staff(request)
    form = CalendarImportForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year + 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            entries = parse_calendar_csv(form.cleaned_data["file"].read())
            schedule = calendar_draft_save(
                year=form.cleaned_data["year"], notice=form.cleaned_data["notice"], days=entries, actor=user
            )
        except DomainError as error:
            form.add_error("file", str(error.detail))
        else:
            messages.success(
                request,
                _("%(count)s days imported into the %(year)s draft.")
                % {"count": len(entries), "year": schedule.year},
            )
            return redirect("calendar-year", year=schedule.year)
    return render(request, "congress/calendar_import.html", {"form": form})


@login_required
@require_POST
def calendar_approve(request: HttpRequest, year: int) -> HttpResponse:
    user = _require_staff(request)
    schedule = get_object_or_404(CalendarYear, year=year)
    try:
        moved = calendar_year_approve(schedule=schedule, actor=user)
    except DomainError as error:
        messages.error(request, str(error.detail))
    else:
        messages.success(
            request,
            _(
                "The %(year)s schedule is approved and counts from now on. %(moved)s provisional deadlines moved."
            )
            % {"year": year, "moved": len(moved)},
        )
    return redirect("calendar-year", year=year)


@login_required
@require_POST
def calendar_delete(request: HttpRequest, year: int) -> HttpResponse:
    _require_staff(request)
    schedule = get_object_or_404(CalendarYear, year=year)
    try:
        calendar_draft_delete(schedule=schedule)
    except DomainError as error:
        messages.error(request, str(error.detail))
        return redirect("calendar-year", year=year)
    messages.success(request, _("The %(year)s draft is deleted.") % {"year": year})
    return redirect("calendar-index")


def deadline_calculator(request: HttpRequest) -> HttpResponse:
    """期限计算器: anyone can compute a statutory deadline and read why it falls where it does."""
    form = DeadlineForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        start: dt.date = form.cleaned_data["start"]
        rule = RULES.get(form.cleaned_data.get("rule") or "")
        result = deadline(rule, start) if rule else compute_deadline(start, form.cleaned_data["period"])
    return render(
        request,
        "congress/deadline_calculator.html",
        {"form": form, "result": result, "today": timezone.localdate(), "rules": RULES.values()},
    )
