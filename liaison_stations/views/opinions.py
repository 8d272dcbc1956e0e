"""The station's opinions: the list, the registration form (D§34), an opinion's page with the
steps its user may take now (D§31, D§35), and the POSTs of those steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context
from congress.models import User
from congress.pages import refusals
from congress.workflow import available_actions
from liaison_stations.forms import (
    AnswerForm,
    ClassifyForm,
    FeedbackForm,
    ForwardForm,
    OpinionListFilter,
    ReasonForm,
    RegistrationForm,
    ToSuggestionForm,
)
from liaison_stations.models import Opinion
from liaison_stations.permissions import may_run
from liaison_stations.selectors import (
    forwarding_deadline,
    open_forwarding,
    opinions_visible_to,
    receptions_visible_to,
    stations_run_by,
    with_open_forwarding,
)
from liaison_stations.services.opinions import (
    opinion_answer,
    opinion_classify,
    opinion_dismiss,
    opinion_feedback,
    opinion_forward,
    opinion_register,
    opinion_report,
)
from liaison_stations.services.suggestions import (
    opinion_to_suggestion,
    subject_area_for,
    suggestion_text_for,
)
from liaison_stations.views.scope import (
    actor,
    posted_to,
    require_station_work,
    stations_worked_by,
    venue_from,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def with_deadline(opinion: Opinion) -> Opinion:
    """The opinion with the answer deadline of its open forwarding (prefetched), to show."""
    forwarding = next((f for f in getattr(opinion, "open_forwardings", [])), None)
    opinion.reply_deadline = forwarding_deadline(forwarding) if forwarding else None  # type: ignore[attr-defined]
    return opinion


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    require_station_work(request)
    user = request.user
    stations = stations_worked_by(user)
    queryset = opinions_visible_to(user).order_by("-received_on", "-id")
    filterset = OpinionListFilter(request.GET or None, queryset=queryset, stations=stations)
    rows = filterset.qs
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "opinions.xlsx",
            _("Constituent opinions"),
            [
                _("Tracking code"),
                _("Station"),
                _("Date received"),
                _("Category"),
                _("Status"),
                _("Summary"),
                _("Matter raised"),
                _("Answer"),
            ],
            (
                (
                    o.tracking_code,
                    (o.venue or o.deputy),
                    o.received_on,
                    o.get_category_display(),
                    o.get_status_display(),
                    o.summary,
                    o.matter,
                    o.answer,
                )
                for o in rows.iterator(chunk_size=2000)
            ),
        )
    context = list_context(request, filterset, with_open_forwarding(rows))
    context["rows"] = [with_deadline(o) for o in context["page"].object_list]
    # Registering is working at a station (permissions.may_run): any of them will do here.
    context["may_register"] = stations.exists()
    return render(request, "liaison_stations/opinion_list.html", context)


@login_required
@refusals
def opinion_new(request: HttpRequest) -> HttpResponse:
    """The registration form (D§34), made for a phone: one visitor, one matter."""
    reception = None
    if request.GET.get("reception", "").isdigit():
        reception = get_object_or_404(receptions_visible_to(request.user), pk=request.GET["reception"])
        venue = reception.venue
    else:
        venue = venue_from(request)
    # The form is for those who work at the venue: the service asks the same (may_run).
    if not may_run(request.user, venue):
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, venue=venue, reception=reception)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opinion = opinion_register(
            venue=venue,
            reception=reception,
            visitor_name=data["visitor_name"],
            visitor_contact=data["visitor_contact"],
            visitor_address=data["visitor_address"],
            matter=data["matter"],
            category=data["category"],
            received_on=data["received_on"],
            received_by=list(data["received_by"]),
            actor=actor(request),
        )
        messages.success(
            request,
            _("Registered. Give the visitor the tracking code %(code)s to follow the answer online.")
            % {"code": opinion.tracking_code},
        )
        if "another" in request.POST:
            query = f"?reception={reception.pk}" if reception else f"?station={venue.pk}"
            return redirect(reverse("stations:opinion-new") + query)
        return redirect("stations:opinion", pk=opinion.pk)
    return render(
        request,
        "liaison_stations/opinion_new.html",
        {"form": form, "venue": venue, "reception": reception, "stations": stations_run_by(request.user)},
    )


@login_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(
        opinions_visible_to(request.user).prefetch_related(
            "forwardings__unit", "received_by", "events__actor"
        ),
        pk=pk,
    )
    forwarding = open_forwarding(opinion)
    actions = available_actions(opinion, request.user)
    return render(
        request,
        "liaison_stations/opinion_detail.html",
        {
            "opinion": opinion,
            "forwarding": forwarding,
            "reply_deadline": forwarding_deadline(forwarding) if forwarding else None,
            "public": opinion.is_published,
            "actions": actions,
            **_action_forms(request, opinion, actions),
        },
    )


def _action_forms(request: HttpRequest, opinion: Opinion, actions: list[str]) -> dict[str, forms.Form]:
    """The form of each step the user may take now; the one just posted keeps what was typed."""
    shown: dict[str, forms.Form] = {}
    if "classify" in actions:
        initial = {"summary": opinion.summary, "category": opinion.category, "is_secret": opinion.is_secret}
        shown["classify_form"] = ClassifyForm(posted_to(request, "opinion-classify"), initial=initial)
    if "forward" in actions:
        shown["forward_form"] = ForwardForm(posted_to(request, "opinion-forward"))
    if "answer" in actions:
        shown["answer_form"] = AnswerForm(posted_to(request, "opinion-answer"))
    if "feedback" in actions:
        shown["feedback_form"] = FeedbackForm(posted_to(request, "opinion-feedback"))
    if "dismiss" in actions:
        shown["dismiss_form"] = ReasonForm(posted_to(request, "opinion-dismiss"))
    if "to_suggestion" in actions:
        title, body = suggestion_text_for(opinion)
        initial = {"title": title, "body": body, "subject_area": subject_area_for(opinion.category)}
        shown["suggest_form"] = ToSuggestionForm(posted_to(request, "opinion-to-suggestion"), initial=initial)
    return shown


Run = Callable[[Opinion, User, dict[str, Any]], Any]


def _opinion_step(
    form_class: type[forms.Form] | None, run: Run, done: StrPromise
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST that takes one step on an opinion and goes back to its page. Typing errors and
    refusals show the page again with the form as typed."""

    @login_required
    @require_POST
    @refusals(show=opinion_detail)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        opinion = get_object_or_404(opinions_visible_to(request.user), pk=pk)
        data: dict[str, Any] = {}
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                return opinion_detail(request, pk)
            data = form.cleaned_data
        run(opinion, actor(request), data)
        messages.success(request, done)
        return redirect("stations:opinion", pk=pk)

    return view


opinion_report_view = _opinion_step(
    None, lambda o, u, d: opinion_report(opinion=o, actor=u), gettext_lazy("Sent to the station.")
)
opinion_classify_view = _opinion_step(
    ClassifyForm,
    lambda o, u, d: opinion_classify(opinion=o, actor=u, **d),
    gettext_lazy("The summary is saved."),
)
opinion_forward_view = _opinion_step(
    ForwardForm,
    lambda o, u, d: opinion_forward(opinion=o, actor=u, **d),
    gettext_lazy("Forwarded. The answer is due by the date shown."),
)
opinion_answer_view = _opinion_step(
    AnswerForm,
    lambda o, u, d: opinion_answer(opinion=o, actor=u, **d),
    gettext_lazy(
        "The answer is recorded: the visitor can read it by the tracking code, the deputies are told."
    ),
)
opinion_feedback_view = _opinion_step(
    FeedbackForm,
    lambda o, u, d: opinion_feedback(opinion=o, actor=u, **d),
    gettext_lazy("Recorded: the visitor was told."),
)
opinion_dismiss_view = _opinion_step(
    ReasonForm,
    lambda o, u, d: opinion_dismiss(opinion=o, actor=u, **d),
    gettext_lazy("Set aside, with the reason recorded."),
)


@login_required
@require_POST
@refusals(show=opinion_detail)
def opinion_to_suggestion_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One step from a constituent's matter to the deputy's draft suggestion, then its editor."""
    opinion = get_object_or_404(opinions_visible_to(request.user), pk=pk)
    form = ToSuggestionForm(request.POST)
    if not form.is_valid():
        return opinion_detail(request, pk)
    suggestion = opinion_to_suggestion(opinion=opinion, actor=actor(request), **form.cleaned_data)
    messages.success(request, _("A draft suggestion is made from the matter. Edit it, then submit it."))
    return redirect("suggestions:edit", pk=suggestion.pk)
