"""What the deputies' record owes each person, for their desk (congress/desk.py)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import INSPECTION_FEEDBACK
from congress.desk import LIMIT, Clock, Figure, News, Section, Task
from deputies.models import Deputy, Feedback, Inspection, Leave, Training, TrainingInvitation
from deputies.workflow import FeedbackStatus


def for_deputy(section: Section, deputy: Deputy, since: dt.datetime | None, today: dt.date) -> None:
    """Inspections and trainings the deputy is invited to, and leave decided since the last visit."""
    inspections = deputy.inspections.filter(status=Inspection.Status.PLANNED, date__gte=today)
    for inspection in inspections.order_by("date", "id")[:LIMIT]:
        section.tasks.append(
            Task(
                kind=inspection.get_kind_display(),
                title=inspection.title,
                url=reverse("deputies:inspection", args=[inspection.pk]),
                action=_("See the programme"),
                when=inspection.date,
            )
        )
    invitations = TrainingInvitation.objects.filter(
        deputy=deputy, training__status=Training.Status.PLANNED, training__date__gte=today
    ).select_related("training")
    for invitation in invitations.order_by("training__date", "id")[:LIMIT]:
        training = invitation.training
        section.tasks.append(
            Task(
                kind=_("Training"),
                title=training.title,
                url=reverse("deputies:training", args=[training.pk]),
                action=_("See the training"),
                when=training.date,
            )
        )
    if since is None:
        return
    decided = Leave.objects.filter(deputy=deputy, decided_at__gt=since).order_by("-decided_at")
    for leave in decided[:LIMIT]:
        section.news.append(
            News(
                at=leave.decided_at,  # type: ignore[arg-type]
                title=str(_("Leave for %(session)s")) % {"session": leave.session},
                what=leave.get_status_display(),
                url=reverse("deputies:leave", args=[leave.pk]),
            )
        )


def for_unit(section: Section, unit_id: int, today: dt.date) -> None:
    """Feedback the unit owes on inspection reports forwarded to it (D§27)."""
    owed = Feedback.objects.filter(body_id=unit_id, status=FeedbackStatus.PENDING).select_related(
        "inspection"
    )
    count = owed.count()
    if count:
        section.counts.append(Figure(_("Inspection feedback owed"), count, reverse("deputies:feedbacks")))
    for feedback in owed.order_by("feedback_due", "id")[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Inspection feedback"),
                title=feedback.inspection.title,
                url=reverse("deputies:feedback", args=[feedback.pk]),
                action=_("Give feedback"),
                clocks=(Clock("inspection_feedback", deadline(INSPECTION_FEEDBACK, feedback.received_on)),),
            )
        )
