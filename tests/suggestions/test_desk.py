"""The desk on the home page (issue 16): what each role owes, most urgent first, with its
clocks, one tap from the action, in a number of queries that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from congress.deadlines.services import calendar_draft_save
from congress.desk import LIMIT, desk_for
from congress.models import Organisation
from congress.roles import Role
from suggestions.models import SuggestionEvent
from suggestions.services.assignment import (
    assignment_object,
    assignments_close_objection_windows,
    suggestion_disagree,
)
from suggestions.services.evaluation import suggestion_evaluate
from suggestions.services.filing import cosigner_confirm, suggestion_create, suggestion_submit
from suggestions.services.handling import (
    assignment_communicate,
    assignment_draft_reply,
    assignment_request_extension,
    reply_approve,
)
from suggestions.services.key_handling import suggestion_mark_key

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("reply.pdf", b"%PDF-1.4\n%sealed\n", content_type="application/pdf")


def draft(assignment: Any, clerk: Any) -> Any:
    assignment_communicate(
        assignment=assignment, actor=clerk, date=assignment.assigned_on, way="call",
        participants="李明代表", summary="电话沟通", understanding=True,
    )  # fmt: skip
    return assignment_draft_reply(
        assignment=assignment, actor=clerk, category="A", body="已采纳。", scan=pdf()
    )


@pytest.fixture(autouse=True)
def english() -> Any:
    """The desk's labels are lazy: read them in English (the catalogue is filled at merge)."""
    with translation.override("en"):
        yield


def section(user: Any, role: Role, **kwargs: Any) -> Any:
    return {str(s.role): s for s in desk_for(user, **kwargs)}[str(role.label)]


def kinds(section: Any) -> list[str]:
    return [str(t.kind) for t in section.tasks]


def home_queries(client: Any, user: Any) -> int:
    """Queries of the home page for a user already on it once (the sign-in's first desk
    writes the session)."""
    client.force_login(user)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/", **EN).status_code == 200
    return len(queries)


# --- Deputies ------------------------------------------------------------------------------------


def test_a_co_signer_finds_the_draft_to_confirm_on_the_desk_one_tap_from_it(joint_draft, client):
    s, co = joint_draft
    [task] = section(co.user, Role.DEPUTY).tasks
    assert str(task.kind) == "Co-signature to confirm" and task.url == f"/suggestions/{s.pk}/"
    client.force_login(co.user)
    page = client.get("/", **EN).content.decode()
    assert "Co-signature to confirm" in page and f'href="/suggestions/{s.pk}/"' in page

    cosigner_confirm(suggestion=s, actor=co.user)
    assert section(co.user, Role.DEPUTY).tasks == []


def test_the_lead_sees_the_draft_with_the_co_signers_progress_until_it_is_filed(joint_draft, lead):
    s, co = joint_draft
    [task] = section(lead.user, Role.DEPUTY).tasks
    assert (str(task.kind), task.note, task.url) == (
        "Your draft",
        "0 of 1 co-signers confirmed",
        f"/suggestions/{s.pk}/",
    )
    cosigner_confirm(suggestion=s, actor=co.user)
    [task] = section(lead.user, Role.DEPUTY).tasks
    assert task.note == "1 of 1 co-signers confirmed"
    suggestion_submit(suggestion=s, actor=lead.user)
    assert section(lead.user, Role.DEPUTY).tasks == []


def test_a_deputy_rates_a_reply_from_the_desk_before_the_rating_window_ends(assigned, units, lead):
    a = assigned()
    reply = reply_approve(reply=draft(a, units["unit1"]), actor=units["unit1head"])
    a.suggestion.refresh_from_db()
    [task] = section(lead.user, Role.DEPUTY).tasks
    # the rating buttons are under the reply
    assert str(task.kind) == "Reply to rate" and task.url == f"/suggestions/replies/{reply.pk}/"
    [clock] = task.clocks
    assert str(clock.name) == "Rating window ends" and clock.deadline.due == a.suggestion.evaluation_due

    suggestion_evaluate(suggestion=a.suggestion, actor=lead.user, rating="satisfied")
    assert kinds(section(lead.user, Role.DEPUTY)) == []


def test_the_desk_tells_a_deputy_what_others_did_to_their_items_since_the_last_visit(assigned, lead, staff):
    before = timezone.now() - dt.timedelta(minutes=1)
    a = assigned()  # the lead filed it; the staff accepted and assigned it
    [news] = section(lead.user, Role.DEPUTY, since=before).news
    assert news.url == f"/suggestions/{a.suggestion_id}/"
    # one line for the suggestion, in the order it happened; what the deputy did is no news
    assert news.what == "accepted → assigned → unit assigned · Assigned, being handled"
    assert section(lead.user, Role.DEPUTY, since=timezone.now()).news == []


def test_the_last_visit_is_kept_for_the_sign_in_and_moved_on_for_the_next(client, lead, assigned):
    client.force_login(lead.user)
    client.get("/")
    lead.user.refresh_from_db()
    first_visit = lead.user.desk_seen_at
    assert first_visit is not None
    assigned()  # happens while the deputy is away
    page = client.get("/", **EN).content.decode()
    assert "assigned" in page  # a reload within the sign-in still shows it

    client.logout()
    client.force_login(lead.user)
    page = client.get("/", **EN).content.decode()
    assert "Nothing new on your items." in page


def test_a_deputys_desk_costs_the_same_queries_with_many_rows(
    client, joint_draft, lead, assigned, units, django_assert_max_num_queries
):
    s, co = joint_draft
    few = home_queries(client, co.user)
    for n in range(LIMIT + 3):
        suggestion_create(
            actor=lead.user, lead_deputy=lead, title=f"建议{n}", body="b", subject_area=s.subject_area,
            session=None, co_signers=[co],
        )  # fmt: skip
    for n in range(3):
        reply_approve(reply=draft(assigned(title=f"已答复{n}"), units["unit1"]), actor=units["unit1head"])
    assert [str(t.kind) for t in section(lead.user, Role.DEPUTY).tasks].count("Reply to rate") == 3
    assert len(section(co.user, Role.DEPUTY).tasks) == LIMIT
    with django_assert_max_num_queries(few):
        client.get("/")


# --- Handling units ------------------------------------------------------------------------------


def test_a_clerk_sees_each_assignment_with_every_running_clock_by_its_proper_name(assigned, units):
    a = assigned()
    unit = section(units["unit1"], Role.UNIT_HANDLER)
    [task] = unit.tasks
    assert [str(c.name) for c in task.clocks] == ["Objection window (S§20)", "Reply due (S§28)"]
    assert [c.deadline.due for c in task.clocks] == [a.objection_due, a.reply_due]
    assert {str(c.label): c.n for c in unit.counts}["Open assignments"] == 1


def test_the_desk_puts_the_nearest_deadline_first(assigned, units, staff, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC))
    older = assigned(title="较早的建议")
    time_machine.move_to(dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC))
    assignments_close_objection_windows()  # the daily sweep: the older one is handled now
    newer = assigned(title="较新的建议")
    assignment_object(assignment=newer, actor=units["unit1"], reason="不属于本单位职责")
    # the newer one waits on the decision on its objection, its reply due in June; the older
    # one's reply is due on 2 June: the reply clocks decide
    titles = [t.title for t in section(units["unit1"], Role.UNIT_HANDLER).tasks]
    assert titles == [
        f"{newer.suggestion.number_label} 较新的建议",
        f"{older.suggestion.number_label} 较早的建议",
    ]


def test_the_head_signs_off_drafts_from_the_desk_and_the_clerk_follows_them(assigned, units):
    a = assigned()
    reply = draft(a, units["unit1"])
    head_task = next(
        t
        for t in section(units["unit1head"], Role.UNIT_HEAD).tasks
        if t.url.endswith(f"/replies/{reply.pk}/")
    )
    clerk_task = next(
        t for t in section(units["unit1"], Role.UNIT_HANDLER).tasks if t.url.endswith(f"/replies/{reply.pk}/")
    )
    assert str(head_task.action) == "Review and sign off"
    assert str(clerk_task.action) == "See the draft"
    assert [str(c.name) for c in head_task.clocks] == ["Reply due (S§28)"]


def test_a_units_desk_costs_the_same_queries_with_many_rows(
    client, assigned, units, django_assert_max_num_queries
):
    assigned()
    few = home_queries(client, units["unit1"])
    for n in range(LIMIT + 3):
        draft(assigned(title=f"建议{n}"), units["unit1"])
    assert len(section(units["unit1"], Role.UNIT_HANDLER).tasks) == 2 * LIMIT
    with django_assert_max_num_queries(few):
        client.get("/")


# --- The assigning body --------------------------------------------------------------------------


def test_committee_staff_see_their_queues_with_the_ten_day_clock(
    assigned, file_suggestion, units, staff, lead
):
    waiting = file_suggestion(title="待审查的建议")
    objected = assigned(title="有异议的建议")
    assignment_object(assignment=objected, actor=units["unit1"], reason="不属于本单位职责")
    disputed = assigned(title="代表不同意交办的建议")
    suggestion_disagree(suggestion=disputed.suggestion, actor=lead.user, reason="应由交通厅办理")
    extended = assigned(title="申请延期的建议")
    assignment_request_extension(assignment=extended, actor=units["unit1"], reason="情况复杂")
    desk = section(staff, Role.COMMITTEE_STAFF)
    counts = {str(c.label): c.n for c in desk.counts}
    assert counts["Review queue"] == 1
    assert counts["Objections"] == counts["Disagreements"] == counts["Extension requests"] == 1
    by_kind = {str(t.kind): t for t in desk.tasks}
    assert by_kind["Suggestion to review"].url == f"/suggestions/{waiting.pk}/#assign"
    objection = by_kind["Objection to decide"]
    objected.refresh_from_db()
    assert [(str(c.name), c.deadline.due) for c in objection.clocks] == [
        ("Reassignment due (S§20)", objected.reassignment_due)
    ]
    assert by_kind["Deputy's disagreement"].url == f"/suggestions/{disputed.suggestion_id}/reroute/"
    assert by_kind["Extension request"].url == f"/suggestions/assignments/{extended.pk}/extension/decide/"


def test_the_staff_desk_costs_the_same_queries_with_many_rows(
    client, assigned, file_suggestion, units, staff, django_assert_max_num_queries
):
    assignment_object(assignment=assigned(), actor=units["unit1"], reason="不属于")
    few = home_queries(client, staff)
    for n in range(LIMIT + 3):
        file_suggestion(title=f"待审{n}")
        assignment_object(assignment=assigned(title=f"建议{n}"), actor=units["unit1"], reason="不属于")
        assignment_request_extension(
            assignment=assigned(title=f"延期{n}"), actor=units["unit1"], reason="复杂"
        )
    with django_assert_max_num_queries(few):
        client.get("/")


# --- Supervising bodies, several roles ---------------------------------------------------------------


def test_a_supervisor_follows_the_key_suggestions_it_supervises(
    assigned, staff, make_unit, make_user, client, django_assert_max_num_queries
):
    body = make_unit("省人大教育科学文化卫生委员会", Organisation.Kind.SPECIAL_COMMITTEE)
    supervisor = make_user("super1", Role.SUPERVISOR, organisation=body)
    a = assigned()
    suggestion_mark_key(
        suggestion=a.suggestion, actor=staff, ground=1, grounds_text="本省中心工作", supervising_body=body,
        supervising_leader="孙副主任", leading_official="周副省长",
    )  # fmt: skip
    desk = section(supervisor, Role.SUPERVISOR)
    assert {str(c.label): c.n for c in desk.counts}["Key suggestions supervised"] == 1
    [task] = desk.tasks
    assert str(task.kind) == "Key suggestion in handling" and [str(c.name) for c in task.clocks] == [
        "Reply due (S§28)"
    ]
    few = home_queries(client, supervisor)
    for n in range(LIMIT + 2):
        b = assigned(title=f"建议{n}")
        suggestion_mark_key(
            suggestion=b.suggestion, actor=staff, ground=1, grounds_text="x", supervising_body=body,
            supervising_leader="孙副主任", leading_official="周副省长",
        )  # fmt: skip
    with django_assert_max_num_queries(few):
        client.get("/")


def test_a_user_with_several_roles_sees_a_section_for_each(make_user, units, client):
    user = make_user("both", Role.UNIT_HANDLER, organisation=units["education"])
    user.role_rows.create(role=Role.COMMITTEE_STAFF)
    user = type(user).objects.get(pk=user.pk)
    assert [str(s.role) for s in desk_for(user)] == ["Handling unit clerk", "Committee staff"]
    client.force_login(user)
    page = client.get("/", **EN).content.decode()
    assert "To do as Handling unit clerk" in page and "To do as Committee staff" in page


def test_history_of_others_is_not_a_deputys_news(assigned, make_deputy):
    a = assigned()
    stranger = make_deputy("路人")
    since = SuggestionEvent.objects.order_by("at").first().at - dt.timedelta(seconds=1)  # type: ignore[union-attr]
    assert a.suggestion.events.exists()
    assert section(stranger.user, Role.DEPUTY, since=since).news == []


def test_a_calendar_year_entered_by_a_colleague_waits_on_the_other_staffs_desk(staff, make_user):
    colleague = make_user("staff2", Role.COMMITTEE_STAFF)
    calendar_draft_save(year=2040, notice="国办发明电〔2039〕1号", days=[], actor=colleague)
    [task] = [
        t for t in section(staff, Role.COMMITTEE_STAFF).tasks if str(t.kind) == "Calendar year to approve"
    ]
    assert (task.title, task.url) == ("2040", "/calendar/2040/")
    # four eyes: who entered it does not approve it
    assert "Calendar year to approve" not in kinds(section(colleague, Role.COMMITTEE_STAFF))


def test_staff_see_what_is_overdue_at_the_units_with_the_clock_that_ran_out(
    assigned, units, staff, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC))
    a = assigned()
    assignments_close_objection_windows()
    time_machine.move_to(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC))
    desk = section(staff, Role.COMMITTEE_STAFF)
    late = {str(c.label): c for c in desk.counts}["Overdue"]
    assert (late.n, late.alert) == (1, True)
    [task] = [t for t in desk.tasks if str(t.kind) == "Overdue at the unit"]
    assert task.note == "省教育厅" and task.url == f"/suggestions/{a.suggestion_id}/"
    [clock] = task.clocks
    assert str(clock.name) == "Reply due (S§28)" and clock.deadline.days_left(dt.date(2026, 7, 1)) < 0


def test_the_delegations_staff_find_the_suggestions_they_entered_until_filed(lead, area, make_user, client):
    """S§8, S§13: the delegation's staff enter their deputies' paper forms; what they have not
    filed yet waits on their desk, with the deputy's name, one tap from the draft."""
    clerk = make_user("dele-desk", Role.DELEGATION_STAFF)
    lead.delegation.staff.add(clerk)
    s = suggestion_create(
        actor=clerk, lead_deputy=lead, title="关于社区养老的建议", body="b", subject_area=area, session=None
    )
    mine = section(clerk, Role.DELEGATION_STAFF)
    assert kinds(mine) == ["Draft to file"]
    assert [str(label) for label, _url in mine.starts] == [
        "Enter a suggestion for a deputy",
        "Draft a motion for a deputy",
    ]
    (task,) = mine.tasks
    assert (task.title, task.note) == ("关于社区养老的建议", lead.name)
    client.force_login(clerk)
    assert client.get(task.url).status_code == 200
    suggestion_submit(suggestion=s, actor=clerk)
    assert section(clerk, Role.DELEGATION_STAFF).tasks == []
