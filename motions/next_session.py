"""The report on the motions of a session to the next session (M§26): once the SC has deliberated
the review results or handling reports, the committee prints them for the next session. Its
figures are those of the review report (motions.report.build), counted from the rows, and where
each motion stands now (recommended, referred, reported, concluded, …)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from congress.documents import paper as p
from congress.models import Session
from motions.report import build, summary_paragraphs

SECTIONS = [
    ("overview", _("Overview")),
    ("results", _("Results of deliberation")),
    ("next_steps", _("Next steps")),
]


def next_session_paper(*, session: Session, sections: dict[str, str], number: str, today: dt.date) -> p.Paper:
    data = build(session)
    blocks = [p.heading("一、议案基本情况")]
    blocks += [p.paragraph(text) for text in summary_paragraphs(data)]
    blocks += [p.paragraph(t.strip()) for t in sections.get("overview", "").splitlines() if t.strip()]
    states = Counter(item.status for item in data.items)
    blocks.append(p.heading("二、议案审议和办理情况"))
    blocks.append(
        p.paragraph(
            "截至目前，"
            + "，".join(f"{label}{count}件" for label, count in states.most_common())
            + ("。" if states else "本次会议无须审议办理的议案。")
        )
    )
    blocks.append(
        p.table(
            [["编号", "议案", "领衔", "审议机构", "现状"]]
            + [[i.numbers, i.title, i.proposers, i.body, i.status] for i in data.items]
        )
    )
    blocks += [p.paragraph(t.strip()) for t in sections.get("results", "").splitlines() if t.strip()]
    if sections.get("next_steps", "").strip():
        blocks.append(p.heading("三、下一步工作"))
        blocks += [p.paragraph(t.strip()) for t in sections["next_steps"].splitlines() if t.strip()]
    return p.Paper(
        issuer=settings.DOCUMENT_ISSUER,
        number=number,
        title=f"关于{session.name}代表议案审议结果和办理情况的报告",
        recipients="省人民代表大会",
        blocks=blocks,
        signer=settings.DOCUMENT_ISSUER,
        date=today,
        printed_by=settings.DOCUMENT_ISSUER,
    )
