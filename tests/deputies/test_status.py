"""A deputy's status (D§45–D§49): each change has its ground, date, decision and (to end the
mandate) its announcement; a suspended or terminated deputy files, signs and is invited to
nothing, and their open invitations lapse with a notice to the lead (D§45, D§46)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deputies.models import Deputy, Event
from deputies.services.leave import leave_request
from deputies.services.status import deputy_record_needs, deputy_restore, deputy_suspend, deputy_terminate
from deputies.services.trainings import training_plan
from motions.models import CoSignature, Motion, MotionEvent
from motions.services.filing import motion_confirm, motion_create, motion_invite
from suggestions.models import CoSigner, SubjectArea, SuggestionEvent
from suggestions.services.filing import cosigner_confirm, cosigner_invite, suggestion_create
from tests.deputies.conftest import BEFORE, at
from tests.helpers import refused

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 1, 5)


def suspend(deputy: Deputy, staff, **extra) -> Deputy:
    values = {"ground": "detained", "effective_on": DAY, "decision": "资格审查委员会报告〔2026〕1号", **extra}
    return deputy_suspend(deputy=deputy, actor=staff, **values)


def test_a_suspension_records_its_ground_date_and_decision_and_the_history(deputy, staff):
    suspend(deputy, staff)
    deputy.refresh_from_db()
    assert (deputy.status, deputy.status_ground, deputy.status_since) == ("suspended", "detained", DAY)
    assert deputy.status_decision == "资格审查委员会报告〔2026〕1号"
    event = Event.objects.get(deputy=deputy)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "suspend",
        "active",
        "suspended",
        staff,
    )
    assert event.data["ground"] == "detained" and event.data["effective_on"] == "2026-01-05"
    assert deputy.user.notifications.filter(kind="deputy_status").exists()


def test_a_suspension_needs_a_ground_of_d45(deputy, staff):
    with refused("ground_invalid"):
        suspend(deputy, staff, ground="resigned")


def test_a_change_of_status_needs_the_decision(deputy, staff):
    with refused("decision_missing"):
        suspend(deputy, staff, decision=" ")


def test_a_change_cannot_take_effect_in_the_future(deputy, staff):
    with refused("date_in_future"):
        suspend(deputy, staff, effective_on=timezone.localdate() + dt.timedelta(days=3))


def test_a_second_suspension_is_refused_as_the_wrong_step(deputy, staff):
    suspend(deputy, staff)
    with refused("invalid_transition"):
        suspend(deputy, staff)
    assert Event.objects.filter(deputy=deputy, action="suspend").count() == 1


def test_only_the_committee_changes_a_status(deputy, dele_staff):
    with refused("permission_denied") as info:
        suspend(deputy, dele_staff)
    assert info.value.status == 403


def test_a_suspended_deputy_is_restored_within_the_term(deputy, staff):
    suspend(deputy, staff)
    deputy_restore(
        deputy=deputy, effective_on=dt.date(2026, 2, 1), decision="常委会通知〔2026〕3号", actor=staff
    )
    deputy.refresh_from_db()
    assert (deputy.status, deputy.status_ground, deputy.status_since) == ("active", "", dt.date(2026, 2, 1))


def test_after_the_term_a_suspension_is_not_lifted(deputy, staff):
    suspend(deputy, staff)
    deputy.congress.ends = dt.date(2025, 12, 31)
    deputy.congress.save()
    with refused("term_ended"):
        deputy_restore(deputy=deputy, effective_on=DAY, decision="x", actor=staff)


def test_a_terminated_deputy_is_never_restored(deputy, staff):
    deputy_terminate(
        deputy=deputy,
        ground="resigned",
        effective_on=DAY,
        decision="常委会决定",
        announced_on=DAY,
        actor=staff,
    )
    with refused("invalid_transition"):
        deputy_restore(deputy=deputy, effective_on=DAY, decision="x", actor=staff)


def test_ending_the_mandate_is_announced(deputy, staff):
    with refused("announcement_missing"):
        deputy_terminate(
            deputy=deputy,
            ground="recalled",
            effective_on=DAY,
            decision="罢免决议",
            announced_on=None,
            actor=staff,
        )


def test_ending_the_mandate_needs_a_ground_of_d46(deputy, staff):
    with refused("ground_invalid"):
        deputy_terminate(
            deputy=deputy, ground="detained", effective_on=DAY, decision="x", announced_on=DAY, actor=staff
        )


def test_two_absences_end_the_mandate_only_when_the_roll_calls_show_them(deputy, staff):
    with refused("absences_not_recorded"):
        deputy_terminate(
            deputy=deputy,
            ground="absent_twice",
            effective_on=DAY,
            decision="x",
            announced_on=DAY,
            actor=staff,
        )


def test_a_suspended_deputy_can_still_be_terminated(deputy, staff):
    suspend(deputy, staff)
    deputy_terminate(
        deputy=deputy,
        ground="rights_deprived",
        effective_on=DAY,
        decision="判决",
        announced_on=DAY,
        actor=staff,
    )
    deputy.refresh_from_db()
    assert deputy.status == "terminated"


# --- D§45, D§46: nothing is filed, signed or invited; open invitations lapse ---------------------


@pytest.fixture
def area(db):
    return SubjectArea.objects.get_or_create(name="教育")[0]


def test_a_suspended_deputys_open_invitation_to_co_sign_a_suggestion_lapses_and_the_lead_is_told(
    deputy, colleague, staff, area
):
    draft = suggestion_create(
        actor=colleague.user,
        lead_deputy=colleague,
        title="关于乡村教师的建议",
        body="…",
        subject_area=area,
        session=None,
    )
    cosigner_invite(suggestion=draft, deputies=[deputy], actor=colleague.user)
    suspend(deputy, staff)
    row = CoSigner.objects.get(suggestion=draft, deputy=deputy)
    assert row.status == "lapsed"
    assert SuggestionEvent.objects.filter(
        suggestion=draft, action="uninvite", note__contains=deputy.name
    ).exists()
    assert colleague.user.notifications.filter(kind="invitation_lapsed").count() == 1


def test_what_a_deputy_signed_stays_on_record_when_they_are_suspended(deputy, colleague, staff, area):
    draft = suggestion_create(
        actor=colleague.user,
        lead_deputy=colleague,
        title="关于乡村教师的建议",
        body="…",
        subject_area=area,
        session=None,
    )
    cosigner_invite(suggestion=draft, deputies=[deputy], actor=colleague.user)
    cosigner_confirm(suggestion=draft, actor=deputy.user)
    suspend(deputy, staff)
    assert CoSigner.objects.get(suggestion=draft, deputy=deputy).status == "confirmed"
    assert not colleague.user.notifications.filter(kind="invitation_lapsed").exists()


def test_a_terminated_deputys_unconfirmed_motion_signature_lapses_and_a_confirmed_one_stays(
    make_deputy, deputy, colleague, staff, session
):
    other = make_deputy("张伟")
    with at(dt.datetime(2026, 1, 26, 9, tzinfo=dt.UTC)):
        motion = motion_create(
            session=session, actor=colleague.user, kind="joint", title="关于制定条例的议案", category="other"
        )
        motion_invite(motion=motion, actor=colleague.user, deputies=[deputy, other])
        motion_confirm(motion=motion, actor=other.user)
    deputy_terminate(
        deputy=deputy, ground="moved_away", effective_on=DAY, decision="x", announced_on=DAY, actor=staff
    )
    assert dict(CoSignature.objects.filter(motion=motion).values_list("deputy_id", "status")) == {
        deputy.pk: "lapsed",
        other.pk: "confirmed",
    }
    assert MotionEvent.objects.filter(motion=motion, action="uninvite", data__deputy=deputy.name).exists()
    assert colleague.user.notifications.filter(kind="invitation_lapsed").count() == 1


def test_a_suspended_deputy_cannot_file_a_suggestion_or_be_invited_to_sign_one(
    deputy, colleague, staff, area
):
    suspend(deputy, staff)
    deputy.refresh_from_db()
    with refused("deputy_not_active"):
        suggestion_create(
            actor=deputy.user, lead_deputy=deputy, title="t", body="b", subject_area=area, session=None
        )
    draft = suggestion_create(
        actor=colleague.user, lead_deputy=colleague, title="t", body="b", subject_area=area, session=None
    )
    with refused("deputy_not_active"):
        cosigner_invite(suggestion=draft, deputies=[deputy], actor=colleague.user)


def test_a_suspended_deputy_cannot_sign_a_motion_or_be_invited_to_one(deputy, colleague, staff, session):
    with at(dt.datetime(2026, 1, 26, 9, tzinfo=dt.UTC)):
        motion = motion_create(
            session=session, actor=colleague.user, kind="joint", title="关于制定条例的议案", category="other"
        )
        motion_invite(motion=motion, actor=colleague.user, deputies=[deputy])
        Deputy.objects.filter(pk=deputy.pk).update(
            status="suspended", status_ground="detained", status_since=DAY
        )
        with refused("deputy_not_active"):
            motion_confirm(motion=motion, actor=deputy.user)
        other = Motion.objects.get(pk=motion.pk)
        with refused("deputy_not_active"):
            motion_invite(motion=other, actor=colleague.user, deputies=[Deputy.objects.get(pk=deputy.pk)])


def test_a_suspended_deputy_is_invited_to_no_training_and_asks_no_leave(deputy, staff, session):
    suspend(deputy, staff)
    deputy.refresh_from_db()
    with refused("deputy_not_active"):
        training_plan(
            congress=deputy.congress,
            title="集体学习",
            kind="collective",
            date=DAY,
            deputies=[deputy],
            actor=staff,
        )
    with at(BEFORE), refused("deputy_not_active"):
        leave_request(deputy=deputy, session=session, reason="病假", actor=deputy.user)


def test_a_suspension_withdraws_the_invitation_to_a_planned_training(deputy, staff):
    training = training_plan(
        congress=deputy.congress, title="集体学习", kind="collective", date=dt.date(2026, 12, 20), deputies=[deputy],
        actor=staff,
    )  # fmt: skip
    suspend(deputy, staff)
    assert not training.invitations.exists()
    assert Event.objects.filter(training=training, action="lapse").exists()


# --- D§42 ---------------------------------------------------------------------------------------


def test_a_minority_deputys_needs_are_recorded_by_their_delegation_staff(deputy, dele_staff):
    deputy_record_needs(deputy=deputy, language_needs="蒙古文材料", custom_needs="清真饮食", actor=dele_staff)
    deputy.refresh_from_db()
    assert deputy.needs == "蒙古文材料；清真饮食"
    assert Event.objects.get(deputy=deputy).action == "record_needs"


def test_another_deputy_does_not_record_my_needs(deputy, colleague):
    with refused("permission_denied"):
        deputy_record_needs(deputy=deputy, language_needs="x", custom_needs="", actor=colleague.user)
