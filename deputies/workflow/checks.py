"""The refusals of the deputies' app (stable codes, messages quoting the rule) and the checks
its tables name: who may take an action (the user's relation to the record) and the guards
(the record's own rules beyond its status).

Pure Python, duck-typed on the records: no model is imported; a check may follow relations.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.errors import DomainError
from congress.roles import Role
from deputies.workflow.statuses import DecidingBody

MESSAGES: dict[str, Promise] = {
    "deputy_not_active": _("A suspended or terminated deputy cannot file, sign or be invited (D§45, D§46)."),
    "deputy_not_in_congress": _("%(name)s is not a deputy of this congress term."),
    "ground_invalid": _("Choose a ground of D§45 for a suspension, or of D§46 for a termination."),
    "decision_missing": _("Give the reference of the decision (D§45, D§48, D§49)."),
    "announcement_missing": _("A termination is announced: give the day it was announced (D§48, D§49)."),
    "absences_not_recorded": _(
        "The portal records %(count)s sessions missed without approved leave in this term; D§46(3) needs two."
    ),
    "term_ended": _("The term has ended: a suspension is lifted only within the term (D§45)."),
    "date_in_future": _("The date cannot be in the future."),
    "wrong_deciding_body": _(
        "Leave asked for before the session is decided by the SC chairpersons' meeting (recorded by "
        "committee staff); leave asked for during the session, by the secretariat (D§8)."
    ),
    "leave_already_requested": _("%(name)s has already asked for leave from this session (D§8)."),
    "leave_too_late": _("The session has closed: leave is asked for before or during it (D§8)."),
    "reason_missing": _("Give the reason."),
    "title_missing": _("Give the title."),
    "sitting_outside_session": _("A sitting is held between the session's first and last days."),
    "sitting_in_future": _("A sitting's attendance is recorded on or after its day."),
    "import_invalid": _("The attendance file cannot be read: %(problem)s"),
    "training_in_future": _("A training is recorded as held on or after its day (D§41)."),
    "deputies_missing": _("Name the deputies who take part (D§22)."),
    "deputy_missing": _("Name the deputy who asks for leave (D§8)."),
    "card_inspection_one_deputy": _("An inspection with the deputy card is made by one deputy (D§22)."),
    "organiser_invalid": _(
        "Inspections and research are organised by a special committee, an SC working body or the "
        "personnel-representative committee (D§22)."
    ),
    "report_missing": _("Record the report: its findings and the opinions raised (D§27)."),
    "bodies_missing": _("Name the bodies the report is forwarded to (D§27)."),
    "already_forwarded": _("The report was already forwarded to %(bodies)s (D§27)."),
    "feedback_missing": _("Write the feedback: how the report's opinions were studied and handled (D§27)."),
    "official_missing": _("Name the official the deputies ask to meet (D§22)."),
    "not_directly_elected": _(
        "Only a deputy elected directly by voters reports to them on their work (D§43)."
    ),
    "report_exists": _("The report on %(year)s exists already: edit it."),
    "already_published": _("The archive of %(year)s is published already (D§43)."),
    "year_invalid": _("Choose a year of the term."),
}


def refusal(code: str, status: int = 409, **values: object) -> DomainError:
    text = str(MESSAGES[code])
    return DomainError(code, text % values if values else text, status=status)


def deputy_of(user: Any) -> Any:
    """The user's deputy record, or None (staff accounts have none)."""
    return getattr(user, "deputy", None)


def _is(user: Any, *roles: str) -> bool:
    return bool(user.is_superuser or user.has_role(*roles))


def serves_delegation(user: Any, delegation_id: int) -> bool:
    """Staff of the deputy's delegation (代表团工作人员)."""
    return user.has_role(Role.DELEGATION_STAFF) and user.delegations.filter(pk=delegation_id).exists()


# --- who: the deputy's own record ------------------------------------------------------------


def self_or_serving(deputy: Any, user: Any) -> bool:
    """The deputy, the staff of their delegation, or the committee that serves every deputy
    (D§40, D§42: the needs of a minority deputy are recorded for whoever organises)."""
    own = deputy_of(user)
    if own is not None and own.pk == deputy.pk:
        return True
    return _is(user, Role.COMMITTEE_STAFF) or serves_delegation(user, deputy.delegation_id)


def within_term(deputy: Any) -> DomainError | None:
    """D§45: a suspension is lifted when its ground ends within the term (在代表任期内消失后)."""
    return refusal("term_ended") if deputy.congress.ends < timezone.localdate() else None


# --- who: leave ------------------------------------------------------------------------------


def asks_or_enters(leave: Any, user: Any) -> bool:
    """D§8: the deputy asks in writing; staff may enter the written request (the delegation's
    staff for its deputies, the committee before the session, the secretariat during it)."""
    own = deputy_of(user)
    if own is not None and own.pk == leave.deputy_id:
        return True
    return _is(user, Role.COMMITTEE_STAFF, Role.SECRETARIAT) or serves_delegation(
        user, leave.deputy.delegation_id
    )


def deciding_body(leave: Any, user: Any) -> bool:
    """D§8: before the session the chairpersons' meeting decides (committee staff record it),
    during it the secretariat."""
    role = Role.COMMITTEE_STAFF if leave.deciding_body == DecidingBody.CHAIRPERSONS else Role.SECRETARIAT
    return _is(user, role)


def wrong_deciding_body() -> DomainError:
    """Whoever is not the body the leave is for is the wrong body, a deputy included (D§8)."""
    return refusal("wrong_deciding_body", status=403)


# --- who: inspections and their feedback -----------------------------------------------------


def organiser_staff(inspection: Any, user: Any) -> bool:
    """The body that organised it (D§22), or the committee, which serves every deputies'
    activity (D§40); a special committee's or working body's staff act as supervisors."""
    if _is(user, Role.COMMITTEE_STAFF):
        return True
    return user.has_role(Role.SUPERVISOR) and user.organisation_id == inspection.organiser_id


def took_part(inspection: Any, user: Any) -> bool:
    own = deputy_of(user)
    return own is not None and any(d.pk == own.pk for d in inspection.deputies.all())


def took_part_or_organises(inspection: Any, user: Any) -> bool:
    """D§22: the deputies on an inspection ask to meet officials; the organiser arranges it."""
    return took_part(inspection, user) or organiser_staff(inspection, user)


def owes_feedback(feedback: Any, user: Any) -> bool:
    """The body the report went to answers from its inbox (D§27); the committee records a
    body's paper answer for it."""
    if _is(user, Role.COMMITTEE_STAFF):
        return True
    return user.unit_id_for_work() == feedback.body_id


# --- guards ----------------------------------------------------------------------------------


def has_taken_place(training: Any) -> DomainError | None:
    return refusal("training_in_future") if training.date > timezone.localdate() else None


def has_report(inspection: Any) -> DomainError | None:
    """D§27: what is forwarded is the report, with its findings and the opinions raised."""
    return refusal("report_missing") if not inspection.report.strip() else None


# --- who: the report to constituents ---------------------------------------------------------


def own_report(report: Any, user: Any) -> bool:
    """D§43: the deputy reports on their own work; the draft is theirs to edit."""
    own = deputy_of(user)
    return own is not None and own.pk == report.deputy_id
