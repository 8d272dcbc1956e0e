"""The deputies' evaluation of the reply and re-handling (S§30): each deputy rates the reply of
a round; after an unsatisfied rating the committee orders re-handling within one month or
explains; the evaluation window closes the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from congress.deadlines import statutory
from congress.deadlines.calendar import deadline
from congress.errors import DomainError
from congress.models import Organisation, User
from suggestions.models import Evaluation, RehandlingDecision, Suggestion
from suggestions.notices import handling as notices
from suggestions.selectors import unsatisfied_this_round
from suggestions.services.steps import event, in_portal_language, locked, recorded, required_text, take
from suggestions.workflow import ASSIGNMENT, REPLYING_ROLES, SUGGESTION, Status
from suggestions.workflow.who import deputies_of


def suggestion_evaluate(*, suggestion: Suggestion, actor: User, rating: str, comment: str = "") -> Evaluation:
    """Each deputy rates the reply, once per round. An unsatisfied rating goes to the
    committee; once every deputy rated and none is unsatisfied, the suggestion closes."""
    if rating not in Evaluation.Rating.values:
        raise DomainError(
            "invalid_rating", _("Choose satisfied, basically satisfied or unsatisfied."), status=400
        )
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("evaluate", suggestion, actor)
        deputy, round_ = actor.deputy, suggestion.reply_round
        if Evaluation.objects.filter(suggestion=suggestion, deputy=deputy, round=round_).exists():
            raise DomainError("already_evaluated", _("You have already evaluated this reply."))
        row = Evaluation.objects.create(
            suggestion=suggestion, deputy=deputy, round=round_, rating=rating, comment=comment.strip(),
            created=timezone.now(),
        )  # fmt: skip
        take(step, suggestion, actor=actor, note=in_portal_language(
            lambda: f"{row.get_rating_display()}{('：' + row.comment) if row.comment else ''}"
        ))  # fmt: skip
        ratings = list(suggestion.evaluations.filter(round=round_).values_list("rating", flat=True))
        if len(ratings) >= len(deputies_of(suggestion)) and Evaluation.Rating.UNSATISFIED not in ratings:
            note = recorded(N_("every deputy evaluated the reply"))
            take(SUGGESTION.require("close", suggestion), suggestion, actor=actor, note=note)
        if rating == Evaluation.Rating.UNSATISFIED:
            notices.unsatisfied(row.pk)
    return row


def suggestion_decide_rehandling(
    *,
    suggestion: Suggestion,
    actor: User,
    rehandle: bool,
    explanation: str,
    units: Sequence[Organisation] = (),
) -> RehandlingDecision:
    """After an unsatisfied rating the committee orders re-handling within one month, or
    explains to the deputy and closes (S§30)."""
    explanation = required_text(
        explanation, "reason_required", _("Explain the decision to the deputy (S§30).")
    )
    with transaction.atomic():
        suggestion = locked(suggestion)
        target = Status.REHANDLING if rehandle else Status.CLOSED
        step = SUGGESTION.require("decide_rehandling", suggestion, actor, target=target)
        now = timezone.now()
        decision = RehandlingDecision.objects.create(
            suggestion=suggestion, round=suggestion.reply_round, rehandle=rehandle, explanation=explanation,
            decided_by=actor, decided_at=now,
        )  # fmt: skip
        if rehandle:
            today = timezone.localdate(now)
            clock = deadline(statutory.REHANDLING, today)
            replied = suggestion.assignments.select_for_update().filter(
                status__in=ASSIGNMENT.sources("rehandle"), role__in=REPLYING_ROLES
            )
            if units:
                replied = replied.filter(unit__in=units)
            for assignment in replied:
                take(
                    ASSIGNMENT.require("rehandle", assignment), assignment, actor=actor, note=explanation,
                    rehandling_on=today, rehandling_due=clock.due, closed_at=None,
                )  # fmt: skip
            take(
                step, suggestion, actor=actor, note=explanation, recorded_as="rehandle",
                reply_round=suggestion.reply_round + 1, evaluation_due=None,
            )  # fmt: skip
        else:
            event(suggestion, actor=actor, action="explain", note=explanation)
            take(step, suggestion, actor=actor, note=explanation, recorded_as="close")
        notices.rehandling_decided(decision.pk)
    return decision


def suggestions_close_after_evaluation_window(today: dt.date) -> int:
    """The evaluation window passed (S§30): replied suggestions close, unless an unsatisfied
    rating awaits the committee's decision. One indexed query (sugg_evaluation_open)."""
    closed = 0
    late = SUGGESTION.running("evaluation") & ~unsatisfied_this_round()
    for pk in Suggestion.objects.filter(late, evaluation_due__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            suggestion = Suggestion.objects.select_for_update().filter(late, pk=pk).first()
            if suggestion is None:
                continue  # evaluated, or rated unsatisfied, meanwhile
            note = recorded(N_("the evaluation window passed"))
            take(SUGGESTION.require("close", suggestion), suggestion, actor=None, note=note)
            closed += 1
    return closed
