"""The archive's drill-down (D§43): every item behind one deputy's counts, one query per
category, in the order it happened. Each item says what came of it (a suggestion's or motion's
outcome, read from the one it was merged into) and whether it is counted (a matter merged into
one already counted is listed, not counted again)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.cosigning import InvitationStatus
from deputies.models import Attendance, Deputy, Inspection, Leave, TrainingInvitation
from deputies.selectors.archive import (
    CATEGORIES,
    FILED_FIRST,
    HELD_RECEPTION,
    HELD_TRAINING,
    MERGE_DEPTH,
    Span,
    matter,
)
from deputies.selectors.attendance import unexcused
from deputies.workflow import INSPECTION_TOOK_PLACE
from liaison_stations.models import Reception
from motions.models import (
    CoSignature,
    Interpellation,
    InvestigationProposal,
    Motion,
    Recall,
)
from motions.workflow import Status as MotionStatus
from suggestions.models import CoSigner, Suggestion
from suggestions.workflow import CoSignerStatus
from suggestions.workflow import Status as SuggestionStatus

# The joint instruments (D§14–D§16) the deputy led or co-signed.
INSTRUMENTS: dict[str, Any] = {
    "interpellations": Interpellation,
    "recalls": Recall,
    "investigation_proposals": InvestigationProposal,
}


@dataclass(frozen=True)
class Item:
    date: dt.date
    title: str
    outcome: str
    link: str
    counted: bool = True
    key: Any = None


def outcome(prefix: str = "") -> Coalesce:
    """The status of what the record became: the one it was merged into, or its own."""
    levels = [f"{prefix}{'merged_into__' * depth}status" for depth in range(MERGE_DEPTH, 0, -1)]
    return Coalesce(*(F(level) for level in [*levels, f"{prefix}status"]))


def _day(moment: dt.datetime | None) -> dt.date:
    return timezone.localdate(moment) if moment else dt.date.min


def _once(items: list[Item], counted_before: set[Any] | None = None) -> list[Item]:
    """Mark items whose matter was counted already (merged into one counted, or filed)."""
    seen = set(counted_before or ())
    marked = []
    for item in items:
        marked.append(Item(item.date, item.title, item.outcome, item.link, item.key not in seen, item.key))
        seen.add(item.key)
    return marked


def _suggestion_items(rows: Any, prefix: str) -> list[Item]:
    labels = dict(SuggestionStatus.choices)
    items = []
    for row in rows.annotate(root=matter(prefix), result=outcome(prefix)).order_by(f"{prefix}submitted_at"):
        suggestion = getattr(row, prefix.rstrip("_")) if prefix else row
        merged = suggestion.merged_into_id is not None
        result = str(labels.get(row.result, row.result))
        items.append(
            Item(
                _day(suggestion.submitted_at),
                f"{suggestion.number_label} {suggestion.title}",
                _("merged: %(result)s") % {"result": result} if merged else result,
                suggestion.get_absolute_url(),
                key=row.root,
            )
        )
    return items


def _motion_items(rows: Any, prefix: str) -> list[Item]:
    labels = dict(MotionStatus.choices)
    items = []
    for row in rows.annotate(root=matter(prefix), result=outcome(prefix)).order_by(f"{prefix}submitted_at"):
        motion = getattr(row, prefix.rstrip("_")) if prefix else row
        result = str(labels.get(row.result, row.result))
        items.append(
            Item(
                _day(motion.submitted_at),
                f"{motion.number_label} {motion.title}",
                _("merged: %(result)s") % {"result": result} if motion.merged_into_id else result,
                reverse("motions:detail", args=[motion.pk]),
                key=row.root,
            )
        )
    return items


def every_archive_item(deputy: Deputy, span: Span) -> dict[str, list[Item]]:
    """Every category's items, in the order of CATEGORIES (the printed report, the export):
    what the deputy filed is read once, for its own category and to tell which co-signed
    matters were counted already (FILED_FIRST)."""
    items: dict[str, list[Item]] = {}
    for category in CATEGORIES:
        items[category] = archive_items(deputy, span, category, known=items)
    return items


def archive_items(
    deputy: Deputy, span: Span, category: str, *, known: dict[str, list[Item]] | None = None
) -> list[Item]:
    """The items of one category; unknown categories have none. `known`: the items of the
    categories read already, so a co-signed category need not read the filed one again."""
    start, end = span.moments()
    filed_before = (known or {}).get(FILED_FIRST.get(category, ""))
    days = {"gte": span.first, "lte": span.last}

    def on(path: str) -> dict[str, dt.date]:
        return {f"{path}__{lookup}": day for lookup, day in days.items()}

    if category in ("suggestions_filed", "suggestions_cosigned"):
        filed = filed_before
        if filed is None:
            own = Suggestion.objects.filter(lead_deputy=deputy, submitted_at__gte=start, submitted_at__lt=end)
            filed = _once(_suggestion_items(own, ""))
        if category == "suggestions_filed":
            return filed
        cosigned = CoSigner.objects.select_related("suggestion").filter(
            deputy=deputy,
            status=CoSignerStatus.CONFIRMED,
            suggestion__submitted_at__gte=start,
            suggestion__submitted_at__lt=end,
        )
        return _once(_suggestion_items(cosigned, "suggestion__"), {i.key for i in filed})
    if category in ("motions_filed", "motions_cosigned"):
        filed = filed_before
        if filed is None:
            own_motions = Motion.objects.filter(
                lead_deputy=deputy, submitted_at__gte=start, submitted_at__lt=end
            )
            filed = _once(_motion_items(own_motions, ""))
        if category == "motions_filed":
            return filed
        signatures = CoSignature.objects.select_related("motion").filter(
            deputy=deputy,
            confirmed_version=F("motion__text_version"),
            motion__submitted_at__gte=start,
            motion__submitted_at__lt=end,
        )
        return _once(_motion_items(signatures, "motion__"), {i.key for i in filed})
    if category in INSTRUMENTS:
        mine = (
            INSTRUMENTS[category]
            .objects.filter(submitted_at__gte=start, submitted_at__lt=end)
            .filter(
                Q(lead_deputy=deputy)
                | Q(
                    signers__deputy=deputy,
                    signers__status=InvitationStatus.CONFIRMED,
                    signers__confirmed_version=F("text_version"),
                )
            )
        )
        return [
            Item(
                _day(i.submitted_at),
                f"{i.number_label} {i.title}",
                i.get_status_display(),
                i.get_absolute_url(),
                key=i.pk,
            )
            for i in mine.distinct().order_by("submitted_at")
        ]
    if category == "receptions":
        receptions = Reception.objects.select_related("station", "point").filter(
            deputies=deputy, status__in=HELD_RECEPTION, starts_at__gte=start, starts_at__lt=end
        )
        return [
            Item(_day(r.starts_at), f"{r.venue.name} · {r.get_kind_display()}", r.theme, reverse("stations:reception", args=[r.pk]), key=r.pk)
            for r in receptions.order_by("starts_at")
        ]  # fmt: skip
    if category == "inspections":
        inspections = Inspection.objects.select_related("organiser").filter(
            deputies=deputy, status__in=INSPECTION_TOOK_PLACE, **on("date")
        )
        return [
            Item(i.date, f"{i.get_kind_display()} · {i.title}", i.organiser.name, reverse("deputies:inspection", args=[i.pk]), key=i.pk)
            for i in inspections.order_by("date")
        ]  # fmt: skip
    if category == "trainings":
        invitations = TrainingInvitation.objects.select_related("training").filter(
            deputy=deputy, attended=True, training__status__in=HELD_TRAINING, **on("training__date")
        )
        return [
            Item(t.training.date, t.training.title, t.training.get_kind_display(), reverse("deputies:training", args=[t.training_id]), key=t.training_id)
            for t in invitations.order_by("training__date")
        ]  # fmt: skip
    if category == "sessions_attended":
        present = Attendance.objects.filter(deputy=deputy, present=True, **on("sitting__date"))
        sessions = (
            present.values("sitting__session_id", "sitting__session__opens", "sitting__session__number")
            .annotate(sittings=Count("pk"))
            .order_by("sitting__session__opens")
        )
        return [
            Item(
                s["sitting__session__opens"],
                _("Session %(number)s") % {"number": s["sitting__session__number"]},
                _("present at %(n)s sittings") % {"n": s["sittings"]},
                "",
                key=s["sitting__session_id"],
            )
            for s in sessions
        ]
    if category == "leaves":
        leaves = Leave.objects.select_related("session__congress").filter(
            deputy=deputy, status=Leave.Status.APPROVED, **on("session__opens")
        )
        return [
            Item(x.session.opens, str(x.session), x.reason, reverse("deputies:leave", args=[x.pk]), key=x.pk)
            for x in leaves.order_by("session__opens")
        ]
    if category == "absences":
        missed = unexcused(
            Attendance.objects.select_related("sitting__session__congress").filter(
                deputy=deputy, **on("sitting__date")
            )
        )
        return [
            Item(a.sitting.date, a.sitting.name, str(a.sitting.session), "", key=a.sitting_id)
            for a in missed.order_by("sitting__date")
        ]
    return []


def counted(items: list[Item]) -> int:
    return sum(1 for i in items if i.counted)
