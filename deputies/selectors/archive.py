"""The performance archive (D§43): computed, never typed, from what the portal holds.

Each category is one query over its own records, answering facts (deputy, year, key): the
suggestions and motions a deputy filed and co-signed (D§3(2)(3)), the interpellations, recall
motions and investigation proposals led or co-signed (D§14–D§16),
receptions at liaison stations (D§21), inspections and research (D§22, D§23), trainings
(D§41), sessions attended, leave approved and sittings missed without it (D§8). The counts are
the distinct keys, per year and per term, so nothing is counted twice:
- suggestions (and motions) merged into one are one matter (S§15, M§18): its key is the one it
  was merged into, and a deputy who filed any of them counts it as filed, not co-signed;
- a session attended counts once however many sittings the deputy was present at.

Eleven queries for one deputy or for all 552, however many records: the page, the API and the
yearly export read the same function.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.cosigning import InvitationStatus
from congress.deadlines.periods import BEIJING
from congress.models import Congress
from deputies.models import Attendance, Inspection, Leave, TrainingInvitation
from deputies.selectors.attendance import unexcused
from deputies.workflow import INSPECTION_TOOK_PLACE, TRAINING
from liaison_stations.models import Reception
from liaison_stations.workflow import RECEPTION
from motions.models import (
    CoSignature,
    Interpellation,
    InterpellationSigner,
    InvestigationProposal,
    InvestigationSigner,
    Motion,
    Recall,
    RecallSigner,
)
from suggestions.models import CoSigner, Suggestion
from suggestions.workflow import CoSignerStatus

# The fields of `GET deputies/<id>/archive/` (WORKFLOWS.md §7), in the order pages show them.
CATEGORIES: dict[str, Promise] = {
    "suggestions_filed": _("Suggestions filed"),
    "suggestions_cosigned": _("Suggestions co-signed"),
    "motions_filed": _("Motions filed"),
    "motions_cosigned": _("Motions co-signed"),
    "interpellations": _("Interpellations"),
    "recalls": _("Recall motions"),
    "investigation_proposals": _("Investigation committee proposals"),
    "receptions": _("Receptions at liaison stations"),
    "inspections": _("Inspections and research"),
    "trainings": _("Trainings attended"),
    "sessions_attended": _("Sessions attended"),
    "leaves": _("Leave approved"),
    "absences": _("Sittings missed without approved leave"),
}
# A filed matter is not also counted as co-signed (see above).
FILED_FIRST = {"suggestions_cosigned": "suggestions_filed", "motions_cosigned": "motions_filed"}
# Merges are followed this many levels up: a merged suggestion's target merged again, and again.
MERGE_DEPTH = 3

# The joint instruments (D§14–D§16): category, model, its invitations, the item's field on them.
INSTRUMENTS: list[tuple[str, Any, Any, str]] = [
    ("interpellations", Interpellation, InterpellationSigner, "interpellation"),
    ("recalls", Recall, RecallSigner, "recall"),
    ("investigation_proposals", InvestigationProposal, InvestigationSigner, "proposal"),
]

HELD_RECEPTION = sorted(RECEPTION.action("hold").targets)
HELD_TRAINING = sorted(TRAINING.action("hold").targets)


@dataclass(frozen=True)
class Span:
    """A year of the term, or the whole term (year None)."""

    congress: Congress
    year: int | None = None

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 1, 1) if self.year else self.congress.starts

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, 12, 31) if self.year else self.congress.ends

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) in Beijing time: a filing at 23:30 on 31 December is of that year."""
        end = self.last + dt.timedelta(days=1)
        return dt.datetime.combine(self.first, dt.time(0), BEIJING), dt.datetime.combine(
            end, dt.time(0), BEIJING
        )

    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year + 1))


def matter(prefix: str = "") -> Coalesce:
    """The suggestion or motion a record was merged into, up to MERGE_DEPTH levels; itself when
    it was not merged."""
    levels = [f"{prefix}{'merged_into__' * depth}id" for depth in range(MERGE_DEPTH, -1, -1)]
    return Coalesce(*(F(level) for level in levels))


Fact = tuple[int, int, Any]  # (deputy id, year, key)


def _facts(rows: QuerySet[Any], deputy: str, when: str, key: Any) -> list[Fact]:
    return list(rows.values_list(deputy, ExtractYear(when), key))


def facts(span: Span, deputy_ids: Iterable[int] | None = None) -> dict[str, list[Fact]]:
    """Every category's facts for these deputies (all of the term's when None)."""
    start, end = span.moments()
    ids = None if deputy_ids is None else list(deputy_ids)

    def scoped(rows: QuerySet[Any], name: str) -> QuerySet[Any]:
        if ids is None:
            return rows.filter(**{f"{name}__congress": span.congress})
        return rows.filter(**{f"{name}_id__in": ids})

    in_days = {"__gte": span.first, "__lte": span.last}

    def on(path: str) -> dict[str, dt.date]:
        return {f"{path}{lookup}": day for lookup, day in in_days.items()}

    sittings = scoped(Attendance.objects.all(), "deputy").filter(**on("sitting__date"))

    def instrument_facts() -> dict[str, list[Fact]]:
        """The joint instruments (D§14–D§16) each deputy led or co-signed (the text as filed):
        one query for the three, whatever their number."""
        parts = []
        for category, model, signer, item in INSTRUMENTS:
            tag = Value(category, output_field=CharField())
            led = scoped(model.objects.filter(submitted_at__gte=start, submitted_at__lt=end), "lead_deputy")
            signed = scoped(signer.objects.filter(**{
                "status": InvitationStatus.CONFIRMED, "confirmed_version": F(f"{item}__text_version"),
                f"{item}__submitted_at__gte": start, f"{item}__submitted_at__lt": end,
            }), "deputy")  # fmt: skip
            parts += [
                led.order_by().values_list(tag, "lead_deputy_id", ExtractYear("submitted_at"), "id"),
                signed.order_by().values_list(
                    tag, "deputy_id", ExtractYear(f"{item}__submitted_at"), f"{item}_id"
                ),
            ]
        found: dict[str, list[Fact]] = {category: [] for category, *_ in INSTRUMENTS}
        for category, deputy, year, key in parts[0].union(*parts[1:], all=True):
            found[category].append((deputy, year, key))
        return found

    instruments = instrument_facts()
    return {
        "suggestions_filed": _facts(
            scoped(Suggestion.objects.filter(submitted_at__gte=start, submitted_at__lt=end), "lead_deputy"),
            "lead_deputy_id", "submitted_at", matter(),
        ),
        "suggestions_cosigned": _facts(
            scoped(CoSigner.objects.filter(
                status=CoSignerStatus.CONFIRMED, suggestion__submitted_at__gte=start, suggestion__submitted_at__lt=end
            ), "deputy"),
            "deputy_id", "suggestion__submitted_at", matter("suggestion__"),
        ),
        "motions_filed": _facts(
            scoped(Motion.objects.filter(submitted_at__gte=start, submitted_at__lt=end), "lead_deputy"),
            "lead_deputy_id", "submitted_at", matter(),
        ),
        "motions_cosigned": _facts(
            # Only a confirmation of the text as filed counts (M§12).
            scoped(CoSignature.objects.filter(
                confirmed_version=F("motion__text_version"), motion__submitted_at__gte=start,
                motion__submitted_at__lt=end,
            ), "deputy"),
            "deputy_id", "motion__submitted_at", matter("motion__"),
        ),
        # D§14–D§16: the joint instruments the deputy led or co-signed (the text as filed), once each.
        **instruments,
        "receptions": _facts(
            scoped(Reception.deputies.through.objects.filter(
                reception__status__in=HELD_RECEPTION, reception__starts_at__gte=start, reception__starts_at__lt=end
            ), "deputy"),
            "deputy_id", "reception__starts_at", "reception_id",
        ),
        "inspections": _facts(
            scoped(Inspection.deputies.through.objects.filter(
                inspection__status__in=INSPECTION_TOOK_PLACE, **on("inspection__date")
            ), "deputy"),
            "deputy_id", "inspection__date", "inspection_id",
        ),
        "trainings": _facts(
            scoped(TrainingInvitation.objects.filter(
                attended=True, training__status__in=HELD_TRAINING, **on("training__date")
            ), "deputy"),
            "deputy_id", "training__date", "training_id",
        ),
        "sessions_attended": _facts(sittings.filter(present=True), "deputy_id", "sitting__date", "sitting__session_id"),
        "leaves": _facts(
            scoped(Leave.objects.filter(status=Leave.Status.APPROVED, **on("session__opens")), "deputy"),
            "deputy_id", "session__opens", "id",
        ),
        "absences": _facts(unexcused(sittings), "deputy_id", "sitting__date", "sitting_id"),
    }  # fmt: skip


@dataclass
class Archive:
    """One deputy's counts: per year, and for the whole span (each key once)."""

    years: dict[int, dict[str, int]] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)


def tally(found: dict[str, list[Fact]], deputy_ids: Iterable[int], years: list[int]) -> dict[int, Archive]:
    keys: dict[int, dict[str, dict[int, set[Any]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    for category, rows in found.items():
        for deputy, year, key in rows:
            keys[deputy][category][year].add(key)
    archives = {}
    for deputy in deputy_ids:
        mine = keys.get(deputy, {})
        archive = Archive()
        for year in years:
            archive.years[year] = _counts({c: mine.get(c, {}).get(year, set()) for c in CATEGORIES})
        archive.total = _counts({c: set().union(*mine.get(c, {}).values()) for c in CATEGORIES})
        archives[deputy] = archive
    return archives


def _counts(keys: dict[str, set[Any]]) -> dict[str, int]:
    return {c: len(keys[c] - keys[FILED_FIRST[c]] if c in FILED_FIRST else keys[c]) for c in CATEGORIES}


def archive_of(deputy_id: int, span: Span) -> Archive:
    """One deputy's archive for a year or the term."""
    return tally(facts(span, [deputy_id]), [deputy_id], span.years())[deputy_id]


def archives_of_term(span: Span, deputy_ids: list[int]) -> dict[int, Archive]:
    """Every deputy of the list at once (the yearly export): the same eleven queries."""
    return tally(facts(span, None if len(deputy_ids) > 50 else deputy_ids), deputy_ids, span.years())
