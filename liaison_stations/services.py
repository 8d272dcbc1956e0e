"""Writes of the liaison stations: attachments, receptions, registrations and their handling.

Each transition locks its row, checks liaison_stations/workflow.py, writes the event row and
tells the people concerned once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.deadlines.calendar import deadline
from congress.deadlines.recompute import MovedDeadline
from congress.deadlines.statutory import policy_rule
from congress.errors import DomainError
from congress.models import Organisation, User
from congress.notifications.services import notify
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models import (
    Attachment,
    Event,
    Forwarding,
    LiaisonOfficer,
    Opinion,
    Reception,
    Station,
)
from liaison_stations.permissions import may_handle, may_report, may_run
from liaison_stations.rules import (
    attachment_basis_allowed,
    reception_minimum,
    reception_times_problem,
    redact,
)
from suggestions.models import SubjectArea, Suggestion
from suggestions.services import suggestion_create_draft


def _refuse(code: str, status: int = 409, **values: object) -> DomainError:
    return DomainError(code, workflow.message(code, **values), status=status)


def _check_active(deputies: Sequence[Deputy]) -> None:
    # D§45, D§46: a suspended or terminated deputy performs no duties.
    if any(not d.is_active for d in deputies):
        raise _refuse("deputy_not_active")


def _check_not_future(day: dt.date) -> None:
    if day > timezone.localdate():
        raise _refuse("date_in_future", status=400)


def _require(allowed: bool) -> None:
    if not allowed:
        raise _refuse("not_your_station", status=403)


def _users_of(deputies: Sequence[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user is not None]


def _when(reception: Reception) -> str:
    starts, ends = timezone.localtime(reception.starts_at), timezone.localtime(reception.ends_at)
    return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"


def _tell_deputies_of_reception(
    reception: Reception, deputies: Sequence[Deputy], *, cancelled: bool, reason: str = ""
) -> None:
    """The deputies on a reception are told when it is scheduled or cancelled (D§31)."""
    recipients = _users_of(deputies)
    if not recipients:
        return
    # Notifications are stored in the portal's language, whoever triggered them.
    with translation.override(settings.LANGUAGE_CODE):
        values = {"station": reception.venue.name, "when": _when(reception), "place": reception.place}
        if cancelled:
            subject = _("Reception cancelled: %(station)s, %(when)s") % values
            body = _("The reception at %(station)s on %(when)s is cancelled.") % values + (
                f" {reason}" if reason else ""
            )
        else:
            subject = _("You are on a reception: %(station)s, %(when)s") % values
            body = (
                _("You are to receive constituents at %(station)s, %(place)s, on %(when)s (D§31).") % values
            )
    notify(
        recipients=recipients,
        kind="station_reception_cancelled" if cancelled else "station_reception",
        subject=subject,
        body=body,
        link=reverse("stations:reception", args=[reception.pk]),
        dedupe_key=f"reception:{reception.pk}:{'cancelled' if cancelled else 'scheduled'}",
    )


# --- Deputies attached (D§21) -----------------------------------------------------------


def station_attach_deputy(*, station: Station, deputy: Deputy, basis: str, actor: User) -> Attachment:
    """Attach a deputy to a station or point on a ground of D§21."""
    _require(may_run(actor, station))
    _check_active([deputy])
    if not attachment_basis_allowed(deputy.constituency, station.city, basis):
        raise _refuse("attachment_outside_constituency", status=400)
    attachment, _created = Attachment.objects.update_or_create(
        station=station, deputy=deputy, defaults={"basis": basis}
    )
    return attachment


def station_detach_deputy(*, station: Station, deputy: Deputy, actor: User) -> None:
    _require(may_run(actor, station))
    Attachment.objects.filter(station=station, deputy=deputy).delete()


# What a station publishes about itself (D§30(3)) and keeps up to date.
PUBLIC_INFO = ("address", "opening_hours", "duties", "head_name", "contact_phone")


def station_update_info(*, station: Station, actor: User, **values: str) -> Station:
    _require(may_run(actor, station))
    fields = [name for name in PUBLIC_INFO if name in values]
    for name in fields:
        setattr(station, name, values[name].strip())
    station.save(update_fields=fields)
    return station


def station_add_officer(*, station: Station, name: str, background: str, actor: User) -> LiaisonOfficer:
    """A liaison officer (D§33): congress staff, a county or township deputy, or a volunteer."""
    _require(may_run(actor, station))
    order = station.officers.count()
    return LiaisonOfficer.objects.create(
        station=station, name=name.strip(), background=background, sort_order=order
    )


def station_remove_officer(*, officer: LiaisonOfficer, actor: User) -> None:
    _require(may_run(actor, officer.station))
    officer.delete()


# --- Receptions (D§31) ------------------------------------------------------------------


def reception_schedule(
    *,
    venue: Station,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    deputies: Sequence[Deputy],
    actor: User,
    theme: str = "",
    place: str = "",
    other_attendees: str = "",
) -> Reception:
    """Schedule a reception at a station or one of its points; the deputies are told."""
    _require(may_run(actor, venue))
    if not venue.is_active:
        raise _refuse("station_inactive")
    if kind == Reception.Kind.THEMATIC and not theme.strip():
        raise _refuse("reception_theme_missing", status=400)
    problem = reception_times_problem(starts_at, ends_at)
    if problem:
        raise _refuse(problem, status=400, hours=_hours(reception_minimum()))
    _check_active(deputies)
    with transaction.atomic():
        reception = Reception.objects.create(
            station=venue.handling_station,
            point=venue if venue.is_point else None,
            kind=kind,
            theme=theme.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip() or venue.address,
            other_attendees=other_attendees.strip(),
            created_by=actor,
        )
        reception.deputies.set(deputies)
        Event.objects.create(reception=reception, actor=actor, action="schedule", to_status=reception.status)
        _tell_deputies_of_reception(reception, deputies, cancelled=False)
    return reception


def reception_hold(
    *, reception: Reception, actor: User, summary: str = "", deputies: Sequence[Deputy] | None = None
) -> Reception:
    """Record that the reception took place, with the deputies who actually came."""
    _require(may_run(actor, reception.venue))
    with transaction.atomic():
        reception = Reception.objects.select_for_update().get(pk=reception.pk)
        source = reception.status
        target = workflow.reception_target("hold", source)
        if target is None:
            raise _refuse("wrong_status")
        if reception.starts_at > timezone.now():
            raise _refuse("reception_in_future", status=400)
        if deputies is not None:
            _check_active(deputies)
            reception.deputies.set(deputies)
        reception.status, reception.summary = target, summary.strip()
        reception.save(update_fields=["status", "summary"])
        Event.objects.create(
            reception=reception, actor=actor, action="hold", from_status=source, to_status=target
        )
    return reception


def reception_cancel(*, reception: Reception, reason: str, actor: User) -> Reception:
    _require(may_run(actor, reception.venue))
    with transaction.atomic():
        reception = Reception.objects.select_for_update().get(pk=reception.pk)
        source = reception.status
        target = workflow.reception_target("cancel", source)
        if target is None:
            raise _refuse("wrong_status")
        reception.status = target
        reception.save(update_fields=["status"])
        Event.objects.create(
            reception=reception,
            actor=actor,
            action="cancel",
            from_status=source,
            to_status=target,
            note=reason.strip(),
        )
        _tell_deputies_of_reception(
            reception, list(reception.deputies.select_related("user")), cancelled=True, reason=reason.strip()
        )
    return reception


def _hours(span: dt.timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:g}"


# --- Registration (D§34) and online opinions (D§37) ---------------------------------------

# No 0/O, 1/I/L: codes are read aloud on the phone and typed from paper slips.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31**12 ≈ 7.9e17: unguessable at any rate the public API allows


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _create_with_code(opinion: Opinion) -> Opinion:
    # Two equal codes are astronomically rare; draw again rather than fail the visitor.
    for _attempt in range(3):
        opinion.tracking_code = new_tracking_code()
        if not Opinion.objects.filter(tracking_code=opinion.tracking_code).exists():
            break
    opinion.save(force_insert=True)
    return opinion


def opinion_register(
    *,
    venue: Station,
    visitor_name: str,
    visitor_contact: str,
    matter: str,
    actor: User,
    category: str = "",
    visitor_address: str = "",
    received_on: dt.date | None = None,
    received_by: Sequence[Deputy] = (),
    reception: Reception | None = None,
) -> Opinion:
    """The registration form of D§34: one visitor and the matter raised."""
    _require(may_run(actor, venue))
    if not venue.is_active:
        raise _refuse("station_inactive")
    received_on = received_on or timezone.localdate()
    _check_not_future(received_on)
    _check_active(received_by)
    with transaction.atomic():
        opinion = _create_with_code(
            Opinion(
                station=venue.handling_station,
                point=venue if venue.is_point else None,
                reception=reception,
                source=Opinion.Source.VISIT,
                visitor_name=visitor_name.strip(),
                visitor_contact=visitor_contact.strip(),
                visitor_address=visitor_address.strip(),
                matter=matter.strip(),
                category=category,
                received_on=received_on,
                status=workflow.initial_status(at_point=venue.is_point, online=False),
                created_by=actor,
            )
        )
        opinion.received_by.set(received_by)
        Event.objects.create(opinion=opinion, actor=actor, action="register", to_status=opinion.status)
    return opinion


def opinion_submit_online(
    *, name: str, contact: str, matter: str, station: Station | None = None, deputy: Deputy | None = None
) -> Opinion:
    """The public form (D§37): to a station or point, or to one deputy (代表码)."""
    if deputy is not None and station is None:
        station = _deputy_home_station(deputy)
    if station is not None and not station.is_active:
        raise _refuse("station_inactive")
    with transaction.atomic():
        opinion = _create_with_code(
            Opinion(
                station=station.handling_station if station else None,
                point=station if station and station.is_point else None,
                deputy=deputy,
                source=Opinion.Source.ONLINE,
                visitor_name=name.strip(),
                visitor_contact=contact.strip(),
                matter=matter.strip(),
                received_on=timezone.localdate(),
                status=workflow.initial_status(at_point=bool(station and station.is_point), online=True),
            )
        )
        Event.objects.create(opinion=opinion, action="submit_online", to_status=opinion.status)
        _tell_of_online_opinion(opinion)
    return opinion


def _tell_of_online_opinion(opinion: Opinion) -> None:
    """The station's staff (who handle it) and the deputy it was sent to learn of it at once."""
    staff = list(opinion.station.staff.all()) if opinion.station else []
    deputy_users = _users_of([opinion.deputy]) if opinion.deputy else []
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New opinion sent online: %(code)s") % {"code": opinion.tracking_code}
        body = opinion.matter[:500]
    link = reverse("stations:opinion", args=[opinion.pk])
    if staff or deputy_users:
        notify(
            recipients=[*staff, *deputy_users],
            kind="station_opinion_online",
            subject=subject,
            body=body,
            link=link,
        )


def _deputy_home_station(deputy: Deputy) -> Station | None:
    """Where a deputy's online mail is handled: the first station the deputy is attached to."""
    attachment = (
        Attachment.objects.filter(deputy=deputy, station__is_active=True)
        .select_related("station__parent")
        .order_by("station__kind", "since", "id")
        .first()
    )
    return attachment.station if attachment else None


# --- Handling (D§31, D§35) ----------------------------------------------------------------


def _locked(opinion: Opinion) -> Opinion:
    return (
        Opinion.objects.select_for_update(of=("self",)).select_related("station", "point").get(pk=opinion.pk)
    )


def _move(opinion: Opinion, action: str) -> tuple[str, str]:
    source = opinion.status
    target = workflow.opinion_target(action, source)
    if target is None:
        raise _refuse("wrong_status")
    return source, target


def _check_summarised(opinion: Opinion) -> None:
    if not opinion.summary.strip() or not opinion.category:
        raise _refuse("opinion_not_summarised")


def opinion_report(*, opinion: Opinion, actor: User) -> Opinion:
    """A point sends its record up to the station (D§31)."""
    _require(may_report(actor, opinion))
    with transaction.atomic():
        opinion = _locked(opinion)
        source, target = _move(opinion, "report")
        opinion.status, opinion.reported_at = target, timezone.now()
        opinion.save(update_fields=["status", "reported_at"])
        Event.objects.create(
            opinion=opinion, actor=actor, action="report", from_status=source, to_status=target
        )
    return opinion


def opinion_classify(
    *, opinion: Opinion, summary: str, category: str, actor: User, is_secret: bool = False
) -> Opinion:
    """The station's summary and category (D§31 汇总、梳理、分类); the summary is what the
    public board shows, so it is written for publication. Secret matters stay off it (D§35)."""
    _require(
        may_handle(actor, opinion)
        or (opinion.status == Opinion.Status.REGISTERED and may_report(actor, opinion))
    )
    with transaction.atomic():
        opinion = _locked(opinion)
        if opinion.status not in workflow.CLASSIFIABLE:
            raise _refuse("wrong_status")
        if opinion.status in workflow.PUBLIC and not summary.strip():
            raise _refuse("opinion_not_summarised")
        opinion.summary, opinion.category, opinion.is_secret = summary.strip(), category, is_secret
        opinion.save(update_fields=["summary", "category", "is_secret"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="classify",
            note=f"{opinion.get_category_display()}{' · secret' if is_secret else ''}",
        )
    return opinion


def opinion_forward(
    *,
    opinion: Opinion,
    body_name: str,
    actor: User,
    unit: Organisation | None = None,
    note: str = "",
    forwarded_on: dt.date | None = None,
) -> Forwarding:
    """Send the matter to the unit or body that can act; its answer is due by the committee's
    period (policy_rule("station_forward")). A matter sent on elsewhere closes the former."""
    _require(may_handle(actor, opinion))
    forwarded_on = forwarded_on or timezone.localdate()
    _check_not_future(forwarded_on)
    with transaction.atomic():
        opinion = _locked(opinion)
        if opinion.point_id and opinion.status == Opinion.Status.REGISTERED:
            raise _refuse("point_reports_to_station")
        source, target = _move(opinion, "forward")
        _check_summarised(opinion)
        Forwarding.objects.filter(opinion=opinion, outcome=Forwarding.Outcome.OPEN).update(
            outcome=Forwarding.Outcome.REDIRECTED, closed_on=forwarded_on
        )
        due = deadline(policy_rule("station_forward"), forwarded_on)
        forwarding = Forwarding.objects.create(
            opinion=opinion,
            body_name=(body_name.strip() or (unit.name if unit else "")),
            unit=unit,
            note=note.strip(),
            forwarded_on=forwarded_on,
            reply_due=due.due,
            reply_due_provisional=due.provisional,
            forwarded_by=actor,
        )
        opinion.status = target
        opinion.save(update_fields=["status"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="forward",
            from_status=source,
            to_status=target,
            note=forwarding.body_name,
        )
    return forwarding


def opinion_answer(
    *, opinion: Opinion, answer: str, actor: User, answered_on: dt.date | None = None
) -> Opinion:
    """Record how the matter was handled; it is published unless secret (D§35), the visitor
    sees it by the tracking code and the deputies who received it are told."""
    _require(may_handle(actor, opinion))
    answered_on = answered_on or timezone.localdate()
    _check_not_future(answered_on)
    if not answer.strip():
        raise _refuse("answer_missing", status=400)
    with transaction.atomic():
        opinion = _locked(opinion)
        if opinion.point_id and opinion.status == Opinion.Status.REGISTERED:
            raise _refuse("point_reports_to_station")
        source, target = _move(opinion, "answer")
        _check_summarised(opinion)
        Forwarding.objects.filter(opinion=opinion, outcome=Forwarding.Outcome.OPEN).update(
            outcome=Forwarding.Outcome.ANSWERED, closed_on=answered_on
        )
        opinion.status, opinion.answer, opinion.answered_on = target, answer.strip(), answered_on
        opinion.save(update_fields=["status", "answer", "answered_on"])
        Event.objects.create(
            opinion=opinion, actor=actor, action="answer", from_status=source, to_status=target
        )
        _tell_deputies_of_answer(opinion)
    return opinion


def _tell_deputies_of_answer(opinion: Opinion) -> None:
    """D§35: the deputies who received the matter, or to whom it was sent, hear the answer."""
    deputies = list(opinion.received_by.select_related("user"))
    if opinion.deputy is not None and opinion.deputy not in deputies:
        deputies.append(opinion.deputy)
    recipients = _users_of(deputies)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Answered: %(summary)s") % {"summary": opinion.summary[:60]}
        body = opinion.answer
    notify(
        recipients=recipients,
        kind="station_opinion_answered",
        subject=subject,
        body=body,
        link=reverse("stations:opinion", args=[opinion.pk]),
        dedupe_key=f"opinion:{opinion.pk}:answered",
    )


def opinion_feedback(
    *, opinion: Opinion, way: str, actor: User, fed_back_on: dt.date | None = None, note: str = ""
) -> Opinion:
    """The station told the visitor the outcome (D§35 及时、主动向…群众反馈)."""
    _require(may_handle(actor, opinion))
    fed_back_on = fed_back_on or timezone.localdate()
    _check_not_future(fed_back_on)
    with transaction.atomic():
        opinion = _locked(opinion)
        source, target = _move(opinion, "feedback")
        opinion.status, opinion.feedback_on, opinion.feedback_way = target, fed_back_on, way
        opinion.save(update_fields=["status", "feedback_on", "feedback_way"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="feedback",
            from_status=source,
            to_status=target,
            note=note.strip(),
        )
    return opinion


def opinion_dismiss(*, opinion: Opinion, reason: str, actor: User) -> Opinion:
    """Not a matter for the station (abuse, a duplicate, nothing raised): kept, not handled."""
    _require(may_handle(actor, opinion) or may_report(actor, opinion))
    if not reason.strip():
        raise _refuse("reason_missing", status=400)
    with transaction.atomic():
        opinion = _locked(opinion)
        source, target = _move(opinion, "dismiss")
        opinion.status, opinion.dismissal_reason = target, reason.strip()
        opinion.save(update_fields=["status", "dismissal_reason"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="dismiss",
            from_status=source,
            to_status=target,
            note=reason.strip(),
        )
    return opinion


# --- A deputy's suggestion from a constituent's matter ----------------------------------------

# The station's categories and the subject areas suggestions are routed by.
SUBJECT_AREAS = {
    "urban_construction": "城乡建设",
    "transport": "交通运输",
    "education": "教育",
    "health": "卫生健康",
    "social_security": "社会保障",
    "employment": "社会保障",
    "environment": "生态环境",
    "agriculture": "农业农村",
    "economy": "经济发展",
    "public_safety": "应急管理",
    "law": "政法",
    "government": "民政",
}


def subject_area_for(category: str) -> SubjectArea | None:
    """The subject area a station category most likely belongs to; the deputy may change it."""
    name = SUBJECT_AREAS.get(category, "其他")
    return SubjectArea.objects.filter(name=name).first() or SubjectArea.objects.order_by("sort_order").first()


def suggestion_text_for(opinion: Opinion) -> tuple[str, str]:
    """The draft's title and body: the matter as raised, its source, and no personal data
    (a suggestion's text may be published, S§33)."""
    personal = [opinion.visitor_name, opinion.visitor_contact, opinion.visitor_address]
    title = redact(opinion.summary or opinion.matter, personal).strip().splitlines()[0][:80]
    return title, f"{redact(opinion.matter, personal)}\n\n{_origin(opinion)}"


def _origin(opinion: Opinion) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        source = opinion.venue.name if opinion.venue else _("online")
        return _("Raised by a constituent at %(source)s on %(date)s (tracking code %(code)s).") % {
            "source": source,
            "date": opinion.received_on.isoformat(),
            "code": opinion.tracking_code,
        }


def opinion_to_suggestion(
    *,
    opinion: Opinion,
    actor: User,
    title: str = "",
    body: str = "",
    subject_area: SubjectArea | None = None,
) -> Suggestion:
    """A deputy who received the matter, or to whom it was sent, turns it into a suggestion
    in one step: a draft prefilled from the matter and linked to it, which they then edit and
    submit (D§20(4); S§13)."""
    deputy: Deputy | None = getattr(actor, "deputy", None)
    if deputy is None or not (
        opinion.deputy_id == deputy.pk or opinion.received_by.filter(pk=deputy.pk).exists()
    ):
        raise _refuse("not_your_opinion", status=403)
    with transaction.atomic():
        opinion = _locked(opinion)
        if opinion.status not in workflow.SUGGESTIBLE:
            raise _refuse("wrong_status")
        if opinion.suggestion_id:
            raise _refuse("already_suggested")
        default_title, default_body = suggestion_text_for(opinion)
        area = subject_area or subject_area_for(opinion.category)
        if area is None:
            raise _refuse("no_subject_area")
        suggestion = suggestion_create_draft(
            lead_deputy=deputy,
            title=title.strip() or default_title,
            body=body.strip() or default_body,
            subject_area=area,
            actor=actor,
            note=_origin(opinion),
        )
        opinion.suggestion = suggestion
        opinion.save(update_fields=["suggestion"])
        Event.objects.create(opinion=opinion, actor=actor, action="to_suggestion", note=str(suggestion.pk))
    return suggestion


# --- Stored deadlines ---------------------------------------------------------------------


def recompute_forwarding_deadlines(years: frozenset[int]) -> list[MovedDeadline]:
    """A new year on the calendar: open forwardings whose due date was provisional are
    counted again (registered in apps.py with congress.deadlines.recompute)."""
    moved: list[MovedDeadline] = []
    rule = policy_rule("station_forward")
    open_provisional = Forwarding.objects.select_related("opinion__station").filter(
        outcome=Forwarding.Outcome.OPEN, reply_due_provisional=True
    )
    for forwarding in open_provisional:
        if not any(forwarding.forwarded_on.year <= y <= forwarding.reply_due.year for y in years):
            continue
        due = deadline(rule, forwarding.forwarded_on)
        old = forwarding.reply_due
        forwarding.reply_due, forwarding.reply_due_provisional = due.due, due.provisional
        forwarding.save(update_fields=["reply_due", "reply_due_provisional"])
        if old != due.due:
            station = forwarding.opinion.station
            moved.append(
                MovedDeadline(
                    label=f"{forwarding.opinion.tracking_code} · {forwarding.body_name}",
                    old_due=old,
                    new_due=due.due,
                    link=reverse("stations:opinion", args=[forwarding.opinion_id]),
                    recipients=list(station.staff.all()) if station else [],
                )
            )
    return moved
