"""Review pages (复核, S§10, S§15): the assigning body's queue with its bulk actions, accepting,
returning, not accepting and merging; batches entered from paper forms; the routing table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import list_context
from congress.models import Organisation, User
from congress.pages import refusals
from congress.selectors import current_session
from suggestions import selectors
from suggestions.excel_import import TEMPLATE_HEADERS, import_suggestions, template_workbook
from suggestions.filters import SuggestionFilter
from suggestions.forms import AssignForm, ImportForm, MessageForm, NotAcceptForm, RoutingRuleForm
from suggestions.models import RoutingRule, Suggestion
from suggestions.permissions import visible_suggestions
from suggestions.services import assignment as routing
from suggestions.services import review
from suggestions.views.common import export_suggestions, form_action, may_open, staff_only, user_of, visible
from suggestions.views.detail import suggestion_detail
from suggestions.workflow import Status


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = staff_only(request)
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = Status.SUBMITTED  # what awaits review
    filterset = SuggestionFilter(data, queryset=visible_suggestions(user), request=request)
    queryset = selectors.review_queue(filterset.qs)
    if request.GET.get("export") == "xlsx":
        return export_suggestions(queryset)
    return render(request, "suggestions/review_queue.html", list_context(request, filterset, queryset))


@login_required
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    """Bulk actions on the ticked rows: accept; accept and assign to the proposed units;
    accept and assign to the units chosen below. Each row succeeds or is refused on its own,
    and the page lists what was refused and why."""
    user = staff_only(request)
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    action = request.POST.get("action", "")
    if action == "choose_units":
        # Second step of "assign to these units": the ticked rows and the unit picker.
        rows = visible_suggestions(user).filter(pk__in=ids).order_by("submitted_at")
        context = {"rows": rows, "form": AssignForm(), "next": request.POST.get("next", "")}
        return render(request, "suggestions/bulk_assign.html", context)
    form = AssignForm(request.POST) if action == "assign_chosen" else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Choose the units and their roles for the ticked suggestions."))
        return redirect(request.POST.get("next") or "suggestions:review")
    done, refused = 0, []
    for suggestion in visible_suggestions(user).filter(pk__in=ids).order_by("submitted_at"):
        try:
            _bulk_step(suggestion, action, form, user)
            done += 1
        except DomainError as error:
            refused.append(f"{suggestion.number_label}：{error.detail}")
    if done:
        messages.success(request, _("%(count)s suggestions done.") % {"count": done})
    for line in refused[:20]:
        messages.error(request, line)
    return redirect(request.POST.get("next") or "suggestions:review")


def _bulk_step(suggestion: Suggestion, action: str, form: AssignForm | None, user: User) -> None:
    if action == "accept":
        review.suggestion_accept(suggestion=suggestion, actor=user)
    elif action == "assign_proposed":
        proposal = selectors.propose_units(suggestion)
        if not proposal:
            raise DomainError("no_proposal", _("the routing table has no units for its subject area"))
        found = Organisation.objects.in_bulk([unit for unit, _role in proposal])
        units = [routing.HandlingUnit(found[unit], role) for unit, role in proposal]
        routing.suggestion_accept_and_assign(suggestion=suggestion, units=units, actor=user)
    elif action == "assign_chosen" and form is not None:
        chosen = [routing.HandlingUnit(unit, role) for unit, role in form.cleaned_data["pairs"]]
        routing.suggestion_accept_and_assign(suggestion=suggestion, units=chosen, actor=user)
    else:
        raise DomainError("unknown_action", _("unknown action"), status=400)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    review.suggestion_accept(suggestion=visible(request, pk), actor=user_of(request))
    messages.success(request, _("Accepted; it awaits assignment."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@require_POST
@refusals(show=suggestion_detail)
def suggestion_return(request: HttpRequest, pk: int) -> HttpResponse:
    message = MessageForm(request.POST).data.get("message", "")
    review.suggestion_return(suggestion=visible(request, pk), actor=user_of(request), message=message)
    messages.success(request, _("Returned to the deputy."))
    return redirect("suggestions:detail", pk=pk)


@login_required
@refusals
def suggestion_not_accept(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "not_accept")
    return form_action(
        request, suggestion, NotAcceptForm,
        lambda d: review.suggestion_not_accept(
            suggestion=suggestion, actor=user, ground=d["ground"], forwarded_to=d["forwarded_to"], note=d["note"]
        ),
        heading=_("Not accepted as a suggestion"), success=_("Recorded; it is forwarded as a deputy's letter."),
        explanation=_("Matters under S§10 are not handled as suggestions; they are forwarded as a deputy's letter (S§15)."),
    )  # fmt: skip


@login_required
@require_POST
@refusals(show=suggestion_detail)
def suggestion_merge(request: HttpRequest, pk: int) -> HttpResponse:
    target = visible(request, pk)
    user = user_of(request)
    ids = [int(x) for x in request.POST.getlist("merge") if x.isdigit()]
    review.suggestion_merge(
        suggestions=list(visible_suggestions(user).filter(pk__in=ids)), into=target, actor=user
    )
    messages.success(
        request, _("Merged into %(number)s; their deputies are told.") % {"number": target.number_label}
    )
    return redirect("suggestions:detail", pk=pk)


# --- Paper forms in batches, the routing table -------------------------------------------------


@login_required
@refusals
def import_batch(request: HttpRequest) -> HttpResponse:
    user = staff_only(request)
    if request.GET.get("template"):
        return excel_response("建议导入模板.xlsx", "建议", TEMPLATE_HEADERS, template_workbook())
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = import_suggestions(form.cleaned_data["file"], actor=user, session=current_session())
        messages.success(request, _("%(count)s suggestions imported and filed.") % {"count": len(created)})
        return redirect("suggestions:review")
    # A refused batch names its bad rows, one a line, beside the form.
    refusal = getattr(request, "refusal", None)
    errors = str(refusal.detail).split("\n") if refusal else []
    return render(
        request, "suggestions/import.html", {"form": form, "errors": errors, "headers": TEMPLATE_HEADERS}
    )


@login_required
def routing_table(request: HttpRequest) -> HttpResponse:
    staff_only(request)
    form = RoutingRuleForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            RoutingRule.objects.filter(pk=request.POST["delete"]).delete()
            messages.success(request, _("Rule removed."))
            return redirect("suggestions:routing")
        if form.is_valid():
            form.save()
            messages.success(request, _("Rule added."))
            return redirect("suggestions:routing")
    rules = RoutingRule.objects.select_related("subject_area", "unit")
    return render(request, "suggestions/routing.html", {"form": form, "rules": rules})
