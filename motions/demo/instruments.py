"""The demo's joint instruments (D§14, D§15): an interpellation in each state a demo user meets
— deputy1's draft awaiting deputy2's confirmation, one filed at the 4th session awaiting the
presidium's form of answer, one answered awaiting the proposers' evaluation — and a recall
draft. Written as rows with their dates, like the 4th session's motions (motions/demo/history.py);
each keeps the rules the services enforce (ten signers of the text as filed, filing order)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from congress.cosigning import InvitationStatus
from congress.models import Organisation, Session, User
from deputies.models import Deputy
from motions.demo.common import at
from motions.models import (
    INTERPELLATION_TARGETS,
    Interpellation,
    InterpellationAnswer,
    InterpellationEvent,
    InterpellationSigner,
    Recall,
    RecallEvent,
    RecallSigner,
)
from motions.workflow.instruments import InterpellationStatus as IS
from motions.workflow.instruments import PlenaryStatus

CONFIRMED, INVITED = InvitationStatus.CONFIRMED, InvitationStatus.INVITED


def seed_instruments() -> None:
    """Idempotent: nothing is added once the demo has an interpellation or a recall motion."""
    fourth = Session.objects.filter(number=4, congress__number=14).first()
    fifth = Session.objects.filter(number=5, congress__number=14).first()
    deputies = list(
        Deputy.objects.filter(user__username__in=[f"deputy{n}" for n in range(1, 13)]).order_by("id")
    )
    secretariat = User.objects.filter(username="sec1").first()
    targets = list(
        Organisation.objects.filter(kind__in=INTERPELLATION_TARGETS, is_active=True).order_by("id")[:3]
    )
    if fourth is None or fifth is None or secretariat is None or len(deputies) < 12 or len(targets) < 3:
        return
    if Interpellation.objects.exists() or Recall.objects.exists():
        return
    _draft(fifth, deputies, targets[0])
    _filed(fourth, deputies, targets[1], secretariat)
    _recall_draft(fifth, deputies)


def _user(deputy: Deputy) -> User:
    return deputy.user  # type: ignore[return-value]  # the demo's deputies all have their account


def _signers(
    item: Interpellation, lead: Deputy, confirmed: list[Deputy], invited: list[Deputy], on: Any
) -> None:
    InterpellationSigner.objects.bulk_create(
        [
            InterpellationSigner(
                interpellation=item,
                deputy=d,
                invited_by=_user(lead),
                invited_at=on,
                status=CONFIRMED,
                answered_at=on,
                confirmed_version=item.text_version,
            )
            for d in confirmed
        ]
        + [
            InterpellationSigner(interpellation=item, deputy=d, invited_by=_user(lead), invited_at=on)
            for d in invited
        ]
    )


def _draft(session: Session, deputies: list[Deputy], target: Organisation) -> None:
    """deputy1 leads; eight co-signers confirmed, deputy2 is still asked to confirm the text."""
    lead = deputies[0]
    item = Interpellation.objects.create(
        session=session,
        kind=Interpellation.Kind.JOINT,
        title="关于农村客运班线停运问题的质询案",
        target=target,
        questions="部分农村客运班线停运后，群众出行难的问题为何长期未得到解决？",
        content="请说明停运班线的数量、原因和恢复计划。",
        lead_deputy=lead,
        created_by=_user(lead),
    )
    _signers(item, lead, deputies[2:10], [deputies[1]], item.created_at)
    InterpellationEvent.objects.create(item=item, actor=_user(lead), action="create", to_status=IS.DRAFT)


def _filed(session: Session, deputies: list[Deputy], target: Organisation, secretariat: User) -> None:
    """Two filed at the 4th session by deputy1 and ten others (D§14: 十名以上代表联名): the
    first awaits the presidium's form of answer, the second was answered in writing and awaits
    the proposers' evaluation."""
    filed_at = at(session.opens + dt.timedelta(days=1), 11)
    rows = [
        ("关于全省耕地保护责任落实情况的质询案", deputies[0], deputies[1:11], IS.SUBMITTED),
        ("关于城市地下管网改造进度滞后的质询案", deputies[1], [deputies[0], *deputies[2:11]], IS.ANSWERED),
    ]
    for number, (title, lead, signers, status) in enumerate(rows, start=1):
        item = Interpellation.objects.create(
            session=session,
            number=number,
            kind=Interpellation.Kind.JOINT,
            title=title,
            target=target,
            questions="有关工作为何未按计划推进？下一步有何具体措施？",
            lead_deputy=lead,
            created_by=_user(lead),
            created_at=filed_at - dt.timedelta(hours=2),
            submitted_at=filed_at,
            status=status,
        )
        _signers(item, lead, signers, [], item.created_at)
        events = [
            ("create", item.created_at, _user(lead), "", IS.DRAFT),
            ("submit", filed_at, _user(lead), IS.DRAFT, IS.SUBMITTED),
        ]
        if status == IS.ANSWERED:
            decided = at(session.opens + dt.timedelta(days=2), 19)
            answered = at(session.opens + dt.timedelta(days=3), 16)
            InterpellationAnswer.objects.create(
                interpellation=item,
                round=1,
                form=InterpellationAnswer.Form.WRITTEN,
                decided_at=decided,
                decided_by=secretariat,
                answered_at=answered,
                answered_by="省住房和城乡建设厅厅长",
                text="已制定三年改造计划，2026年底前完成主城区老旧管网改造的百分之六十，并按季度向社会公布进度。",
            )
            events += [
                ("decide_form", decided, secretariat, IS.SUBMITTED, IS.TO_ANSWER),
                ("record_answer", answered, secretariat, IS.TO_ANSWER, IS.ANSWERED),
            ]
        InterpellationEvent.objects.bulk_create(
            [
                InterpellationEvent(item=item, action=a, at=when, actor=who, from_status=s, to_status=t)
                for a, when, who, s, t in events
            ]
        )


def _recall_draft(session: Session, deputies: list[Deputy]) -> None:
    """deputy3 drafts a recall motion; two co-signers asked so far (D§15: 十分之一以上代表联名)."""
    lead = deputies[2]
    item = Recall.objects.create(
        session=session,
        title="关于罢免某市人民检察院检察长的议案",
        person_name="王某某",
        person_office="某市人民检察院检察长",
        reasons="任职期间严重失职，造成重大损失，群众反映强烈。",
        lead_deputy=lead,
        created_by=_user(lead),
    )
    RecallSigner.objects.bulk_create(
        [RecallSigner(recall=item, deputy=d, invited_by=_user(lead)) for d in deputies[3:5]]
    )
    RecallEvent.objects.create(item=item, actor=_user(lead), action="create", to_status=PlenaryStatus.DRAFT)
