"""The deputies' register (D§45–D§49): the list the staff serve, a deputy's page with their
status, its history and the steps the user may take, and the record of needs (D§42)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from congress.workflow import available_actions
from deputies.forms import DeputyFilter, NeedsForm, StatusChangeForm, SuspendForm, TerminateForm
from deputies.models import Deputy
from deputies.permissions import deputies_served_by, may_see_archive, own_deputy_id, serves_deputies
from deputies.selectors.attendance import sessions_missed
from deputies.services.status import deputy_record_needs, deputy_restore, deputy_suspend, deputy_terminate
from deputies.views.common import actor, history, posted_to


@login_required
def deputy_list(request: HttpRequest) -> HttpResponse:
    if not serves_deputies(request.user):
        raise PermissionDenied
    queryset = (
        deputies_served_by(request.user)
        .select_related("delegation")
        .order_by("delegation__sort_order", "name")
    )
    filterset = DeputyFilter(request.GET or None, queryset=queryset)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "deputies.xlsx",
            _("Deputies"),
            [
                _("Name"),
                _("Delegation"),
                _("Ethnicity"),
                _("Constituency"),
                _("Status"),
                _("Ground"),
                _("Since"),
            ],
            (
                (
                    d.name,
                    d.delegation.name,
                    d.ethnicity,
                    d.constituency,
                    d.get_status_display(),
                    d.get_status_ground_display(),
                    d.status_since,
                )
                for d in filterset.qs
            ),
        )
    return render(request, "deputies/deputy_list.html", list_context(request, filterset, filterset.qs))


def _visible(request: HttpRequest, pk: int) -> Deputy:
    deputy = get_object_or_404(Deputy.objects.select_related("delegation", "congress", "user"), pk=pk)
    if (
        own_deputy_id(request.user) != deputy.pk
        and not deputies_served_by(request.user).filter(pk=pk).exists()
    ):
        raise Http404
    return deputy


@login_required
def deputy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _visible(request, pk)
    actions = available_actions(deputy, request.user)
    forms = {
        "suspend": SuspendForm(posted_to(request, "suspend")),
        "restore": StatusChangeForm(posted_to(request, "restore")),
        "terminate": TerminateForm(posted_to(request, "terminate")),
        "record_needs": NeedsForm(
            posted_to(request, "needs"),
            initial={"language_needs": deputy.language_needs, "custom_needs": deputy.custom_needs},
        ),
    }
    return render(
        request,
        "deputies/deputy_detail.html",
        {
            "deputy": deputy,
            "actions": actions,
            "forms": {name: form for name, form in forms.items() if name in actions},
            "history": history(deputy.events.all()),
            "missed": sessions_missed([deputy.pk], deputy.congress_id).get(deputy.pk, 0),
            "may_see_archive": may_see_archive(request.user, deputy),
        },
    )


def _status_view(
    request: HttpRequest, pk: int, form_class: type[StatusChangeForm], change: str
) -> HttpResponse:
    deputy = _visible(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return deputy_detail(request, pk)
    data = dict(form.cleaned_data)
    if change == "suspend":
        deputy_suspend(deputy=deputy, actor=actor(request), **data)
        messages.success(request, _("The deputy is suspended; the open invitations lapsed."))
    elif change == "restore":
        deputy_restore(deputy=deputy, actor=actor(request), **data)
        messages.success(request, _("The deputy serves again."))
    else:
        deputy_terminate(deputy=deputy, actor=actor(request), **data)
        messages.success(request, _("The mandate is ended; the open invitations lapsed."))
    return redirect("deputies:detail", pk=pk)


@login_required
@require_POST
@refusals(show=deputy_detail)
def deputy_suspend_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_view(request, pk, SuspendForm, "suspend")


@login_required
@require_POST
@refusals(show=deputy_detail)
def deputy_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_view(request, pk, StatusChangeForm, "restore")


@login_required
@require_POST
@refusals(show=deputy_detail)
def deputy_terminate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_view(request, pk, TerminateForm, "terminate")


@login_required
@require_POST
@refusals(show=deputy_detail)
def deputy_needs_view(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _visible(request, pk)
    form = NeedsForm(request.POST)
    if not form.is_valid():
        return deputy_detail(request, pk)
    deputy_record_needs(deputy=deputy, actor=actor(request), **form.cleaned_data)
    messages.success(request, _("The needs are recorded."))
    return redirect("deputies:detail", pk=pk)


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """The deputy's own archive (D§43)."""
    own = own_deputy_id(request.user)
    if own is None:
        raise Http404
    return redirect("deputies:archive", pk=own)
