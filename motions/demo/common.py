"""What the demo's motions share: their text, Beijing dates, the stored placeholder report."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
TEXT = {
    "reason": "当前该领域存在制度供给不足、部门职责交叉、基层执行标准不一等问题，群众反映集中。",
    "grounds": "根据有关法律、行政法规和国家政策要求，结合我省实际调研情况，兄弟省份已有成熟立法和实践经验可资借鉴。",
    "solution": "一、明确主管部门和职责分工；二、建立健全协调机制和考核评价制度；三、加大财政投入，保障工作经费；四、由省人大常委会将其列入年度立法或监督工作计划。",
}
# (title, category, regulation action, body short name, final status)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), BEIJING)


def shared_report_file() -> str:
    """One stored placeholder the bulk demo reports point to."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = "motions/reports/demo-report.txt"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile("审议结果报告（演示数据）\n".encode()))
    return name
