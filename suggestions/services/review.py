"""The review (复核, S§10, S§15): the assigning body accepts a filed suggestion, returns it
to the deputy to improve, forwards what is not a suggestion as a deputy's letter, or merges
the same or similar suggestions into one."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import User
from suggestions.models import NotAcceptedGround, Suggestion
from suggestions.notices import review as notices
from suggestions.services.steps import locked, required_text, take
from suggestions.workflow import SUGGESTION


def suggestion_accept(*, suggestion: Suggestion, actor: User) -> Suggestion:
    """It qualifies as a suggestion (S§15) and awaits assignment."""
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("accept", suggestion, actor)
        take(step, suggestion, actor=actor, reviewed_at=timezone.now())
    return suggestion


def suggestion_return(*, suggestion: Suggestion, actor: User, message: str) -> Suggestion:
    """Back to the deputy to improve (S§15), e.g. when it mixes several matters (S§13)."""
    message = required_text(message, "message_required", _("Say what the deputy should improve."))
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("return", suggestion, actor)
        take(step, suggestion, actor=actor, note=message, return_message=message, reviewed_at=timezone.now())
        notices.returned(suggestion.pk)
    return suggestion


def suggestion_not_accept(
    *, suggestion: Suggestion, actor: User, ground: int, forwarded_to: str, note: str = ""
) -> Suggestion:
    """Not a suggestion under S§10; forwarded as a deputy's letter to the body named (S§15)."""
    if ground not in NotAcceptedGround.values:
        raise DomainError("ground_required", _("Choose the S§10 ground (1–7)."), status=400)
    forwarded_to = required_text(
        forwarded_to, "forwarded_to_required", _("Name the body the letter is forwarded to (S§15).")
    )
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("not_accept", suggestion, actor)
        take(
            step, suggestion, actor=actor, note=note, not_accepted_ground=ground, forwarded_to=forwarded_to,
            reviewed_at=timezone.now(),
        )  # fmt: skip
        notices.not_accepted(suggestion.pk)
    return suggestion


def suggestion_merge(*, suggestions: Sequence[Suggestion], into: Suggestion, actor: User) -> list[Suggestion]:
    """Merge same or similar suggestions into one (S§15); their deputies are told and get
    the reply to the one they were merged into (S§27)."""
    others = sorted({s.pk for s in suggestions} - {into.pk})
    if not others:
        raise DomainError("nothing_to_merge", _("Choose at least one other suggestion to merge."), status=400)
    with transaction.atomic():
        target = locked(into)
        into_step = SUGGESTION.require("merge_in", target, actor)
        merged = []
        for other in Suggestion.objects.select_for_update().filter(pk__in=others).order_by("pk"):
            step = SUGGESTION.require("merge", other, actor)
            if other.session_id != target.session_id:
                raise DomainError(
                    "merge_across_sessions", _("Only suggestions of the same session can be merged.")
                )
            take(step, other, actor=actor, note=target.number_label, merged_into=target)
            merged.append(other)
        take(into_step, target, actor=actor, note="、".join(s.number_label for s in merged))
        notices.merged([s.pk for s in merged])
    return merged
