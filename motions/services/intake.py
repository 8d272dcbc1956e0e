"""Intake by the secretariat (M§14, M§17): classification, the committees' opinions, and the
motions put before the motion-review committee. The opinions a reviewing body asks in recess
(M§25) are asked the same way."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Organisation, Session, User
from motions.models import Category, Motion, OpinionRequest
from motions.services.common import check_review_body, lock, move, permission_denied, record
from motions.workflow import MOTION, SECRETARIAT


def motion_classify(
    *,
    motion: Motion,
    actor: User,
    category: str,
    subject_body: Organisation | None,
    preliminary_opinion: str = "",
) -> Motion:
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("classify", motion, actor)
        if subject_body is not None:
            check_review_body(subject_body)
        if category not in Category.values:
            raise DomainError("invalid", _("Unknown category."), status=400)
        before = {"category": motion.category, "subject_body": motion.subject_body_id}
        motion.category = category
        motion.subject_body = subject_body
        motion.preliminary_opinion = preliminary_opinion
        motion.save(update_fields=["category", "subject_body", "preliminary_opinion", "changed_at"])
        record(
            motion,
            actor,
            "classify",
            note=preliminary_opinion,
            data={"before": before, "category": category, "subject_body": str(subject_body or "")},
        )
    return motion


def motion_request_opinion(
    *, motion: Motion, actor: User, body: Organisation, question: str = ""
) -> OpinionRequest:
    """Ask a body for its opinion: at intake the secretariat asks special committees and SC
    bodies (M§17); in recess the reviewing body asks the organs concerned (M§25). Which of the
    two it is follows from where the motion stands."""
    with transaction.atomic():
        motion = lock(motion)
        if motion.status in MOTION.sources("body_opinion"):
            MOTION.require("body_opinion", motion, actor)
            stage = OpinionRequest.Stage.RECESS
        else:
            MOTION.require("request_opinion", motion, actor)
            check_review_body(body)
            stage = OpinionRequest.Stage.INTAKE
        if motion.opinions.filter(stage=stage, body=body).exists():
            raise DomainError(
                "opinion_already_requested",
                _("This body has already been asked for its opinion."),
                status=409,
            )
        request = OpinionRequest.objects.create(
            motion=motion, stage=stage, body=body, requested_by=actor, question=question
        )
        record(motion, actor, "request_opinion", note=question, data={"body": body.name, "stage": stage})
    return request


def opinion_record(*, opinion: OpinionRequest, actor: User, text: str) -> OpinionRequest:
    """The answer of the body asked. In recess the reviewing body's staff record it (whoever may
    ask it, M§25); at intake the secretariat or the body asked."""
    with transaction.atomic():
        motion = lock(opinion.motion)
        opinion = OpinionRequest.objects.select_for_update().get(pk=opinion.pk)
        if opinion.stage == OpinionRequest.Stage.RECESS:
            allowed = MOTION.may_act(MOTION.action("body_opinion"), motion, actor)
        else:
            allowed = (
                actor.is_superuser or actor.has_role(*SECRETARIAT) or actor.organisation_id == opinion.body_id
            )
        if not allowed:
            raise permission_denied()
        if not text.strip():
            raise DomainError("invalid", _("Write the opinion."), status=400)
        opinion.opinion = text
        opinion.answered_at = timezone.now()
        opinion.recorded_by = actor
        opinion.save(update_fields=["opinion", "answered_at", "recorded_by"])
        record(motion, actor, "record_opinion", note=text, data={"body": opinion.body.name})
    return opinion


def motion_send_to_review(*, motion: Motion, actor: User) -> Motion:
    """The secretariat puts the motion before the motion-review committee (M§17)."""
    with transaction.atomic():
        motion = lock(motion)
        move(motion, MOTION.require("send_to_review", motion, actor), actor)
    return motion


def motions_send_all_to_review(*, session: Session, actor: User) -> int:
    """Every motion filed so far goes before the committee at once (the usual case)."""
    count = 0
    waiting = Motion.objects.filter(session=session, status__in=MOTION.sources("send_to_review"))
    for motion in waiting.order_by("number"):
        motion_send_to_review(motion=motion, actor=actor)
        count += 1
    return count
