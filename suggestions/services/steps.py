"""How every suggestion service takes its step (issue 12).

In one transaction: lock the row, `require` the action from its table (who may act, the
record's own rules, its status), change it, save only the fields that changed, write the
history, and tell the people concerned through suggestions.notices, whose notify() writes
the inbox and the outbox in the same transaction and delivers after the commit, with
retries. A refusal, or a failure anywhere, leaves nothing half-done.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from congress.errors import DomainError
from congress.models import User
from congress.workflow import Step
from deputies.models import Deputy
from suggestions.models import Assignment, Reply, Suggestion, SuggestionEvent


def event(
    suggestion: Suggestion,
    *,
    actor: User | None,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    assignment: Assignment | None = None,
) -> SuggestionEvent:
    """A line of the suggestion's history: who did what, when, from which status to which."""
    return SuggestionEvent.objects.create(
        suggestion=suggestion, assignment=assignment, actor=actor, at=timezone.now(), action=action,
        from_status=from_status, to_status=to_status, note=note,
    )  # fmt: skip


def take(
    step: Step,
    record: Suggestion | Assignment,
    *,
    actor: User | None,
    note: str = "",
    recorded_as: str = "",
    **fields: Any,
) -> None:
    """Apply a step the table allowed to a suggestion or an assignment: its status (for a
    move), the fields it sets, saved alone, and its line in the history (under the action's
    name unless `recorded_as` names it otherwise)."""
    if step.target != step.source:
        fields["status"] = step.target
    for name, value in fields.items():
        setattr(record, name, value)
    if fields:
        record.save(update_fields=list(fields))
    assignment = record if isinstance(record, Assignment) else None
    event(
        record.suggestion if isinstance(record, Assignment) else record,
        actor=actor, action=recorded_as or step.action.name, assignment=assignment, note=note,
        from_status=step.source if step.target != step.source else "",
        to_status=step.target if step.target != step.source else "",
    )  # fmt: skip


def locked(suggestion: Suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


def locked_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("suggestion", "unit").get(pk=assignment.pk)


def locked_reply(reply: Reply) -> Reply:
    return (
        Reply.objects.select_for_update()
        .select_related("assignment__suggestion", "assignment__unit")
        .get(pk=reply.pk)
    )


def in_portal_language(text: Callable[[], str]) -> str:
    """History notes built from labels are kept in the portal's language, like `recorded`."""
    with translation.override(settings.LANGUAGE_CODE):
        return text()


# Every message `recorded` is called with. A note is stored as text in the portal's language; these
# let a page show it again in the reader's language (`note_in_reader_language`).
HISTORY_NOTES = (
    N_("entered on the deputy's behalf from the paper form"),
    N_("filed by a deputy to the National People's Congress elected in the province (S§48)"),
    N_("text changed: %(count)s confirmations voided"),
    N_("confirmed version %(v)s"),
    N_("every deputy evaluated the reply"),
    N_("the evaluation window passed"),
    N_("re-routed"),
)
NOTE_SEPARATOR = "；"  # notes joined into one (a paper form filed by an NPC deputy)


def recorded(message: str, **params: Any) -> str:
    """History notes are kept in the portal's language, whatever the language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % params if params else gettext(message)


def _pattern(text: str) -> re.Pattern[str]:
    """A message as a regex: its %(name)s placeholders become named groups."""
    parts = re.split(r"%\((\w+)\)s", text)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$")


@functools.cache
def _note_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """(message, pattern) for each note as the source says it and as the portal's language says it."""
    with translation.override(language):
        return [(m, _pattern(text)) for m in HISTORY_NOTES for text in {m, gettext(m)}]


def note_in_reader_language(note: str) -> str:
    """A stored note in the language of the request: known notes are translated again, whatever
    language they were stored in (notes from before the catalogue had them are English); a note
    a person wrote is shown as written."""
    shown = []
    for part in note.split(NOTE_SEPARATOR):
        for message, pattern in _note_patterns(settings.LANGUAGE_CODE):
            if match := pattern.match(part.strip()):
                part = gettext(message) % match.groupdict() if match.groupdict() else gettext(message)
                break
        shown.append(part)
    return NOTE_SEPARATOR.join(shown)


def require_active(deputy: Deputy) -> None:
    """D§45, D§46: a suspended or terminated deputy cannot file or sign."""
    if not deputy.is_active:
        raise DomainError(
            "deputy_not_active",
            _("%(name)s is suspended or no longer a deputy and cannot file or sign (D§45, D§46).")
            % {"name": deputy.name},
        )


def required_text(text: str, code: str, message: str) -> str:
    """A text the rule asks for (a reason, a message): refused as 400 when blank."""
    if not text.strip():
        raise DomainError(code, message, status=400)
    return text.strip()
