"""What each kind of document is made from, and who may read it: a source key names the record
("reply:5", "notice:4:7" for session 4 and unit 7, "report:3:2" for version 2 of report 3,
"constituent:9"); `paper_for` draws the paper and `may_read` asks the owning app's own
permission rule, so a document is never readable by someone who cannot read its record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from congress.documents import paper as p
from congress.documents.models import Kind, Report, ReportVersion
from congress.models import Organisation, Session
from congress.roles import Role

Progress = Callable[[int], None]


def _ids(source: str) -> list[int]:
    return [int(part) for part in source.split(":")[1:]]


def reply_source(reply_id: int) -> str:
    return f"reply:{reply_id}"


def notice_source(session_id: int, unit_id: int) -> str:
    return f"notice:{session_id}:{unit_id}"


def report_source(version: ReportVersion) -> str:
    return f"report:{version.report_id}:{version.number}"


def constituent_source(report_id: int) -> str:
    return f"constituent:{report_id}"


def review_source(session_id: int) -> str:
    return f"review:{session_id}"


def number_source(kind: str, source: str) -> str | None:
    """What a document number is given to: a report keeps its number across versions; a notice
    has one per session and unit; a reply letter and a deputy's report carry none of ours."""
    if kind in (Kind.YEARLY_REPORT, Kind.AREA_ANALYSIS, Kind.NEXT_SESSION_REPORT):
        return ":".join(source.split(":")[:2])
    if kind == Kind.ASSIGNMENT_NOTICE:
        return source
    return None


def title_for(kind: str, source: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _paper(kind, source, number="", progress=lambda _n: None, figures=False).title


def paper_for(kind: str, source: str, *, number: str, progress: Progress) -> p.Paper:
    # The paper is Chinese whatever the language of the person who asked for it.
    with translation.override(settings.LANGUAGE_CODE):
        return _paper(kind, source, number=number, progress=progress, figures=True)


def _paper(kind: str, source: str, *, number: str, progress: Progress, figures: bool) -> p.Paper:
    ids = _ids(source)
    today = timezone.localdate()
    if kind == Kind.REPLY_LETTER:
        return reply_letter(ids[0])
    if kind == Kind.ASSIGNMENT_NOTICE:
        return assignment_notice(ids[0], ids[1], number=number, today=today)
    if kind == Kind.CONSTITUENT_REPORT:
        return constituent_report(ids[0])
    if kind == Kind.REVIEW_REPORT:
        from motions import report as review

        session = Session.objects.select_related("congress").get(pk=ids[0])
        if not figures:  # the title alone, without counting anything
            return p.Paper(issuer="", title=review.title(session), date=today, signer="")
        return review.review_paper(session, today=today)
    version = ReportVersion.objects.select_related("report__session__congress").get(
        report_id=ids[0], number=ids[1]
    )
    report = version.report
    if not figures:  # the title alone, without counting anything
        return p.Paper(issuer="", title=report_title(report), date=today, signer="")
    if kind == Kind.YEARLY_REPORT:
        from suggestions.reports.yearly import yearly_paper

        year = int(report.year or 0)  # the table's check: a yearly report has its year
        return yearly_paper(
            year=year, sections=version.sections, number=number, today=today, progress=progress
        )
    session = _session_of(report)
    if kind == Kind.AREA_ANALYSIS:
        from suggestions.reports.yearly import analysis_paper

        return analysis_paper(session=session, sections=version.sections, number=number, today=today)
    from motions.next_session import next_session_paper

    return next_session_paper(session=session, sections=version.sections, number=number, today=today)


def report_title(report: Report) -> str:
    if report.kind == Kind.YEARLY_REPORT:
        return f"关于{report.year}年代表建议、批评和意见办理情况的报告"
    session = _session_of(report)
    if report.kind == Kind.AREA_ANALYSIS:
        return f"关于{session.name}代表建议、批评和意见的综合分析报告"
    return f"关于{session.name}代表议案审议结果和办理情况的报告"


def _session_of(report: Report) -> Session:
    if report.session is None:  # the table's check: only the yearly report has none
        raise ValueError(f"report {report.pk} has no session")
    return report.session


def reply_letter(reply_id: int) -> p.Paper:
    """答复函 (S§29): from the unit, to the deputies who filed, with the plan of a category B
    reply (S§32); copied to the committee, and to the government's office for a government unit."""
    from suggestions.models import Reply
    from suggestions.views.handling import letter_context

    reply = Reply.objects.select_related(
        "assignment__suggestion__session__congress", "assignment__suggestion__delegation", "assignment__unit"
    ).get(pk=reply_id)
    suggestion = reply.assignment.suggestion
    letter = letter_context(reply)
    scope = suggestion.session.name if suggestion.session else "闭会期间"
    blocks = [p.paragraph(f"您提出的《{suggestion.title}》收悉。经认真研究，现答复如下：")]
    blocks += [p.paragraph(line.strip()) for line in reply.body.splitlines() if line.strip()]
    if reply.category == "B":
        completion = p.date_text(reply.completion_date) if reply.completion_date else ""
        blocks += [
            p.paragraph(f"解决方案：{reply.plan}"),
            p.paragraph(f"实施路径：{reply.path}"),
            p.paragraph(f"完成时间：{completion}"),
        ]
    blocks.append(p.paragraph("感谢您对我们工作的关心和支持。"))
    moment = reply.approved_at or reply.drafted_at
    copy_to = "省人大常委会人事代表工作委员会" + ("，省人民政府办公厅" if letter["copy_to"] else "")
    return p.Paper(
        issuer=reply.assignment.unit.name,
        title=f"关于{scope}第{suggestion.number or 0:04d}号建议的答复",
        recipients=f"{letter['addressees']}代表",
        blocks=blocks,
        mark=f"{reply.category}类",
        signer=reply.assignment.unit.name,
        date=timezone.localtime(moment).date(),
        note=f"联系人及电话：{reply.contact}" if reply.contact else "",
        copy_to=copy_to,
    )


def assignment_notice(session_id: int, unit_id: int, *, number: str, today: dt.date) -> p.Paper:
    """交办通知 (S§17, S§19): the suggestions of a session given to one unit, with its part in
    each (S§19, S§26) and its dates to object (S§20) and to reply (S§28)."""
    from suggestions.models import Assignment
    from suggestions.workflow import LEFT_THE_UNIT

    session = Session.objects.select_related("congress").get(pk=session_id)
    unit = Organisation.objects.get(pk=unit_id)
    rows = list(
        Assignment.objects.filter(suggestion__session=session, unit=unit, replaced_by__isnull=True)
        .exclude(status__in=sorted(LEFT_THE_UNIT))
        .select_related("suggestion__lead_deputy", "suggestion__delegation")
        .order_by("suggestion__number")
    )
    roles = dict(Assignment.Role.choices)
    parts = {str(roles[r]): sum(1 for a in rows if a.role == r) for r in roles}
    summary = "，".join(f"{label}{n}件" for label, n in parts.items() if n)
    blocks = [
        p.paragraph(
            f"现将{session.name}期间代表提出的建议、批评和意见{len(rows)}件交你单位办理"
            + (f"（{summary}）" if summary else "")
            + "。请认真研究办理，自交办之日起三个月内答复代表；对交办有异议的，请在下表所列异议期限内"
            "向交办机构说明理由。协办单位请将书面意见送交主办单位。"
        ),
        p.table(
            [["编号", "建议标题", "提出者", "办理方式", "异议期限", "答复期限"]]
            + [
                [
                    f"{a.suggestion.number or 0:04d}",
                    a.suggestion.title,
                    a.suggestion.delegation.name
                    if a.suggestion.delegation
                    else (a.suggestion.lead_deputy.name if a.suggestion.lead_deputy else ""),
                    str(roles[a.role]),
                    p.date_text(a.objection_due),
                    _date_or_blank(a.reply_due or a.co_opinion_due),
                ]
                for a in rows
            ]
        ),
    ]
    return p.Paper(
        issuer=settings.DOCUMENT_ISSUER,
        number=number,
        title=f"关于交办{session.name}代表建议、批评和意见的通知",
        recipients=unit.name,
        blocks=blocks,
        signer=settings.DOCUMENT_ISSUER,
        date=today,
        copy_to="省人民政府办公厅" if unit.kind == Organisation.Kind.GOVERNMENT else "",
        printed_by=settings.DOCUMENT_ISSUER,
    )


def _date_or_blank(day: dt.date | None) -> str:
    return p.date_text(day) if day else ""


def constituent_report(report_id: int) -> p.Paper:
    """述职报告 (D§43): the deputy's own words to the voters; no issuing office, the deputy signs."""
    from deputies.models import ConstituentReport

    report = ConstituentReport.objects.select_related("deputy").get(pk=report_id)
    return p.Paper(
        issuer=f"{report.deputy.name}代表",
        title=report.title,
        recipients="各位选民",
        blocks=[p.paragraph(line.strip()) for line in report.body.splitlines() if line.strip()],
        signer=f"{report.deputy.name}",
        date=timezone.localtime(report.changed_at).date(),
    )


def may_read(user: Any, kind: str, source: str) -> bool:
    """Who may read a document: whoever may read its record, by that app's rule."""
    if not user.is_authenticated:
        return False
    ids = _ids(source)
    if kind == Kind.REPLY_LETTER:
        from suggestions.models import Reply
        from suggestions.permissions import may_see_reply, visible_suggestions

        reply = Reply.objects.select_related("assignment__unit").filter(pk=ids[0]).first()
        return bool(
            reply
            and visible_suggestions(user).filter(pk=reply.assignment.suggestion_id).exists()
            and may_see_reply(user, reply)
        )
    if kind == Kind.ASSIGNMENT_NOTICE:
        from suggestions.workflow.who import is_assigning_staff, unit_of

        return bool(is_assigning_staff(user) or unit_of(user) == ids[1])
    if kind == Kind.CONSTITUENT_REPORT:
        from deputies.models import ConstituentReport
        from deputies.permissions import may_see_archive

        report = ConstituentReport.objects.select_related("deputy").filter(pk=ids[0]).first()
        return bool(report and may_see_archive(user, report.deputy))
    if kind == Kind.REVIEW_REPORT:
        from motions.selectors import may_read_review_report

        return may_read_review_report(user) and Session.objects.filter(pk=ids[0]).exists()
    return may_write_reports(user, kind)


def may_write_reports(user: Any, kind: str) -> bool:
    """The yearly report (S§45) and the report to the next session (M§26) are the committee's;
    the analysis of a session's suggestions (S§11(2)) the committee makes for the secretariat."""
    if not user.is_authenticated:
        return False
    roles = [Role.COMMITTEE_STAFF] + ([Role.SECRETARIAT] if kind == Kind.AREA_ANALYSIS else [])
    return bool(user.is_superuser or user.has_role(*roles))
