"""What the motion workflow owes each person, for their desk (congress/desk.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.desk import LIMIT, Clock, Figure, Section, Task
from deputies.models import Deputy
from motions.models import Motion, ReviewMember
from motions.selectors import report_clock, report_clock_running, signatures_pending_for
from motions.workflow import AWAITING_RECOMMENDATION, MOTION


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


def for_review_member(section: Section, user: Any) -> None:
    """Motions of the member's session still waiting for the committee's recommendation: the
    queue the committee must empty before it votes on its report (M§16, M§17). The review has
    no statutory clock: the presidium sets its dates (M§16), so each waits on the member now."""
    sessions = list(ReviewMember.objects.filter(user=user).values_list("session_id", flat=True))
    waiting = Motion.objects.filter(
        session_id__in=sessions, number__isnull=False, status__in=AWAITING_RECOMMENDATION
    ).select_related("session__congress")
    for session_id in sorted(set(waiting.values_list("session_id", flat=True))):
        url = f"{reverse('motions:review')}?session={session_id}"
        n = waiting.filter(session_id=session_id).count()
        section.counts.append(Figure(_("Motions awaiting the committee's recommendation"), n, url))
    for motion in waiting.order_by("session_id", "number")[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Motion to review"),
                title=str(motion),
                url=reverse("motions:detail", args=[motion.pk]),
                action=_("Study and recommend"),
                note=str(motion.session),
            )
        )


def for_delegation_staff(section: Section, user: Any) -> None:
    """Motion drafts the delegation's staff entered for their deputies and have not yet filed
    (M§6: 各代表团应当配备专门工作人员，为代表提出议案提供服务)."""
    drafts = Motion.objects.filter(created_by=user, status__in=MOTION.sources("submit")).select_related(
        "lead_deputy"
    )
    for motion in drafts.order_by("-id")[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Motion draft to file"),
                title=motion.title,
                url=reverse("motions:detail", args=[motion.pk]),
                action=_("Check and file"),
                note=motion.lead_deputy.name if motion.lead_deputy else "",
            )
        )
