"""The deputies' requests to the committee (S§44): asking and arranging. Key suggestions and
their supervision are in suggestions.views.key_handling."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from congress.pages import refusals
from suggestions.forms import ArrangeForm, SupervisionRequestForm
from suggestions.models import SupervisionRequest
from suggestions.services import follow_up
from suggestions.views.common import form_action, may_open, visible

# --- The deputies' requests to the committee (S§44) ----------------------------------------------


@login_required
@refusals
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = visible(request, pk)
    user = may_open(request, suggestion, "ask")
    return form_action(
        request, suggestion, SupervisionRequestForm,
        lambda d: follow_up.supervision_request(suggestion=suggestion, actor=user, kind=d["kind"], message=d["message"]),
        heading=_("Ask about progress or meet the unit's head"), success=_("Sent to the committee, which contacts the unit for you (S§44)."),
        explanation=_("Deputies may ask the handling unit about progress, or meet the unit's head; the committee arranges it (S§44)."),
    )  # fmt: skip


@login_required
@refusals
def arrange(request: HttpRequest, request_id: int) -> HttpResponse:
    row = get_object_or_404(SupervisionRequest.objects.select_related("suggestion", "deputy"), pk=request_id)
    user = may_open(request, row.suggestion, "arrange")
    return form_action(
        request, row.suggestion, ArrangeForm,
        lambda d: follow_up.supervision_arrange(request=row, actor=user, arrangement=d["arrangement"]),
        heading=_("Arrange the deputy's request"), success=_("The deputy is told."),
        explanation=f"{row.deputy.name}（{row.get_kind_display()}）：{row.message}", back="/suggestions/objections/",
    )  # fmt: skip
