"""Following the handling up: the commitments of category-B replies (S§32) and the deputies'
requests to the committee (S§44). Key suggestions and their supervision (S§34–S§42) are in
suggestions.services.key_handling."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import COMMITMENT_PROGRESS
from congress.errors import DomainError
from congress.models import User
from suggestions.models import (
    Commitment,
    CommitmentProgress,
    Suggestion,
    SupervisionRequest,
)
from suggestions.notices import follow_up as notices
from suggestions.services.steps import event, in_portal_language, locked, required_text, take
from suggestions.workflow import REPLY, SUGGESTION

# --- Commitments (S§32) ------------------------------------------------------------------------


def commitment_progress(
    *, commitment: Commitment, actor: User, text: str, done: bool = False
) -> CommitmentProgress:
    """The unit reports progress; the deputies and the committee are told (S§32). The next
    yearly report falls due twelve months later (S§25(2)), unless this one fulfils it."""
    text = required_text(text, "text_required", _("Describe the progress."))
    with transaction.atomic():
        commitment = (
            Commitment.objects.select_for_update()
            .select_related("reply__assignment__suggestion", "reply__assignment__unit")
            .get(pk=commitment.pk)
        )
        reply = commitment.reply
        REPLY.require("report_progress", reply, actor)
        if commitment.done_on:
            raise DomainError("commitment_done", _("This commitment is already fulfilled."))
        row = CommitmentProgress.objects.create(
            commitment=commitment, text=text, done=done, reported_by=actor, reported_at=timezone.now()
        )
        today = timezone.localdate()
        if done:
            commitment.done_on = today
        else:
            commitment.progress_due = deadline(COMMITMENT_PROGRESS, today).due
        commitment.save(update_fields=["done_on", "progress_due"])
        event(
            reply.assignment.suggestion, actor=actor, action="commitment_progress", assignment=reply.assignment,
            note=text,
        )  # fmt: skip
        notices.commitment_progress(row.pk)
    return row


# --- Supervision (S§44) -------------------------------------------------------------------------


def supervision_request(
    *, suggestion: Suggestion, actor: User, kind: str, message: str
) -> SupervisionRequest:
    """A deputy asks, through the committee, about progress or to meet the unit's head (S§44)."""
    if kind not in SupervisionRequest.Kind.values:
        raise DomainError("invalid_kind", _("Ask about progress or ask to meet the unit's head."), status=400)
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("ask", suggestion, actor)
        row = SupervisionRequest.objects.create(
            suggestion=suggestion,
            deputy=actor.deputy,
            kind=kind,
            message=message.strip(),
            created=timezone.now(),
        )
        note = in_portal_language(lambda: f"{row.get_kind_display()}：{row.message}")
        take(step, suggestion, actor=actor, note=note, recorded_as="supervision_request")
        notices.supervision_requested(row.pk)
    return row


def supervision_arrange(*, request: SupervisionRequest, actor: User, arrangement: str) -> SupervisionRequest:
    """The committee arranges what the deputy asked for, once, and tells the deputy (S§44)."""
    arrangement = required_text(arrangement, "reason_required", _("Say what was arranged."))
    with transaction.atomic():
        request = (
            SupervisionRequest.objects.select_for_update().select_related("suggestion").get(pk=request.pk)
        )
        step = SUGGESTION.require("arrange", request.suggestion, actor)
        if request.arranged_at:
            raise DomainError("already_arranged", _("This request is already arranged."))
        request.arrangement, request.arranged_by, request.arranged_at = arrangement, actor, timezone.now()
        request.save(update_fields=["arrangement", "arranged_by", "arranged_at"])
        take(step, request.suggestion, actor=actor, note=arrangement, recorded_as="supervision_arranged")
        notices.supervision_arranged(request.pk)
    return request
