"""Reads of the liaison stations: what each user may see, the public board, the reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import BEIJING, Deadline
from congress.deadlines.statutory import policy_rule
from congress.models import Congress
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models import Attachment, Forwarding, Opinion, Reception, Station
from liaison_stations.permissions import is_overseer, own_station_ids, run_station_ids
from liaison_stations.rules import month_bounds, months_due, reception_minimum, redact

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# --- Who sees what ------------------------------------------------------------------------


def stations_run_by(user: Any) -> QuerySet[Station]:
    qs = Station.objects.select_related("parent")
    if is_overseer(user):
        return qs
    return qs.filter(id__in=run_station_ids(user))


def opinions_visible_to(user: Any) -> QuerySet[Opinion]:
    """Committee staff: all. Station staff: their stations' and points'. Deputies: what they
    received or were sent. Anyone else: nothing."""
    qs = Opinion.objects.select_related("station", "point", "deputy")
    if is_overseer(user):
        return qs
    scope = Q(pk__in=[])
    ids = run_station_ids(user)
    if ids:
        own = own_station_ids(user)
        scope |= Q(station_id__in=own) | Q(point_id__in=ids)
    deputy = getattr(user, "deputy", None)
    if deputy is not None:
        received = Opinion.received_by.through.objects.filter(opinion_id=OuterRef("pk"), deputy_id=deputy.pk)
        scope |= Q(deputy_id=deputy.pk) | Q(Exists(received))
    return qs.filter(scope)


def receptions_visible_to(user: Any) -> QuerySet[Reception]:
    qs = Reception.objects.select_related("station", "point")
    if is_overseer(user):
        return qs
    scope = Q(pk__in=[])
    ids = run_station_ids(user)
    if ids:
        scope |= Q(station_id__in=ids) | Q(point_id__in=ids)
    deputy = getattr(user, "deputy", None)
    if deputy is not None:
        present = Reception.deputies.through.objects.filter(reception_id=OuterRef("pk"), deputy_id=deputy.pk)
        scope |= Q(Exists(present))
    return qs.filter(scope)


def opinions_overdue(qs: QuerySet[Opinion], overdue: bool = True) -> QuerySet[Opinion]:
    """Those whose forwarded matter is past its answer date (or, with False, the others)."""
    late = Forwarding.objects.filter(
        opinion_id=OuterRef("pk"), outcome=Forwarding.Outcome.OPEN, reply_due__lt=timezone.localdate()
    )
    return qs.filter(Exists(late)) if overdue else qs.exclude(Exists(late))


def opinions_matching(qs: QuerySet[Opinion], text: str) -> QuerySet[Opinion]:
    text = text.strip()
    return qs.filter(
        Q(summary__icontains=text)
        | Q(matter__icontains=text)
        | Q(visitor_name__icontains=text)
        | Q(tracking_code=normalise_tracking_code(text))
    )


def normalise_tracking_code(text: str) -> str:
    """'k7qh-3mzp x2ab' → 'K7QH3MZPX2AB': the code as stored, however it was typed."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def forwarded_by_due(visible: QuerySet[Opinion]) -> list[Opinion]:
    """Forwarded matters, the soonest answer due first (reads the open forwardings' index)."""
    forwardings = (
        Forwarding.objects.filter(outcome=Forwarding.Outcome.OPEN, opinion__in=visible.values("pk"))
        .select_related("opinion__station", "opinion__point", "opinion__deputy")
        .order_by("reply_due", "id")
    )
    opinions = []
    for forwarding in forwardings[:10]:
        opinion = forwarding.opinion
        opinion.open_forwardings = [forwarding]  # type: ignore[attr-defined]
        opinions.append(opinion)
    return opinions


def visitor_counts(reception_ids: list[int]) -> dict[int, int]:
    """Registrations per reception, for the receptions given."""
    rows = (
        Opinion.objects.filter(reception_id__in=reception_ids)
        .values_list("reception_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def open_forwarding(opinion: Opinion) -> Forwarding | None:
    return next((f for f in opinion.forwardings.all() if f.is_open), None)


def forwarding_deadline(forwarding: Forwarding) -> Deadline:
    """The stored due date with its explanation (computed again only for the words)."""
    return deadline(policy_rule("station_forward"), forwarding.forwarded_on)


def with_open_forwarding(qs: QuerySet[Opinion]) -> QuerySet[Opinion]:
    return qs.prefetch_related(
        Prefetch(
            "forwardings",
            queryset=Forwarding.objects.filter(outcome=Forwarding.Outcome.OPEN),
            to_attr="open_forwardings",
        )
    )


# --- For the sweep (reminders, issue 6) ----------------------------------------------------


def forwardings_due_between(first: dt.date, last: dt.date) -> QuerySet[Forwarding]:
    """Open forwardings whose answer is due from `first` to `last`, both included."""
    return (
        Forwarding.objects.filter(outcome=Forwarding.Outcome.OPEN, reply_due__gte=first, reply_due__lte=last)
        .select_related("opinion__station", "unit")
        .order_by("reply_due", "id")
    )


# What the month's reception is (D§31: 每月至少安排代表接待群众一次，时间不少于半个工作日): the one
# definition behind the missing-months report, the desk, the sweep's reminder and a reception's
# page. Deputies receive the public: at least one deputy present, of this congress (`deputies`)
# or of another, named (`other_deputies`); for at least half a working day (rules.reception_minimum).
# Regular receptions are held to that length when scheduled; a shorter thematic one is lawful
# (rules.reception_times_problem) but is not the month's. Receptions at a station's points count
# for the station.
HELD = sorted(workflow.RECEPTION.action("hold").targets)


def monthly_receptions(statuses: Iterable[str] = HELD) -> QuerySet[Reception]:
    """Receptions in `statuses` (by default: held) that count as a station's monthly reception."""
    present = Reception.deputies.through.objects.filter(reception_id=OuterRef("pk"))
    length = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
    return (
        Reception.objects.filter(status__in=sorted(statuses))
        .filter(Q(Exists(present)) | ~Q(other_deputies=""))
        .alias(length=length)
        .filter(length__gte=reception_minimum())
    )


def counts_for_the_month(reception: Reception) -> bool:
    """Whether this reception, held (or, while scheduled, once held), is its month's (D§31)."""
    statuses = {*HELD, *workflow.RECEPTION.open_statuses}
    return monthly_receptions(statuses).filter(pk=reception.pk).exists()


def station_months_without_reception(
    year: int, month: int, today: dt.date | None = None
) -> QuerySet[Station]:
    """Active stations with no monthly reception in the month (D§31: at least one a month).

    A month that is over counts only receptions held; in a month still running (or to come)
    one scheduled is enough for now. Stations opened after the month are not asked.
    """
    today = today or timezone.localdate()
    first, following = month_bounds(year, month)
    statuses = set(HELD)
    if following > today:
        statuses |= workflow.RECEPTION.open_statuses  # still to be held
    start, end = _aware(first), _aware(following)
    receptions = monthly_receptions(statuses).filter(
        station_id=OuterRef("pk"), starts_at__gte=start, starts_at__lt=end
    )
    return (
        Station.objects.filter(kind=Station.Kind.STATION, is_active=True)
        .filter(Q(established_on__isnull=True) | Q(established_on__lt=following))
        .exclude(Exists(receptions))
        .order_by("city", "county", "name")
    )


def _aware(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), BEIJING)


# --- Reports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingMonths:
    station: Station
    months: list[int]  # months over and without a monthly reception held
    held: int  # monthly receptions held in the year


def missing_months_report(
    year: int, today: dt.date | None = None, stations: QuerySet[Station] | None = None
) -> list[MissingMonths]:
    """Every station with a month of `year` gone by without a monthly reception held (D§31).

    Two queries whatever the number of stations: the stations, and the (station, month)
    pairs that had a reception.
    """
    today = today or timezone.localdate()
    stations = stations if stations is not None else Station.objects.all()
    stations = stations.filter(kind=Station.Kind.STATION, is_active=True).order_by("city", "county", "name")
    held: dict[int, set[int]] = {}
    counts: dict[int, int] = {}
    rows = (
        monthly_receptions()
        .filter(
            starts_at__gte=_aware(dt.date(year, 1, 1)),
            starts_at__lt=_aware(dt.date(year + 1, 1, 1)),
        )
        .annotate(month=ExtractMonth("starts_at"))
        .values_list("station_id", "month")
        .annotate(n=Count("id"))
    )
    for station_id, month, n in rows:
        held.setdefault(station_id, set()).add(month)
        counts[station_id] = counts.get(station_id, 0) + n
    report = []
    for station in stations:
        due = months_due(year, today, station.established_on)
        missing = [m for m in due if m not in held.get(station.pk, set())]
        if missing:
            report.append(MissingMonths(station, missing, counts.get(station.pk, 0)))
    return report


class Attendance(TypedDict):
    activities: int  # receptions held in the year with the deputy present
    stations_count: int | None  # stations and points the deputy is attached to


def attendance_report(
    year: int,
    congress: Congress | None = None,
    *,
    none_only: bool = False,
    stations: QuerySet[Station] | None = None,
) -> QuerySet[WithAnnotations[Deputy, Attendance]]:
    """D§21: each deputy takes part in a station activity at least once a year.

    Active deputies of the term, each with the receptions held that year at which they were
    present (`activities`) and the number of stations they are attached to (`stations_count`);
    with `none_only`, those with no activity; with `stations`, the deputies attached to them.
    """
    congress = congress or Congress.objects.order_by("-number").first()
    start, end = _aware(dt.date(year, 1, 1)), _aware(dt.date(year + 1, 1, 1))
    in_year = Q(
        receptions__status__in=HELD,
        receptions__starts_at__gte=start,
        receptions__starts_at__lt=end,
    )
    attached = (
        Attachment.objects.filter(deputy_id=OuterRef("pk"))
        .values("deputy_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    deputies = Deputy.objects.filter(congress=congress, status=Deputy.Status.ACTIVE)
    if stations is not None:
        deputies = deputies.filter(
            Exists(Attachment.objects.filter(deputy_id=OuterRef("pk"), station__in=stations.values("pk")))
        )
    deputies = (
        deputies.select_related("delegation")
        .annotate(activities=Count("receptions", filter=in_year, distinct=True), stations_count=attached)
        .order_by("activities", "delegation__sort_order", "id")
    )
    return deputies.filter(activities=0) if none_only else deputies


def deputy_activities(deputy: Deputy, year: int) -> QuerySet[Reception]:
    start, end = _aware(dt.date(year, 1, 1)), _aware(dt.date(year + 1, 1, 1))
    return (
        deputy.receptions.filter(status__in=HELD, starts_at__gte=start, starts_at__lt=end)
        .select_related("station", "point")
        .order_by("starts_at")
    )


# --- The public board (D§30(3), D§35) ---------------------------------------------------


@dataclass(frozen=True)
class PublicMatter:
    """A matter as the public sees it: the station's summary and how it was handled, with the
    visitor's personal data taken out. Built here so a page or the API cannot leak a field."""

    id: int
    station: str
    category: str
    status: str
    status_label: str
    received_on: dt.date
    summary: str
    answer: str
    answered_on: dt.date | None


PUBLIC_FIELDS = [
    "id", "station__name", "point__name", "category", "status", "received_on", "summary", "answer",
    "answered_on", "visitor_name", "visitor_contact", "visitor_address",
]  # fmt: skip


def published_matters(station: Station) -> QuerySet[Opinion, dict[str, Any]]:
    """Matters raised at a station (with its points) or at one point, on the public board."""
    field = "point" if station.is_point else "station"
    return (
        Opinion.objects.filter(**{field: station}, status__in=workflow.PUBLIC, is_secret=False)
        .order_by("-received_on", "-id")
        .values(*PUBLIC_FIELDS)
    )


def public_matter(row: dict[str, Any]) -> PublicMatter:
    personal = [row["visitor_name"], row["visitor_contact"], row["visitor_address"]]
    answered = row["status"] in workflow.WITH_ANSWER
    return PublicMatter(
        id=row["id"],
        station=row["point__name"] or row["station__name"],
        category=str(workflow.Category(row["category"]).label) if row["category"] else "",
        status=row["status"],
        status_label=str(workflow.OpinionStatus(row["status"]).label),
        received_on=row["received_on"],
        summary=redact(row["summary"], personal),
        answer=redact(row["answer"], personal) if answered else "",
        answered_on=row["answered_on"] if answered else None,
    )


def public_stations() -> QuerySet[Station]:
    return (
        Station.objects.filter(is_active=True)
        .select_related("parent")
        .order_by("city", "county", "kind", "name")
    )


def public_station(pk: int) -> Station:
    """One station with what its public page shows (D§30(3)), in a fixed number of queries."""
    now = timezone.now()
    upcoming = (
        Reception.objects.filter(status=Reception.Status.SCHEDULED, ends_at__gte=now)
        .order_by("starts_at")
        .prefetch_related(Prefetch("deputies", queryset=Deputy.objects.only("id", "name")))
    )
    return (
        Station.objects.filter(is_active=True)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("deputy__delegation")
                .filter(deputy__status=Deputy.Status.ACTIVE)
                .order_by("deputy__name"),
            ),
            "officers",
            Prefetch("points", queryset=Station.objects.filter(is_active=True).order_by("name")),
            Prefetch("receptions", queryset=upcoming, to_attr="upcoming_receptions"),
            Prefetch("point_receptions", queryset=upcoming, to_attr="upcoming_point_receptions"),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Tracking:
    """What the sender of an opinion sees by the tracking code: never their own data."""

    code: str
    status: str
    status_label: str
    addressed_to: str
    received_on: dt.date
    forwarded_to: str
    answer: str
    answered_on: dt.date | None
    feedback_on: dt.date | None


def tracking(code: str) -> Tracking | None:
    opinion = (
        Opinion.objects.select_related("station", "point", "deputy")
        .prefetch_related("forwardings")
        .filter(tracking_code=code)
        .first()
    )
    if opinion is None:
        return None
    forwardings = sorted(opinion.forwardings.all(), key=lambda f: (f.forwarded_on, f.pk))
    answered = opinion.status in workflow.WITH_ANSWER
    venue = opinion.venue
    personal = [opinion.visitor_name, opinion.visitor_contact, opinion.visitor_address]
    return Tracking(
        code=opinion.tracking_code,
        status=opinion.status,
        status_label=str(opinion.get_status_display()),
        addressed_to=opinion.deputy.name if opinion.deputy else (venue.name if venue else ""),
        received_on=opinion.received_on,
        forwarded_to=forwardings[-1].body_name if forwardings else "",
        answer=redact(opinion.answer, personal) if answered else "",
        answered_on=opinion.answered_on if answered else None,
        feedback_on=opinion.feedback_on,
    )
