"""S§43: 省人民政府应当加强对省人民政府相关部门…办理代表建议、批评和意见工作的督促检查. The government's
general office follows its departments' handling: each assignment, its clocks and the reply."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from congress.lists import list_context
from congress.models import Organisation
from suggestions import selectors
from suggestions.filters import AssignmentFilter
from suggestions.models import Assignment, Reply
from suggestions.permissions import GOVERNMENT_UNITS, is_general_office
from suggestions.views.assignment import export_assignments
from suggestions.views.common import user_of
from suggestions.workflow import REPLY
from suggestions.workflow.who import is_assigning_staff


@login_required
def government_units(request: HttpRequest) -> HttpResponse:
    """The government's departments' assignments, soonest clock first, with their replies."""
    user = user_of(request)
    if not (is_general_office(user) or is_assigning_staff(user)):
        raise PermissionDenied
    signed_off = Reply.objects.filter(status__in=REPLY.done_statuses).order_by("round")
    base = (
        Assignment.objects.filter(GOVERNMENT_UNITS)
        .select_related("suggestion__lead_deputy", "unit")
        .prefetch_related(Prefetch("replies", queryset=signed_off, to_attr="signed_off"))
    )
    filterset = AssignmentFilter(request.GET or None, queryset=base, request=request)
    filterset.filters["unit"].extra["choices"] = list(
        Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT).values_list("pk", "name")
    )
    queryset = filterset.qs.order_by("reply_due", "co_opinion_due", "id")
    if request.GET.get("export") == "xlsx":
        return export_assignments(queryset)
    context = list_context(request, filterset, queryset)
    context["rows"] = [
        (a, selectors.next_clock(a) if a.is_open else None, a.signed_off[-1] if a.signed_off else None)
        for a in context["page"].object_list
    ]
    context["today"] = timezone.localdate()
    return render(request, "suggestions/government.html", context)
