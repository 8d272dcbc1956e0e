"""The secretariat keeps each sitting's attendance (D§8): a roll call entered on a tablet, or
imported from a spreadsheet. A deputy twice absent from a session without approved leave is
flagged for the committee (D§46(3))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from congress.errors import DomainError
from congress.models import Session, User
from congress.roles import Role
from deputies import notices
from deputies.models import Attendance, Deputy, Sitting
from deputies.selectors.attendance import ABSENT_TWICE, sessions_missed
from deputies.services.common import check_active, check_in_congress, require_role
from deputies.workflow.checks import refusal

# Column headers of the import (the roll-call sheet): the deputy's number or name, and 出席.
IMPORT_HEADERS = ("代表编号", "姓名", "出席")
PRESENT = {"是", "出席", "yes", "y", "1", "true", "√", "✓"}
ABSENT = {"否", "缺席", "no", "n", "0", "false", "×"}
MAX_ROWS = 2000


def sitting_create(*, session: Session, date: dt.date, name: str, actor: User) -> Sitting:
    require_role(actor, Role.SECRETARIAT)
    if not session.opens <= date <= session.closes:
        raise refusal("sitting_outside_session", status=400)
    return Sitting.objects.create(session=session, date=date, name=name.strip())


def attendance_record(
    *, sitting: Sitting, present: Sequence[Deputy], absent: Sequence[Deputy], actor: User
) -> int:
    """Record who was present and who absent; a second roll call corrects the first."""
    require_role(actor, Role.SECRETARIAT)
    if sitting.date > timezone.localdate():
        raise refusal("sitting_in_future")
    everyone = [*present, *absent]
    check_in_congress(everyone, sitting.session.congress_id)
    check_active(everyone)
    now = timezone.now()
    rows = [
        Attendance(sitting=sitting, deputy=d, present=is_present, recorded_by=actor, recorded_at=now)
        for group, is_present in ((present, True), (absent, False))
        for d in group
    ]
    with transaction.atomic():
        Attendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["sitting", "deputy"],
            update_fields=["present", "recorded_by", "recorded_at"],
        )
        flag_absences(absent, sitting.session.congress_id)
    return len(rows)


def flag_absences(absent: Sequence[Deputy], congress_id: int) -> None:
    """D§46(3): the committee is told once when a deputy has twice missed a session unexcused."""
    missed = sessions_missed([d.pk for d in absent], congress_id)
    for deputy in absent:
        if missed.get(deputy.pk, 0) >= ABSENT_TWICE:
            notices.absences_flagged(deputy, missed[deputy.pk])


def attendance_import(*, sitting: Sitting, upload: Any, actor: User) -> int:
    """A roll-call sheet: 代表编号 (or 姓名 when the number is empty) and 出席 (是/否). Every row
    is checked first; one bad row refuses the file, naming it, and nothing is recorded."""
    require_role(actor, Role.SECRETARIAT)
    present, absent = read_roll_call(upload, sitting.session.congress_id)
    return attendance_record(sitting=sitting, present=present, absent=absent, actor=actor)


def _invalid(problem: str) -> DomainError:
    return refusal("import_invalid", status=400, problem=problem)


def read_roll_call(upload: Any, congress_id: int) -> tuple[list[Deputy], list[Deputy]]:
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise _invalid(_("it is not an Excel workbook (.xlsx).")) from None
    lines = book.worksheets[0].iter_rows(values_only=True)
    header = tuple("" if v is None else str(v).strip() for v in next(lines, ()))
    if header[: len(IMPORT_HEADERS)] != IMPORT_HEADERS:
        raise _invalid(_("row 1 must be the headers %(headers)s.") % {"headers": "、".join(IMPORT_HEADERS)})
    deputies = list(Deputy.objects.filter(congress_id=congress_id))
    by_pk = {str(d.pk): d for d in deputies}
    by_name: dict[str, list[Deputy]] = {}
    for d in deputies:
        by_name.setdefault(d.name, []).append(d)
    present: list[Deputy] = []
    absent: list[Deputy] = []
    for number, line in enumerate(lines, start=2):
        if number > MAX_ROWS + 1:
            raise _invalid(_("more than %(max)s rows.") % {"max": MAX_ROWS})
        key, name, mark = (("" if v is None else str(v).strip()) for v in (*line, None, None, None)[:3])
        if not (key or name or mark):
            continue
        named = by_name.get(name, [])
        deputy = by_pk.get(key) if key else (named[0] if len(named) == 1 else None)
        if deputy is None:
            raise _invalid(_("row %(row)s names no single deputy of this term.") % {"row": number})
        if mark.lower() not in PRESENT | ABSENT:
            raise _invalid(_("row %(row)s: write 是 or 否 under 出席.") % {"row": number})
        (present if mark.lower() in PRESENT else absent).append(deputy)
    return present, absent
