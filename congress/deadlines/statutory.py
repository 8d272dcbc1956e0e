"""The statutory periods, one table. Every deadline in the portal comes from a rule here.

Articles: S§ = 山西省人民代表大会代表建议、批评和意见的提出和处理办法 (2021);
M§ = 山西省人民代表大会代表议案的提出和处理办法 (2021); D§ = 山西省实施代表法办法 (2021).
Texts in ../shared/spec/statutes/.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from congress.deadlines.periods import Period
from congress.numerals import hanzi_number


@dataclass(frozen=True)
class Rule:
    code: str
    name: str | Promise  # what must be done
    period: Period
    trigger: str | Promise  # what starts it (the day of this event is not counted)
    article: str  # "S§20"; "" for a portal policy that no article fixes


# S§20: 承办单位认为…不属于本单位职责范围的，应当自收到之日起五日内书面向交办机构说明情况
OBJECTION = Rule(
    "objection",
    _("Unit objects that the suggestion is not its responsibility"),
    Period.parse("5d"),
    _("Received"),
    "S§20",
)
# S§20: 交办机构应当在承办单位说明情况之日起十日内重新确定承办单位
REASSIGNMENT = Rule(
    "reassignment",
    _("Assigning body reassigns after an objection"),
    Period.parse("10d"),
    _("Objection"),
    "S§20",
)
# S§26: 协办单位应当在收到…之日起二个月内将书面意见送交主办单位
CO_OPINION = Rule(
    "co_opinion",
    _("Co-handling unit sends its written opinion to the lead unit"),
    Period.parse("2m"),
    _("Received"),
    "S§26",
)
# S§28: 自…交办之日起三个月内将办理情况答复代表
REPLY = Rule("reply", _("Reply to the deputy"), Period.parse("3m"), _("Assigned"), "S§28")
# S§28: 经交办机构同意，可以延长三个月 (the same period, lengthened)
REPLY_EXTENSION = Rule(
    "reply_extension", _("Extended reply to the deputy"), Period.parse("3m"), _("Assigned"), "S§28"
)
# S§30: 重新办理的期限不得超过一个月
REHANDLING = Rule(
    "rehandling",
    _("Re-handling after an unsatisfied evaluation"),
    Period.parse("1m"),
    _("Re-handling ordered"),
    "S§30",
)
# S§25(2): 所提问题已经列入工作计划、规划的…并按年度报告办理进展情况; S§32: 承诺解决事项的办理进展
# …应当及时向代表通报. Every year: twelve months from the reply letter, then from the last report.
COMMITMENT_PROGRESS = Rule(
    "commitment_progress",
    _("Unit reports its yearly progress on a commitment"),
    Period.parse("12m"),
    _("Reply delivered, or the last progress report"),
    "S§25",
)
# D§27: 有关机关、组织应当在三个月内向代表反馈
INSPECTION_FEEDBACK = Rule(
    "inspection_feedback",
    _("Feedback on an inspection or research report"),
    Period.parse("3m"),
    _("Report transferred"),
    "D§27",
)
# M§23: 应当在闭会后六个月内提出审议结果报告
MOTION_REPORT = Rule(
    "motion_report",
    _("Report on a motion referred for recess review"),
    Period.parse("6m"),
    _("Session closed"),
    "M§23",
)

# Reconsideration of the review report (M§19) is not a period but a cut-off: it must arrive
# four hours before the presidium's last meeting.
RECONSIDERATION_CUTOFF = dt.timedelta(hours=4)

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        OBJECTION,
        REASSIGNMENT,
        CO_OPINION,
        REPLY,
        REPLY_EXTENSION,
        REHANDLING,
        COMMITMENT_PROGRESS,
        INSPECTION_FEEDBACK,
        MOTION_REPORT,
    ]
}


def policy_rule(code: str) -> Rule:
    """Periods that no article fixes; the committee sets them in settings (PORTAL_PERIODS)."""
    periods: dict[str, str] = settings.PORTAL_PERIODS
    names = {
        # How long deputies have to evaluate a reply before the suggestion closes.
        "evaluation": (_("Deputies evaluate the reply"), _("Reply delivered")),
        # How long a body has to answer a constituent opinion forwarded by a station.
        "station_forward": (_("Answer to an opinion forwarded by a liaison station"), _("Forwarded")),
        # S§41 says a unit reports its handling of a key suggestion 及时 (promptly), no period.
        "key_report": (_("Unit reports its handling of a key suggestion (S§41)"), _("Reply delivered")),
    }
    name, trigger = names[code]
    return Rule(code, name, Period.parse(periods[code]), trigger, "")


LAWS = {
    "S": _("Suggestion Measures"),
    "M": _("Motion Measures"),
    "D": _("Deputies Law Implementing Measures"),
}
ARTICLE_PATTERN = re.compile(r"^([SMD])§(\d+)(?:\((\d+)\))?$")


def article_label(article: str) -> str:
    """'S§28' → '建议办法第二十八条' in Chinese; 'S§28' stays as it is in English."""
    match = ARTICLE_PATTERN.match(article)
    if not match:
        return article or str(_("portal policy"))
    if not (get_language() or "zh-hans").startswith("zh"):
        return article
    law, number, item = match.groups()
    text = f"{LAWS[law]}第{hanzi_number(int(number))}条"
    return text + (f"第{hanzi_number(int(item))}项" if item else "")
