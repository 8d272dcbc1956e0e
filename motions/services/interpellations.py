"""Interpellations (质询案, D§14): the draft by ten or more deputies or a delegation, the
presidium's form of answer, the answer meeting the proposers attend and speak at, each
proposer's evaluation, the new answer when half or more are not satisfied, and publication
after the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.errors import DomainError
from congress.models import Organisation, Session, User
from congress.notifications.services import notify
from deputies.models import Delegation, Deputy
from motions.models import (
    INTERPELLATION_TARGETS,
    Interpellation,
    InterpellationAnswer,
    InterpellationEvaluation,
)
from motions.services.joint import INTERPELLATIONS, create, lead_for, lock, move, record
from motions.workflow import INTERPELLATION
from motions.workflow.instrument_checks import deputy_of, proposers
from motions.workflow.instruments import InterpellationStatus

Form = InterpellationAnswer.Form


def interpellation_create(
    *,
    session: Session,
    actor: User,
    kind: str,
    title: str,
    target: Organisation,
    questions: str,
    content: str = "",
    lead_deputy: Deputy | None = None,
    delegation: Delegation | None = None,
    co_signers: Iterable[Deputy] = (),
) -> Interpellation:
    """D§14: 质询案应当写明质询对象、质询的问题和内容 — the body questioned (the government,
    a department, the court or the procuratorate), the questions and their content."""
    if target.kind not in INTERPELLATION_TARGETS:
        raise DomainError(
            "invalid_target",
            _(
                "An interpellation questions the government, one of its departments, the court or the procuratorate (D§14)."
            ),
            status=400,
        )
    if not title.strip() or not questions.strip():
        raise DomainError("invalid", _("An interpellation names its questions (D§14)."), status=400)
    fields: dict[str, Any] = {
        "title": title.strip(),
        "target": target,
        "questions": questions,
        "content": content,
    }
    if kind == Interpellation.Kind.JOINT:
        return create(
            spec=INTERPELLATIONS,
            session=session,
            actor=actor,
            lead_deputy=lead_for(actor, lead_deputy),
            co_signers=co_signers,
            kind=kind,
            **fields,
        )
    if kind == Interpellation.Kind.DELEGATION:
        if delegation is None or delegation.congress_id != session.congress_id:
            raise DomainError(
                "delegation_required", _("A delegation's interpellation names the delegation."), status=400
            )
        return create(
            spec=INTERPELLATIONS,
            session=session,
            actor=actor,
            lead_deputy=None,
            delegation=delegation,
            kind=kind,
            **fields,
        )
    raise DomainError("invalid", _("Unknown kind of interpellation."), status=400)


def interpellation_record_vote(
    *,
    interpellation: Interpellation,
    actor: User,
    plenary_date: dt.date,
    member_count: int,
    votes_for: int,
    head_signed_by: Deputy | None,
) -> Interpellation:
    """A delegation's interpellation: its plenary meeting, members, votes for, the head's signature."""
    with transaction.atomic():
        item = lock(interpellation)
        INTERPELLATION.require("edit", item, actor)
        if item.delegation_id is None:
            raise DomainError(
                "invalid", _("Only a delegation's interpellation records a delegation vote."), status=400
            )
        item.plenary_date, item.member_count, item.votes_for, item.head_signed_by = (
            plenary_date,
            member_count,
            votes_for,
            head_signed_by,
        )
        item.save(update_fields=["plenary_date", "member_count", "votes_for", "head_signed_by", "changed_at"])
        record(item, actor, "record_vote", data={"members": member_count, "votes_for": votes_for})
    return item


def _tell_proposers(
    item: Interpellation, kind: str, subject: Promise, body: Promise, **values: object
) -> None:
    users = [d.user for d in proposers(item) if d.user_id]
    if item.delegation_id:
        users += list(User.objects.filter(delegations=item.delegation_id))
    if not users:
        return
    with translation.override(settings.LANGUAGE_CODE):
        params = {"title": item.title, "number": item.number_label, **{k: str(v) for k, v in values.items()}}
        notify(
            recipients=users,
            kind=kind,
            subject=str(subject) % params,
            body=str(body) % params,
            link=item.get_absolute_url(),
        )


def interpellation_decide_form(
    *,
    interpellation: Interpellation,
    actor: User,
    form: str,
    meeting_at: dt.datetime | None = None,
    place: str = "",
) -> InterpellationAnswer:
    """D§14: 质询案由主席团决定答复形式 — in writing, or at a meeting with its time and place,
    to which the proposers are invited (有权参加答复会议)."""
    with transaction.atomic():
        item = lock(interpellation)
        step = INTERPELLATION.require("decide_form", item, actor)
        answer = _new_round(item, actor, form, meeting_at, place, round_=1)
        move(item, step, actor, data={"form": form, "round": 1})
    return answer


def _new_round(
    item: Interpellation, actor: User, form: str, meeting_at: dt.datetime | None, place: str, *, round_: int
) -> InterpellationAnswer:
    if form not in Form.values:
        raise DomainError("invalid", _("The answer is given in writing or at a meeting (D§14)."), status=400)
    if form == Form.MEETING and (meeting_at is None or not place.strip()):
        raise DomainError(
            "meeting_time_and_place_required",
            _("An answer meeting has its time and place (D§14)."),
            status=400,
        )
    if form == Form.WRITTEN:
        meeting_at, place = None, ""
    answer = InterpellationAnswer.objects.create(
        interpellation=item,
        round=round_,
        form=form,
        meeting_at=meeting_at,
        place=place.strip(),
        decided_by=actor,
    )
    if form == Form.MEETING:
        assert meeting_at is not None  # noqa: S101 - checked above
        _tell_proposers(
            item,
            "interpellation_meeting",
            gettext_lazy("Answer meeting: %(title)s"),
            gettext_lazy(
                "The answer to the interpellation “%(title)s” is given at a meeting on %(when)s at %(place)s. You may attend and speak (D§14)."
            ),
            when=timezone.localtime(meeting_at).strftime("%Y-%m-%d %H:%M"),
            place=place,
        )
    else:
        _tell_proposers(
            item,
            "interpellation_form",
            gettext_lazy("Written answer decided: %(title)s"),
            gettext_lazy(
                "The presidium decided that the interpellation “%(title)s” is answered in writing (D§14)."
            ),
        )
    return answer


def _answer(item: Interpellation) -> InterpellationAnswer:
    answer = item.current_answer
    assert answer is not None  # noqa: S101 - the statuses after `decide_form` have one
    return answer


def interpellation_record_speech(
    *, interpellation: Interpellation, actor: User, deputy: Deputy, summary: str
) -> None:
    """A proposer spoke at the answer meeting (D§14: 发表意见)."""
    with transaction.atomic():
        item = lock(interpellation)
        INTERPELLATION.require("record_speech", item, actor)
        answer = _answer(item)
        if answer.form != Form.MEETING:
            raise DomainError(
                "no_answer_meeting", _("This answer is given in writing: there is no meeting (D§14).")
            )
        if deputy.pk not in {d.pk for d in proposers(item)}:
            raise DomainError(
                "not_a_proposer",
                _("Only a proposer of the interpellation speaks at its answer meeting (D§14)."),
                status=400,
            )
        answer.speeches.create(deputy=deputy, summary=summary.strip(), recorded_by=actor)
        record(item, actor, "record_speech", data={"deputy": deputy.name, "round": answer.round})


def interpellation_record_answer(
    *,
    interpellation: Interpellation,
    actor: User,
    text: str,
    answered_by: str = "",
    answered_at: dt.datetime | None = None,
) -> InterpellationAnswer:
    """The body's answer, written or as given at the meeting; each proposer is asked whether
    they are satisfied."""
    if not text.strip():
        raise DomainError("invalid", _("Record what the answer said."), status=400)
    with transaction.atomic():
        item = lock(interpellation)
        step = INTERPELLATION.require("record_answer", item, actor)
        answer = _answer(item)
        answer.text, answer.answered_by = text.strip(), answered_by.strip()
        answer.answered_at = answered_at or timezone.now()
        answer.save(update_fields=["text", "answered_by", "answered_at"])
        move(item, step, actor, data={"round": answer.round})
        _tell_proposers(
            item,
            "interpellation_answered",
            gettext_lazy("Interpellation answered: %(title)s"),
            gettext_lazy(
                "The interpellation “%(title)s” was answered. Say whether you are satisfied (D§14)."
            ),
        )
    return answer


def interpellation_evaluate(
    *, interpellation: Interpellation, actor: User, satisfied: bool, comment: str = ""
) -> InterpellationEvaluation:
    """Each proposer says whether they are satisfied with this round's answer, once."""
    with transaction.atomic():
        item = lock(interpellation)
        INTERPELLATION.require("evaluate", item, actor)
        answer = _answer(item)
        deputy = deputy_of(actor)
        try:
            with transaction.atomic():
                evaluation = answer.evaluations.create(
                    deputy=deputy, satisfied=satisfied, comment=comment.strip()
                )
        except IntegrityError:
            raise DomainError("already_evaluated", _("You have already evaluated this answer.")) from None
        record(
            item,
            actor,
            "evaluate",
            data={"deputy": deputy.name, "satisfied": satisfied, "round": answer.round},
        )
    return evaluation


def interpellation_request_reanswer(
    *, interpellation: Interpellation, actor: User, reason: str = ""
) -> Interpellation:
    """D§14: 提出质询案的代表半数以上对答复不满意的,可以提出要求 — the table's guard counts."""
    with transaction.atomic():
        item = lock(interpellation)
        step = INTERPELLATION.require("request_reanswer", item, actor)
        move(item, step, actor, note=reason)
    return item


def interpellation_decide_reanswer(
    *,
    interpellation: Interpellation,
    actor: User,
    approve: bool,
    form: str = "",
    meeting_at: dt.datetime | None = None,
    place: str = "",
    reason: str = "",
) -> Interpellation:
    """D§14: 经主席团决定,由受质询机关再作答复 — the presidium orders the new answer (its form
    decided as the first) or refuses it; the second answer follows the same path."""
    with transaction.atomic():
        item = lock(interpellation)
        target = InterpellationStatus.TO_ANSWER if approve else InterpellationStatus.CLOSED
        step = INTERPELLATION.require("decide_reanswer", item, actor, target=target)
        if approve:
            _new_round(item, actor, form, meeting_at, place, round_=2)
        else:
            _tell_proposers(
                item,
                "interpellation_reanswer_refused",
                gettext_lazy("No new answer: %(title)s"),
                gettext_lazy("The presidium decided that “%(title)s” is not answered again. %(reason)s"),
                reason=reason,
            )
        move(item, step, actor, note=reason, data={"approve": approve})
    return item


def interpellation_close(*, interpellation: Interpellation, actor: User, note: str = "") -> Interpellation:
    with transaction.atomic():
        item = lock(interpellation)
        step = INTERPELLATION.require("close", item, actor)
        move(item, step, actor, note=note)
    return item


def interpellation_publish(*, interpellation: Interpellation, actor: User) -> Interpellation:
    """Made public after the session, as the congress decides (D§14)."""
    with transaction.atomic():
        item = lock(interpellation)
        INTERPELLATION.require("publish", item, actor)
        item.published_at = timezone.now()
        item.save(update_fields=["published_at", "changed_at"])
        record(item, actor, "publish")
    return item
