"""The committee's yearly report on the handling of suggestions (S§45: the fourth-quarter report
to the SC) and the secretariat's analysis of a session's suggestions by area (S§11(2)), as
figures counted from the rows and as official papers (congress.documents).

The yearly report covers the suggestions filed in the year (Beijing time): handling overall,
per unit, the key suggestions and their supervision (S§34–S§42), the commitments in this
year's and last year's reply letters (S§45), and the units late or objecting (S§47). Every
figure is one GROUP BY query whatever the number of rows; a category C reply (explained, not
solved) is reported as such and never as solved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from congress.documents import charts
from congress.documents import paper as p
from congress.models import Session
from suggestions.models import Commitment, KeySuggestion, Suggestion
from suggestions.reports import statistics
from suggestions.reports.accountability import AccountabilityRecord, accountability_table
from suggestions.reports.commitments import CommitmentRecord, commitment_table, in_report_of
from suggestions.reports.disclosure import year_span
from suggestions.reports.statistics.levels import ACCEPTED as ACCEPTED_STATUSES
from suggestions.reports.supervision import KeySummary, key_summary

Progress = Callable[[int], None]

# The session analysis counts the accepted suggestions (S§11(2)), as the statistics do.
ACCEPTED = Q(status__in=ACCEPTED_STATUSES)


@dataclass(frozen=True)
class UnitRecord:
    unit: str
    figures: dict[str, int]  # the statistics' handling figures of the unit


@dataclass
class YearlyFigures:
    """The year's figures: the statistics' (suggestions.reports.statistics, one definition for
    the page, the API and this report), and what only S§45 asks for: the commitments by the
    year of their letter, the key suggestions and the units accountable under S§47."""

    year: int
    suggestions: dict[str, int] = field(default_factory=dict)
    handling: dict[str, int] = field(default_factory=dict)
    units: list[UnitRecord] = field(default_factory=list)
    keys: KeySummary | None = None
    commitments: list[CommitmentRecord] = field(default_factory=list)
    accountability: list[AccountabilityRecord] = field(default_factory=list)


def _counts(table: statistics.Table) -> dict[str, int]:
    return {f.name: f.value for f in table.rows[0].figures}


def yearly_figures(year: int, today: dt.date, progress: Progress = lambda _n: None) -> YearlyFigures:
    """当年代表所提建议 (S§45): those filed in the year (Beijing time), at the session or in recess."""
    figures = YearlyFigures(year=year)
    filters = statistics.Filters(year=year)
    figures.suggestions = _counts(statistics.totals("suggestions", filters, today))
    progress(20)
    figures.handling = _counts(statistics.totals("handling", filters, today))
    progress(40)
    by_unit = statistics.breakdown("handling", "unit", filters, today)
    figures.units = [
        UnitRecord(row.label, {f.name: f.value for f in row.figures})
        for row in (by_unit.rows if by_unit else [])
    ]
    progress(60)
    start, end = year_span(year)
    of_year = KeySuggestion.objects.filter(
        suggestion__submitted_at__gte=start, suggestion__submitted_at__lt=end
    )
    figures.keys = key_summary(of_year, today)
    figures.commitments = commitment_table(in_report_of(Commitment.objects.all(), year), today)
    progress(75)
    figures.accountability = accountability_table(today, year)
    progress(85)
    return figures


# --- the report as a paper -----------------------------------------------------------------------

YEARLY_SECTIONS = [
    ("overview", _("Overview")),
    ("measures", _("What was done")),
    ("problems", _("Problems")),
    ("next_steps", _("Next steps")),
]
ANALYSIS_SECTIONS = [("overview", _("Overview")), ("findings", _("Findings")), ("proposals", _("Proposals"))]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def yearly_paper(
    *, year: int, sections: dict[str, str], number: str, today: dt.date, progress: Progress = lambda _n: None
) -> p.Paper:
    f = yearly_figures(year, today, progress)
    n, h = f.suggestions, f.handling
    blocks = [p.heading("一、基本情况")]
    blocks.append(
        p.paragraph(
            f"{year}年，代表共提出建议、批评和意见{n['filed']}件，经审查立案{n['accepted']}件，"
            f"合并{n['merged']}件，不予立案转为来信{n['not_accepted']}件，撤回{n['withdrawn']}件。"
            f"交办承办单位{h['assigned']}件次，其中负责答复代表的{h['owing_reply']}件次，已答复{h['replied']}件次，"
            f"按期答复{h['replied_on_time']}件次（按期答复率{_percent(h['replied_on_time'], h['owing_reply'])}），"
            f"逾期未答复{h['overdue']}件次；经同意延期答复{h['extended']}件次，承办单位提出异议{h['objected']}件次，"
            f"重新办理{h['rehandled']}件次。"
        )
    )
    blocks.append(
        p.paragraph(
            f"从办理结果看，A类（已解决或采纳）{n['category_a']}件，B类（列入计划逐步解决）{n['category_b']}件，"
            f"C类（因条件限制留作参考，尚未解决）{n['category_c']}件。"
            f"代表评价满意{n['satisfied']}件，基本满意{n['basically_satisfied']}件，不满意{n['unsatisfied']}件。"
        )
    )
    blocks.append(_results_chart(n))
    if sections.get("overview"):
        blocks += [p.paragraph(t) for t in _paragraphs(sections["overview"])]

    blocks.append(p.heading("二、各承办单位办理情况"))
    blocks.append(
        p.table(
            [["承办单位", "交办", "应答复", "已答复", "按期", "逾期未答复", "A类", "B类", "C类"]]
            + [
                [u.unit]
                + [
                    u.figures[k]
                    for k in (
                        "assigned",
                        "owing_reply",
                        "replied",
                        "replied_on_time",
                        "overdue",
                        "category_a",
                        "category_b",
                        "category_c",
                    )
                ]
                for u in f.units
            ]
        )
    )
    on_time = _on_time_chart(f.units)
    if on_time is not None:
        blocks.append(on_time)
    blocks.append(p.heading("三、重点督办建议办理情况"))
    k = f.keys
    if k is not None:
        blocks.append(
            p.paragraph(
                f"确定重点督办建议{k.total}件，已答复{k.replied}件，逾期未办结{k.late}件，"
                f"代表评价不满意{k.unsatisfied}件。"
            )
        )
    blocks.append(p.heading("四、当年和上一年答复函承诺事项落实情况"))
    promised = sum(c.due for c in f.commitments)
    done = sum(c.done for c in f.commitments)
    overdue = sum(c.overdue for c in f.commitments)
    blocks.append(
        p.paragraph(
            f"{year - 1}年和{year}年答复函中承诺解决事项{promised}项，已落实{done}项，"
            f"逾期未落实{overdue}项，正在落实{sum(c.open for c in f.commitments)}项。"
        )
    )
    if f.commitments:
        blocks.append(
            p.table(
                [["承办单位", "答复年度", "承诺", "已落实", "逾期落实", "逾期未落实", "进行中"]]
                + [
                    [c.unit, c.letter_year, c.due, c.done, c.done_late, c.overdue, c.open]
                    for c in f.commitments
                ]
            )
        )
    blocks.append(p.heading("五、逾期未办和推诿的承办单位"))
    if f.accountability:
        blocks.append(
            p.table(
                [["承办单位", "逾期不办", "超期未答复", "推诿"]]
                + [[a.unit, a.overdue, a.unanswered, a.passed] for a in f.accountability]
            )
        )
    else:
        blocks.append(p.paragraph("本年度无逾期不办或推诿的承办单位。"))
    for key, heading_text in (
        ("measures", "六、主要做法"),
        ("problems", "七、存在的问题"),
        ("next_steps", "八、下一步工作"),
    ):
        if sections.get(key):
            blocks.append(p.heading(heading_text))
            blocks += [p.paragraph(t) for t in _paragraphs(sections[key])]
    progress(90)
    return p.Paper(
        issuer=settings.DOCUMENT_ISSUER,
        number=number,
        title=f"关于{year}年代表建议、批评和意见办理情况的报告",
        recipients="省人大常委会",
        blocks=blocks,
        signer=settings.DOCUMENT_ISSUER,
        date=today,
        printed_by=settings.DOCUMENT_ISSUER,
        figures=_named_figures(f),
    )


def _named_figures(f: YearlyFigures) -> tuple[tuple[str, int | float | str], ...]:
    """The figures the report's paragraphs say, by name, for the spreadsheet of the report."""
    n, h = f.suggestions, f.handling
    rate = round(100 * h["replied_on_time"] / h["owing_reply"], 1) if h["owing_reply"] else "—"
    named: list[tuple[str, int | float | str]] = [
        ("提出建议、批评和意见（件）", n["filed"]),
        ("经审查立案（件）", n["accepted"]),
        ("合并（件）", n["merged"]),
        ("不予立案转为来信（件）", n["not_accepted"]),
        ("撤回（件）", n["withdrawn"]),
        ("交办承办单位（件次）", h["assigned"]),
        ("负责答复代表（件次）", h["owing_reply"]),
        ("已答复（件次）", h["replied"]),
        ("按期答复（件次）", h["replied_on_time"]),
        ("按期答复率（%）", rate),
        ("逾期未答复（件次）", h["overdue"]),
        ("同意延期答复（件次）", h["extended"]),
        ("承办单位提出异议（件次）", h["objected"]),
        ("重新办理（件次）", h["rehandled"]),
    ]
    named += [(f"{label}（件）", n[key]) for key, label, _colour in RESULTS]
    if f.keys is not None:
        k = f.keys
        named += [
            ("重点督办建议（件）", k.total),
            ("重点督办建议已答复（件）", k.replied),
            ("重点督办建议逾期未办结（件）", k.late),
            ("重点督办建议代表评价不满意（件）", k.unsatisfied),
        ]
    named += [
        ("答复函承诺解决事项（项）", sum(c.due for c in f.commitments)),
        ("承诺事项已落实（项）", sum(c.done for c in f.commitments)),
        ("承诺事项逾期未落实（项）", sum(c.overdue for c in f.commitments)),
        ("承诺事项正在落实（项）", sum(c.open for c in f.commitments)),
    ]
    return tuple(named)


# The results of handling (S§31) and the deputies' ratings (S§39), as the chart draws them.
RESULTS = [
    ("category_a", "A类（已解决或采纳）", charts.GREEN),
    ("category_b", "B类（列入计划逐步解决）", charts.AMBER),
    ("category_c", "C类（留作参考，尚未解决）", charts.RED),
    ("satisfied", "满意", charts.GREEN),
    ("basically_satisfied", "基本满意", charts.BLUE),
    ("unsatisfied", "不满意", charts.RED),
]
ON_TIME_UNITS = 15


def _results_chart(n: dict[str, int]) -> p.Block:
    return p.chart(
        "办理结果和代表评价（件）",
        [label for _key, label, _colour in RESULTS],
        [n[key] for key, _label, _colour in RESULTS],
        [colour for _key, _label, colour in RESULTS],
    )


def _on_time_chart(units: list[UnitRecord]) -> p.Block | None:
    """按期答复率 of the units owing the most replies, the most first; None if none owes any."""
    owing = sorted(
        (u for u in units if u.figures["owing_reply"]), key=lambda u: (-u.figures["owing_reply"], u.unit)
    )[:ON_TIME_UNITS]
    if not owing:
        return None
    return p.chart(
        f"各承办单位按期答复率（应答复件次最多的{len(owing)}个单位）",
        [u.unit for u in owing],
        [round(100 * u.figures["replied_on_time"] / u.figures["owing_reply"], 1) for u in owing],
        unit="%",
    )


@dataclass(frozen=True)
class AreaRecord:
    area: str
    count: int
    delegations: int


def area_figures(session: Session) -> list[AreaRecord]:
    """S§11(2): the session's accepted suggestions by subject area, the most first, with the
    number of delegations they came from (how widely the concern is shared)."""
    rows = (
        Suggestion.objects.filter(ACCEPTED, session=session)
        .values("subject_area__name")
        .annotate(count=Count("pk"), delegations=Count("lead_deputy__delegation", distinct=True))
        .order_by("-count", "subject_area__name")
    )
    return [AreaRecord(r["subject_area__name"], r["count"], r["delegations"]) for r in rows]


def analysis_paper(*, session: Session, sections: dict[str, str], number: str, today: dt.date) -> p.Paper:
    areas = area_figures(session)
    total = sum(a.count for a in areas)
    blocks = [p.heading("一、基本情况")]
    blocks.append(
        p.paragraph(
            f"{session.name}期间，代表提出并经审查立案的建议、批评和意见共{total}件，涉及{len(areas)}个领域。"
            + "".join(f"{a.area}方面{a.count}件，占{_percent(a.count, total)}；" for a in areas[:5]).rstrip(
                "；"
            )
            + ("。" if areas else "")
        )
    )
    blocks += [p.paragraph(t) for t in _paragraphs(sections.get("overview", ""))]
    blocks.append(
        p.table(
            [["领域", "件数", "占比", "涉及代表团"]]
            + [[a.area, a.count, _percent(a.count, total), a.delegations] for a in areas]
        )
    )
    for key, heading_text in (("findings", "二、反映的主要问题"), ("proposals", "三、意见和建议")):
        if sections.get(key):
            blocks.append(p.heading(heading_text))
            blocks += [p.paragraph(t) for t in _paragraphs(sections[key])]
    return p.Paper(
        issuer=settings.DOCUMENT_ISSUER,
        number=number,
        title=f"关于{session.name}代表建议、批评和意见的综合分析报告",
        recipients="大会秘书处",
        blocks=blocks,
        signer=settings.DOCUMENT_ISSUER,
        date=today,
        printed_by=settings.DOCUMENT_ISSUER,
    )


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
