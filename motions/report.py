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

from django.conf import settings
from django.db.models import Count, Q
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


def build(session: Session) -> ReportData:
    motions = list(
        Motion.objects.filter(session=session, number__isnull=False)
        .select_related("lead_deputy", "delegation", "subject_body", "review_body", "recommendation__body")
        .annotate(signed=Count("cosignatures", filter=Q(cosignatures__status="confirmed")))
        .order_by("number")
    )
    data = ReportData(session=session, adoption=ReviewReport.objects.filter(session=session).first())
    data.received = len(motions)
    data.joint = sum(1 for m in motions if m.kind == Motion.Kind.JOINT)
    data.delegation = data.received - data.joint
    data.delegations = len(
        {m.delegation_id or (m.lead_deputy.delegation_id if m.lead_deputy else None) for m in motions}
        - {None}
    )
    data.signatures = sum(m.signed + (1 if m.lead_deputy_id else 0) for m in motions)

    followers: dict[int, list[Motion]] = {}
    for m in motions:
        if m.status == Status.MERGED and m.merged_into_id:
            followers.setdefault(m.merged_into_id, []).append(m)
    data.merged_away = sum(len(v) for v in followers.values())

    remaining = [m for m in motions if m.status not in SET_ASIDE]
    data.withdrawn = [f"{m.number_text}号" for m in motions if m.status == Status.WITHDRAWN]
    total = len(remaining)
    data.by_category = _shares(
        Counter(str(Category(m.category).label) for m in remaining),
        total,
        [str(c.label) for c in Category],
    )
    data.by_area = _shares(
        Counter(
            (m.subject_body.short_name or m.subject_body.name) if m.subject_body else _("Not classified")
            for m in remaining
        ),
        total,
    )
    recommendation_labels = {k.value: str(k.label) for k in Recommendation.Kind}
    data.by_recommendation = _shares(
        Counter(
            recommendation_labels[m.recommendation.kind]
            if _has_recommendation(m)
            else _("No recommendation yet")
            for m in remaining
        ),
        total,
        [*recommendation_labels.values(), _("No recommendation yet")],
    )
    data.by_body = _shares(
        Counter(
            m.recommendation.body.name
            for m in remaining
            if _has_recommendation(m) and m.recommendation.body is not None
        ),
        total,
    )
    for m in remaining:
        merged = sorted(followers.get(m.pk, []), key=lambda f: f.number or 0)
        numbers = "与".join(f"{x.number_text}号" for x in [m, *merged])
        if merged:
            data.merges.append(numbers)
        data.items.append(_item(m, merged, numbers, recommendation_labels))
    return data


def _has_recommendation(motion: Motion) -> bool:
    return hasattr(motion, "recommendation")


def _item(m: Motion, merged: list[Motion], numbers: str, labels: dict[str, str]) -> Item:
    recommendation = m.recommendation if _has_recommendation(m) else None
    return Item(
        numbers=numbers,
        title=m.title,
        proposers=_proposers_text(m, merged),
        category=str(Category(m.category).label),
        area=(m.subject_body.short_name or m.subject_body.name) if m.subject_body else "",
        recommendation=labels[recommendation.kind] if recommendation else "",
        recommendation_kind=recommendation.kind if recommendation else "",
        body=recommendation.body.name if recommendation and recommendation.body else "",
        status=str(Status(m.status).label),
        report_due=m.report_due,
        motion_ids=(m.pk, *(f.pk for f in merged)),
    )


def _proposers_text(m: Motion, merged: list[Motion]) -> str:
    parts = []
    for motion in [m, *merged]:
        if motion.kind == Motion.Kind.DELEGATION and motion.delegation:
            parts.append(motion.delegation.name)
        elif motion.lead_deputy:
            signed = getattr(motion, "signed", None)
            if signed is None:
                signed = CoSignature.objects.filter(motion=motion, status="confirmed").count()
            parts.append(
                _("%(lead)s and others, %(total)s deputies in all")
                % {"lead": motion.lead_deputy.name, "total": signed + 1}
            )
    return "；".join(parts)


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
