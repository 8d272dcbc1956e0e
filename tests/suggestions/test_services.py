"""The suggestion workflow's rules, each refused with its code (WORKFLOWS.md §2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from congress.roles import Role
from suggestions.models import Assignment, CoSigner, Disagreement, Suggestion, SuggestionEvent
from suggestions.services.assignment import (
    HandlingUnit,
    assignment_acknowledge,
    assignment_object,
    assignment_reassign,
    assignment_reject_objection,
    assignments_close_objection_windows,
    suggestion_accept_and_assign,
    suggestion_assign,
    suggestion_disagree,
    suggestion_reroute,
)
from suggestions.services.filing import (
    DelegationVote,
    cosigner_confirm,
    cosigner_decline,
    suggestion_create,
    suggestion_create_accepted,
    suggestion_create_draft,
    suggestion_edit,
    suggestion_submit,
    suggestion_withdraw,
)
from suggestions.services.review import (
    suggestion_accept,
    suggestion_merge,
    suggestion_not_accept,
    suggestion_return,
)
from suggestions.workflow import AssignmentStatus, Status
from suggestions.workflow import Role as UnitRole
from tests.helpers import refused
from tests.suggestions.conftest import beijing

pytestmark = pytest.mark.django_db


# --- Filing and co-signing --------------------------------------------------------------------


def test_filing_gives_the_next_number_in_filing_order(file_suggestion):
    first, second = file_suggestion(), file_suggestion(title="关于第二件事的建议")
    assert (first.number, second.number) == (1, 2)
    assert first.status == Status.SUBMITTED
    assert first.number_scope == second.number_scope


def test_numbers_run_per_session(lead, area, session, file_suggestion):
    recess = file_suggestion()
    in_session = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="会议期间的建议",
        body="内容",
        subject_area=area,
        session=session,
    )
    in_session = suggestion_submit(suggestion=in_session, actor=lead.user)
    assert recess.number == 1 and in_session.number == 1
    assert in_session.number_label == "第0001号"


def test_a_suspended_deputy_cannot_file(make_deputy, area):
    deputy = make_deputy("王芳", status="suspended", status_ground="detained", status_since="2026-03-01")
    with refused("deputy_not_active"):
        suggestion_create(
            actor=deputy.user, lead_deputy=deputy, title="t", body="b", subject_area=area, session=None
        )


def test_a_terminated_deputy_cannot_be_invited_to_sign(lead, make_deputy, area):
    gone = make_deputy("赵强", status="terminated", status_ground="resigned", status_since="2026-03-01")
    with refused("deputy_not_active"):
        suggestion_create(
            actor=lead.user,
            lead_deputy=lead,
            title="t",
            body="b",
            subject_area=area,
            session=None,
            co_signers=[gone],
        )


def test_a_joint_suggestion_waits_for_every_co_signer_to_confirm(lead, joint_draft):
    s, co = joint_draft
    assert s.kind == Suggestion.Kind.JOINT
    with refused("cosigners_pending") as refusal:
        suggestion_submit(suggestion=s, actor=lead.user)
    assert "王芳" in str(refusal.value.detail)
    cosigner_confirm(suggestion=s, actor=co.user)
    assert suggestion_submit(suggestion=s, actor=lead.user).status == Status.SUBMITTED


def test_editing_the_text_voids_the_confirmations(lead, area, joint_draft):
    s, co = joint_draft
    cosigner_confirm(suggestion=s, actor=co.user)
    suggestion_edit(suggestion=s, actor=lead.user, title="t", body="b, changed", subject_area=area)
    row = CoSigner.objects.get(suggestion=s, deputy=co)
    assert row.status == CoSigner.Status.INVITED
    with refused("cosigners_pending"):
        suggestion_submit(suggestion=s, actor=lead.user)


def test_editing_only_the_subject_area_keeps_the_confirmations(lead, joint_draft):
    from suggestions.models import SubjectArea

    s, co = joint_draft
    cosigner_confirm(suggestion=s, actor=co.user)
    other = SubjectArea.objects.get(name="交通运输")
    suggestion_edit(suggestion=s, actor=lead.user, title="t", body="b", subject_area=other)
    assert CoSigner.objects.get(suggestion=s, deputy=co).status == CoSigner.Status.CONFIRMED


def test_a_declined_co_signer_does_not_block_but_a_joint_needs_one(lead, joint_draft):
    s, co = joint_draft
    cosigner_decline(suggestion=s, actor=co.user)
    with refused("no_cosigner"):
        suggestion_submit(suggestion=s, actor=lead.user)


def test_someone_not_invited_cannot_confirm(lead, make_deputy, area, file_suggestion):
    stranger = make_deputy("孙七")
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="t", body="b", subject_area=area, session=None
    )
    with refused("not_invited"):
        cosigner_confirm(suggestion=s, actor=stranger.user)


def test_a_delegation_suggestion_needs_half_or_more_and_the_heads_signature(lead, area):
    # This test asserted the refusal of 20 of 40 ("more than half"). S§14 says 半数以上, and 以上
    # includes the number itself (Civil Code art. 1259): the statute wins, so 19 of 40 is refused.
    vote = DelegationVote(members=40, votes_for=19, head_signed=True)
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="t", body="b", subject_area=area, session=None,
        kind=Suggestion.Kind.DELEGATION, delegation_vote=vote,
    )  # fmt: skip
    with refused("delegation_majority_required"):
        suggestion_submit(suggestion=s, actor=lead.user)
    suggestion_edit(
        suggestion=s, actor=lead.user, title="t", body="b", subject_area=area,
        delegation_vote=DelegationVote(members=40, votes_for=21, head_signed=False),
    )  # fmt: skip
    with refused("delegation_head_signature_required"):
        suggestion_submit(suggestion=s, actor=lead.user)


def test_a_delegation_suggestion_with_exactly_half_in_favour_is_filed(lead, area):
    """S§14: 由代表团提出的，应当经该代表团半数以上代表同意，并由代表团负责人签署."""
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="t", body="b", subject_area=area, session=None,
        kind=Suggestion.Kind.DELEGATION, delegation_vote=DelegationVote(members=40, votes_for=20, head_signed=True),
    )  # fmt: skip
    assert suggestion_submit(suggestion=s, actor=lead.user).status == Suggestion.Status.SUBMITTED


def test_staff_entry_from_the_paper_form_is_recorded_as_such(lead, staff, area):
    s = suggestion_create(actor=staff, lead_deputy=lead, title="t", body="b", subject_area=area, session=None)
    assert s.entered_on_paper
    assert s.entered_by == staff
    assert (
        "paper form" in SuggestionEvent.objects.get(suggestion=s, action="create").note
        or SuggestionEvent.objects.get(suggestion=s, action="create").note
    )


def test_the_delegations_staff_enter_a_suggestion_for_their_deputy(lead, area, make_user):
    """S§8: 各代表团应当配备工作人员为代表提出建议、批评和意见做好服务工作; S§13: recorded as
    entered by staff."""
    clerk = make_user("dele-s8", Role.DELEGATION_STAFF)
    lead.delegation.staff.add(clerk)
    s = suggestion_create(actor=clerk, lead_deputy=lead, title="t", body="b", subject_area=area, session=None)
    assert (s.entered_by, s.lead_deputy) == (clerk, lead)


def test_a_unit_clerk_cannot_file_on_a_deputys_behalf(lead, units, area):
    with refused("permission_denied"):
        suggestion_create(
            actor=units["unit1"], lead_deputy=lead, title="t", body="b", subject_area=area, session=None
        )


# --- Review -----------------------------------------------------------------------------------


def test_staff_return_a_suggestion_with_a_message_and_the_deputy_refiles_it(
    file_suggestion, staff, lead, area
):
    s = file_suggestion()
    suggestion_return(suggestion=s, actor=staff, message="请一事一议（建议办法第十三条）")
    s.refresh_from_db()
    assert s.status == Status.RETURNED
    suggestion_edit(suggestion=s, actor=lead.user, title=s.title, body="只谈一件事。", subject_area=area)
    s = suggestion_submit(suggestion=s, actor=lead.user)
    assert s.number == 1  # keeps its number


def test_not_accepting_needs_a_ground_and_the_body_it_is_forwarded_to(file_suggestion, staff):
    """S§10: 有下列情形之一的，不作为代表建议、批评和意见提出 (one of its seven grounds); S§15:
    forwarded to the body concerned as a deputy's letter."""
    s = file_suggestion()
    with refused("ground_required"):
        suggestion_not_accept(suggestion=s, actor=staff, ground=9, forwarded_to="省信访局")
    with refused("forwarded_to_required"):
        suggestion_not_accept(suggestion=s, actor=staff, ground=4, forwarded_to=" ")
    suggestion_not_accept(suggestion=s, actor=staff, ground=4, forwarded_to="省信访局")
    s.refresh_from_db()
    assert (s.status, s.not_accepted_ground, s.forwarded_to) == (Status.NOT_ACCEPTED, 4, "省信访局")


def test_merged_suggestions_point_to_the_one_that_is_handled(file_suggestion, staff):
    target, other = file_suggestion(), file_suggestion(title="关于同一件事的建议")
    suggestion_merge(suggestions=[other], into=target, actor=staff)
    other.refresh_from_db()
    assert other.status == Status.MERGED
    assert other.merged_into == target


def test_a_deputy_cannot_review(file_suggestion, lead):
    with refused("permission_denied"):
        suggestion_accept(suggestion=file_suggestion(), actor=lead.user)


def test_the_secretariat_reviews_only_what_was_filed_during_a_session(file_suggestion, make_user):
    secretariat = make_user("sec1", Role.SECRETARIAT)
    recess = file_suggestion()
    with refused("permission_denied"):
        suggestion_accept(suggestion=recess, actor=secretariat)


def test_withdrawal_is_in_writing_and_only_before_the_reply(assigned, lead):
    assignment = assigned()
    s = assignment.suggestion
    with refused("withdrawal_in_writing"):
        suggestion_withdraw(suggestion=s, actor=lead.user, letter=" ")
    suggestion_withdraw(suggestion=s, actor=lead.user, letter="本人书面撤回此建议。")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    Suggestion.objects.filter(pk=s.pk).update(status=Status.REPLIED)
    with refused("invalid_transition") as refusal:
        suggestion_withdraw(suggestion=s, actor=lead.user, letter="再次撤回")
    assert "invalid_status" in refusal.value.aliases


def test_only_the_proposer_withdraws(file_suggestion, make_deputy):
    other = make_deputy("王芳")
    with refused("permission_denied"):
        suggestion_withdraw(suggestion=file_suggestion(), actor=other.user, letter="撤回")


# --- Assignment ---------------------------------------------------------------------------------


def test_assignment_starts_the_objection_and_reply_clocks(file_suggestion, staff, units, time_machine):
    time_machine.move_to(beijing(2021, 7, 1, 10))
    s = file_suggestion()
    [a] = suggestion_accept_and_assign(
        suggestion=s, units=[HandlingUnit(units["education"], UnitRole.SOLE)], actor=staff
    )
    assert a.assigned_on == dt.date(2021, 7, 1)
    assert a.objection_due == dt.date(2021, 7, 6)
    assert a.reply_due == dt.date(2021, 10, 8)  # 3 months end on National Day (S§28)
    assert a.status == AssignmentStatus.PENDING


def test_a_co_unit_gets_a_two_month_opinion_clock_instead_of_the_reply(
    file_suggestion, staff, units, time_machine
):
    time_machine.move_to(beijing(2021, 7, 1, 10))
    s = file_suggestion()
    lead_a, co_a = suggestion_accept_and_assign(
        suggestion=s, actor=staff,
        units=[HandlingUnit(units["education"], UnitRole.LEAD), HandlingUnit(units["transport"], UnitRole.CO)],
    )  # fmt: skip
    assert lead_a.reply_due == dt.date(2021, 10, 8)
    assert co_a.reply_due is None
    assert co_a.co_opinion_due == dt.date(2021, 9, 1)


@pytest.mark.parametrize("roles", [["sole", "sole"], ["split"], ["lead", "lead"], ["lead"], []])
def test_unit_roles_must_follow_article_19(file_suggestion, staff, units, other_unit, roles):
    pool = [units["education"], units["transport"], other_unit]
    with refused("invalid_units"):
        suggestion_accept_and_assign(
            suggestion=file_suggestion(),
            actor=staff,
            units=[HandlingUnit(pool[i], r) for i, r in enumerate(roles)],
        )


def test_a_suggestion_not_accepted_cannot_be_assigned(file_suggestion, staff, units):
    s = file_suggestion()
    suggestion_not_accept(suggestion=s, actor=staff, ground=3, forwarded_to="省信访局")
    with refused("invalid_transition") as refusal:
        suggestion_assign(suggestion=s, actor=staff, units=[HandlingUnit(units["education"], UnitRole.SOLE)])
    assert "invalid_status" in refusal.value.aliases


def test_the_database_refuses_two_open_assignments_of_one_unit(assigned, staff, units):
    a = assigned()
    with pytest.raises(IntegrityError):
        Assignment.objects.create(
            suggestion=a.suggestion, unit=units["education"], role="sole", assigned_by=staff, assigned_at=a.assigned_at,
            assigned_on=a.assigned_on, objection_due=a.objection_due, reply_due=a.reply_due,
        )  # fmt: skip


# --- The unit's objection (S§20) ----------------------------------------------------------------


def test_a_unit_can_object_on_the_fifth_day(assigned, units, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 6, 7, 23, 59))  # due 2021-06-06 is a Sunday: moved to Monday
    a = assignment_object(assignment=a, actor=units["unit1"], reason="属于卫生健康部门职责。")
    assert a.status == AssignmentStatus.OBJECTED
    assert a.reassignment_due == dt.date(2021, 6, 17)


def test_it_refuses_an_objection_after_five_days(assigned, units, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 6, 8, 0, 0))
    with refused("objection_window_closed") as refusal:
        assignment_object(assignment=a, actor=units["unit1"], reason="不属于本单位职责。")
    assert "2021-06-07" in str(refusal.value.detail)


def test_after_the_window_the_sweep_moves_the_assignment_to_handling(assigned, units, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 6, 8, 1))
    assert assignments_close_objection_windows() == 1
    assert assignments_close_objection_windows() == 0
    a.refresh_from_db()
    assert a.status == AssignmentStatus.HANDLING
    with refused("objection_window_closed"):
        assignment_object(assignment=a, actor=units["unit1"], reason="不属于本单位职责。")


def test_an_objection_needs_its_reasons_in_writing(assigned, units):
    with refused("reason_required"):
        assignment_object(assignment=assigned(), actor=units["unit1"], reason="")


def test_another_unit_cannot_object_or_acknowledge(assigned, units):
    a = assigned()
    with refused("permission_denied"):
        assignment_object(assignment=a, actor=units["unit2"], reason="x")
    with refused("permission_denied"):
        assignment_acknowledge(assignment=a, actor=units["unit2"])


def test_after_acknowledging_a_unit_can_no_longer_object(assigned, units):
    a = assignment_acknowledge(assignment=assigned(), actor=units["unit1"])
    with refused("invalid_transition") as refusal:
        assignment_object(assignment=a, actor=units["unit1"], reason="x")
    assert "invalid_status" in refusal.value.aliases


def test_reassigning_ends_the_old_assignment_and_starts_new_clocks(
    assigned, units, staff, other_unit, time_machine
):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 6, 3, 9))
    assignment_object(assignment=a, actor=units["unit1"], reason="属于卫生健康部门职责。")
    time_machine.move_to(beijing(2021, 6, 10, 9))
    new = assignment_reassign(assignment=a, unit=other_unit, actor=staff, reason="同意，转省卫健委。")
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REASSIGNED
    assert a.replaced_by == new
    assert new.unit == other_unit
    assert new.assigned_on == dt.date(2021, 6, 10)
    assert new.reply_due == dt.date(2021, 9, 10)


def test_rejecting_the_objection_leaves_the_unit_handling_it(assigned, units, staff):
    a = assigned()
    assignment_object(assignment=a, actor=units["unit1"], reason="x")
    a = assignment_reject_objection(assignment=a, actor=staff, reason="属于教育厅职责。")
    assert a.status == AssignmentStatus.HANDLING


def test_a_unit_cannot_reassign_itself(assigned, units, other_unit):
    a = assigned()
    assignment_object(assignment=a, actor=units["unit1"], reason="x")
    with refused("permission_denied"):
        assignment_reassign(assignment=a, unit=other_unit, actor=units["unit1"], reason="自行转办")


# --- Disagreement and re-routing (S§21) ------------------------------------------------------------


def test_a_deputy_disagrees_and_staff_reroute(assigned, lead, staff, other_unit):
    a = assigned()
    d = suggestion_disagree(suggestion=a.suggestion, actor=lead.user, reason="应由省卫健委办理。")
    [new] = suggestion_reroute(
        suggestion=a.suggestion,
        units=[HandlingUnit(other_unit, UnitRole.SOLE)],
        actor=staff,
        reason="采纳代表意见",
    )
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REASSIGNED
    assert new.unit == other_unit
    assert Disagreement.objects.get(pk=d.pk).resolved_by == staff


def test_a_stranger_cannot_disagree(assigned, make_deputy):
    other = make_deputy("王芳")
    with refused("permission_denied"):
        suggestion_disagree(suggestion=assigned().suggestion, actor=other.user, reason="x")


# --- History ------------------------------------------------------------------------------------


def test_every_change_is_in_the_history_with_who_when_from_and_to(assigned, units):
    a = assigned()
    assignment_object(assignment=a, actor=units["unit1"], reason="不属于本单位职责。")
    events = list(
        SuggestionEvent.objects.filter(suggestion=a.suggestion).values_list(
            "action", "from_status", "to_status"
        )
    )
    assert events == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("accept", "submitted", "accepted"),
        ("assign", "accepted", "assigned"),
        ("assign_unit", "", "pending"),
        ("object", "pending", "objected"),
    ]
    last = SuggestionEvent.objects.filter(suggestion=a.suggestion).last()
    assert last is not None
    assert last.actor == units["unit1"]
    assert last.note == "不属于本单位职责。"


# --- Who is told (S§21, S§15, S§20) -----------------------------------------------------------


def test_the_deputies_and_the_unit_are_told_of_an_assignment(
    file_suggestion, staff, units, lead, django_capture_on_commit_callbacks
):
    from congress.notifications.models import Notification

    s = file_suggestion()
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_accept_and_assign(
            suggestion=s, units=[HandlingUnit(units["education"], UnitRole.SOLE)], actor=staff
        )
    # Notices are written in the step's transaction: the filing's is there too.
    told = set(Notification.objects.values_list("recipient__username", "kind"))
    assert (lead.user.username, "suggestion_assigned") in told
    assert {("unit1", "assignment_new"), ("unit1head", "assignment_new")} <= told
    assert not any(username == "unit2" for username, _kind in told)


def test_the_assigning_body_is_told_of_an_objection(
    assigned, units, staff, django_capture_on_commit_callbacks
):
    from congress.notifications.models import Notification

    a = assigned()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_object(assignment=a, actor=units["unit1"], reason="不属于本单位职责。")
    note = Notification.objects.get(recipient=staff, kind="assignment_objected")
    assert "省教育厅" in note.subject
    assert note.link == f"/suggestions/{a.suggestion_id}/"


def test_merged_deputies_are_told_and_follow_the_target(
    file_suggestion, staff, lead, make_deputy, area, django_capture_on_commit_callbacks
):
    from congress.notifications.models import Notification

    other_lead = make_deputy("王芳")
    other = suggestion_create(
        actor=other_lead.user,
        lead_deputy=other_lead,
        title="同一件事",
        body="b",
        subject_area=area,
        session=None,
    )
    other = suggestion_submit(suggestion=other, actor=other_lead.user)
    target = file_suggestion()
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_merge(suggestions=[other], into=target, actor=staff)
    assert Notification.objects.filter(recipient=other_lead.user, kind="suggestion_merged").exists()
    from suggestions.workflow.who import deputies_of

    assert other_lead in deputies_of(target)


def test_a_motion_handled_as_a_suggestion_enters_accepted_with_its_signers(lead, make_deputy, session, staff):
    signers = [make_deputy(f"代表{i}号") for i in range(3)]
    s = suggestion_create_accepted(
        session=session, lead_deputy=lead, co_signers=signers, title="关于某事的议案", body="案由、案据、方案",
        subject_area=None, actor=staff, note="第0002号议案经主席团决定作为建议处理",
    )  # fmt: skip
    assert s.status == Status.ACCEPTED and s.number == 1 and s.kind == Suggestion.Kind.JOINT
    assert s.subject_area.name == "其他"
    assert s.cosigners.filter(status="confirmed", confirmed_version=1).count() == 3
    assert SuggestionEvent.objects.get(suggestion=s).note == "第0002号议案经主席团决定作为建议处理"


def test_a_draft_prefilled_for_a_deputy_records_where_it_came_from(lead, area):
    s = suggestion_create_draft(
        lead_deputy=lead,
        title="关于小区停车难的建议",
        body="群众反映…",
        subject_area=area,
        actor=lead.user,
        note="来自联络站意见",
    )
    assert s.status == Status.DRAFT and not s.entered_on_paper
    assert SuggestionEvent.objects.get(suggestion=s, action="create").note == "来自联络站意见"
