"""Following the handling up: the commitments of category-B replies (S§32), key suggestions
and their supervision (S§34–S§42), and the deputies' requests to the committee (S§44)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Organisation, User
from suggestions.models import (
    Commitment,
    CommitmentProgress,
    KeyNote,
    KeySuggestion,
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
    """The unit reports progress; the deputies and the committee are told (S§32)."""
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
        if done:
            commitment.done_on = timezone.localdate()
            commitment.save(update_fields=["done_on"])
        event(
            reply.assignment.suggestion, actor=actor, action="commitment_progress", assignment=reply.assignment,
            note=text,
        )  # fmt: skip
        notices.commitment_progress(row.pk)
    return row


# --- Key suggestions (S§34–S§42) ------------------------------------------------------------------

SUPERVISING_KINDS = {Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_BODY}


def suggestion_mark_key(
    *,
    suggestion: Suggestion,
    actor: User,
    ground: int,
    grounds_text: str,
    supervising_body: Organisation | None = None,
    supervising_leader: str = "",
    leading_official: str = "",
    approved_on: dt.date | None = None,
) -> KeySuggestion:
    """Staff propose a key suggestion with its grounds (S§34); session suggestions need the
    chairpersons' meeting (S§35), recess ones go by the through-train (S§36); the supervising
    body, leader and leading official are named (S§39)."""
    if ground not in KeySuggestion.Ground.values or not grounds_text.strip():
        raise DomainError("grounds_required", _("State the grounds for key handling (S§34)."), status=400)
    if supervising_body is not None and supervising_body.kind not in SUPERVISING_KINDS:
        raise DomainError(
            "invalid_supervisor",
            _("A special committee or a working body of the SC supervises (S§39)."),
            status=400,
        )
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("mark_key", suggestion, actor)
        channel = (
            KeySuggestion.Channel.SESSION if suggestion.session_id else KeySuggestion.Channel.THROUGH_TRAIN
        )
        key, created = KeySuggestion.objects.update_or_create(
            suggestion=suggestion,
            defaults={
                "ground": ground, "grounds_text": grounds_text.strip(), "channel": channel,
                "supervising_body": supervising_body, "supervising_leader": supervising_leader.strip(),
                "leading_official": leading_official.strip(), "approved_on": approved_on,
                "proposed_by": actor, "proposed_at": timezone.now(),
            },
        )  # fmt: skip
        note = in_portal_language(key.get_channel_display)
        take(step, suggestion, actor=actor, note=note, recorded_as="" if created else "key_approved")
    return key


# Who writes which note: the supervising body comments (S§40), a unit that replied reports (S§41).
NOTE_ACTIONS: dict[str, str] = {KeyNote.Kind.COMMENT: "key_comment", KeyNote.Kind.REPORT: "key_report"}
NOTE_HISTORY: dict[str, str] = {KeyNote.Kind.COMMENT: "supervisor_comment", KeyNote.Kind.REPORT: "key_report"}


def key_note(*, key: KeySuggestion, actor: User, kind: str, text: str) -> KeyNote:
    """A supervisor's comment (S§40), or the unit's handling report after the reply (S§41)."""
    text = required_text(text, "text_required", _("Write the text."))
    if kind not in NOTE_ACTIONS:
        raise DomainError("invalid_kind", _("unknown note"), status=400)
    with transaction.atomic():
        suggestion = locked(key.suggestion)
        step = SUGGESTION.require(NOTE_ACTIONS[kind], suggestion, actor)
        note = KeyNote.objects.create(key=key, kind=kind, text=text, author=actor, created=timezone.now())
        take(step, suggestion, actor=actor, note=text, recorded_as=NOTE_HISTORY[kind])
        notices.key_note_added(note.pk)
    return note


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
