"""The pages of the joint instruments (D§14–D§16): a list per kind with filters, paging and
Excel export; a detail page with the text, the co-signers and their progress, the answers and
defences, the history, and the actions the table offers the user (the simple ones as buttons;
the presidium's decisions with their details go through the API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import PortalFilterSet, list_context
from congress.workflow import available_actions
from motions.instrument_selectors import instruments_visible_to
from motions.models import Interpellation, InvestigationProposal, Recall
from motions.services import joint
from motions.services.interpellations import (
    interpellation_close,
    interpellation_evaluate,
    interpellation_publish,
)
from motions.signing import signing_progress
from motions.views.common import user_of

MODELS: dict[str, type[Any]] = {
    "interpellation": Interpellation,
    "recall": Recall,
    "investigation": InvestigationProposal,
}
# What a button on the page may do: actions with no details to enter.
BUTTONS = {
    "confirm": lambda item, user, post: joint.confirm(item=item, actor=user),
    "decline": lambda item, user, post: joint.decline(item=item, actor=user),
    "submit": lambda item, user, post: joint.submit(item=item, actor=user),
    "put_to_plenary": lambda item, user, post: joint.put_to_plenary(item=item, actor=user),
    "close": lambda item, user, post: interpellation_close(interpellation=item, actor=user),
    "publish": lambda item, user, post: interpellation_publish(interpellation=item, actor=user),
    "evaluate": lambda item, user, post: interpellation_evaluate(
        interpellation=item,
        actor=user,
        satisfied=post.get("satisfied") == "yes",
        comment=post.get("comment", ""),
    ),
}


def filter_for(model: type[Any]) -> type[PortalFilterSet]:
    listed = model

    class InstrumentFilter(PortalFilterSet):
        status = django_filters.ChoiceFilter(choices=model.Status.choices, label=_("Status"))
        q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title contains"))

        class Meta:
            model = listed
            fields = ["session", "status"]

    return InstrumentFilter


@login_required
def instrument_list(request: HttpRequest, kind: str) -> HttpResponse:
    model = MODELS[kind]
    user = user_of(request)
    rows = instruments_visible_to(user, model).order_by("-session__opens", "number", "id")
    filterset = filter_for(model)(request.GET, queryset=rows)
    found = filterset.qs
    if request.GET.get("export") == "xlsx":
        return excel_response(
            f"{kind}.xlsx",
            str(model._meta.verbose_name_plural),
            [_("Number"), _("Title"), _("Lead deputy"), _("Status"), _("Submitted at")],
            (
                [
                    r.number_label,
                    r.title,
                    r.lead_deputy.name if r.lead_deputy else "",
                    r.get_status_display(),
                    r.submitted_at,
                ]
                for r in found
            ),
        )
    context = list_context(request, filterset, found)
    context.update({"kind": kind, "noun": model._meta.verbose_name_plural})
    return render(request, "motions/instruments/list.html", context)


@login_required
def instrument_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = MODELS[kind]
    user = user_of(request)
    item = get_object_or_404(instruments_visible_to(user, model), pk=pk)
    spec = joint.kind_of(item)
    context = {
        "kind": kind,
        "item": item,
        "progress": signing_progress(signing=spec.signing, item=item) if item.lead_deputy_id else None,
        "signers": item.signers.select_related("deputy"),
        "events": item.events.select_related("actor"),
        "actions": [a for a in available_actions(item, user) if a in BUTTONS],
        "answers": item.answers.prefetch_related("speeches__deputy", "evaluations__deputy")
        if kind == "interpellation"
        else (),
        "defences": item.defences.all() if kind == "recall" else (),
    }
    return render(request, "motions/instruments/detail.html", context)


@login_required
@require_POST
def instrument_act(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    model = MODELS[kind]
    user = user_of(request)
    item = get_object_or_404(instruments_visible_to(user, model), pk=pk)
    if action not in BUTTONS:
        return redirect(item.get_absolute_url())
    try:
        BUTTONS[action](item, user, request.POST)
    except DomainError as refusal:
        messages.error(request, str(refusal.detail))
    return redirect(item.get_absolute_url())
