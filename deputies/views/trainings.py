"""Training pages (D§41): the list, planning one, a training's page with its invitations (and
each deputy's recorded needs, D§42), the steps it allows, and who has not trained this term."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from congress.replica import reads_from_replica
from congress.roles import Role
from congress.selectors import current_session
from congress.workflow import available_actions
from deputies.forms import HoldForm, InviteForm, ReasonForm, TrainingFilter, TrainingForm
from deputies.permissions import trainings_visible_to
from deputies.selectors.trainings import deputies_without_training, yearly_check
from deputies.services.trainings import training_cancel, training_hold, training_invite, training_plan
from deputies.views.common import actor, history, posted_to, require_role


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    queryset = trainings_visible_to(request.user).order_by("-date", "-id")
    filterset = TrainingFilter(request.GET or None, queryset=queryset)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "trainings.xlsx",
            _("Trainings"),
            [_("Date"), _("Title"), _("Kind"), _("Place"), _("Status")],
            ((t.date, t.title, t.get_kind_display(), t.place, t.get_status_display()) for t in filterset.qs),
        )
    context = list_context(request, filterset, filterset.qs)
    user = actor(request)
    context["may_plan"] = user.is_superuser or user.has_role(Role.COMMITTEE_STAFF)
    return render(request, "deputies/training_list.html", context)


@login_required
@refusals
def training_new(request: HttpRequest) -> HttpResponse:
    require_role(request, Role.COMMITTEE_STAFF)
    session = current_session()
    if session is None:
        raise Http404
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        training = training_plan(
            congress=session.congress, title=data["title"], kind=data["kind"], date=data["date"],
            place=data["place"], deputies=form.chosen(), actor=actor(request),
        )  # fmt: skip
        messages.success(request, _("The training is planned and the deputies are told."))
        return redirect("deputies:training", pk=training.pk)
    return render(request, "deputies/training_new.html", {"form": form})


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(trainings_visible_to(request.user), pk=pk)
    actions = available_actions(training, request.user)
    invitations = training.invitations.select_related("deputy__delegation").order_by("deputy__name")
    return render(
        request,
        "deputies/training_detail.html",
        {
            "training": training,
            "actions": actions,
            "invitations": invitations,
            "invite_form": InviteForm(posted_to(request, "training-invite")) if "invite" in actions else None,
            "hold_form": HoldForm(posted_to(request, "training-hold"), training=training)
            if "hold" in actions
            else None,
            "cancel_form": ReasonForm(posted_to(request, "training-cancel")) if "cancel" in actions else None,
            "history": history(training.events.all()),
        },
    )


@login_required
@require_POST
@refusals(show=training_detail)
def training_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(trainings_visible_to(request.user), pk=pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return training_detail(request, pk)
    new = training_invite(training=training, deputies=form.chosen(), actor=actor(request))
    messages.success(request, _("%(count)s deputies invited and told.") % {"count": len(new)})
    return redirect("deputies:training", pk=pk)


@login_required
@require_POST
@refusals(show=training_detail)
def training_hold_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(trainings_visible_to(request.user), pk=pk)
    form = HoldForm(request.POST, training=training)
    if not form.is_valid():
        return training_detail(request, pk)
    training_hold(
        training=training, attended=list(form.cleaned_data["attended"]), summary=form.cleaned_data["summary"],
        actor=actor(request),
    )  # fmt: skip
    messages.success(request, _("The training is recorded as held."))
    return redirect("deputies:training", pk=pk)


@login_required
@require_POST
@refusals(show=training_detail)
def training_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(trainings_visible_to(request.user), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return training_detail(request, pk)
    training_cancel(training=training, reason=form.cleaned_data["reason"], actor=actor(request))
    messages.success(request, _("The training is cancelled and the deputies are told."))
    return redirect("deputies:training", pk=pk)


@login_required
@reads_from_replica()
def trainings_missing(request: HttpRequest) -> HttpResponse:
    """D§41: years without a collective study, and deputies with none this term."""
    require_role(request, Role.COMMITTEE_STAFF, Role.DELEGATION_STAFF)
    session = current_session()
    if session is None:
        raise Http404
    deputies = deputies_without_training(session.congress)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "no-training.xlsx",
            _("No collective study this term"),
            [_("Name"), _("Delegation")],
            ((d.name, d.delegation.name) for d in deputies),
        )
    return render(
        request,
        "deputies/trainings_missing.html",
        {
            "congress": session.congress,
            "years": yearly_check(session.congress, timezone.localdate()),
            "deputies": deputies[:500],
            "count": deputies.count(),
        },
    )
