"""Interpellations (D§14), recall motions (D§15) and investigation-committee proposals (D§16):
thresholds at the edge, filing only while the session sits, the half-or-more rule for a new
answer, the lead's notices, double transitions and who may act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from congress.cosigning import InvitationStatus
from congress.models import Organisation, Session, User
from congress.notifications.models import Notification
from congress.roles import Role
from deputies.models import Deputy
from deputies.selectors.archive import Span, archive_of
from motions.models import Interpellation
from motions.services import joint
from motions.services.interpellations import (
    interpellation_close,
    interpellation_create,
    interpellation_decide_form,
    interpellation_decide_reanswer,
    interpellation_evaluate,
    interpellation_publish,
    interpellation_record_answer,
    interpellation_record_speech,
    interpellation_record_vote,
    interpellation_request_reanswer,
)
from motions.services.recalls import investigation_create, recall_create, recall_record_defence
from motions.workflow import INTERPELLATION
from tests.conftest import BEIJING
from tests.helpers import refused, user_of


@pytest.fixture
def target(make_unit: Callable[..., Organisation]) -> Organisation:
    return make_unit("省交通运输厅", Organisation.Kind.GOVERNMENT)


def _draft(lead: Deputy, session: Session, target: Organisation, co_signers: list[Deputy]) -> Interpellation:
    return interpellation_create(
        session=session,
        actor=user_of(lead),
        kind="joint",
        title="关于高速公路收费问题的质询案",
        target=target,
        questions="收费标准为何连续上调？",
        content="具体内容。",
        co_signers=co_signers,
    )


def _confirm_all(item: Any, signers: list[Deputy]) -> None:
    for deputy in signers:
        joint.confirm(item=item, actor=user_of(deputy))


@pytest.fixture
def filed(sitting: Any, session: Session, deputies: list[Deputy], target: Organisation) -> Interpellation:
    """Ten proposers: the lead and nine co-signers who confirmed."""
    lead, *others = deputies[:10]
    item = _draft(lead, session, target, others)
    _confirm_all(item, others)
    return joint.submit(item=item, actor=user_of(lead))


def test_an_interpellation_with_nine_signers_is_refused_and_with_ten_is_filed(
    sitting: Any, session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    lead, *others = deputies[:10]
    item = _draft(lead, session, target, others)
    _confirm_all(item, others[:8])
    with refused("insufficient_signers"):
        joint.submit(item=item, actor=user_of(lead))
    _confirm_all(item, others[8:])
    item = joint.submit(item=item, actor=user_of(lead))
    assert (item.status, item.number) == ("submitted", 1)


def test_an_edit_voids_the_confirmations(
    sitting: Any, session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    lead, *others = deputies[:10]
    item = _draft(lead, session, target, others)
    _confirm_all(item, others)
    joint.update(item=item, actor=user_of(lead), questions="改写后的问题")
    with refused("insufficient_signers"):
        joint.submit(item=item, actor=user_of(lead))
    assert set(item.signers.values_list("status", flat=True)) == {InvitationStatus.INVITED}


def test_it_refuses_an_interpellation_of_a_body_the_law_does_not_name(
    session: Session, deputies: list[Deputy], make_unit: Callable[..., Organisation]
) -> None:
    """D§14: 质询案 questions the government, its departments, the court or the procuratorate;
    a special committee of the congress is no target."""
    committee = make_unit("省人大教科文卫委员会", Organisation.Kind.SPECIAL_COMMITTEE)
    with (
        time_machine.travel(dt.datetime(2026, 1, 26, 10, tzinfo=BEIJING), tick=False),
        refused("invalid_target"),
    ):
        _draft(deputies[0], session, committee, deputies[1:10])


def test_it_refuses_an_interpellation_outside_a_session(
    session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    with (
        time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=BEIJING), tick=False),
        refused("not_in_session"),
    ):
        _draft(deputies[0], session, target, deputies[1:10])


def test_a_draft_cannot_be_filed_after_the_session_closes(
    session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    lead, *others = deputies[:10]
    with time_machine.travel(dt.datetime(2026, 1, 29, 20, tzinfo=BEIJING), tick=False):
        item = _draft(lead, session, target, others)
        _confirm_all(item, others)
    with (
        time_machine.travel(dt.datetime(2026, 1, 30, 9, tzinfo=BEIJING), tick=False),
        refused("not_in_session"),
    ):
        joint.submit(item=item, actor=user_of(lead))


def test_the_lead_is_told_of_each_confirmation_and_decline(
    sitting: Any, session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    lead, first, second = deputies[:3]
    item = _draft(lead, session, target, [first, second])
    joint.confirm(item=item, actor=user_of(first))
    joint.decline(item=item, actor=user_of(second))
    notices = Notification.objects.filter(recipient=user_of(lead)).order_by("id")
    assert list(notices.values_list("kind", flat=True)) == [
        "interpellation_confirmed",
        "interpellation_declined",
    ]
    assert "2 位联名代表中已有 1 位确认" in notices[0].body  # one of the two asked has confirmed
    assert Notification.objects.filter(recipient=user_of(first), kind="interpellation_invited").exists()


def test_a_confirmation_asked_twice_is_refused(
    sitting: Any, session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    item = _draft(deputies[0], session, target, [deputies[1]])
    joint.confirm(item=item, actor=user_of(deputies[1]))
    with refused("already_confirmed") as info:
        joint.confirm(item=item, actor=user_of(deputies[1]))
    assert info.value.status == 409


def test_only_an_invited_deputy_confirms(
    sitting: Any, session: Session, deputies: list[Deputy], target: Organisation
) -> None:
    item = _draft(deputies[0], session, target, [deputies[1]])
    with refused("not_invited"):
        joint.confirm(item=item, actor=user_of(deputies[2]))


def test_a_filing_asked_twice_answers_invalid_transition(filed: Interpellation) -> None:
    with refused("invalid_transition") as info:
        joint.submit(item=filed, actor=user_of(filed.lead_deputy))
    assert info.value.status == 409


def test_only_the_secretariat_records_the_presidiums_decision(
    filed: Interpellation, deputies: list[Deputy]
) -> None:
    with refused("permission_denied"):
        interpellation_decide_form(interpellation=filed, actor=user_of(deputies[0]), form="written")


def test_an_answer_meeting_needs_its_time_and_place(filed: Interpellation, secretariat: User) -> None:
    with refused("meeting_time_and_place_required"):
        interpellation_decide_form(interpellation=filed, actor=secretariat, form="meeting")


def _answered(item: Interpellation, secretariat: User, deputies: list[Deputy]) -> Interpellation:
    interpellation_decide_form(
        interpellation=item,
        actor=secretariat,
        form="meeting",
        meeting_at=dt.datetime(2026, 1, 27, 15, tzinfo=BEIJING),
        place="省人大常委会第一会议室",
    )
    interpellation_record_speech(
        interpellation=item, actor=secretariat, deputy=deputies[0], summary="要求说明依据"
    )
    interpellation_record_answer(interpellation=item, actor=secretariat, text="答复内容", answered_by="厅长")
    item.refresh_from_db()
    return item


def test_proposers_are_invited_to_the_answer_meeting(
    filed: Interpellation, secretariat: User, deputies: list[Deputy]
) -> None:
    _answered(filed, secretariat, deputies)
    assert Notification.objects.filter(kind="interpellation_meeting", recipient=user_of(deputies[9])).exists()
    assert not Notification.objects.filter(
        kind="interpellation_meeting", recipient=user_of(deputies[10])
    ).exists()


def test_exactly_half_not_satisfied_may_ask_for_a_new_answer(
    filed: Interpellation, secretariat: User, deputies: list[Deputy]
) -> None:
    item = _answered(filed, secretariat, deputies)
    for n, deputy in enumerate(deputies[:10]):
        interpellation_evaluate(interpellation=item, actor=user_of(deputy), satisfied=n >= 5)
    item = interpellation_request_reanswer(interpellation=item, actor=user_of(deputies[0]))
    assert item.status == "reanswer_requested"
    item = interpellation_decide_reanswer(
        interpellation=item, actor=secretariat, approve=True, form="written"
    )
    assert item.status == "to_answer"
    assert item.current_answer is not None and item.current_answer.round == 2
    interpellation_record_answer(interpellation=item, actor=secretariat, text="再次答复")
    item.refresh_from_db()
    assert item.status == "answered"
    with refused("reanswer_not_available"):
        interpellation_request_reanswer(interpellation=item, actor=user_of(deputies[0]))


def test_fewer_than_half_not_satisfied_cannot_ask(
    filed: Interpellation, secretariat: User, deputies: list[Deputy]
) -> None:
    item = _answered(filed, secretariat, deputies)
    for n, deputy in enumerate(deputies[:10]):
        interpellation_evaluate(interpellation=item, actor=user_of(deputy), satisfied=n >= 4)  # 4 of 10 not
    with refused("not_enough_unsatisfied"):
        interpellation_request_reanswer(interpellation=item, actor=user_of(deputies[0]))


def test_a_proposer_evaluates_once_and_others_not_at_all(
    filed: Interpellation, secretariat: User, deputies: list[Deputy]
) -> None:
    item = _answered(filed, secretariat, deputies)
    interpellation_evaluate(interpellation=item, actor=user_of(deputies[1]), satisfied=True)
    with refused("already_evaluated"):
        interpellation_evaluate(interpellation=item, actor=user_of(deputies[1]), satisfied=False)
    with refused("permission_denied"):
        interpellation_evaluate(interpellation=item, actor=user_of(deputies[12]), satisfied=False)


def test_it_is_made_public_only_after_the_session(
    filed: Interpellation, secretariat: User, deputies: list[Deputy]
) -> None:
    item = _answered(filed, secretariat, deputies)
    interpellation_close(interpellation=item, actor=secretariat)
    with refused("session_not_closed"):
        interpellation_publish(interpellation=item, actor=secretariat)
    with time_machine.travel(dt.datetime(2026, 2, 3, 9, tzinfo=BEIJING), tick=False):
        item = interpellation_publish(interpellation=item, actor=secretariat)
        assert item.published_at is not None
        with refused("already_published"):
            interpellation_publish(interpellation=item, actor=secretariat)


def test_the_table_offers_the_secretariat_the_form_of_answer(
    filed: Interpellation, secretariat: User, deputies: list[Deputy]
) -> None:
    assert INTERPELLATION.allowed_actions(filed, secretariat) == ["decide_form"]
    assert INTERPELLATION.allowed_actions(filed, user_of(deputies[0])) == []


# --- one tenth of all deputies: recall motions and investigation proposals ----------------------


@pytest.fixture
def congress_of_552(deputies: list[Deputy]) -> list[Deputy]:
    """552 deputies in office: the 14 with accounts and 538 more."""
    first = deputies[0]
    Deputy.objects.bulk_create(
        Deputy(
            congress=first.congress,
            delegation=first.delegation,
            name=f"代表X{n}",
            gender="male",
            constituency="x",
        )
        for n in range(552 - len(deputies))
    )
    return list(Deputy.objects.order_by("id"))


def _signed(make_user: Callable[..., User], signers: list[Deputy]) -> None:
    for deputy in signers:
        if deputy.user_id is None:
            deputy.user = make_user(f"u{deputy.pk}", Role.DEPUTY)
            deputy.save(update_fields=["user"])


@pytest.mark.parametrize("create", ["recall", "investigation"])
def test_one_tenth_of_552_needs_56_and_refuses_55(
    create: str, sitting: Any, session: Session, congress_of_552: list[Deputy], make_user: Callable[..., User]
) -> None:
    lead, *others = congress_of_552[:56]
    _signed(make_user, others)
    if create == "recall":
        item: Any = recall_create(
            session=session,
            actor=user_of(lead),
            title="罢免案",
            person_name="某某",
            person_office="副省长",
            reasons="理由",
            co_signers=others,
        )
    else:
        item = investigation_create(
            session=session, actor=user_of(lead), title="调查", question="特定问题", co_signers=others
        )
    _confirm_all(item, others[:54])
    with refused("insufficient_signers") as info:
        joint.submit(item=item, actor=user_of(lead))
    assert "55" in str(info.value.detail) and "56" in str(info.value.detail)
    _confirm_all(item, others[54:])
    assert joint.submit(item=item, actor=user_of(lead)).status == "submitted"
    category = "recalls" if create == "recall" else "investigation_proposals"
    for deputy in (lead, others[-1]):  # the lead and a co-signer both count it (D§43)
        assert archive_of(deputy.pk, Span(session.congress, 2026)).years[2026][category] == 1


def test_the_tenth_is_of_the_deputies_in_office_that_day(
    sitting: Any, session: Session, congress_of_552: list[Deputy]
) -> None:
    """A deputy whose mandate ended no longer counts from that day; a suspended one still holds
    the mandate and counts (the engine's reading of D§48, D§49)."""
    Deputy.objects.filter(pk__in=[d.pk for d in congress_of_552[-12:]]).update(
        status="terminated", status_ground="resigned", status_since=dt.date(2026, 1, 20)
    )
    Deputy.objects.filter(pk=congress_of_552[-13].pk).update(
        status="suspended", status_ground="detained", status_since=dt.date(2026, 1, 20)
    )
    threshold = joint.RECALLS.signing.threshold
    assert threshold.needed(congress=session.congress, on=dt.date(2026, 1, 26)) == 54  # 540 in office
    assert threshold.needed(congress=session.congress, on=dt.date(2026, 1, 19)) == 56  # 552


def test_a_recall_goes_to_the_plenary_with_the_defence_recorded(
    sitting: Any,
    session: Session,
    congress_of_552: list[Deputy],
    make_user: Callable[..., User],
    secretariat: User,
) -> None:
    lead, *others = congress_of_552[:56]
    _signed(make_user, others)
    item = recall_create(
        session=session,
        actor=user_of(lead),
        title="",
        person_name="某某",
        person_office="副省长",
        reasons="理由",
        co_signers=others,
    )
    _confirm_all(item, others)
    joint.submit(item=item, actor=user_of(lead))
    recall_record_defence(
        recall=item, actor=secretariat, form="writing", text="申辩意见", given_on=dt.date(2026, 1, 27)
    )
    joint.put_to_plenary(item=item, actor=secretariat)
    item = joint.record_outcome(item=item, actor=secretariat, adopted=False, decided_on=dt.date(2026, 1, 29))
    assert (item.status, item.defences.count()) == ("rejected", 1)
    with refused("invalid_transition"):
        joint.record_outcome(item=item, actor=secretariat, adopted=True, decided_on=dt.date(2026, 1, 29))


def test_a_delegation_files_an_interpellation_by_its_vote(
    sitting: Any,
    session: Session,
    deputies: list[Deputy],
    target: Organisation,
    make_user: Callable[..., User],
) -> None:
    delegation = deputies[0].delegation
    delegation.head = deputies[0]
    delegation.save(update_fields=["head"])
    staff = make_user("dstaff", Role.DELEGATION_STAFF)
    staff.delegations.add(delegation)
    item = interpellation_create(
        session=session,
        actor=staff,
        kind="delegation",
        delegation=delegation,
        title="代表团质询案",
        target=target,
        questions="问题",
    )
    vote: dict[str, Any] = {
        "plenary_date": dt.date(2026, 1, 26),
        "member_count": 14,
        "head_signed_by": deputies[0],
    }
    interpellation_record_vote(interpellation=item, actor=staff, votes_for=7, **vote)
    with refused("delegation_majority_missing"):  # exactly half is not more than half
        joint.submit(item=item, actor=staff)
    interpellation_record_vote(interpellation=item, actor=staff, votes_for=8, **vote)
    assert joint.submit(item=item, actor=staff).status == "submitted"
