"""Template helpers of the station pages: one badge colour per status, month names."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from liaison_stations.workflow import ACTION_LABELS, OpinionStatus, ReceptionStatus

register = template.Library()

# The portal's one status vocabulary (USERS.md): waiting on us amber, running green, done grey.
BADGES = {
    "registered": "soon",
    "pending": "soon",
    "forwarded": "ok",
    "answered": "done",
    "closed": "done",
    "dismissed": "done",
    "scheduled": "ok",
    "held": "done",
    "cancelled": "done",
}


@register.filter
def badge(status: str) -> str:
    return f"badge badge--{BADGES.get(status, 'done')}"


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
