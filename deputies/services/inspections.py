"""Inspections and research (D§22–D§27): organised by a special committee or SC body with
deputies, or made by one deputy with the deputy card; their report with findings and opinions;
meetings with officials the deputies ask for; the SC forwards the report to the bodies
concerned, each of which feeds back within 3 months of receipt (deputies.services.feedback)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import INSPECTION_FEEDBACK
from congress.models import Congress, Organisation, User
from deputies import notices
from deputies.models import Deputy, Feedback, Inspection, OfficialMeeting
from deputies.models.inspections import ORGANISER_KINDS
from deputies.services.common import check_active, check_in_congress, event, may_create, required, take
from deputies.workflow import INSPECTION
from deputies.workflow.checks import refusal


def _check_party(kind: str, deputies: Sequence[Deputy], congress: Congress | int) -> None:
    if not deputies:
        raise refusal("deputies_missing", status=400)
    if kind == Inspection.Kind.CARD and len(deputies) != 1:
        raise refusal("card_inspection_one_deputy", status=400)
    check_active(deputies)
    check_in_congress(deputies, congress)


def inspection_create(
    *,
    congress: Congress,
    kind: str,
    title: str,
    organiser: Organisation,
    date: dt.date,
    deputies: Sequence[Deputy],
    actor: User,
    places: str = "",
    end_date: dt.date | None = None,
    report: str = "",
    findings: str = "",
    opinions: str = "",
) -> Inspection:
    """Organise one (planned), or record one already made with its report (reported)."""
    if organiser.kind not in ORGANISER_KINDS:
        raise refusal("organiser_invalid", status=400)
    inspection = Inspection(
        congress=congress, kind=kind, title=required(title, "title_missing"), organiser=organiser, date=date,
        end_date=end_date, places=places.strip(), created_by=actor,
    )  # fmt: skip
    may_create(INSPECTION, INSPECTION.action("edit"), inspection, actor)
    deputies = list(dict.fromkeys(deputies))
    _check_party(kind, deputies, congress)
    with transaction.atomic():
        inspection.save()
        inspection.deputies.set(deputies)
        event(inspection, actor=actor, action="create")
        notices.inspection_planned(inspection, deputies)
        if report.strip():
            inspection_report(
                inspection=inspection, report=report, findings=findings, opinions=opinions, actor=actor
            )
            inspection.refresh_from_db()
    return inspection


def locked(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=inspection.pk)
    )


def inspection_edit(
    *,
    inspection: Inspection,
    actor: User,
    title: str,
    date: dt.date,
    end_date: dt.date | None,
    places: str,
    deputies: Sequence[Deputy],
) -> Inspection:
    with transaction.atomic():
        inspection = locked(inspection)
        step = INSPECTION.require("edit", inspection, actor)
        deputies = list(dict.fromkeys(deputies))
        _check_party(inspection.kind, deputies, inspection.congress_id)
        before = set(inspection.deputies.values_list("pk", flat=True))
        inspection.title, inspection.date = required(title, "title_missing"), date
        inspection.end_date, inspection.places = end_date, places.strip()
        inspection.deputies.set(deputies)
        take(step, inspection, actor=actor, fields=["title", "date", "end_date", "places"])
        notices.inspection_planned(inspection, [d for d in deputies if d.pk not in before])
    return inspection


def inspection_report(
    *, inspection: Inspection, report: str, actor: User, findings: str = "", opinions: str = ""
) -> Inspection:
    """The report records the findings and the opinions raised (D§27: 形成的报告)."""
    with transaction.atomic():
        inspection = locked(inspection)
        step = INSPECTION.require("report", inspection, actor)
        inspection.report = required(report, "report_missing")
        inspection.findings, inspection.opinions = findings.strip(), opinions.strip()
        take(step, inspection, actor=actor, fields=["report", "findings", "opinions"])
    return inspection


def inspection_forward(
    *, inspection: Inspection, bodies: Sequence[Organisation], actor: User, received_on: dt.date | None = None
) -> list[Feedback]:
    """D§27: the SC forwards the report to the bodies concerned; each feeds back within 3
    months of receiving it (the day it is forwarded, unless another is given)."""
    if not bodies:
        raise refusal("bodies_missing", status=400)
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise refusal("date_in_future", status=400)
    with transaction.atomic():
        inspection = locked(inspection)
        step = INSPECTION.require("forward", inspection, actor)
        already = [f.body for f in inspection.feedbacks.select_related("body").filter(body__in=bodies)]
        if already:
            raise refusal("already_forwarded", bodies="、".join(b.name for b in already))
        due = deadline(INSPECTION_FEEDBACK, received_on)
        feedbacks = Feedback.objects.bulk_create(
            [
                Feedback(
                    inspection=inspection,
                    body=body,
                    received_on=received_on,
                    feedback_due=due.due,
                    feedback_due_provisional=due.provisional,
                    forwarded_by=actor,
                )
                for body in dict.fromkeys(bodies)
            ]
        )
        take(step, inspection, actor=actor, note="、".join(f.body.name for f in feedbacks))
        for feedback in feedbacks:
            event(feedback, actor=actor, action="forward_to", note=due.explanation())
        notices.report_forwarded(feedbacks)
    return feedbacks


def inspection_cancel(*, inspection: Inspection, reason: str, actor: User) -> Inspection:
    with transaction.atomic():
        inspection = locked(inspection)
        step = INSPECTION.require("cancel", inspection, actor)
        take(step, inspection, actor=actor, note=reason.strip())
    return inspection


def meeting_request(
    *, inspection: Inspection, official: str, actor: User, body: Organisation | None = None, note: str = ""
) -> OfficialMeeting:
    """D§22: the deputies on an inspection ask to meet an official; the organiser arranges it."""
    with transaction.atomic():
        inspection = locked(inspection)
        step = INSPECTION.require("request_meeting", inspection, actor)
        meeting = OfficialMeeting.objects.create(
            inspection=inspection, official=required(official, "official_missing"), body=body,
            requested_by=actor, note=note.strip(),
        )  # fmt: skip
        take(step, inspection, actor=actor, note=meeting.official)
        notices.meeting_requested(inspection, meeting.official)
    return meeting


def meeting_arrange(
    *, meeting: OfficialMeeting, held_on: dt.date, actor: User, note: str = ""
) -> OfficialMeeting:
    with transaction.atomic():
        inspection = locked(meeting.inspection)
        step = INSPECTION.require("arrange_meeting", inspection, actor)
        meeting = OfficialMeeting.objects.select_for_update().get(pk=meeting.pk)
        meeting.arranged_on = held_on
        meeting.note = "\n".join(n for n in (meeting.note, note.strip()) if n)
        meeting.save(update_fields=["arranged_on", "note"])
        take(step, inspection, actor=actor, note=meeting.official)
    return meeting
