"""Handling after assignment (issue 5): every rule refused with its code (WORKFLOWS.md §2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.models import Organisation
from congress.notifications.models import Notification
from congress.roles import Role
from congress.workflow import available_actions
from suggestions.models import Commitment, Evaluation, KeySuggestion, Reply, SuggestionEvent
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.evaluation import (
    suggestion_decide_rehandling,
    suggestion_evaluate,
    suggestions_close_after_evaluation_window,
)
from suggestions.services.filing import DelegationVote, cosigner_confirm, suggestion_create, suggestion_submit
from suggestions.services.follow_up import commitment_progress, supervision_arrange, supervision_request
from suggestions.services.handling import (
    assignment_communicate,
    assignment_decide_extension,
    assignment_draft_reply,
    assignment_request_extension,
    assignment_send_opinion,
    reply_approve,
    reply_withhold,
)
from suggestions.services.key_handling import key_note, suggestion_mark_key
from suggestions.services.review import suggestion_merge
from suggestions.workflow import AssignmentStatus, Status
from suggestions.workflow import Role as UnitRole
from tests.helpers import refused
from tests.suggestions.conftest import beijing
from tests.suggestions.follow_up import handle_in_person, liaise_with_city_sc

pytestmark = pytest.mark.django_db
D = dt.date


def pdf(name: str = "reply.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%sealed\n", content_type="application/pdf")


def talk(assignment, actor):
    return assignment_communicate(
        assignment=assignment,
        actor=actor,
        date=assignment.assigned_on,
        way="call",
        participants="李明代表",
        summary="电话沟通办理思路",
        understanding=True,  # S§24: the reply waits for the deputies' understanding
    )


@pytest.fixture
def head(units):
    return units["unit1head"]


@pytest.fixture
def replied(assigned, units, head):
    """A sole assignment whose category-A reply was signed off."""

    def make(**extra):
        a = assigned(**extra)
        talk(a, units["unit1"])
        reply = assignment_draft_reply(
            assignment=a, actor=units["unit1"], category="A", body="已采纳并落实。", scan=pdf()
        )
        reply_approve(reply=reply, actor=head)
        a.refresh_from_db()
        return a

    return make


# --- Hearing the deputy, co units ---------------------------------------------------------------


def test_a_reply_is_refused_without_a_communication_record(assigned, units):
    with refused("no_communication_recorded") as refusal:
        assignment_draft_reply(assignment=assigned(), actor=units["unit1"], category="A", body="已解决")
    assert "第二十四条" in str(refusal.value.detail) or "S§24" in str(refusal.value.detail)


@pytest.mark.parametrize(
    ("way", "summary", "code"), [("letter", "x", "invalid_way"), ("call", " ", "summary_required")]
)
def test_a_communication_needs_its_way_and_summary(assigned, units, way, summary, code):
    a = assigned()
    with refused(code):
        assignment_communicate(
            assignment=a, actor=units["unit1"], date=a.assigned_on, way=way, participants="", summary=summary
        )


def test_a_communication_cannot_be_in_the_future(assigned, units):
    a = assigned()
    with refused("date_in_future"):
        assignment_communicate(
            assignment=a,
            actor=units["unit1"],
            date=a.assigned_on + dt.timedelta(days=30),
            way="call",
            participants="",
            summary="x",
        )


def test_another_unit_cannot_record_a_communication(assigned, units):
    with refused("permission_denied"):
        talk(assigned(), units["unit2"])


@pytest.fixture
def lead_and_co(file_suggestion, staff, units, make_user):
    units["unit2head"] = make_user("unit2head", Role.UNIT_HEAD, organisation=units["transport"])
    s = file_suggestion()
    lead, co = suggestion_accept_and_assign(
        suggestion=s, actor=staff,
        units=[HandlingUnit(units["education"], UnitRole.LEAD), HandlingUnit(units["transport"], UnitRole.CO)],
    )  # fmt: skip
    return lead, co


def test_the_lead_waits_for_the_co_units_opinion_within_its_two_months(lead_and_co, units, time_machine):
    lead, co = lead_and_co
    talk(lead, units["unit1"])
    with refused("co_opinions_pending") as refusal:
        assignment_draft_reply(assignment=lead, actor=units["unit1"], category="A", body="统一答复")
    assert "省交通运输厅" in str(refusal.value.detail)
    assignment_send_opinion(assignment=co, actor=units["unit2"], body="协办意见：同意。")
    co.refresh_from_db()
    assert co.status == AssignmentStatus.OPINION_SENT
    assignment_draft_reply(assignment=lead, actor=units["unit1"], category="A", body="统一答复")


def test_the_lead_may_reply_once_the_co_units_window_passed(lead_and_co, units, time_machine):
    lead, co = lead_and_co
    talk(lead, units["unit1"])
    time_machine.move_to(beijing(2030, 1, 1, 9))
    reply = assignment_draft_reply(assignment=lead, actor=units["unit1"], category="A", body="统一答复")
    assert (reply.status, reply.round, reply.body) == (Reply.Status.DRAFT, 1, "统一答复")
    co.refresh_from_db()
    assert co.status == AssignmentStatus.PENDING  # no opinion came; its two months passed (S§26)
    assert "draft_reply" in available_actions(lead, units["unit1"])


def test_a_co_unit_does_not_reply_and_a_lead_does_not_send_an_opinion(lead_and_co, units):
    lead, co = lead_and_co
    talk(co, units["unit2"])
    with refused("not_a_replying_unit"):
        assignment_draft_reply(assignment=co, actor=units["unit2"], category="A", body="x")
    with refused("not_a_co_unit"):
        assignment_send_opinion(assignment=lead, actor=units["unit1"], body="x")


def test_when_the_lead_replies_the_co_units_part_ends(lead_and_co, units, head):
    lead, co = lead_and_co
    assignment_send_opinion(assignment=co, actor=units["unit2"], body="同意")
    talk(lead, units["unit1"])
    reply = assignment_draft_reply(
        assignment=lead, actor=units["unit1"], category="A", body="统一答复", scan=pdf()
    )
    reply_approve(reply=reply, actor=head)
    co.refresh_from_db()
    assert co.status == AssignmentStatus.REPLIED
    assert lead.suggestion.__class__.objects.get(pk=lead.suggestion_id).status == Status.REPLIED


# --- Extension (S§28) ---------------------------------------------------------------------------


def test_an_extension_once_approved_moves_the_reply_to_six_months(
    assigned, units, staff, time_machine, django_capture_on_commit_callbacks, lead
):
    time_machine.move_to(beijing(2021, 4, 1, 9))
    a = assigned()
    assignment_request_extension(assignment=a, actor=units["unit1"], reason="涉及多部门，情况复杂。")
    with refused("extension_already_used"):
        assignment_request_extension(assignment=a, actor=units["unit1"], reason="再延一次")
    with django_capture_on_commit_callbacks(execute=True):
        a = assignment_decide_extension(assignment=a, actor=staff, approve=True, reason="同意延期三个月")
    assert a.extended
    assert a.reply_due == D(2021, 10, 8)  # 2021-04-01 + 6 months = National Day → 10-08
    assert Notification.objects.filter(
        recipient=lead.user, kind="extension_approved"
    ).exists()  # S§28: deputies told


def test_an_extension_is_asked_for_before_the_reply_is_due(assigned, units, time_machine):
    time_machine.move_to(beijing(2021, 4, 1, 9))
    a = assigned()
    time_machine.move_to(beijing(2021, 7, 2, 9))
    with refused("extension_too_late"):
        assignment_request_extension(assignment=a, actor=units["unit1"], reason="来不及")


def test_a_refused_extension_cannot_be_asked_again(assigned, units, staff):
    a = assigned()
    assignment_request_extension(assignment=a, actor=units["unit1"], reason="复杂")
    assignment_decide_extension(assignment=a, actor=staff, approve=False, reason="不属于情况复杂")
    a.refresh_from_db()
    assert not a.extended
    with refused("extension_already_used"):
        assignment_request_extension(assignment=a, actor=units["unit1"], reason="再请求")


def test_only_the_assigning_body_decides_an_extension(assigned, units):
    a = assigned()
    assignment_request_extension(assignment=a, actor=units["unit1"], reason="复杂")
    with refused("permission_denied"):
        assignment_decide_extension(assignment=a, actor=units["unit1head"], approve=True, reason="")


def test_there_must_be_a_request_to_decide(assigned, staff):
    with refused("no_extension_request"):
        assignment_decide_extension(assignment=assigned(), actor=staff, approve=True, reason="")


# --- Replies -----------------------------------------------------------------------------------


def test_a_category_b_reply_states_plan_path_and_date(assigned, units):
    a = assigned()
    talk(a, units["unit1"])
    with refused("reply_incomplete"):
        assignment_draft_reply(assignment=a, actor=units["unit1"], category="B", body="已列入计划", plan="x")


def test_the_scan_must_be_a_pdf(assigned, units):
    a = assigned()
    talk(a, units["unit1"])
    fake = SimpleUploadedFile("reply.pdf", b"MZ\x90 not a pdf", content_type="application/pdf")
    with refused("scan_invalid"):
        assignment_draft_reply(assignment=a, actor=units["unit1"], category="A", body="x", scan=fake)


def test_the_head_signs_off_someone_elses_draft_with_the_sealed_scan(assigned, units, head, make_user):
    a = assigned()
    talk(a, units["unit1"])
    reply = assignment_draft_reply(assignment=a, actor=units["unit1"], category="A", body="已采纳")
    with refused("head_approval_required"):
        reply_approve(reply=reply, actor=units["unit1"])
    with refused("scan_required"):
        reply_approve(reply=reply, actor=head)
    own = assignment_draft_reply(assignment=a, actor=head, category="A", body="负责人自拟")
    with refused("second_person_required"):
        reply_approve(reply=own, actor=head, scan=pdf())
    reply = assignment_draft_reply(assignment=a, actor=units["unit1"], category="A", body="已采纳")
    reply = reply_approve(reply=reply, actor=head, scan=pdf())
    assert reply.status == Reply.Status.APPROVED
    with refused("invalid_transition") as refusal:  # signed off twice: the one code, the old as alias
        reply_approve(reply=reply, actor=head, scan=pdf())
    assert refusal.value.aliases == ("reply_already_approved",)
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REPLIED
    s = a.suggestion.__class__.objects.get(pk=a.suggestion_id)
    assert s.status == Status.REPLIED
    assert s.evaluation_due is not None


def test_split_units_each_reply_before_the_suggestion_is_replied(
    file_suggestion, staff, units, head, make_user
):
    unit2head = make_user("unit2head", Role.UNIT_HEAD, organisation=units["transport"])
    s = file_suggestion()
    a1, a2 = suggestion_accept_and_assign(
        suggestion=s, actor=staff,
        units=[HandlingUnit(units["education"], UnitRole.SPLIT), HandlingUnit(units["transport"], UnitRole.SPLIT)],
    )  # fmt: skip
    for a, clerk, boss in [(a1, units["unit1"], head), (a2, units["unit2"], unit2head)]:
        talk(a, clerk)
        reply = assignment_draft_reply(
            assignment=a, actor=clerk, category="C", body="暂难解决，说明原因。", scan=pdf()
        )
        reply_approve(reply=reply, actor=boss)
        s.refresh_from_db()
        expected = Status.REPLIED if a is a2 else Status.ASSIGNED
        assert s.status == expected


def test_a_category_b_reply_opens_its_commitment(assigned, units, head):
    a = assigned()
    talk(a, units["unit1"])
    reply = assignment_draft_reply(
        assignment=a, actor=units["unit1"], category="B", body="已列入2027年计划", plan="新建教师周转房", path="省级财政补助",
        completion_date=D(2027, 6, 30), scan=pdf(),
    )  # fmt: skip
    reply_approve(reply=reply, actor=head)
    [commitment] = Commitment.objects.filter(reply=reply)
    assert (commitment.text, commitment.promised_date) == ("新建教师周转房", D(2027, 6, 30))


def test_the_reply_reaches_every_deputy_and_copies_go_to_the_committee_and_general_office(
    lead, make_deputy, area, staff, units, head, make_unit, make_user, django_capture_on_commit_callbacks
):
    co = make_deputy("王芳")
    merged_lead = make_deputy("赵强")
    office = make_unit("省人民政府办公厅", Organisation.Kind.GENERAL_OFFICE)
    clerk_of_office = make_user("office1", organisation=office)
    s = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="t",
        body="b",
        subject_area=area,
        session=None,
        co_signers=[co],
    )
    cosigner_confirm(suggestion=s, actor=co.user)
    s = suggestion_submit(suggestion=s, actor=lead.user)
    other = suggestion_create(
        actor=merged_lead.user, lead_deputy=merged_lead, title="同", body="b", subject_area=area, session=None
    )
    other = suggestion_submit(suggestion=other, actor=merged_lead.user)
    suggestion_merge(suggestions=[other], into=s, actor=staff)
    [a] = suggestion_accept_and_assign(
        suggestion=s, units=[HandlingUnit(units["education"], UnitRole.SOLE)], actor=staff
    )
    talk(a, units["unit1"])
    reply = assignment_draft_reply(
        assignment=a, actor=units["unit1"], category="A", body="已采纳", scan=pdf()
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply_approve(reply=reply, actor=head)
    delivered = set(
        Notification.objects.filter(kind="reply_delivered").values_list("recipient__username", flat=True)
    )
    assert delivered == {lead.user.username, co.user.username, merged_lead.user.username}
    copies = set(Notification.objects.filter(kind="reply_copy").values_list("recipient_id", flat=True))
    assert {staff.pk, clerk_of_office.pk} <= copies


def test_a_reply_is_withheld_only_with_a_ground_and_the_act_is_logged(replied, units):
    a = replied()
    reply = a.replies.get()
    with refused("ground_required"):
        reply_withhold(reply=reply, actor=units["unit1"], ground="because")
    reply_withhold(reply=reply, actor=units["unit1"], ground="privacy")
    reply.refresh_from_db()
    assert (reply.public, reply.withheld_ground) == (False, "privacy")
    assert SuggestionEvent.objects.filter(
        suggestion=a.suggestion, action="withhold_reply", note="个人隐私"
    ).exists()


# --- Evaluation and re-handling (S§30) ----------------------------------------------------------


def test_a_satisfied_deputy_closes_the_suggestion(replied, lead):
    a = replied()
    suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="satisfied", comment="办理认真")
    a.suggestion.refresh_from_db()
    assert a.suggestion.status == Status.CLOSED
    with refused("invalid_transition") as refusal:
        suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="satisfied")
    assert "invalid_status" in refusal.value.aliases


def test_only_the_suggestions_deputies_evaluate_once(replied, make_deputy, lead, area, staff):
    a = replied()
    stranger = make_deputy("路人")
    with refused("permission_denied"):
        suggestion_evaluate(suggestion=a.suggestion, actor=stranger.user, rating="satisfied")
    with refused("invalid_rating"):
        suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="meh")


def test_unsatisfied_then_rehandled_within_a_month_then_satisfied(
    replied, lead, staff, units, head, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = replied()
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_evaluate(
            suggestion=a.suggestion, actor=lead.user, rating="unsatisfied", comment="没有解决实际问题"
        )
    assert Notification.objects.filter(recipient=staff, kind="evaluation_unsatisfied").exists()
    time_machine.move_to(beijing(2021, 6, 10, 9))
    suggestion_decide_rehandling(
        suggestion=a.suggestion, actor=staff, rehandle=True, explanation="请重新办理"
    )
    a.refresh_from_db()
    assert (a.status, a.rehandling_due) == (
        AssignmentStatus.REHANDLING,
        D(2021, 7, 12),
    )  # 07-10 is a Saturday
    talk(a, units["unit1"])
    reply = assignment_draft_reply(
        assignment=a,
        actor=units["unit1"],
        category="B",
        body="列入计划",
        plan="p",
        path="q",
        completion_date=D(2021, 12, 1),
        scan=pdf(),
    )
    assert reply.round == 2
    reply_approve(reply=reply, actor=head)
    a.suggestion.refresh_from_db()
    assert (a.suggestion.status, a.suggestion.reply_round) == (Status.REPLIED, 2)
    suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="basically_satisfied")
    a.suggestion.refresh_from_db()
    assert a.suggestion.status == Status.CLOSED


def test_the_committee_may_explain_instead(replied, lead, staff):
    a = replied()
    suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="unsatisfied")
    suggestion_decide_rehandling(
        suggestion=a.suggestion, actor=staff, rehandle=False, explanation="受政策限制，已向代表说明。"
    )
    a.suggestion.refresh_from_db()
    assert a.suggestion.status == Status.CLOSED


def test_rehandling_follows_an_unsatisfied_rating_only(replied, staff, lead):
    a = replied()
    with refused("no_unsatisfied_rating"):
        suggestion_decide_rehandling(suggestion=a.suggestion, actor=staff, rehandle=True, explanation="x")
    suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="unsatisfied")
    with refused("permission_denied"):
        suggestion_decide_rehandling(suggestion=a.suggestion, actor=lead.user, rehandle=True, explanation="x")


def test_the_evaluation_window_closes_the_suggestion(replied, lead, time_machine):
    time_machine.move_to(beijing(2021, 6, 1, 9))
    a = replied()
    a.suggestion.refresh_from_db()
    assert a.suggestion.evaluation_due == D(2021, 7, 1)
    assert suggestions_close_after_evaluation_window(D(2021, 7, 1)) == 0
    assert suggestions_close_after_evaluation_window(D(2021, 7, 2)) == 1
    a.suggestion.refresh_from_db()
    assert a.suggestion.status == Status.CLOSED


def test_an_unsatisfied_rating_keeps_it_open_past_the_window_for_the_committee(replied, lead):
    a = replied()
    suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="unsatisfied")
    assert suggestions_close_after_evaluation_window(D(2099, 1, 1)) == 0
    assert Evaluation.objects.get().rating == "unsatisfied"


# --- Commitments (S§32) -------------------------------------------------------------------------


def test_progress_on_a_commitment_reaches_the_deputy(
    assigned, units, head, lead, django_capture_on_commit_callbacks
):
    a = assigned()
    talk(a, units["unit1"])
    reply = assignment_draft_reply(
        assignment=a,
        actor=units["unit1"],
        category="B",
        body="b",
        plan="建设",
        path="财政",
        completion_date=D(2027, 1, 1),
        scan=pdf(),
    )
    reply_approve(reply=reply, actor=head)
    commitment = reply.commitments.get()
    with django_capture_on_commit_callbacks(execute=True):
        commitment_progress(commitment=commitment, actor=units["unit1"], text="已完成选址", done=False)
    assert Notification.objects.filter(recipient=lead.user, kind="commitment_progress").exists()
    commitment_progress(commitment=commitment, actor=units["unit1"], text="已建成", done=True)
    commitment.refresh_from_db()
    assert commitment.done_on is not None
    with refused("commitment_done"):
        commitment_progress(commitment=commitment, actor=units["unit1"], text="again")


# --- Key suggestions (S§34–S§42) and supervision (S§44) -----------------------------------------


def test_a_key_suggestion_names_its_grounds_supervisor_and_channel(
    assigned, staff, make_unit, make_user, units, head
):
    a = assigned()
    body = make_unit("省人大财政经济委员会", Organisation.Kind.SPECIAL_COMMITTEE)
    supervisor = make_user("super1", Role.SUPERVISOR, organisation=body)
    with refused("grounds_required"):
        suggestion_mark_key(suggestion=a.suggestion, actor=staff, ground=3, grounds_text=" ")
    with refused("invalid_supervisor"):
        suggestion_mark_key(
            suggestion=a.suggestion,
            actor=staff,
            ground=3,
            grounds_text="x",
            supervising_body=units["transport"],
        )
    key = suggestion_mark_key(
        suggestion=a.suggestion, actor=staff, ground=3, grounds_text="代表反映集中", supervising_body=body,
        supervising_leader="王主任", leading_official="李副省长", approved_on=D(2026, 3, 1),
    )  # fmt: skip
    assert key.channel == KeySuggestion.Channel.THROUGH_TRAIN  # filed in recess (S§36)
    key_note(key=key, actor=supervisor, kind="comment", text="请加快进度")
    with refused("permission_denied"):
        key_note(key=key, actor=units["unit2"], kind="comment", text="x")
    with refused("permission_denied"):
        key_note(key=key, actor=units["unit1"], kind="report", text="尚未答复")
    handle_in_person(a, units["unit1"])  # S§37
    reply = assignment_draft_reply(
        assignment=a, actor=units["unit1"], category="A", body="已采纳", scan=pdf()
    )
    reply_approve(reply=reply, actor=head)
    key_note(key=key, actor=units["unit1"], kind="report", text="办理情况报告", leader_informed="李副省长")


def test_a_deputy_asks_the_committee_to_arrange_a_meeting_with_the_units_head(
    assigned, lead, staff, make_deputy, django_capture_on_commit_callbacks
):
    a = assigned()
    with refused("permission_denied"):
        supervision_request(
            suggestion=a.suggestion, actor=make_deputy("路人").user, kind="meet_head", message="x"
        )
    request = supervision_request(
        suggestion=a.suggestion, actor=lead.user, kind="meet_head", message="希望约见厅长"
    )
    with django_capture_on_commit_callbacks(execute=True):
        supervision_arrange(request=request, actor=staff, arrangement="定于下周二上午在省教育厅会见")
    assert Notification.objects.filter(recipient=lead.user, kind="supervision_arranged").exists()
    with refused("already_arranged"):
        supervision_arrange(request=request, actor=staff, arrangement="again")


def test_a_delegation_suggestions_reply_reaches_every_member_and_the_city_sc(
    lead, make_deputy, area, staff, units, head, make_user, delegation, django_capture_on_commit_callbacks
):
    others = [make_deputy(f"团员{i}") for i in range(3)]
    city_clerk = make_user("city1", organisation=delegation.city_sc)
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="代表团建议", body="b", subject_area=area, session=None,
        kind="delegation", delegation_vote=DelegationVote(members=4, votes_for=3, head_signed=True),
    )  # fmt: skip
    s = suggestion_submit(suggestion=s, actor=lead.user)
    [a] = suggestion_accept_and_assign(
        suggestion=s, units=[HandlingUnit(units["education"], UnitRole.SOLE)], actor=staff
    )
    talk(a, units["unit1"])
    liaise_with_city_sc(a, units["unit1"])  # S§24
    reply = assignment_draft_reply(
        assignment=a, actor=units["unit1"], category="A", body="已采纳", scan=pdf()
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply_approve(reply=reply, actor=head)
    told = set(Notification.objects.filter(kind="reply_delivered").values_list("recipient_id", flat=True))
    assert {lead.user.pk, city_clerk.pk, *(d.user.pk for d in others)} <= told
