"""Filing a motion: the text, ten signatures on the final text, the deadline, numbers (M§8–M§13)."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.roles import Role
from motions.models import Attachment, Motion, MotionEvent
from motions.selectors import confirmed_signers, signatures_pending_for
from motions.services import filing
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


def test_a_joint_motion_with_ten_confirmed_signers_is_filed_with_the_first_number(filed):
    motion = filed()
    assert motion.status == "submitted"
    assert motion.number_text == "0001"
    assert confirmed_signers(motion) == 10


def test_numbers_follow_the_filing_order_within_the_session(draft, lead):
    first, second = draft(), draft()
    filing.motion_submit(motion=second, actor=lead.user)
    filing.motion_submit(motion=first, actor=lead.user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.number_text, first.number_text) == ("0001", "0002")


def test_it_refuses_a_joint_motion_with_nine_signers(draft, lead):
    motion = draft(signers=8)
    with refused("insufficient_signers") as error:
        filing.motion_submit(motion=motion, actor=lead.user)
    assert "9" in str(error.value.detail)


def test_an_invited_deputy_who_has_not_confirmed_does_not_count(draft, lead, deputies):
    motion = draft(signers=8)
    filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[12]])
    with refused("insufficient_signers"):
        filing.motion_submit(motion=motion, actor=lead.user)
    filing.motion_confirm(motion=motion, actor=deputies[12].user)
    assert filing.motion_submit(motion=motion, actor=lead.user).status == "submitted"


def test_editing_the_text_voids_every_confirmation(draft, lead):
    motion = draft()
    filing.motion_update(motion=motion, actor=lead.user, solution="新的方案，内容已修改。")
    motion.refresh_from_db()
    assert motion.text_version == 2
    assert confirmed_signers(motion) == 1
    with refused("insufficient_signers"):
        filing.motion_submit(motion=motion, actor=lead.user)
    assert MotionEvent.objects.get(motion=motion, action="edit").data["voided"] == 9


def test_an_edit_that_changes_nothing_keeps_the_confirmations(draft, lead):
    motion = draft()
    filing.motion_update(motion=motion, actor=lead.user, title=motion.title)
    assert confirmed_signers(motion) == 10


def test_a_co_signer_sees_the_motion_waiting_for_their_confirmation_until_they_confirm(draft, lead, deputies):
    motion = draft(signers=0)
    filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[3]])
    assert [s.motion for s in signatures_pending_for(deputies[3])] == [motion]
    filing.motion_confirm(motion=motion, actor=deputies[3].user)
    assert list(signatures_pending_for(deputies[3])) == []
    filing.motion_update(motion=motion, actor=lead.user, grounds="改过的案据。")
    assert [s.motion for s in signatures_pending_for(deputies[3])] == [motion]


def test_it_refuses_to_invite_a_suspended_deputy(draft, lead, deputies):
    motion = draft(signers=0)
    suspended = deputies[5]
    suspended.status, suspended.status_ground, suspended.status_since = (
        "suspended",
        "detained",
        dt.date(2026, 1, 1),
    )
    suspended.save()
    with refused("deputy_not_active"):
        filing.motion_invite(motion=motion, actor=lead.user, deputies=[suspended])


def test_a_deputy_suspended_after_confirming_no_longer_counts(draft, lead, deputies):
    motion = draft()
    signer = motion.cosignatures.first().deputy
    signer.status, signer.status_ground, signer.status_since = "terminated", "resigned", dt.date(2026, 1, 2)
    signer.save()
    with refused("deputy_not_active"):
        filing.motion_confirm(motion=motion, actor=signer.user)
    with refused("insufficient_signers"):
        filing.motion_submit(motion=motion, actor=lead.user)


def test_a_suspended_lead_deputy_cannot_file(draft, lead):
    motion = draft()
    lead.status, lead.status_ground, lead.status_since = "suspended", "serving_sentence", dt.date(2026, 1, 2)
    lead.save()
    with refused("deputy_not_active"):
        filing.motion_submit(motion=motion, actor=lead.user)


def test_only_an_invited_deputy_can_confirm(draft, deputies):
    motion = draft(signers=2)
    with refused("not_invited"):
        filing.motion_confirm(motion=motion, actor=deputies[13].user)


def test_another_deputy_cannot_submit_someone_elses_motion(draft, deputies):
    motion = draft()
    with refused("permission_denied") as error:
        filing.motion_submit(motion=motion, actor=deputies[13].user)
    assert error.value.status == 403


def test_it_refuses_a_motion_after_the_presidiums_deadline_and_offers_a_suggestion(draft, lead):
    motion = draft()
    with (
        time_machine.travel(dt.datetime(2026, 1, 27, 12, 0, tzinfo=BEIJING), tick=False),
        refused("motion_deadline_passed") as error,
    ):
        filing.motion_submit(motion=motion, actor=lead.user)
    assert "建议" in str(error.value.detail)


def test_it_accepts_a_motion_one_minute_before_the_deadline(draft, lead):
    motion = draft()
    with time_machine.travel(dt.datetime(2026, 1, 27, 11, 59, tzinfo=BEIJING), tick=False):
        assert filing.motion_submit(motion=motion, actor=lead.user).status == "submitted"


def test_a_motion_is_filed_only_once_the_session_has_opened(draft, lead):
    motion = draft()
    with (
        time_machine.travel(dt.datetime(2026, 1, 24, 20, tzinfo=BEIJING), tick=False),
        refused("session_not_sitting"),
    ):
        filing.motion_submit(motion=motion, actor=lead.user)


def test_it_refuses_a_motion_without_its_grounds(draft, lead):
    motion = draft(grounds="  ")
    with refused("motion_incomplete") as error:
        filing.motion_submit(motion=motion, actor=lead.user)
    assert "案据" in str(error.value.detail)


def test_a_motion_to_make_a_regulation_needs_the_draft_text_and_its_explanation(draft, lead, deputies):
    motion = draft(category="legislation", regulation_action="make")
    with refused("regulation_draft_missing"):
        filing.motion_submit(motion=motion, actor=lead.user)
    for kind in (Attachment.Kind.DRAFT_TEXT, Attachment.Kind.EXPLANATION):
        filing.motion_attach(
            motion=motion, actor=lead.user, kind=kind, file=SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4")
        )
    # Attaching changed what the co-signers agreed to: they confirm again.
    with refused("insufficient_signers"):
        filing.motion_submit(motion=motion, actor=lead.user)
    for signature in motion.cosignatures.all():
        filing.motion_confirm(motion=motion, actor=signature.deputy.user)
    assert filing.motion_submit(motion=motion, actor=lead.user).status == "submitted"


def test_a_motion_to_repeal_a_regulation_needs_no_draft_text(draft, lead):
    motion = draft(category="legislation", regulation_action="repeal")
    assert filing.motion_submit(motion=motion, actor=lead.user).status == "submitted"


def test_delegation_staff_file_a_motion_for_their_deputy(session, draft, lead, make_user):
    """M§6: 各代表团应当配备专门工作人员，为代表提出议案提供服务."""
    staff = make_user("dele", Role.DELEGATION_STAFF)
    lead.delegation.staff.add(staff)
    motion = draft()
    assert filing.motion_submit(motion=motion, actor=staff).status == "submitted"


@pytest.fixture
def delegation_motion(session, delegation, deputies, make_user):
    staff = make_user("dele", Role.DELEGATION_STAFF)
    delegation.staff.add(staff)
    delegation.head = deputies[1]
    delegation.save()
    motion = filing.motion_create(
        session=session,
        actor=staff,
        kind="delegation",
        delegation=delegation,
        title="关于加强汾河流域生态保护的议案",
        reason="案由",
        grounds="案据",
        solution="方案",
        category="supervision",
    )
    return motion, staff


def test_a_delegation_motion_needs_more_than_half_of_all_members(delegation_motion, deputies):
    motion, staff = delegation_motion
    filing.motion_update(
        motion=motion,
        actor=staff,
        plenary_date=dt.date(2026, 1, 25),
        member_count=80,
        votes_for=40,
        head_signed_by=deputies[1],
    )
    with refused("delegation_majority_missing"):
        filing.motion_submit(motion=motion, actor=staff)
    filing.motion_update(motion=motion, actor=staff, votes_for=41)
    assert filing.motion_submit(motion=motion, actor=staff).status == "submitted"


def test_a_delegation_motion_is_signed_by_the_head_not_any_deputy(delegation_motion, deputies):
    motion, staff = delegation_motion
    filing.motion_update(
        motion=motion,
        actor=staff,
        plenary_date=dt.date(2026, 1, 25),
        member_count=80,
        votes_for=60,
        head_signed_by=deputies[2],
    )
    with refused("delegation_head_signature_missing"):
        filing.motion_submit(motion=motion, actor=staff)


def test_a_delegation_motion_without_its_vote_is_refused(delegation_motion):
    motion, staff = delegation_motion
    with refused("delegation_vote_missing"):
        filing.motion_submit(motion=motion, actor=staff)


def test_a_delegation_motion_has_no_co_signers(delegation_motion, deputies):
    motion, staff = delegation_motion
    with refused("not_a_joint_motion"):
        filing.motion_invite(motion=motion, actor=staff, deputies=[deputies[3]])


def test_a_deputy_cannot_enter_a_delegation_motion(session, delegation, lead):
    with refused("permission_denied"):
        filing.motion_create(
            session=session,
            actor=lead.user,
            kind="delegation",
            delegation=delegation,
            title="x",
            category="other",
        )


def test_the_history_records_who_did_what(filed, lead):
    motion = filed()
    actions = list(motion.events.values_list("action", "to_status"))
    assert actions[0] == ("create", "draft")
    assert actions[-1] == ("submit", "submitted")
    assert motion.events.last().actor == lead.user
    assert sum(1 for a, _s in actions if a == "confirm") == 9


def test_a_deputy_may_decline_an_invitation(draft, lead, deputies):
    motion = draft(signers=0)
    filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[4]])
    filing.motion_decline(motion=motion, actor=deputies[4].user)
    assert motion.cosignatures.get().status == "declined"
    assert lead.user.notifications.filter(kind="motion_cosign_declined").count() == 1


def test_the_database_refuses_a_filed_motion_without_a_number(filed):
    from django.db import IntegrityError, transaction

    motion = filed()
    with pytest.raises(IntegrityError), transaction.atomic():
        Motion.objects.filter(pk=motion.pk).update(number=None)


def test_after_the_deadline_the_draft_is_refiled_as_a_suggestion_and_co_signers_asked_again(draft, lead):
    from suggestions.models import SubjectArea

    motion = draft(signers=3)
    area = SubjectArea.objects.get_or_create(name="教育")[0]
    with refused("motion_deadline_not_passed"):
        filing.motion_refile_as_suggestion(motion=motion, actor=lead.user, subject_area=area)
    with time_machine.travel(dt.datetime(2026, 1, 27, 13, tzinfo=BEIJING), tick=False):
        suggestion = filing.motion_refile_as_suggestion(motion=motion, actor=lead.user, subject_area=area)
    assert suggestion.status == "draft"
    assert suggestion.title == "关于制定《山西省数据条例》的建议"
    assert suggestion.body.startswith("案由：")
    assert suggestion.lead_deputy == lead
    assert suggestion.session == motion.session  # still during the session (S§17)
    assert suggestion.cosigners.count() == 3
    assert not suggestion.cosigners.filter(confirmed_version__isnull=False).exists()
    motion.refresh_from_db()
    assert motion.status == "draft"
    assert motion.events.filter(action="refile_as_suggestion").exists()


def test_a_deputy_of_another_congress_term_cannot_co_sign(draft, lead, congress_term):
    from congress.models import Congress
    from deputies.models import Delegation, Deputy

    other_term = Congress.objects.create(number=13, starts=dt.date(2018, 1, 1), ends=dt.date(2022, 12, 31))
    other = Deputy.objects.create(
        congress=other_term,
        delegation=Delegation.objects.create(congress=other_term, name="太原代表团"),
        name="往届代表",
        gender="male",
        constituency="太原市人民代表大会",
    )
    with refused("deputy_not_in_congress"):
        filing.motion_invite(motion=draft(signers=0), actor=lead.user, deputies=[other])
