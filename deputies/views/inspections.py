"""Inspection pages (D§22–D§27): the list, organising one, an inspection's page (its report,
the meetings with officials asked for, the bodies it went to and each one's feedback clock),
and the unit's inbox of feedback owed, answered like a suggestion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from congress.roles import Role
from congress.selectors import current_session
from congress.workflow import available_actions
from deputies.forms import (
    ArrangeForm,
    FeedbackFilter,
    FeedbackForm,
    ForwardForm,
    InspectionEditForm,
    InspectionFilter,
    InspectionForm,
    MeetingForm,
    ReasonForm,
    ReportForm,
)
from deputies.models import Feedback, Inspection, OfficialMeeting
from deputies.permissions import feedbacks_owed_by, feedbacks_visible_to, inspections_visible_to
from deputies.reminders import feedback_deadline
from deputies.services.feedback import feedback_give
from deputies.services.inspections import (
    inspection_cancel,
    inspection_create,
    inspection_edit,
    inspection_forward,
    inspection_report,
    meeting_arrange,
    meeting_request,
)
from deputies.views.common import actor, history, posted_to, require_role
from deputies.workflow import FEEDBACK, FEEDBACK_CLOCK


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    queryset = inspections_visible_to(request.user).select_related("organiser").order_by("-date", "-id")
    filterset = InspectionFilter(request.GET or None, queryset=queryset)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "inspections.xlsx",
            _("Inspections and research"),
            [_("Date"), _("Kind"), _("Title"), _("Organised by"), _("Places"), _("Status")],
            (
                (i.date, i.get_kind_display(), i.title, i.organiser.name, i.places, i.get_status_display())
                for i in filterset.qs
            ),
        )
    context = list_context(request, filterset, filterset.qs)
    user = actor(request)
    context["may_organise"] = user.is_superuser or user.has_role(Role.COMMITTEE_STAFF, Role.SUPERVISOR)
    return render(request, "deputies/inspection_list.html", context)


@login_required
@refusals
def inspection_new(request: HttpRequest) -> HttpResponse:
    require_role(request, Role.COMMITTEE_STAFF, Role.SUPERVISOR)
    session = current_session()
    if session is None:
        raise Http404
    form = InspectionForm(request.POST or None, initial={"organiser": actor(request).organisation_id})
    if request.method == "POST" and form.is_valid():
        inspection = inspection_create(congress=session.congress, actor=actor(request), **form.cleaned_data)
        messages.success(request, _("The inspection is organised and its deputies are told."))
        return redirect("deputies:inspection", pk=inspection.pk)
    return render(request, "deputies/inspection_new.html", {"form": form})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(inspections_visible_to(request.user).select_related("organiser"), pk=pk)
    actions = available_actions(inspection, request.user)
    feedbacks = feedbacks_visible_to(request.user).filter(inspection=inspection).select_related("body")
    initial = {
        "title": inspection.title, "date": inspection.date, "end_date": inspection.end_date,
        "places": inspection.places, "deputies": [d.pk for d in inspection.deputies.all()],
    }  # fmt: skip
    forms = {
        "edit": InspectionEditForm(posted_to(request, "inspection-edit"), initial=initial),
        "report": ReportForm(posted_to(request, "inspection-report")),
        "forward": ForwardForm(posted_to(request, "inspection-forward")),
        "cancel": ReasonForm(posted_to(request, "inspection-cancel")),
        "request_meeting": MeetingForm(posted_to(request, "inspection-request-meeting")),
        "arrange_meeting": ArrangeForm(posted_to(request, "inspection-arrange-meeting")),
    }
    return render(
        request,
        "deputies/inspection_detail.html",
        {
            "inspection": inspection,
            "actions": actions,
            "forms": {name: form for name, form in forms.items() if name in actions},
            "deputies": inspection.deputies.select_related("delegation").order_by("name"),
            "meetings": inspection.meetings.select_related("body"),
            "feedbacks": [(f, feedback_deadline(f)) for f in feedbacks],
            "history": history(inspection.events.all()),
        },
    )


def _visible(request: HttpRequest, pk: int) -> Inspection:
    return get_object_or_404(inspections_visible_to(request.user), pk=pk)


@login_required
@require_POST
@refusals(show=inspection_detail)
def inspection_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = InspectionEditForm(request.POST)
    if not form.is_valid():
        return inspection_detail(request, pk)
    data = form.cleaned_data
    inspection_edit(
        inspection=_visible(request, pk), actor=actor(request), **{**data, "deputies": list(data["deputies"])}
    )
    messages.success(request, _("The inspection is saved; deputies added are told."))
    return redirect("deputies:inspection", pk=pk)


@login_required
@require_POST
@refusals(show=inspection_detail)
def inspection_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReportForm(request.POST)
    if not form.is_valid():
        return inspection_detail(request, pk)
    inspection_report(inspection=_visible(request, pk), actor=actor(request), **form.cleaned_data)
    messages.success(request, _("The report is recorded."))
    return redirect("deputies:inspection", pk=pk)


@login_required
@require_POST
@refusals(show=inspection_detail)
def inspection_forward_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ForwardForm(request.POST)
    if not form.is_valid():
        return inspection_detail(request, pk)
    inspection_forward(
        inspection=_visible(request, pk), bodies=list(form.cleaned_data["bodies"]),
        received_on=form.cleaned_data["received_on"], actor=actor(request),
    )  # fmt: skip
    messages.success(
        request, _("The report is forwarded; each body's feedback is due within 3 months (D§27).")
    )
    return redirect("deputies:inspection", pk=pk)


@login_required
@require_POST
@refusals(show=inspection_detail)
def inspection_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return inspection_detail(request, pk)
    inspection_cancel(
        inspection=_visible(request, pk), reason=form.cleaned_data["reason"], actor=actor(request)
    )
    messages.success(request, _("The inspection is cancelled."))
    return redirect("deputies:inspection", pk=pk)


@login_required
@require_POST
@refusals(show=inspection_detail)
def inspection_request_meeting_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return inspection_detail(request, pk)
    meeting_request(inspection=_visible(request, pk), actor=actor(request), **form.cleaned_data)
    messages.success(request, _("The request is sent to the organiser (D§22)."))
    return redirect("deputies:inspection", pk=pk)


@login_required
@require_POST
@refusals(show=inspection_detail)
def inspection_arrange_meeting_view(request: HttpRequest, pk: int, meeting: int) -> HttpResponse:
    row = get_object_or_404(OfficialMeeting, pk=meeting, inspection=_visible(request, pk))
    form = ArrangeForm(request.POST)
    if not form.is_valid():
        return inspection_detail(request, pk)
    meeting_arrange(meeting=row, actor=actor(request), **form.cleaned_data)
    messages.success(request, _("The meeting is recorded."))
    return redirect("deputies:inspection", pk=pk)


# --- The bodies' feedback (D§27) -----------------------------------------------------------------


@login_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    """A unit's reports to feed back on, sorted by due date; the committee sees every body's."""
    user = actor(request)
    if user.is_superuser or user.has_role(Role.COMMITTEE_STAFF):
        queryset = Feedback.objects.all()
    elif user.unit_id_for_work() is not None:
        queryset = feedbacks_owed_by(user)
    else:
        raise PermissionDenied
    # What is still owed first, soonest due first (USERS.md: the inbox sorted by due date).
    owed_first = Case(When(FEEDBACK.running(FEEDBACK_CLOCK), then=0), default=1)
    queryset = queryset.select_related("inspection", "body").order_by(owed_first, "feedback_due", "id")
    filterset = FeedbackFilter(request.GET or None, queryset=queryset)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "feedback.xlsx",
            _("Feedback on inspection reports"),
            [_("Inspection"), _("Body"), _("Received on"), _("Feedback due"), _("Status"), _("Given on")],
            (
                (
                    f.inspection.title,
                    f.body.name,
                    f.received_on,
                    f.feedback_due,
                    f.get_status_display(),
                    f.given_on,
                )
                for f in filterset.qs
            ),
        )
    context = list_context(request, filterset, filterset.qs)
    context["rows"] = [
        (f, feedback_deadline(f), f.status not in FEEDBACK.open_statuses) for f in context["rows"]
    ]
    return render(request, "deputies/feedback_inbox.html", context)


@login_required
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(
        feedbacks_visible_to(request.user).select_related("inspection__organiser", "body", "given_by"), pk=pk
    )
    actions = available_actions(feedback, request.user)
    return render(
        request,
        "deputies/feedback_detail.html",
        {
            "feedback": feedback,
            "inspection": feedback.inspection,
            "deadline": feedback_deadline(feedback),
            "done": feedback.status not in FEEDBACK.open_statuses,
            "actions": actions,
            "form": FeedbackForm(posted_to(request, "feedback-give")) if "give" in actions else None,
            "history": history(feedback.events.all()),
        },
    )


@login_required
@require_POST
@refusals(show=feedback_detail)
def feedback_give_view(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(feedbacks_visible_to(request.user), pk=pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return feedback_detail(request, pk)
    feedback_give(feedback=feedback, text=form.cleaned_data["text"], actor=actor(request))
    messages.success(request, _("The feedback is given and sent to the deputies who took part."))
    return redirect("deputies:feedback", pk=pk)
