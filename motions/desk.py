"""What the motion workflow owes each person, for their desk (congress/desk.py)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.desk import LIMIT, Clock, Figure, Section, Task
from deputies.models import Deputy
from motions.selectors import report_clock, report_clock_running, signatures_pending_for


def for_deputy(section: Section, deputy: Deputy, since: dt.datetime | None, today: dt.date) -> None:
    """Joint motions waiting for this deputy to read the final text and sign (M§12)."""
    for row in signatures_pending_for(deputy).order_by("invited_at", "id")[:LIMIT]:
        motion = row.motion
        lead = motion.lead_deputy.name if motion.lead_deputy else ""
        section.tasks.append(
            Task(
                kind=_("Joint motion to confirm"),
                title=str(motion),
                url=reverse("motions:detail", args=[motion.pk]),
                action=_("Read and confirm"),
                note=str(_("Invited by %(name)s")) % {"name": lead} if lead else "",
            )
        )


def for_supervisor(section: Section, body_id: int, today: dt.date) -> None:
    """Motions referred to this body for recess review, whose report is owed (M§23)."""
    owed = report_clock_running().filter(review_body_id=body_id)
    section.counts.append(Figure(_("Motion reports owed"), owed.count(), reverse("motions:recess")))
    for motion in owed.select_related("session").order_by("report_due", "id")[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Motion report due"),
                title=str(motion),
                url=reverse("motions:detail", args=[motion.pk]),
                action=_("Open the motion"),
                clocks=(Clock("motion_report", report_clock(motion.session)),),
            )
        )
