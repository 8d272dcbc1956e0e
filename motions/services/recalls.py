"""Recall motions (罢免案, D§15) and proposals for a special investigation committee (D§16):
one tenth or more of all deputies sign during the session; the presidium puts them to the
plenary; the person named in a recall may answer; the outcome is recorded. The way to the
plenary is shared (motions/services/joint.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Session, User
from deputies.models import Deputy
from motions.models import InvestigationProposal, Recall, RecallDefence
from motions.services.joint import INVESTIGATIONS, RECALLS, create, lead_for, lock, record
from motions.workflow import RECALL


def recall_create(
    *,
    session: Session,
    actor: User,
    title: str,
    person_name: str,
    person_office: str,
    reasons: str,
    lead_deputy: Deputy | None = None,
    co_signers: Iterable[Deputy] = (),
) -> Recall:
    """D§15: it names the person (name and office) and 罢免案应当写明罢免理由."""
    if not (person_name.strip() and person_office.strip() and reasons.strip()):
        raise DomainError(
            "invalid", _("A recall motion names the person, their office and the reasons (D§15)."), status=400
        )
    return create(
        spec=RECALLS,
        session=session,
        actor=actor,
        lead_deputy=lead_for(actor, lead_deputy),
        co_signers=co_signers,
        title=title.strip() or person_name.strip(),
        person_name=person_name.strip(),
        person_office=person_office.strip(),
        reasons=reasons,
    )


def recall_record_defence(
    *, recall: Recall, actor: User, form: str, text: str, given_on: dt.date
) -> RecallDefence:
    """D§15: 被提出罢免的人员有权在主席团会议或者大会全体会议上提出申辩意见,或者书面提出申辩意见."""
    if form not in RecallDefence.Form.values or not text.strip():
        raise DomainError(
            "invalid", _("Record the form of the defence and what was said (D§15)."), status=400
        )
    with transaction.atomic():
        item = lock(recall)
        RECALL.require("record_defence", item, actor)
        defence = item.defences.create(form=form, text=text.strip(), given_on=given_on, recorded_by=actor)
        record(item, actor, "record_defence", data={"form": form})
    return defence


def investigation_create(
    *,
    session: Session,
    actor: User,
    title: str,
    question: str,
    reasons: str = "",
    lead_deputy: Deputy | None = None,
    co_signers: Iterable[Deputy] = (),
) -> InvestigationProposal:
    """D§16: a proposal to organise a committee of inquiry into a specific question."""
    if not (title.strip() and question.strip()):
        raise DomainError(
            "invalid", _("A proposal names the specific question to investigate (D§16)."), status=400
        )
    return create(
        spec=INVESTIGATIONS,
        session=session,
        actor=actor,
        lead_deputy=lead_for(actor, lead_deputy),
        co_signers=co_signers,
        title=title.strip(),
        question=question,
        reasons=reasons,
    )
