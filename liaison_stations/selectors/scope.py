"""Reads of the liaison stations' working pages: what each user may see, the opinions and
forwardings they work on, and the forwardings the sweep reminds of."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import Deadline
from congress.deadlines.statutory import policy_rule
from liaison_stations.models import Forwarding, Opinion, Reception, Station
from liaison_stations.permissions import is_overseer, own_station_ids, run_station_ids

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
