"""How every suggestion service takes its step (issue 12).

In one transaction: lock the row, `require` the action from its table (who may act, the
record's own rules, its status), change it, save only the fields that changed, write the
history, and tell the people concerned through suggestions.notices, whose notify() writes
the inbox and the outbox in the same transaction and delivers after the commit, with
retries. A refusal, or a failure anywhere, leaves nothing half-done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

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


def recorded(message: str, **params: Any) -> str:
    """History notes are kept in the portal's language, whatever the language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % params if params else gettext(message)


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
