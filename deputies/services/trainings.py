"""Trainings (D§41): the SC plans collective study (at least once a year) and remote
learning, invites deputies, and records who attended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from congress.models import Congress, User
from deputies import notices
from deputies.models import Deputy, Training, TrainingInvitation
from deputies.services.common import check_active, check_in_congress, event, may_create, required, take
from deputies.workflow import TRAINING


def training_plan(
    *,
    congress: Congress,
    title: str,
    kind: str,
    date: dt.date,
    actor: User,
    place: str = "",
    deputies: Sequence[Deputy] = (),
) -> Training:
    training = Training(
        congress=congress, title=required(title, "title_missing"), kind=kind, date=date,
        place=place.strip(), created_by=actor,
    )  # fmt: skip
    may_create(TRAINING, TRAINING.action("invite"), training, actor)
    check_active(deputies)
    check_in_congress(deputies, congress)
    with transaction.atomic():
        training.save()
        event(training, actor=actor, action="plan")
        _invite(training, deputies)
    return training


def _invite(training: Training, deputies: Sequence[Deputy]) -> list[Deputy]:
    already = set(training.invitations.values_list("deputy_id", flat=True))
    new = [d for d in dict.fromkeys(deputies) if d.pk not in already]
    TrainingInvitation.objects.bulk_create([TrainingInvitation(training=training, deputy=d) for d in new])
    notices.training_invited(training, new)
    return new


def locked(training: Training) -> Training:
    return Training.objects.select_for_update().get(pk=training.pk)


def training_invite(*, training: Training, deputies: Sequence[Deputy], actor: User) -> list[Deputy]:
    with transaction.atomic():
        training = locked(training)
        step = TRAINING.require("invite", training, actor)
        check_active(deputies)
        check_in_congress(deputies, training.congress_id)
        new = _invite(training, deputies)
        if new:
            take(step, training, actor=actor, note="、".join(d.name for d in new))
    return new


def training_hold(
    *, training: Training, attended: Sequence[Deputy], actor: User, summary: str = ""
) -> Training:
    """Record the training held and who attended; deputies who came uninvited are added."""
    with transaction.atomic():
        training = locked(training)
        step = TRAINING.require("hold", training, actor)
        check_in_congress(attended, training.congress_id)
        present = {d.pk for d in attended}
        invited = set(training.invitations.values_list("deputy_id", flat=True))
        TrainingInvitation.objects.bulk_create(
            [TrainingInvitation(training=training, deputy=d) for d in attended if d.pk not in invited]
        )
        training.invitations.update(attended=False)
        training.invitations.filter(deputy_id__in=present).update(attended=True)
        training.summary = summary.strip()
        take(step, training, actor=actor, fields=["summary"], data={"attended": sorted(present)})
    return training


def training_cancel(*, training: Training, reason: str, actor: User) -> Training:
    with transaction.atomic():
        training = locked(training)
        step = TRAINING.require("cancel", training, actor)
        take(step, training, actor=actor, note=reason.strip())
        notices.training_cancelled(training)
    return training
