"""Who is told what about a motion. Services call these inside their transaction; the
notifications app delivers after the commit (inbox, email, SMS by each user's choice).

Proposers are told of invitations, decisions and the meetings they are invited to (M§5, M§12,
M§19, M§22, M§24, M§26); the proposers of motions merged into another follow it (M§18).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.models import Session, User
from congress.notifications.services import notify
from deputies.models import Deputy
from motions.checks import proposers
from motions.models import Motion


def link(motion: Motion) -> str:
    return reverse("motions:detail", args=[motion.pk])


def proposer_users(motion: Motion) -> list[User]:
    """The accounts of everyone who proposed the motion or a motion merged into it (M§18, M§19),
    and the staff of the delegations a delegation motion among them comes from."""
    users = {deputy.user_id: deputy.user for deputy in proposers(motion) if deputy.user_id and deputy.user}
    for m in [motion, *motion.merged_motions.all()]:
        if m.delegation_id:
            for staff in User.objects.filter(delegations=m.delegation_id):
                users[staff.pk] = staff
    return list(users.values())


def _users_of(deputies: Iterable[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user]


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def tell(
    recipients: Iterable[User],
    kind: str,
    motion: Motion | None,
    subject: Promise,
    body: Promise,
    *,
    path: str = "",
    dedupe_key: str | None = None,
    **params: Any,
) -> None:
    """Compose in the portal's language (stored as written) and hand over to notify()."""
    people = list(recipients)
    if not people:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "number": motion.number_label if motion else "",
            "title": motion.title if motion else "",
            **{k: str(v) for k, v in params.items()},
        }
        notify(
            recipients=people,
            kind=kind,
            subject=str(subject) % values,
            body=str(body) % values,
            link=path or (link(motion) if motion else reverse("motions:list")),
            dedupe_key=dedupe_key,
        )


def invited(motion: Motion, deputies: Iterable[Deputy]) -> None:
    lead = motion.lead_deputy.name if motion.lead_deputy else ""
    tell(
        _users_of(deputies),
        "motion_invited",
        motion,
        _("%(lead)s invites you to co-sign a motion"),
        _(
            "%(lead)s invites you to co-sign the motion “%(title)s”. Read the final text and confirm it "
            "if you agree (M§12). Motions close at %(deadline)s."
        ),
        lead=lead,
        deadline=_when(motion.session.motion_deadline),
    )


def confirmations_voided(motion: Motion, deputies: Iterable[Deputy]) -> None:
    tell(
        _users_of(deputies),
        "motion_text_changed",
        motion,
        _("The motion you co-signed was changed"),
        _(
            "The text of “%(title)s” was changed after you co-signed it. Your signature no longer "
            "counts: read the new text and confirm it again if you still agree (M§12)."
        ),
    )


def filed(motion: Motion) -> None:
    tell(
        proposer_users(motion),
        "motion_filed",
        motion,
        _("Motion filed: %(number)s"),
        _("“%(title)s” was filed with the secretariat as %(number)s."),
    )


def merged(motion: Motion, into: Motion) -> None:
    tell(
        proposer_users(motion),
        "motion_merged",
        motion,
        _("Your motion was merged: %(number)s"),
        _(
            "The motion-review committee merged “%(title)s” with %(into)s, of the same or similar "
            "content (M§18). You will be told of every step of the merged motion."
        ),
        into=into.number_label,
    )


def decided(motion: Motion, decision: str, body: str, due: dt.date | None) -> None:
    tell(
        proposer_users(motion),
        "motion_decided",
        motion,
        _("The presidium decided on your motion %(number)s"),
        _("The presidium decided on “%(title)s”: %(decision)s. %(more)s"),
        decision=decision + (f"（{body}）" if body else ""),
        more=_("The review result report is due by %(due)s (M§23).") % {"due": due.isoformat()}
        if due
        else "",
    )
    if body and motion.review_body_id:
        tell(
            User.objects.filter(organisation=motion.review_body_id, is_active=True),
            "motion_referred",
            motion,
            _("A motion was referred to you for review in recess: %(number)s"),
            _(
                "The presidium referred “%(title)s” to %(reviewer)s for review in recess. Hear the "
                "proposers (M§24) and submit the review result report by %(due)s (M§23)."
            ),
            reviewer=body,
            due=due.isoformat() if due else "",
        )


def meeting(motion: Motion, kind_label: str, held_at: dt.datetime, place: str) -> None:
    upcoming = held_at > timezone.now()
    tell(
        proposer_users(motion),
        "motion_meeting",
        motion,
        _("Invitation: %(meeting)s on %(number)s") if upcoming else _("Meeting held on %(number)s"),
        _(
            "%(meeting)s on “%(title)s”: %(when)s, %(place)s. The proposers are invited to attend and speak (M§22, M§24, M§26)."
        )
        if upcoming
        else _("%(meeting)s on “%(title)s” was held on %(when)s, %(place)s."),
        meeting=kind_label,
        when=_when(held_at),
        place=place or "—",
    )


def responsible_named(motion: Motion, person: User) -> None:
    """M§5(3): the person responsible meets the deputies; both sides know who it is."""
    tell(
        [person],
        "motion_responsible",
        motion,
        _("You are responsible for motion %(number)s"),
        _(
            "%(reviewer)s named you responsible for handling “%(title)s”. Meet its proposers face to face "
            "and hear their views (M§5) before the review result report is due."
        ),
        reviewer=motion.review_body.name if motion.review_body else "",
    )
    tell(
        proposer_users(motion),
        "motion_responsible",
        motion,
        _("%(number)s: the person responsible for your motion"),
        _("%(person)s of %(reviewer)s is responsible for handling “%(title)s” and will meet you (M§5)."),
        person=person.get_full_name(),
        reviewer=motion.review_body.name if motion.review_body else "",
    )


def sent_to_next_session(motion: Motion, what: str, session: str) -> None:
    tell(
        proposer_users(motion),
        "motion_next_session",
        motion,
        _("%(number)s goes to %(session)s"),
        _("“%(title)s”: %(what)s — %(session)s (M§21, M§26)."),
        what=what,
        session=session,
    )


def reconsideration_answered(motion: Motion, outcome: str, answer: str) -> None:
    tell(
        proposer_users(motion),
        "motion_reconsidered",
        motion,
        _("The presidium answered your reconsideration request on %(number)s"),
        _("On “%(title)s” the presidium decided: %(outcome)s. %(answer)s (M§19)"),
        outcome=outcome,
        answer=answer,
    )


def outcome(motion: Motion, label: str) -> None:
    tell(
        proposer_users(motion),
        "motion_outcome",
        motion,
        _("The plenary decided on %(number)s"),
        _("The plenary decided on “%(title)s”: %(outcome)s."),
        outcome=label,
    )


def status_changed(motion: Motion, label: str, note: str = "") -> None:
    """Withdrawal, the report submitted, the SC's conclusion: the proposers follow each step."""
    tell(
        proposer_users(motion),
        "motion_status",
        motion,
        _("%(number)s: %(status)s"),
        _("“%(title)s” is now: %(status)s. %(note)s"),
        status=label,
        note=note,
    )


def report_distributed(session: Session) -> None:
    """M§19: the report the presidium passed goes to every deputy."""
    deputies = User.objects.filter(
        Q(deputy__congress=session.congress_id, deputy__status=Deputy.Status.ACTIVE)
        | Q(delegations__congress=session.congress_id)
    ).distinct()
    tell(
        deputies,
        "motion_review_report",
        None,
        _("The review report on the motions of %(session)s"),
        _(
            "The presidium passed the motion-review committee's report on the motions of %(session)s. "
            "Proposers may ask for reconsideration until four hours before the presidium's last meeting (M§19)."
        ),
        path=reverse("motions:report", args=[session.pk]),
        dedupe_key=f"motion_review_report:{session.pk}",
        session=session.name,
    )
