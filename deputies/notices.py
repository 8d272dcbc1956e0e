"""Who is told what about a deputy's own record. Services call these inside their transaction;
notify() writes the inbox and outbox rows there and delivers after the commit.

- A change of status reaches the deputy and their delegation's staff, who tell the electing
  unit and the deputy's work unit (D§45); a lapsed invitation reaches the lead who sent it.
- A leave request reaches the body that decides it, the decision the deputy (D§8); two
  sessions missed without approved leave reach the committee (D§46(3)).
- Trainings and inspections reach the deputies invited, with what their recorded language and
  custom needs ask of the organisers (D§42); a forwarded report reaches each body's users, and
  each body's feedback every deputy who took part (D§27).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from congress.models import User
from congress.notifications.services import notify
from congress.roles import Role
from deputies.models import Deputy, Feedback, Inspection, Leave, Training


def users_of(deputies: Iterable[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user is not None]


def staff_with(*roles: str) -> list[User]:
    return list(User.objects.filter(is_active=True, role_rows__role__in=roles).distinct())


def unit_users(organisation_ids: Iterable[int]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            organisation_id__in=list(organisation_ids),
            role_rows__role__in=[Role.UNIT_HANDLER, Role.UNIT_HEAD],
        ).distinct()
    )


def _tell(
    recipients: Iterable[User], kind: str, subject: str, body: str, link: str, dedupe_key: str | None = None
) -> None:
    people = list(recipients)
    if people:
        notify(recipients=people, kind=kind, subject=subject, body=body, link=link, dedupe_key=dedupe_key)


def _portal_language() -> translation.override:
    # Notifications are stored in the portal's language, whoever triggered them.
    return translation.override(settings.LANGUAGE_CODE)


def with_needs(body: str, deputy: Deputy) -> str:
    """D§42: a minority deputy's notice says what the organisers were asked to provide."""
    if not deputy.needs:
        return body
    return (
        body
        + "\n"
        + _("Your recorded needs (D§42): %(needs)s. The organisers have them.") % {"needs": deputy.needs}
    )


# --- Status (D§45–D§49) -------------------------------------------------------------------------


def status_changed(deputy: Deputy, label: str) -> None:
    recipients = users_of([deputy]) + list(deputy.delegation.staff.filter(is_active=True))
    with _portal_language():
        subject = _("%(name)s: %(change)s") % {"name": deputy.name, "change": label}
        body = _("%(name)s is now “%(status)s” (%(ground)s), decision %(decision)s, from %(date)s.") % {
            "name": deputy.name,
            "status": deputy.get_status_display(),
            "ground": deputy.get_status_ground_display() or "—",
            "decision": deputy.status_decision,
            "date": deputy.status_since.isoformat() if deputy.status_since else "",
        }
    _tell(recipients, "deputy_status", subject, body, reverse("deputies:detail", args=[deputy.pk]))


def invitation_lapsed(lead: Deputy | None, deputy: Deputy, title: str, link: str) -> None:
    """The lead's invitation to a deputy now suspended or terminated lapsed (D§45, D§46)."""
    if lead is None:
        return
    with _portal_language():
        subject = _("Invitation lapsed: %(name)s") % {"name": deputy.name}
        body = _(
            "%(name)s is suspended or no longer a deputy, so your invitation to co-sign “%(title)s” "
            "lapsed (D§45, D§46). What they already signed stays on record."
        ) % {"name": deputy.name, "title": title}
    _tell(users_of([lead]), "invitation_lapsed", subject, body, link)


# --- Leave and attendance (D§8, D§46(3)) --------------------------------------------------------


def leave_requested(leave: Leave) -> None:
    role = Role.COMMITTEE_STAFF if leave.deciding_body == Leave.Body.CHAIRPERSONS else Role.SECRETARIAT
    with _portal_language():
        subject = _("Leave asked for: %(name)s, %(session)s") % {
            "name": leave.deputy.name,
            "session": leave.session,
        }
        body = leave.reason
    _tell(staff_with(role), "leave_requested", subject, body, reverse("deputies:leave", args=[leave.pk]))


def leave_decided(leave: Leave) -> None:
    recipients = users_of([leave.deputy]) + ([leave.entered_by] if leave.entered_by else [])
    with _portal_language():
        subject = _("Leave %(decision)s: %(session)s") % {
            "decision": leave.get_status_display(),
            "session": leave.session,
        }
        body = leave.decision_reason or subject
    _tell(recipients, "leave_decided", subject, body, reverse("deputies:leave", args=[leave.pk]))


def absences_flagged(deputy: Deputy, sessions: int) -> None:
    """D§46(3): twice absent without approved leave: the committee looks at the mandate."""
    with _portal_language():
        subject = _("D§46(3): %(name)s missed %(count)s sessions without approved leave") % {
            "name": deputy.name,
            "count": sessions,
        }
        body = _("A deputy who twice misses a session without approved leave loses the mandate (D§46(3)).")
    _tell(
        staff_with(Role.COMMITTEE_STAFF),
        "absences_flagged",
        subject,
        body,
        reverse("deputies:absences"),
        dedupe_key=f"absent-twice:{deputy.pk}",
    )


# --- Trainings (D§41) and inspections (D§22, D§27) -----------------------------------------------


def training_invited(training: Training, deputies: Iterable[Deputy]) -> None:
    link = reverse("deputies:training", args=[training.pk])
    with _portal_language():
        subject = _("Training: %(title)s, %(date)s") % {
            "title": training.title,
            "date": training.date.isoformat(),
        }
        for deputy in deputies:
            body = _("You are invited to %(title)s on %(date)s at %(place)s (D§41).") % {
                "title": training.title,
                "date": training.date.isoformat(),
                "place": training.place or "—",
            }
            _tell(users_of([deputy]), "training_invited", subject, with_needs(body, deputy), link)


def training_cancelled(training: Training) -> None:
    with _portal_language():
        subject = _("Training cancelled: %(title)s, %(date)s") % {
            "title": training.title,
            "date": training.date.isoformat(),
        }
    deputies = training.deputies.select_related("user")
    _tell(
        users_of(deputies),
        "training_cancelled",
        subject,
        subject,
        reverse("deputies:training", args=[training.pk]),
    )


def inspection_planned(inspection: Inspection, deputies: Iterable[Deputy]) -> None:
    link = reverse("deputies:inspection", args=[inspection.pk])
    with _portal_language():
        subject = _("%(kind)s: %(title)s, %(date)s") % {
            "kind": inspection.get_kind_display(),
            "title": inspection.title,
            "date": inspection.date.isoformat(),
        }
        for deputy in deputies:
            body = _("You take part in “%(title)s”, organised by %(organiser)s, from %(date)s (D§22).") % {
                "title": inspection.title,
                "organiser": inspection.organiser.name,
                "date": inspection.date.isoformat(),
            }
            _tell(users_of([deputy]), "inspection_planned", subject, with_needs(body, deputy), link)


def report_forwarded(feedbacks: list[Feedback]) -> None:
    """Each body receives the report; its feedback is due within 3 months (D§27)."""
    for feedback in feedbacks:
        with _portal_language():
            subject = _("Inspection report for your feedback: %(title)s") % {
                "title": feedback.inspection.title
            }
            body = _("Feed back on how you handled its opinions by %(due)s (D§27).") % {
                "due": feedback.feedback_due.isoformat()
            }
        _tell(
            unit_users([feedback.body_id]),
            "inspection_forwarded",
            subject,
            body,
            reverse("deputies:feedback", args=[feedback.pk]),
        )


def feedback_given(feedback: Feedback) -> None:
    """D§27: the feedback reaches every deputy who took part."""
    inspection = feedback.inspection
    with _portal_language():
        subject = _("Feedback from %(body)s: %(title)s") % {
            "body": feedback.body.name,
            "title": inspection.title,
        }
    _tell(
        users_of(inspection.deputies.select_related("user")),
        "inspection_feedback",
        subject,
        feedback.text,
        reverse("deputies:inspection", args=[inspection.pk]),
        dedupe_key=f"feedback:{feedback.pk}",
    )


def meeting_requested(inspection: Inspection, official: str) -> None:
    with _portal_language():
        subject = _("Deputies ask to meet %(official)s: %(title)s") % {
            "official": official,
            "title": inspection.title,
        }
        body = _("The organiser arranges the meeting (D§22).")
    organisers = User.objects.filter(
        is_active=True, organisation=inspection.organiser, role_rows__role=Role.SUPERVISOR
    ).distinct()
    _tell(
        [*organisers, *staff_with(Role.COMMITTEE_STAFF)],
        "inspection_meeting",
        subject,
        body,
        reverse("deputies:inspection", args=[inspection.pk]),
    )
