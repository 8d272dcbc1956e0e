"""The review report (审查报告, M§16–M§19), generated from the motions of one session.

It has the form a congress publishes: how many motions were received, from whom, how many
co-signatures; counts by category and by field, with shares; the merges, each with all its
numbers ("0002号与0016号"); then the list of motions with their numbers and recommendations.
Every figure is counted from the rows, so the printed report and the data never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.documents import paper as p
from congress.models import Session
from motions.models import Category, CoSignature, Motion, Recommendation, ReviewReport
from motions.workflow import SET_ASIDE, Status


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: str  # "61.4"


@dataclass(frozen=True)
class Item:
    """One line of the report: a motion with the motions merged into it."""

    numbers: str  # "0002号与0016号"
    title: str
    proposers: str  # "张三等12位代表" / "太原代表团"
    category: str
    area: str
    recommendation: str
    recommendation_kind: str
    body: str
    status: str
    report_due: dt.date | None
    motion_ids: tuple[int, ...]


@dataclass
class ReportData:
    session: Session
    received: int = 0
    joint: int = 0
    delegation: int = 0
    delegations: int = 0  # distinct delegations the motions came from
    signatures: int = 0  # co-signatures on filed motions, lead deputies included
    withdrawn: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "0002号与0016号"
    merged_away: int = 0
    by_category: list[Share] = field(default_factory=list)
    by_area: list[Share] = field(default_factory=list)
    by_recommendation: list[Share] = field(default_factory=list)
    by_body: list[Share] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    adoption: ReviewReport | None = None

    @property
    def remaining(self) -> int:
        """Motions the report decides on: received, less the merged and the withdrawn."""
        return len(self.items)


def _shares(counter: Counter[str], total: int, order: list[str] | None = None) -> list[Share]:
    keys = order if order is not None else [k for k, _n in counter.most_common()]
    return [
        Share(key, counter[key], f"{100 * counter[key] / total:.1f}" if total else "0.0")
        for key in keys
        if counter[key]
    ]


# The columns of a motion the report reads: a row each, not a model with five related ones.
COLUMNS = (
    "pk",
    "number",
    "kind",
    "status",
    "title",
    "category",
    "merged_into_id",
    "report_due",
    "lead_deputy_id",
    "lead_deputy__name",
    "lead_deputy__delegation_id",
    "delegation_id",
    "delegation__name",
    "subject_body_id",
    "subject_body__short_name",
    "subject_body__name",
    "recommendation__id",
    "recommendation__kind",
    "recommendation__body_id",
    "recommendation__body__name",
)


def build(session: Session) -> ReportData:
    """The report's figures and lines, from one query over the session's filed motions: the
    columns the report prints (values_list), and each motion's confirmed co-signatures counted
    by a subquery on its own signatures rather than by grouping every motion's whole row (a
    session of 4,000 motions: 4,000 model rows with five related ones took 1.1 s)."""
    signed = (
        CoSignature.objects.filter(motion=OuterRef("pk"), status="confirmed")
        .order_by()
        .values("motion")
        .annotate(n=Count("id"))
        .values("n")
    )
    motions: list[Any] = list(
        Motion.objects.filter(session=session, number__isnull=False)
        .order_by("number")
        .annotate(signed=Coalesce(Subquery(signed), 0))
        .values_list(*COLUMNS, "signed", named=True)
    )
    data = ReportData(session=session, adoption=ReviewReport.objects.filter(session=session).first())
    data.received = len(motions)
    data.joint = sum(1 for m in motions if m.kind == Motion.Kind.JOINT)
    data.delegation = data.received - data.joint
    data.delegations = len({m.delegation_id or m.lead_deputy__delegation_id for m in motions} - {None})
    data.signatures = sum(m.signed + (1 if m.lead_deputy_id else 0) for m in motions)

    followers: dict[int, list[Any]] = {}
    for m in motions:
        if m.status == Status.MERGED and m.merged_into_id:
            followers.setdefault(m.merged_into_id, []).append(m)
    data.merged_away = sum(len(v) for v in followers.values())

    remaining = [m for m in motions if m.status not in SET_ASIDE]
    data.withdrawn = [f"{_number_text(m)}号" for m in motions if m.status == Status.WITHDRAWN]
    total = len(remaining)
    # Every label is translated once here, not once a row.
    categories = {c.value: str(c.label) for c in Category}
    recommendation_labels = {k.value: str(k.label) for k in Recommendation.Kind}
    statuses = {s.value: str(s.label) for s in Status}
    not_classified, no_recommendation = _("Not classified"), _("No recommendation yet")
    signers = _("%(lead)s and others, %(total)s deputies in all")
    data.by_category = _shares(
        Counter(categories[m.category] for m in remaining), total, list(categories.values())
    )
    data.by_area = _shares(
        Counter(_area(m) if m.subject_body_id else not_classified for m in remaining), total
    )
    data.by_recommendation = _shares(
        Counter(
            recommendation_labels[m.recommendation__kind] if m.recommendation__id else no_recommendation
            for m in remaining
        ),
        total,
        [*recommendation_labels.values(), no_recommendation],
    )
    data.by_body = _shares(
        Counter(m.recommendation__body__name for m in remaining if m.recommendation__body_id is not None),
        total,
    )
    for m in remaining:
        merged = sorted(followers.get(m.pk, []), key=lambda f: f.number or 0)
        numbers = "与".join(f"{_number_text(x)}号" for x in [m, *merged])
        if merged:
            data.merges.append(numbers)
        data.items.append(
            Item(
                numbers=numbers,
                title=m.title,
                proposers="；".join(p for x in [m, *merged] if (p := _proposers(x, signers)) is not None),
                category=categories[m.category],
                area=_area(m) if m.subject_body_id else "",
                recommendation=recommendation_labels[m.recommendation__kind] if m.recommendation__id else "",
                recommendation_kind=m.recommendation__kind if m.recommendation__id else "",
                body=m.recommendation__body__name if m.recommendation__body_id is not None else "",
                status=statuses[m.status],
                report_due=m.report_due,
                motion_ids=(m.pk, *(f.pk for f in merged)),
            )
        )
    return data


def _number_text(row: Any) -> str:
    return f"{row.number:04d}" if row.number is not None else ""


def _area(row: Any) -> str:
    return row.subject_body__short_name or row.subject_body__name


def _proposers(row: Any, signers: str) -> str | None:
    """Who proposed one motion of a line: its delegation, or its lead deputy and how many signed
    (`signers`: "%(lead)s and others, %(total)s deputies in all", translated)."""
    if row.kind == Motion.Kind.DELEGATION and row.delegation_id:
        return row.delegation__name
    if row.lead_deputy_id:
        return signers % {"lead": row.lead_deputy__name, "total": row.signed + 1}
    return None


# --- downloads ------------------------------------------------------------------------------------


def excel_rows(data: ReportData) -> list[list[object]]:
    return [
        [
            i.numbers,
            i.title,
            i.proposers,
            i.category,
            i.area,
            i.recommendation,
            i.body,
            i.status,
            i.report_due,
        ]
        for i in data.items
    ]


def excel_headers() -> list[str]:
    return [
        _("Number"),
        _("Title"),
        _("Proposers"),
        _("Category"),
        _("Field"),
        _("Recommendation"),
        _("Reviewing body"),
        _("Status"),
        _("Report due"),
    ]


def summary_paragraphs(data: ReportData) -> list[str]:
    """The report's running text, in the words a congress uses."""
    paragraphs = [
        _(
            "By the deadline the presidium set, the secretariat received %(received)s motions from deputies: "
            "%(delegation)s from delegations and %(joint)s from ten or more deputies jointly, from %(delegations)s "
            "delegations, with %(signatures)s signatures in all."
        )
        % {
            "received": data.received,
            "delegation": data.delegation,
            "joint": data.joint,
            "delegations": data.delegations,
            "signatures": data.signatures,
        }
    ]
    if data.merges:
        paragraphs.append(
            _(
                "Motions of the same or similar content were merged: %(merges)s. After %(count)s merges, "
                "%(remaining)s motions remain."
            )
            % {"merges": "、".join(data.merges), "count": data.merged_away, "remaining": data.remaining}
        )
    if data.withdrawn:
        paragraphs.append(
            _("Withdrawn by their proposers: %(numbers)s.") % {"numbers": "、".join(data.withdrawn)}
        )
    if data.by_category:
        paragraphs.append(
            _("By category: %(parts)s.") % {"parts": "；".join(_share_text(s) for s in data.by_category)}
        )
    if data.by_area:
        paragraphs.append(
            _("By field: %(parts)s.") % {"parts": "；".join(_share_text(s) for s in data.by_area)}
        )
    if data.by_recommendation:
        paragraphs.append(
            _("The committee recommends: %(parts)s.")
            % {"parts": "；".join(_share_text(s) for s in data.by_recommendation)}
        )
    return paragraphs


def _share_text(share: Share) -> str:
    return _("%(label)s %(count)s (%(percent)s%%)") % {
        "label": share.label,
        "count": share.count,
        "percent": share.percent,
    }


# --- the paper ------------------------------------------------------------------------------------


def title(session: Session) -> str:
    return _("Report of the motion-review committee on the motions of deputies to %(session)s") % {
        "session": session.name
    }


def committee_name(session: Session) -> str:
    """The committee the session's presidium appoints (M§15): it issues and signs the report."""
    return _("Motion-review committee of %(session)s") % {"session": session.name}


def review_paper(session: Session, *, today: dt.date) -> p.Paper:
    """审查报告 as an official paper (GB/T 9704), from the same counts as the page: issued and
    signed by the committee to the presidium (M§16, M§17), dated the day it was adopted; until
    then marked as a draft. It carries no number of the office's: the committee is the
    session's, not the standing committee's."""
    with translation.override(settings.LANGUAGE_CODE):  # the paper is Chinese whoever asks
        data = build(session)
        adopted = data.adoption.adopted_at if data.adoption else None
        blocks = [p.paragraph(text) for text in summary_paragraphs(data)]
        for caption, shares in (
            (_("By category"), data.by_category),
            (_("By field"), data.by_area),
            (_("Recess review by body"), data.by_body),
        ):
            if shares:
                rows = [[s.label, s.count, f"{s.percent}%"] for s in shares]
                blocks.append(p.table([[caption, _("Motions"), _("Share")], *rows]))
        blocks.append(p.heading(_("The motions and the committee's recommendations")))
        headers = excel_headers()[:7]
        blocks.append(p.table([headers, *[row[:7] for row in excel_rows(data)]]))
        committee = committee_name(session)
        return p.Paper(
            issuer=committee,
            title=title(session),
            recipients=_("The presidium"),
            blocks=blocks,
            mark="" if adopted else _("Draft"),
            signer=committee,
            date=timezone.localtime(adopted).date() if adopted else today,
            figures=(
                (_("Motions received"), data.received),
                (_("From delegations"), data.delegation),
                (_("From ten or more deputies jointly"), data.joint),
                (_("Signatures"), data.signatures),
                (_("Merged into others"), data.merged_away),
                (_("Decided on"), data.remaining),
            ),
        )
