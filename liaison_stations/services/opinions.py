"""Opinions: registered at a station or point (D§34) or sent online (D§37), then handled by the
station: sent up from a point, summarised and classified, forwarded, answered, the visitor told,
or set aside (D§31, D§35)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.recompute import MovedDeadline
from congress.deadlines.statutory import policy_rule
from congress.models import Organisation, User
from deputies.models import Deputy
from liaison_stations import abuse, notices
from liaison_stations.abuse import Sender
from liaison_stations.models import Attachment, Event, Forwarding, Opinion, Reception, Station
from liaison_stations.services.receptions import locked_reception
from liaison_stations.services.stations import require_active, require_runs
from liaison_stations.workflow import OPINION, PUBLIC, RECEPTION, initial_status, refusal


def _require_not_future(day: dt.date) -> None:
    if day > timezone.localdate():
        raise refusal("date_in_future", status=400)


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
    require_runs(actor, venue)
    if not venue.is_active:
        raise refusal("station_inactive")
    received_on = received_on or timezone.localdate()
    _require_not_future(received_on)
    require_active(received_by)
    with transaction.atomic():
        if reception is not None:
            RECEPTION.require("register", locked_reception(reception), actor)
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
                status=initial_status(at_point=venue.is_point, online=False),
                created_by=actor,
            )
        )
        opinion.received_by.set(received_by)
        Event.objects.create(opinion=opinion, actor=actor, action="register", to_status=opinion.status)
    return opinion


def opinion_submit_online(
    *,
    sender: Sender,
    name: str,
    contact: str,
    matter: str,
    station: Station | None = None,
    deputy: Deputy | None = None,
) -> Opinion:
    """The public form and API (D§37): to a station or point, or to one deputy (代表码), one of
    the two; the sender answered the check question and is within the hour's limits, counted
    only once the opinion is accepted (liaison_stations.abuse)."""
    if (station is None) == (deputy is None):
        raise refusal("one_addressee", status=400)
    if deputy is not None:
        require_active([deputy])
        station = _deputy_home_station(deputy)
    if station is not None and not station.is_active:
        raise refusal("station_inactive")
    with transaction.atomic():
        abuse.admit(sender, contact)
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
                status=initial_status(at_point=bool(station and station.is_point), online=True),
            )
        )
        Event.objects.create(opinion=opinion, action="submit_online", to_status=opinion.status)
        notices.opinion_sent_online(opinion)
    return opinion


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


def locked_opinion(opinion: Opinion) -> Opinion:
    # Only the opinion's row: its station and point are read, not changed (and PostgreSQL
    # locks no row on the nullable side of an outer join).
    return (
        Opinion.objects.select_for_update(of=("self",)).select_related("station", "point").get(pk=opinion.pk)
    )


def opinion_report(*, opinion: Opinion, actor: User) -> Opinion:
    """A point sends its record up to the station (D§31)."""
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        step = OPINION.require("report", opinion, actor)
        opinion.status, opinion.reported_at = step.target, timezone.now()
        opinion.save(update_fields=["status", "reported_at"])
        Event.objects.create(
            opinion=opinion, actor=actor, action="report", from_status=step.source, to_status=step.target
        )
    return opinion


def opinion_classify(
    *, opinion: Opinion, summary: str, category: str, actor: User, is_secret: bool = False
) -> Opinion:
    """The station's summary and category (D§31 汇总、梳理、分类); the summary is what the
    public board shows, so it is written for publication. Secret matters stay off it (D§35)."""
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        OPINION.require("classify", opinion, actor)
        # A matter on the public board keeps a summary: the board shows nothing else of it.
        if opinion.status in PUBLIC and not summary.strip():
            raise refusal("opinion_not_summarised")
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
    """Send the matter to the unit or body that can act, named or chosen among the portal's
    organisations (D§31 转办); its answer is due by the committee's period
    (policy_rule("station_forward")). A matter sent on elsewhere closes the former forwarding;
    sent again to the body that has it, it is a double submit and is refused."""
    forwarded_on = forwarded_on or timezone.localdate()
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        step = OPINION.require("forward", opinion, actor)
        body_name = body_name.strip() or (unit.name if unit else "")
        if not body_name:
            raise refusal("body_missing", status=400)
        _require_not_future(forwarded_on)
        current = Forwarding.objects.filter(opinion=opinion, outcome=Forwarding.Outcome.OPEN).first()
        if current is not None:
            if same_body(current, body_name, unit):
                raise refusal("already_forwarded", body=current.body_name)
            current.outcome, current.closed_on = Forwarding.Outcome.REDIRECTED, forwarded_on
            current.save(update_fields=["outcome", "closed_on"])
        due = deadline(policy_rule("station_forward"), forwarded_on)
        forwarding = Forwarding.objects.create(
            opinion=opinion,
            body_name=body_name,
            unit=unit,
            note=note.strip(),
            forwarded_on=forwarded_on,
            reply_due=due.due,
            reply_due_provisional=due.provisional,
            forwarded_by=actor,
        )
        opinion.status = step.target
        opinion.save(update_fields=["status"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="forward",
            from_status=step.source,
            to_status=step.target,
            note=forwarding.body_name,
        )
    return forwarding


def same_body(forwarding: Forwarding, body_name: str, unit: Organisation | None) -> bool:
    """Whether a forwarding goes where the matter already is: the same organisation, or the
    same name however it was spaced or cased (a double click, a client's retry)."""
    if unit is not None and forwarding.unit_id is not None:
        return forwarding.unit_id == unit.pk
    return _folded(forwarding.body_name) in {_folded(body_name), _folded(unit.name if unit else "")}


def _folded(name: str) -> str:
    return "".join(name.split()).casefold()


def opinion_answer(
    *, opinion: Opinion, answer: str, actor: User, answered_on: dt.date | None = None
) -> Opinion:
    """Record how the matter was handled; it is published unless secret (D§35), the visitor
    sees it by the tracking code and the deputies who received it are told."""
    answered_on = answered_on or timezone.localdate()
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        step = OPINION.require("answer", opinion, actor)
        if not answer.strip():
            raise refusal("answer_missing", status=400)
        _require_not_future(answered_on)
        Forwarding.objects.filter(opinion=opinion, outcome=Forwarding.Outcome.OPEN).update(
            outcome=Forwarding.Outcome.ANSWERED, closed_on=answered_on
        )
        opinion.status, opinion.answer, opinion.answered_on = step.target, answer.strip(), answered_on
        opinion.save(update_fields=["status", "answer", "answered_on"])
        Event.objects.create(
            opinion=opinion, actor=actor, action="answer", from_status=step.source, to_status=step.target
        )
        notices.opinion_answered(opinion)
    return opinion


def opinion_feedback(
    *, opinion: Opinion, way: str, actor: User, fed_back_on: dt.date | None = None, note: str = ""
) -> Opinion:
    """The station told the visitor the outcome (D§35 及时、主动向…群众反馈)."""
    fed_back_on = fed_back_on or timezone.localdate()
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        step = OPINION.require("feedback", opinion, actor)
        _require_not_future(fed_back_on)
        opinion.status, opinion.feedback_on, opinion.feedback_way = step.target, fed_back_on, way
        opinion.save(update_fields=["status", "feedback_on", "feedback_way"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="feedback",
            from_status=step.source,
            to_status=step.target,
            note=note.strip(),
        )
    return opinion


def opinion_dismiss(*, opinion: Opinion, reason: str, actor: User) -> Opinion:
    """Not a matter for the station (abuse, a duplicate, nothing raised): kept, not handled."""
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        step = OPINION.require("dismiss", opinion, actor)
        if not reason.strip():
            raise refusal("reason_missing", status=400)
        opinion.status, opinion.dismissal_reason = step.target, reason.strip()
        opinion.save(update_fields=["status", "dismissal_reason"])
        Event.objects.create(
            opinion=opinion,
            actor=actor,
            action="dismiss",
            from_status=step.source,
            to_status=step.target,
            note=reason.strip(),
        )
    return opinion


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
