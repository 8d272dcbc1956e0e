"""The one co-signing engine (WORKFLOWS.md §5b): thresholds at the edge, who counts, an edit
voiding confirmations, lapsed invitations, and the lead told of every answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from django.utils import translation

from congress.cosigning import (
    SHORT,
    Threshold,
    in_office,
    signing_confirm,
    signing_decline,
    signing_invite,
    signing_lapse,
    signing_progress,
    signing_require,
    signing_void,
)
from congress.notifications.models import Notification
from deputies.models import Deputy
from suggestions.models import CoSigner, SubjectArea, Suggestion
from suggestions.services.filing import suggestion_create
from suggestions.workflow.signing import SUGGESTION_SIGNING
from tests.helpers import refused, user_of

DAY = dt.date(2026, 1, 26)
# The same engine with a fixed count, as for interpellations (D§14) and motions (M§8).
TEN = dataclasses.replace(SUGGESTION_SIGNING, threshold=Threshold(count=10), all_must_confirm=False,
                          short_code="insufficient_signers", short_message=SHORT)  # fmt: skip
# And with a fraction of all deputies, as for recalls (D§15) and investigation committees (D§16).
TENTH = dataclasses.replace(TEN, threshold=Threshold(fraction=Fraction(1, 10)))


@pytest.fixture
def lead(make_deputy: Any) -> Deputy:
    return make_deputy("李明")


@pytest.fixture
def draft(lead: Deputy) -> Suggestion:
    return suggestion_create(
        actor=user_of(lead),
        lead_deputy=lead,
        title="关于乡村教师的建议",
        body="…",
        subject_area=SubjectArea.objects.get_or_create(name="教育")[0],
        session=None,
    )


def deputies(lead: Deputy, n: int, **extra: Any) -> list[Deputy]:
    return Deputy.objects.bulk_create(
        Deputy(congress=lead.congress, delegation=lead.delegation, name=f"代表{i}", gender="male",
               constituency="太原市", **extra)
        for i in range(n)
    )  # fmt: skip


def confirmed(draft: Suggestion, signers: list[Deputy]) -> None:
    CoSigner.objects.bulk_create(
        CoSigner(suggestion=draft, deputy=d, status="confirmed", confirmed_version=draft.text_version)
        for d in signers
    )


def test_a_threshold_is_a_count_or_a_fraction_never_both_nor_neither() -> None:
    with pytest.raises(ValueError):
        Threshold(count=10, fraction=Fraction(1, 10))
    with pytest.raises(ValueError):
        Threshold()


def test_ten_signatures_are_enough_for_a_threshold_of_ten_and_nine_are_not(
    draft: Suggestion, lead: Deputy
) -> None:
    signers = deputies(lead, 9)
    confirmed(draft, signers[:8])
    with refused("insufficient_signers") as refusal, translation.override("en"):
        signing_require(signing=TEN, item=draft)
    assert "9 deputies have signed" in str(refusal.value.detail)
    confirmed(draft, signers[8:])
    assert signing_require(signing=TEN, item=draft).confirmed == 9  # and the lead: ten


def test_one_tenth_of_552_deputies_is_56_so_55_are_refused(draft: Suggestion, lead: Deputy) -> None:
    others = deputies(lead, 551)
    assert in_office(congress=lead.congress, on=DAY) == 552
    assert TENTH.threshold.needed(congress=lead.congress, on=DAY) == 56
    confirmed(draft, others[:54])
    with refused("insufficient_signers"):
        signing_require(signing=TENTH, item=draft, on=DAY)  # 55 with the lead
    confirmed(draft, others[54:55])
    signing_require(signing=TENTH, item=draft, on=DAY)  # 56


def test_deputies_not_in_office_that_day_do_not_count_toward_all_deputies(lead: Deputy) -> None:
    deputies(lead, 547)
    gone = {"status": "terminated", "status_ground": "moved_away"}
    deputies(lead, 2, status_since=DAY, **gone)  # their mandate ended that day
    deputies(lead, 1, status_since=DAY + dt.timedelta(days=1), **gone)  # still in office that day
    deputies(lead, 1, status="suspended", status_ground="detained", status_since=DAY)  # holds the mandate
    before = DAY - dt.timedelta(days=1)
    assert in_office(congress=lead.congress, on=before) == 552
    assert TENTH.threshold.needed(congress=lead.congress, on=before) == 56
    assert in_office(congress=lead.congress, on=DAY) == 550
    assert TENTH.threshold.needed(congress=lead.congress, on=DAY) == 55


def test_a_signer_no_longer_in_office_does_not_count(draft: Suggestion, lead: Deputy) -> None:
    signers = deputies(lead, 9)
    confirmed(draft, signers)
    Deputy.objects.filter(pk=signers[0].pk).update(
        status="suspended", status_ground="detained", status_since=DAY
    )
    with refused("insufficient_signers"):
        signing_require(signing=TEN, item=draft)


def test_an_edit_voids_the_confirmations_and_tells_those_who_gave_them(
    draft: Suggestion, lead: Deputy, make_deputy: Any
) -> None:
    co = make_deputy("王芳")
    signing_invite(signing=TEN, item=draft, deputies=[co], actor=user_of(lead))
    signing_confirm(signing=TEN, item=draft, actor=user_of(co))
    draft.text_version += 1
    assert signing_void(signing=TEN, item=draft) == 1
    row = CoSigner.objects.get(suggestion=draft, deputy=co)
    assert (row.status, row.confirmed_version) == ("invited", None)
    assert signing_progress(signing=TEN, item=draft).confirmed == 0
    assert user_of(co).notifications.filter(kind="cosign_text_changed").count() == 1
    assert signing_void(signing=TEN, item=draft) == 0


def test_a_lapsed_invitation_is_not_waited_for_and_a_confirmation_stays(
    draft: Suggestion, lead: Deputy, make_deputy: Any
) -> None:
    gone, stays = make_deputy("赵强"), make_deputy("王芳")
    signing_invite(signing=SUGGESTION_SIGNING, item=draft, deputies=[gone, stays], actor=user_of(lead))
    signing_confirm(signing=SUGGESTION_SIGNING, item=draft, actor=user_of(stays))
    with refused("cosigners_pending"):
        signing_require(signing=SUGGESTION_SIGNING, item=draft)
    [(signing, row)] = signing_lapse(deputy=gone)
    assert (signing.model, row.status) == ("suggestions.CoSigner", "lapsed")
    assert signing_lapse(deputy=stays) == []
    progress = signing_require(signing=SUGGESTION_SIGNING, item=draft)
    assert (progress.confirmed, progress.invited, progress.declined) == (1, 1, 1)


def test_the_lead_is_told_of_each_confirmation_and_each_decline(
    draft: Suggestion, lead: Deputy, make_deputy: Any
) -> None:
    yes, no = make_deputy("王芳"), make_deputy("赵强")
    signing_invite(signing=SUGGESTION_SIGNING, item=draft, deputies=[yes, no], actor=user_of(lead))
    signing_confirm(signing=SUGGESTION_SIGNING, item=draft, actor=user_of(yes))
    signing_decline(signing=SUGGESTION_SIGNING, item=draft, actor=user_of(no))
    told = Notification.objects.filter(recipient=user_of(lead)).order_by("pk")
    assert [(n.kind, n.link) for n in told] == [
        ("cosign_confirmed", draft.get_absolute_url()),
        ("cosign_declined", draft.get_absolute_url()),
    ]
    assert "王芳" in told[0].subject and "赵强" in told[1].subject
    assert "1" in told[1].body and "建议办法第十四条" in told[1].body  # the article, in the portal language


def test_confirming_the_same_text_twice_changes_nothing_and_tells_nobody_again(
    draft: Suggestion, lead: Deputy, make_deputy: Any
) -> None:
    co = make_deputy("王芳")
    signing_invite(signing=SUGGESTION_SIGNING, item=draft, deputies=[co], actor=user_of(lead))
    assert signing_confirm(signing=SUGGESTION_SIGNING, item=draft, actor=user_of(co))[1] is True
    assert signing_confirm(signing=SUGGESTION_SIGNING, item=draft, actor=user_of(co))[1] is False
    assert user_of(lead).notifications.filter(kind="cosign_confirmed").count() == 1


def test_someone_not_invited_cannot_confirm_and_the_lead_is_never_invited(
    draft: Suggestion, lead: Deputy, make_deputy: Any
) -> None:
    assert signing_invite(signing=SUGGESTION_SIGNING, item=draft, deputies=[lead], actor=user_of(lead)) == []
    with refused("not_invited"):
        signing_confirm(signing=SUGGESTION_SIGNING, item=draft, actor=make_deputy("赵强").user)


def test_a_deputy_not_in_office_cannot_be_invited(draft: Suggestion, lead: Deputy) -> None:
    [suspended] = deputies(lead, 1, status="suspended", status_ground="detained", status_since=DAY)
    with refused("deputy_not_active"):
        signing_invite(signing=SUGGESTION_SIGNING, item=draft, deputies=[suspended], actor=user_of(lead))
