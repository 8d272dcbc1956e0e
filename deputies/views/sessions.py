"""Leave (D§8) and attendance pages: the leave list, a request's page with its decision, the
sittings of a session and each one's roll call (a tablet page, or an imported sheet), and the
deputies twice absent without approved leave (D§46(3))."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.excel import excel_response
from congress.lists import list_context
from congress.pages import refusals
from congress.replica import reads_from_replica
from congress.roles import Role
from congress.selectors import current_session
from congress.workflow import available_actions
from deputies.forms import DecideForm, ImportForm, LeaveFilter, LeaveForm, SittingForm
from deputies.models import Attendance, Delegation, Deputy, Leave, Sitting
from deputies.permissions import deputies_served_by, leaves_visible_to
from deputies.selectors.attendance import flagged
from deputies.services.attendance import attendance_import, attendance_record, sitting_create
from deputies.services.leave import leave_decide, leave_request, leave_withdraw
from deputies.views.common import actor, history, posted_to, require_role
from deputies.workflow import LEAVE_ASKERS


@login_required
def leave_list(request: HttpRequest) -> HttpResponse:
    queryset = leaves_visible_to(request.user).select_related("deputy__delegation", "session__congress")
    filterset = LeaveFilter(request.GET or None, queryset=queryset.order_by("-requested_at", "-id"))
    if request.GET.get("export") == "xlsx":
        return excel_response(
            "leave.xlsx",
            _("Leave"),
            [
                _("Deputy"),
                _("Delegation"),
                _("Session"),
                _("Reason"),
                _("Status"),
                _("Decided by"),
                _("Asked for"),
            ],
            (
                (
                    x.deputy.name,
                    x.deputy.delegation.name,
                    x.session,
                    x.reason,
                    x.get_status_display(),
                    x.get_deciding_body_display(),
                    x.requested_at,
                )
                for x in filterset.qs
            ),
        )
    return render(request, "deputies/leave_list.html", list_context(request, filterset, filterset.qs))


@login_required
@refusals
def leave_new(request: HttpRequest) -> HttpResponse:
    # D§8: a deputy asks; the staff who serve deputies enter the written request. No one else
    # gets the form (the access matrix found units and stations reaching it).
    require_role(request, *LEAVE_ASKERS)
    form = LeaveForm(request.POST or None, deputies=deputies_served_by(request.user))
    if request.method == "POST" and form.is_valid():
        deputy = form.cleaned_data.get("deputy") or getattr(request.user, "deputy", None)
        if deputy is None:
            form.add_error("deputy", _("Choose the deputy."))
        else:
            leave = leave_request(
                deputy=deputy, session=form.cleaned_data["session"], reason=form.cleaned_data["reason"],
                actor=actor(request),
            )  # fmt: skip
            messages.success(request, _("The leave request is filed with the body that decides it (D§8)."))
            return redirect("deputies:leave", pk=leave.pk)
    session = current_session()
    if not form.is_bound and session is not None:
        form.fields["session"].initial = session.pk
    return render(request, "deputies/leave_new.html", {"form": form})


@login_required
def leave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    leave = get_object_or_404(
        leaves_visible_to(request.user).select_related("deputy__delegation", "session__congress"), pk=pk
    )
    actions = available_actions(leave, request.user)
    return render(
        request,
        "deputies/leave_detail.html",
        {
            "leave": leave,
            "actions": actions,
            "decide_form": DecideForm(posted_to(request, "leave-decide")) if "decide" in actions else None,
            "history": history(leave.events.all()),
        },
    )


@login_required
@require_POST
@refusals(show=leave_detail)
def leave_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    leave = get_object_or_404(leaves_visible_to(request.user), pk=pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return leave_detail(request, pk)
    leave_decide(
        leave=leave,
        approve=form.cleaned_data["approve"],
        reason=form.cleaned_data["reason"],
        actor=actor(request),
    )
    messages.success(request, _("The decision is recorded and the deputy is told."))
    return redirect("deputies:leave", pk=pk)


@login_required
@require_POST
@refusals(show=leave_detail)
def leave_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    leave_withdraw(leave=get_object_or_404(leaves_visible_to(request.user), pk=pk), actor=actor(request))
    messages.success(request, _("The leave request is withdrawn."))
    return redirect("deputies:leave", pk=pk)


# --- Sittings and the roll call ------------------------------------------------------------------


@login_required
@refusals
def sitting_list(request: HttpRequest) -> HttpResponse:
    require_role(request, Role.SECRETARIAT, Role.COMMITTEE_STAFF)
    form = SittingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sitting = sitting_create(actor=actor(request), **form.cleaned_data)
        messages.success(request, _("The sitting is added: record its roll call."))
        return redirect("deputies:sitting", pk=sitting.pk)
    sittings = Sitting.objects.select_related("session__congress").annotate(
        present=Count("attendance", filter=Q(attendance__present=True)),
        absent=Count("attendance", filter=Q(attendance__present=False)),
    )
    return render(
        request,
        "deputies/sitting_list.html",
        {"sittings": sittings.order_by("-date", "-id")[:100], "form": form, "may_add": _secretariat(request)},
    )


def _secretariat(request: HttpRequest) -> bool:
    user = actor(request)
    return bool(user.is_superuser or user.has_role(Role.SECRETARIAT))


@login_required
@refusals
def sitting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The roll call, one delegation at a time: large toggles for a tablet."""
    require_role(request, Role.SECRETARIAT, Role.COMMITTEE_STAFF)
    sitting = get_object_or_404(Sitting.objects.select_related("session__congress"), pk=pk)
    delegations = list(Delegation.objects.filter(congress=sitting.session.congress_id))
    chosen = request.GET.get("delegation") or request.POST.get("delegation") or ""
    delegation = next(
        (d for d in delegations if str(d.pk) == chosen), delegations[0] if delegations else None
    )
    deputies = list(
        Deputy.objects.filter(delegation=delegation, status=Deputy.Status.ACTIVE).order_by("name")
        if delegation
        else []
    )
    if request.method == "POST":
        ticked = set(request.POST.getlist("present"))
        attendance_record(
            sitting=sitting,
            present=[d for d in deputies if str(d.pk) in ticked],
            absent=[d for d in deputies if str(d.pk) not in ticked],
            actor=actor(request),
        )
        messages.success(
            request, _("The roll call of %(delegation)s is recorded.") % {"delegation": delegation}
        )
        return redirect(f"{request.path}?delegation={delegation.pk if delegation else ''}")
    recorded = dict(
        Attendance.objects.filter(sitting=sitting, deputy__in=deputies).values_list("deputy_id", "present")
    )
    on_leave = set(
        Leave.objects.filter(
            session=sitting.session_id, status=Leave.Status.APPROVED, deputy__in=deputies
        ).values_list("deputy_id", flat=True)
    )
    rows = [{"deputy": d, "present": recorded.get(d.pk), "on_leave": d.pk in on_leave} for d in deputies]
    return render(
        request,
        "deputies/sitting_detail.html",
        {
            "sitting": sitting,
            "delegations": delegations,
            "delegation": delegation,
            "rows": rows,
            "import_form": ImportForm(),
            "may_record": _secretariat(request),
        },
    )


@login_required
@require_POST
@refusals(show=sitting_detail)
def sitting_import(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = get_object_or_404(Sitting, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return sitting_detail(request, pk)
    count = attendance_import(sitting=sitting, upload=form.cleaned_data["file"], actor=actor(request))
    messages.success(request, _("%(count)s deputies' attendance imported.") % {"count": count})
    return redirect("deputies:sitting", pk=pk)


@login_required
@reads_from_replica()
def absences(request: HttpRequest) -> HttpResponse:
    """D§46(3): deputies twice absent from a session without approved leave, for the committee."""
    require_role(request, Role.COMMITTEE_STAFF)
    session = current_session()
    counts = flagged(session.congress_id) if session else {}
    deputies = (
        Deputy.objects.filter(pk__in=counts).select_related("delegation").order_by("delegation__sort_order")
    )
    rows = [{"deputy": d, "sessions": counts[d.pk]} for d in deputies]
    return render(request, "deputies/absences.html", {"rows": rows})
