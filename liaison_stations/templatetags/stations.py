"""Template helpers of the station pages: one badge colour per status, month names."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from liaison_stations.workflow import (
    ACTION_LABELS,
    OPINION,
    RECEPTION,
    WAITING,
    OpinionStatus,
    ReceptionStatus,
)

register = template.Library()

# The portal's one status vocabulary (USERS.md): waiting on us amber, running green (a body's
# answer clock, a reception to come), everything else grey.
RUNNING = OPINION.statuses_running("answer") | RECEPTION.open_statuses


@register.filter
def badge(status: str) -> str:
    tone = "soon" if status in WAITING else "ok" if status in RUNNING else "done"
    return f"badge badge--{tone}"


@register.filter
def month_names(months: list[int]) -> str:
    """[1, 3] → '1月、3月' (January, March in English)."""
    return _("、").join(_("%(m)s月") % {"m": m} for m in months)


@register.filter
def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@register.filter
def status_label(status: str) -> str:
    for choices in (OpinionStatus, ReceptionStatus):
        if status in choices.values:
            return str(choices(status).label)
    return status
