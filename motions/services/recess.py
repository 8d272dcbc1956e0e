"""Meetings with the proposers (M§5, M§22, M§24, M§26), the review in recess with its responsible
person and report (M§5, M§23), the SC's conclusion (M§21, M§26) and what goes from it to the
next session, and the report clocks recomputed when the calendar gains a year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.deadlines.recompute import MovedDeadline
from congress.errors import DomainError
from congress.models import Organisation, Session, User
from congress.uploads import check_document
from deputies.models import Deputy
from motions import notices
from motions.checks import proposers
from motions.models import Conclusion, Hearing, Motion, NextSessionReport, PlenaryResult, RecessReport
from motions.selectors import report_clock, report_clock_running
from motions.services.common import lock, move, record
from motions.workflow import MOTION, Status

# Each kind of meeting is its own action of the table: who holds it, when.
HEARING_ACTIONS = {
    Hearing.Kind.DELIBERATION: "deliberate",
    Hearing.Kind.RECESS_HEARING: "hearing",
    Hearing.Kind.SC_MEETING: "sc_meeting",
    Hearing.Kind.FACE_TO_FACE: "meet",
}


def motion_name_responsible(*, motion: Motion, actor: User, person: User) -> Motion:
    """The reviewing body names the person responsible for handling the motion, who meets the
    deputies face to face (M§5(3)). Named again, the new person takes over (and meets them)."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("name_responsible", motion, actor)
        if not person.is_active or person.organisation_id != motion.review_body_id:
            raise DomainError(
                "responsible_person_invalid",
                _("The responsible person is one of the reviewing body's own people (M§5)."),
                status=400,
            )
        motion.responsible_person = person
        motion.save(update_fields=["responsible_person", "changed_at"])
        record(motion, actor, "name_responsible", data={"person": person.get_full_name()})
        notices.responsible_named(motion, person)
    return motion


def motion_record_hearing(
    *,
    motion: Motion,
    actor: User,
    kind: str,
    held_at: dt.datetime,
    place: str = "",
    body: Organisation | None = None,
    summary: str = "",
    attended_by: Iterable[Deputy] = (),
) -> Hearing:
    """A meeting deliberating the motion, with its proposers invited (M§22, M§24, M§26), or the
    responsible person's face-to-face meeting with them (M§5(3)). Recorded ahead, it is the
    invitation; recorded after, its minutes."""
    with transaction.atomic():
        motion = lock(motion)
        action = HEARING_ACTIONS.get(kind)  # type: ignore[call-overload]
        if action is None:
            raise DomainError("invalid", _("Unknown kind of meeting."), status=400)
        MOTION.require(action, motion, actor)
        held_by = None
        if kind in (Hearing.Kind.RECESS_HEARING, Hearing.Kind.FACE_TO_FACE):
            body = motion.review_body  # the reviewing body holds it (M§5, M§24)
        attendees = list(attended_by)
        allowed = {d.pk for d in proposers(motion)}
        if {d.pk for d in attendees} - allowed:
            raise DomainError(
                "invalid", _("Only the motion's proposers are listed as attending."), status=400
            )
        if kind == Hearing.Kind.FACE_TO_FACE:
            held_by = motion.responsible_person  # the table's guard: one is named
            if held_at <= timezone.now() and not attendees:
                raise DomainError(
                    "no_deputy_met",
                    _("A face-to-face meeting is held with the deputies: list the proposers who came (M§5)."),
                    status=400,
                )
        hearing = Hearing.objects.create(
            motion=motion,
            kind=kind,
            body=body,
            held_at=held_at,
            place=place,
            summary=summary,
            held_by=held_by,
            recorded_by=actor,
        )
        hearing.attended_by.set(attendees)
        record(motion, actor, action, note=summary, data={"held_at": held_at.isoformat(), "place": place})
        notices.meeting(motion, str(hearing.get_kind_display()), held_at, place)
    return hearing


def motion_submit_report(
    *,
    motion: Motion,
    actor: User,
    summary: str,
    file: UploadedFile | None,
    chairpersons_meeting_on: dt.date | None = None,
) -> RecessReport:
    """The body's review result report, due six months after the session closed (M§23)."""
    if file:
        check_document(file)
    with transaction.atomic():
        motion = lock(motion)
        step = MOTION.require("report", motion, actor)
        if not summary.strip() or not file:
            raise DomainError("report_incomplete", _("Upload the report and summarise it."), status=400)
        if motion.review_body is None:  # a constraint forbids it for a referred motion
            raise DomainError("review_body_invalid", _("The motion was referred to no body."))
        now = timezone.now()
        report = RecessReport.objects.create(
            motion=motion,
            body=motion.review_body,
            summary=summary,
            file=file,
            chairpersons_meeting_on=chairpersons_meeting_on,
            submitted_at=now,
            submitted_by=actor,
        )
        late_days = (timezone.localdate(now) - motion.report_due).days if motion.report_due else 0
        move(motion, step, actor, note=summary, data={"days_late": max(late_days, 0)})
        notices.status_changed(motion, str(Status(step.target).label), summary)
    return report


def motion_conclude(*, motion: Motion, actor: User, sc_meeting_on: dt.date, text: str) -> Conclusion:
    """The SC deliberated the report (M§26) or decided as the plenary authorized (M§21)."""
    with transaction.atomic():
        motion = lock(motion)
        step = MOTION.require("conclude", motion, actor)
        if not text.strip():
            raise DomainError("invalid", _("Record the SC's conclusion."), status=400)
        conclusion = Conclusion.objects.create(
            motion=motion, sc_meeting_on=sc_meeting_on, text=text, recorded_by=actor
        )
        move(motion, step, actor, note=text, data={"sc_meeting_on": sc_meeting_on.isoformat()})
        notices.status_changed(motion, str(Status(step.target).label), text)
    return conclusion


def _next_session(motion: Motion) -> Session:
    """下一次省人民代表大会会议 (M§21, M§26): the first session after the motion's that is not
    over yet (one sitting now still receives it)."""
    session = (
        Session.objects.filter(opens__gt=motion.session.closes, closes__gte=timezone.localdate())
        .order_by("opens")
        .first()
    )
    if session is None:
        raise DomainError(
            "next_session_unknown",
            _("The next session is not in the portal yet: record its dates first (M§21, M§26)."),
        )
    return session


def _send(motion: Motion, actor: User, kind: str, sent_on: dt.date, note: str) -> NextSessionReport:
    sent = NextSessionReport.objects.create(
        motion=motion, kind=kind, session=_next_session(motion), sent_on=sent_on, note=note, recorded_by=actor
    )
    notices.sent_to_next_session(motion, str(sent.get_kind_display()), sent.session.name)
    return sent


def motion_distribute(*, motion: Motion, actor: User, sent_on: dt.date, note: str = "") -> NextSessionReport:
    """The committee staff send what came of a concluded motion to the next session: the review
    result report the SC deliberated, uploaded and printed for it (M§26: 上传...并印发下一次省人民
    代表大会会议), or, for a motion the plenary authorized the SC to decide, that decision reported
    for the record (M§21: 报下次代表大会会议备案). Recorded once, with who sent it and when."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("distribute", motion, actor)
        authorized = PlenaryResult.objects.filter(
            motion=motion, outcome=PlenaryResult.Outcome.AUTHORIZED
        ).exists()
        kind = NextSessionReport.Kind.RECORD if authorized else NextSessionReport.Kind.REPORT
        sent = _send(motion, actor, kind, sent_on, note)
        record(motion, actor, "distribute", note=note, data={"kind": kind, "sent_on": sent_on.isoformat()})
    return sent


def motion_submit_to_next_session(
    *, motion: Motion, actor: User, sent_on: dt.date, note: str = ""
) -> NextSessionReport:
    """The SC, authorized by the plenary, does not decide the motion itself but submits it to the
    next session for deliberation (M§21: 或者提请下次代表大会会议审议)."""
    with transaction.atomic():
        motion = lock(motion)
        step = MOTION.require("submit_to_next_session", motion, actor)
        sent = _send(motion, actor, NextSessionReport.Kind.DELIBERATION, sent_on, note)
        move(motion, step, actor, note=note, data={"sent_on": sent_on.isoformat()})
    return sent


def motion_report_due_recompute(years: frozenset[int]) -> list[MovedDeadline]:
    """Recompute provisional report clocks touching the newly approved years (M§23)."""
    moved: list[MovedDeadline] = []
    # A clock is provisional because a year between the close and the due date (or the
    # first working day after it) was missing; few are, so each is simply computed again.
    candidates = (
        report_clock_running()
        .filter(report_due_provisional=True, report_due__isnull=False)
        .select_related("session", "review_body")
    )
    for motion in candidates:
        clock = report_clock(motion.session)
        if (clock.due, clock.provisional) == (motion.report_due, motion.report_due_provisional):
            continue
        old: dt.date = motion.report_due  # type: ignore[assignment]  # filtered on above
        Motion.objects.filter(pk=motion.pk).update(
            report_due=clock.due, report_due_provisional=clock.provisional
        )
        record(
            motion,
            None,
            "report_due_recomputed",
            data={"old": old.isoformat(), "new": clock.due.isoformat(), "provisional": clock.provisional},
        )
        if clock.due != old:
            moved.append(
                MovedDeadline(
                    label=_("Motion %(number)s · report due") % {"number": motion.number_text},
                    old_due=old,
                    new_due=clock.due,
                    link=reverse("motions:detail", args=[motion.pk]),
                    recipients=list(User.objects.filter(organisation=motion.review_body_id, is_active=True)),
                )
            )
    return moved
