"""D§41: the SC organises collective study at least once a year; each deputy attends at least
once a term (组织集体学习每年不少于一次. 代表每届参加集体学习不少于一次)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, QuerySet

from congress.models import Congress
from deputies.models import Deputy, Training, TrainingInvitation
from deputies.workflow import TRAINING

HELD = sorted(TRAINING.action("hold").targets)


def collective_held(congress: Congress) -> QuerySet[Training]:
    return Training.objects.filter(congress=congress, kind=Training.Kind.COLLECTIVE, status__in=HELD)


def deputies_without_training(congress: Congress) -> QuerySet[Deputy]:
    """Deputies in office this term who attended no collective study yet."""
    attended = TrainingInvitation.objects.filter(
        deputy_id=OuterRef("pk"), attended=True, training__in=collective_held(congress)
    )
    return (
        Deputy.objects.filter(congress=congress, status=Deputy.Status.ACTIVE)
        .exclude(Exists(attended))
        .select_related("delegation")
        .order_by("delegation__sort_order", "name")
    )


def yearly_check(congress: Congress, today: dt.date) -> list[tuple[int, int]]:
    """Each year of the term so far, and how many collective studies the SC held in it."""
    held = dict(
        collective_held(congress)
        .values_list("date__year")
        .annotate(n=Count("pk"))
        .values_list("date__year", "n")
    )
    last = min(today.year, congress.ends.year)
    return [(year, held.get(year, 0)) for year in range(congress.starts.year, last + 1)]
