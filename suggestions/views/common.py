"""What every suggestion page shares: the signed-in user, the records a user may see, the
gate of an action's page, one small form that runs one service, the Excel export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from congress.excel import excel_response
from congress.models import Session, User
from congress.selectors import current_session
from congress.workflow import workflow_of
from suggestions.models import Suggestion
from suggestions.permissions import visible_suggestions
from suggestions.workflow.who import is_assigning_staff


def user_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def visible(request: HttpRequest, pk: int) -> Suggestion:
    """The suggestion, if this user may see it; else 404 (nothing leaks, WORKFLOWS.md §6)."""
    queryset = Suggestion.objects.select_related(
        "lead_deputy__delegation", "subject_area", "session__congress", "merged_into"
    )
    return get_object_or_404(visible_suggestions(user_of(request), queryset), pk=pk)


def staff_only(request: HttpRequest) -> User:
    """The assigning bodies' own pages (queues, the routing table, imports)."""
    user = user_of(request)
    if not is_assigning_staff(user):
        raise PermissionDenied
    return user


def may_open(request: HttpRequest, record: Model, action: str) -> User:
    """An action's page opens for whom its table lets take it (the roles and the `who`); the
    record's status and its own rules are the service's to refuse, in place."""
    user = user_of(request)
    table = workflow_of(record)
    if not table.may_act(table.action(action), record, user):
        raise PermissionDenied
    return user


def sessions() -> QuerySet[Session]:
    """The sessions a suggestion can be filed under now: the current one, if any."""
    session = current_session()
    return Session.objects.filter(pk=session.pk) if session else Session.objects.none()


def form_action(
    request: HttpRequest,
    suggestion: Suggestion,
    form_class: Callable[..., Any],
    action: Callable[[dict[str, Any]], Any],
    *,
    heading: str,
    success: str,
    explanation: str = "",
    back: str | None = None,
) -> HttpResponse:
    """A page with one small form that runs one service. Its view wears `@refusals`: a
    refusal shows this page again, the text as typed and the rule at the top."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action(form.cleaned_data)
        messages.success(request, success)
        return redirect(back or suggestion.get_absolute_url())
    return render(
        request, "suggestions/action_form.html",
        {"form": form, "heading": heading, "s": suggestion, "explanation": explanation},
    )  # fmt: skip


def export_suggestions(queryset: QuerySet[Suggestion]) -> HttpResponse:
    headers = [
        _("Number"), _("Title"), _("Status"), _("Kind"), _("Lead deputy"), _("Subject area"), _("Session"),
        _("Filed"),
    ]  # fmt: skip
    rows = (
        (s.number_label, s.title, s.get_status_display(), s.get_kind_display(), s.lead_deputy.name, s.subject_area.name,
         str(s.session) if s.session_id else _("recess"), s.submitted_at)
        for s in queryset.select_related("lead_deputy", "subject_area", "session__congress").iterator(chunk_size=2000)
    )  # fmt: skip
    return excel_response("建议.xlsx", "建议", headers, rows)


def year_asked(request: HttpRequest, choices: list[tuple[int, str]], default: int | None) -> int | None:
    """The year a report is asked for, if it is one of the choices; "" means every year."""
    asked = request.GET.get("year")
    if asked is None:
        return default
    return int(asked) if asked.isdigit() and int(asked) in {y for y, _label in choices} else None
