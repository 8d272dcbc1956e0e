"""Import a batch of suggestions entered from paper forms, from the Excel template.

Every row is checked first; a bad row is reported with its row number and nothing of the
batch is saved. Imported suggestions are filed at once: the paper form carries the
signatures (S§13, S§14), so co-signers count as confirmed. Delegation suggestions need the
delegation's vote and are entered one by one on the page instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from congress.errors import DomainError
from congress.models import Session, User
from deputies.models import Deputy
from suggestions.forms import resolve_deputies
from suggestions.models import CoSigner, SubjectArea, Suggestion
from suggestions.services.filing import suggestion_create, suggestion_submit

TEMPLATE_HEADERS = ["领衔代表", "联名代表", "标题", "内容", "领域", "会议期间提出", "紧急"]
YES = {"是", "yes", "y", "1", "true", "会议期间"}
NO = {"否", "no", "n", "0", "false", "闭会期间", ""}
MAX_ROWS = 5000


def template_workbook() -> list[list[str]]:
    """One example row under the headers."""
    return [
        [
            "李明（太原代表团）",
            "王芳、张伟",
            "关于加快老旧小区加装电梯的建议",
            "（问题、事实和建议的措施）",
            "城乡建设",
            "是",
            "否",
        ]
    ]


@dataclass
class Row:
    number: int
    lead: Deputy
    co_signers: list[Deputy]
    title: str
    body: str
    area: SubjectArea
    during_session: bool
    urgent: bool


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_rows(upload: Any, congress_id: int) -> list[Row]:
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise DomainError(
            "import_invalid", _("The file cannot be read as an Excel workbook (.xlsx)."), status=400
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    if header[: len(TEMPLATE_HEADERS)] != TEMPLATE_HEADERS:
        raise DomainError(
            "import_invalid",
            _("Row 1 must be the template's headers: %(headers)s") % {"headers": "、".join(TEMPLATE_HEADERS)},
            status=400,
        )
    areas = {a.name: a for a in SubjectArea.objects.all()}
    parsed: list[Row] = []
    errors: list[str] = []
    for number, values in enumerate(rows, start=2):
        cells = [_text(v) for v in (*values, *[None] * len(TEMPLATE_HEADERS))][: len(TEMPLATE_HEADERS)]
        if not any(cells):
            continue
        if len(parsed) + len(errors) >= MAX_ROWS:
            errors.append(_("row %(row)s: at most %(max)s rows per batch") % {"row": number, "max": MAX_ROWS})
            break
        lead_text, co_text, title, body, area_name, session_text, urgent_text = cells
        problems = []
        leads, lead_problems = resolve_deputies(lead_text, congress_id)
        problems += lead_problems
        if not lead_text or (len(leads) != 1 and not lead_problems):
            problems.append(_("name one lead deputy"))
        co_signers, co_problems = resolve_deputies(co_text, congress_id)
        problems += co_problems
        if not title:
            problems.append(_("the title is missing"))
        elif len(title) > 200:
            problems.append(_("the title is longer than 200 characters"))
        if not body:
            problems.append(_("the content is missing"))
        if area_name not in areas:
            problems.append(_("“%(value)s” is not a subject area") % {"value": area_name})
        if session_text.lower() not in YES | NO or urgent_text.lower() not in YES | NO:
            problems.append(_("write 是 or 否"))
        for deputy in leads + co_signers:
            if not deputy.is_active:
                problems.append(_("%(name)s cannot file or sign (D§45, D§46)") % {"name": deputy.name})
        if problems:
            errors.append(_("row %(row)s: %(problems)s") % {"row": number, "problems": "；".join(problems)})
            continue
        parsed.append(
            Row(
                number,
                leads[0],
                co_signers,
                title,
                body,
                areas[area_name],
                session_text.lower() in YES,
                urgent_text.lower() in YES,
            )
        )
    if errors:
        raise DomainError("import_invalid", "\n".join(errors), status=400)
    if not parsed:
        raise DomainError("import_invalid", _("The file has no suggestions under the headers."), status=400)
    return parsed


def import_suggestions(upload: Any, *, actor: User, session: Session | None) -> list[Suggestion]:
    if session is None:
        raise DomainError("import_invalid", _("There is no congress session to file under."), status=400)
    rows = read_rows(upload, session.congress_id)
    created = []
    with transaction.atomic():
        for row in rows:
            suggestion = suggestion_create(
                actor=actor, lead_deputy=row.lead, title=row.title, body=row.body, subject_area=row.area,
                session=session if row.during_session else None, co_signers=row.co_signers, urgent=row.urgent,
            )  # fmt: skip
            # The co-signers signed the paper form (S§14).
            suggestion.cosigners.update(
                status=CoSigner.Status.CONFIRMED,
                confirmed_version=suggestion.text_version,
                answered_at=timezone.now(),
            )
            created.append(suggestion_submit(suggestion=suggestion, actor=actor))
    return created
