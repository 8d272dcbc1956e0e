"""The pages of the joint instruments (D§14–D§16): a list per kind with filters, paging and
Excel export; drafting during the session; a detail page with the text, the co-signers and
their progress, the answers and defences, the history, and the actions the table offers the
user: buttons for those with nothing to enter, a form page for the others (the presidium's
decisions as the secretariat records them, the answer meeting, the defence, the outcome)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import PortalFilterSet, list_context
from congress.models import Session, User
from congress.pages import refusals
from congress.workflow import Workflow, available_actions, workflow_of
from motions import instrument_forms as f
from motions.forms import InviteForm
from motions.instrument_selectors import instruments_visible_to, may_read_instruments
from motions.models import Interpellation, InvestigationProposal, Recall
from motions.services import interpellations as i
from motions.services import joint
from motions.services.recalls import investigation_create, recall_create, recall_record_defence
from motions.views.common import user_of
from motions.workflow import INTERPELLATION
from motions.workflow.instrument_checks import proposers

MODELS: dict[str, type[Any]] = {
    "interpellation": Interpellation,
    "recall": Recall,
    "investigation": InvestigationProposal,
}
# How each action reads on its button.
BUTTON_LABELS = {
    "invite": gettext_lazy("Invite co-signers"),
    "confirm": gettext_lazy("Confirm the text and co-sign"),
    "decline": gettext_lazy("Decline to co-sign"),
    "submit": gettext_lazy("Submit"),
    "decide_form": gettext_lazy("Record the form of answer"),
    "record_speech": gettext_lazy("Record a speech at the answer meeting"),
    "record_answer": gettext_lazy("Record the answer"),
    "request_reanswer": gettext_lazy("Ask for a new answer"),
    "decide_reanswer": gettext_lazy("Record the presidium's decision on a new answer"),
    "close": gettext_lazy("Close"),
    "publish": gettext_lazy("Make public"),
    "record_defence": gettext_lazy("Record the defence"),
    "put_to_plenary": gettext_lazy("Put to the plenary"),
    "record_outcome": gettext_lazy("Record the plenary's decision"),
    "record_vote": gettext_lazy("Record the delegation's vote"),
}
# How the history reads the steps the tables do not name (the rest read as the table labels them).
EVENT_LABELS = {
    "create": gettext_lazy("drafted"),
    "lapse": gettext_lazy("an invitation lapsed"),
    "record_vote": gettext_lazy("given the delegation's vote"),
}
# What a button on the page may do: actions with no details to enter.
BUTTONS = {
    "confirm": lambda item, user, post: joint.confirm(item=item, actor=user),
    "decline": lambda item, user, post: joint.decline(item=item, actor=user),
    "submit": lambda item, user, post: joint.submit(item=item, actor=user),
    "publish": lambda item, user, post: i.interpellation_publish(interpellation=item, actor=user),
    "evaluate": lambda item, user, post: i.interpellation_evaluate(
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
    if not may_read_instruments(user):
        raise PermissionDenied
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
    context.update(
        {
            "kind": kind,
            "noun": model._meta.verbose_name_plural,
            "may_draft": sitting_session() is not None
            and (user.is_superuser or user.has_role(*INTERPELLATION.action("edit").roles)),
        }
    )
    return render(request, "motions/instruments/list.html", context)


@login_required
def instrument_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = MODELS[kind]
    user = user_of(request)
    item = get_object_or_404(instruments_visible_to(user, model), pk=pk)
    workflow = workflow_of(item)
    offered = page_actions(item, user)
    context = {
        "kind": kind,
        "item": item,
        "progress": joint.tally(item) if item.lead_deputy_id else None,
        "signers": item.signers.select_related("deputy"),
        "events": [(e, event_label(workflow, e.action)) for e in item.events.select_related("actor")],
        "actions": [(a, BUTTON_LABELS.get(a, a)) for a in offered if a in BUTTONS],
        "form_actions": [(a, BUTTON_LABELS.get(a, a)) for a in offered if a in FORMS],
        "may_draft": user.has_role(*INTERPELLATION.action("edit").roles),
        "answers": item.answers.prefetch_related("speeches__deputy", "evaluations__deputy")
        if kind == "interpellation"
        else (),
        "defences": item.defences.all() if kind == "recall" else (),
    }
    return render(request, "motions/instruments/detail.html", context)


def event_label(workflow: Workflow, action: str) -> str:
    """A history line's step as the workflow table labels it (D§14–D§16)."""
    if action in workflow.actions:
        return str(workflow.action(action).label)
    return str(EVENT_LABELS.get(action, action))


def page_actions(item: Any, user: User) -> list[str]:
    """What the table offers the user, and the delegation's vote where it offers the draft's
    editing: the vote is part of a delegation's draft, entered by its staff (D§14)."""
    offered = list(available_actions(item, user))
    if getattr(item, "delegation_id", None) and "edit" in offered:
        offered.append("record_vote")
    return offered


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


# --- the actions with details to enter: a form page each -------------------------------------------

FORMS: dict[str, tuple[type[forms.Form], Callable[[Any, User, dict[str, Any]], Any]]] = {
    "invite": (InviteForm, lambda item, user, d: joint.invite(item=item, actor=user, deputies=d["names"])),
    "decide_form": (
        f.AnswerFormForm,
        lambda item, user, d: i.interpellation_decide_form(interpellation=item, actor=user, **d),
    ),
    "record_speech": (
        f.SpeechForm,
        lambda item, user, d: i.interpellation_record_speech(interpellation=item, actor=user, **d),
    ),
    "record_answer": (
        f.AnswerForm,
        lambda item, user, d: i.interpellation_record_answer(interpellation=item, actor=user, **d),
    ),
    "request_reanswer": (
        f.NoteForm,
        lambda item, user, d: i.interpellation_request_reanswer(interpellation=item, actor=user, **d),
    ),
    "decide_reanswer": (
        f.ReanswerForm,
        lambda item, user, d: i.interpellation_decide_reanswer(interpellation=item, actor=user, **d),
    ),
    "close": (
        f.NoteForm,
        lambda item, user, d: i.interpellation_close(interpellation=item, actor=user, note=d["reason"]),
    ),
    "record_defence": (
        f.DefenceForm,
        lambda item, user, d: recall_record_defence(recall=item, actor=user, **d),
    ),
    "put_to_plenary": (
        f.NoteForm,
        lambda item, user, d: joint.put_to_plenary(item=item, actor=user, note=d["reason"]),
    ),
    "record_vote": (
        f.DelegationVoteForm,
        lambda item, user, d: i.interpellation_record_vote(interpellation=item, actor=user, **d),
    ),
    "record_outcome": (
        f.PlenaryOutcomeForm,
        lambda item, user, d: joint.record_outcome(item=item, actor=user, **d),
    ),
}


def _form(action: str, item: Any, data: Any) -> forms.Form:
    form_class = FORMS[action][0]
    if form_class is InviteForm:
        invite = InviteForm(data, congress_id=item.session.congress_id)
        invite.fields["names"].help_text = _(
            "Names separated by 、 or spaces, or found with the search. Each receives the text and confirms it themselves."
        )
        return invite
    if form_class is f.DelegationVoteForm:
        return f.DelegationVoteForm(data, delegation=item.delegation)
    if form_class is f.SpeechForm:
        return f.SpeechForm(data, proposers=proposers(item))
    return form_class(data)


@login_required
@refusals
def instrument_form(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """One action with its details: the form, and on a valid POST the service."""
    model = MODELS[kind]
    user = user_of(request)
    item = get_object_or_404(instruments_visible_to(user, model), pk=pk)
    if action not in FORMS or action not in page_actions(item, user):
        raise PermissionDenied
    form = _form(action, item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        FORMS[action][1](item, user, dict(form.cleaned_data))
        messages.success(request, _("Recorded."))
        return redirect(item.get_absolute_url())
    return render(
        request,
        "motions/instruments/form.html",
        {
            "item": item,
            "form": form,
            "action": action,
            "kind": kind,
            "heading": BUTTON_LABELS.get(action, action),
        },
    )


# --- drafting ------------------------------------------------------------------------------------------

DRAFT_FORMS: dict[str, type[forms.Form]] = {
    "interpellation": f.InterpellationForm,
    "recall": f.RecallForm,
    "investigation": f.InvestigationForm,
}


def sitting_session() -> Session | None:
    """The session sitting today: the instruments are filed during a session (D§14–D§16)."""
    today = timezone.localdate()
    return Session.objects.select_related("congress").filter(opens__lte=today, closes__gte=today).first()


@login_required
@refusals
def instrument_new(request: HttpRequest, kind: str) -> HttpResponse:
    """A deputy drafts a joint instrument during the session; co-signers are invited next."""
    user = user_of(request)
    if not (user.is_superuser or user.has_role(*INTERPELLATION.action("edit").roles)):
        raise PermissionDenied  # the drafting form is the deputies' (and their delegation staff's)
    session = sitting_session()
    if kind == "interpellation":
        form: forms.Form = f.InterpellationForm(request.POST or None, delegations=user.delegations.all())
    else:
        form = DRAFT_FORMS[kind](request.POST or None)
    if request.method == "POST" and form.is_valid() and session is not None:
        data = dict(form.cleaned_data)
        item: Any
        if kind == "interpellation":
            data.setdefault("kind", "joint")
            if data.get("delegation") is None or data["kind"] != "delegation":
                data.pop("delegation", None)
            item = i.interpellation_create(session=session, actor=user, **data)
        elif kind == "recall":
            item = recall_create(session=session, actor=user, **data)
        else:
            item = investigation_create(session=session, actor=user, **data)
        if getattr(item, "delegation_id", None):
            messages.success(request, _("The draft is saved. Record the delegation's vote next."))
        else:
            messages.success(request, _("The draft is saved. Invite the co-signers next."))
        return redirect(item.get_absolute_url())
    return render(
        request,
        "motions/instruments/form.html",
        {"form": form, "kind": kind, "session": session, "creating": True},
    )
