"""From assignment to the deputy's evaluation, in a real browser (issue 5)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from congress.roles import Role
from suggestions.models import Assignment, SubjectArea, Suggestion
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.workflow import AssignmentStatus, Status
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def assignment(make_deputy, make_user, make_unit):
    unit = make_unit("省教育厅")
    lead = make_deputy("李明")
    lead.user.username = "deputy1"
    lead.user.save()
    make_user("unit1", Role.UNIT_HANDLER, organisation=unit, name="李晓梅")
    make_user("unit1head", Role.UNIT_HEAD, organisation=unit, name="张伟")
    staff = make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华")
    s = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="关于加强农村教师队伍建设的建议", body="内容",
        subject_area=SubjectArea.objects.get(name="教育"), session=None,
    )  # fmt: skip
    suggestion_submit(suggestion=s, actor=lead.user)
    [a] = suggestion_accept_and_assign(suggestion=s, units=[HandlingUnit(unit, "sole")], actor=staff)
    return a


def page_for(browser, size):
    context = browser.new_context(viewport=size, locale="zh-CN", is_mobile=size is PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def unit_replies(browser, base: str, a: Assignment, tmp_path: Path, category: str = "A") -> None:
    clerk = page_for(browser, DESKTOP)
    sign_in(clerk, base, "unit1", PASSWORD)
    clerk.goto(f"{base}/suggestions/{a.suggestion_id}/")
    with clerk.expect_navigation():
        clerk.click("text=记录与代表沟通")
    clerk.select_option("#id_way", "call")
    clerk.fill("#id_date", a.assigned_on.isoformat())
    clerk.fill("#id_participants", "李明代表")
    clerk.fill("#id_summary", "电话沟通了办理思路，代表表示理解。")
    clerk.check("#id_understanding")  # S§24: the reply waits for the deputies' understanding
    with clerk.expect_navigation():
        clerk.click("form.form button[type=submit]")
    with clerk.expect_navigation():
        clerk.click("text=拟稿答复")
    clerk.select_option("#id_category", category)
    clerk.fill("#id_body", "您提出的建议已采纳，我厅已出台农村教师补充计划。")
    scan = tmp_path / "sealed.pdf"
    scan.write_bytes(b"%PDF-1.4\n%sealed reply\n")
    clerk.set_input_files("#id_scan", str(scan))
    with clerk.expect_navigation():
        clerk.click("form.form button[type=submit]")
    assert "等待单位负责人签发" in clerk.inner_text("body")

    head = page_for(browser, DESKTOP)
    sign_in(head, base, "unit1head", PASSWORD)
    head.goto(clerk.url)
    with head.expect_navigation():
        head.click("text=签发并送达代表")
    assert "已签发" in head.inner_text("body")


def test_from_assignment_to_a_satisfied_deputy(browser, live_server, assignment, tmp_path):
    started = time.monotonic()
    unit_replies(browser, live_server.url, assignment, tmp_path)

    deputy = page_for(browser, PHONE)
    sign_in(deputy, live_server.url, "deputy1", PASSWORD)
    deputy.goto(f"{live_server.url}/notifications/")
    with deputy.expect_navigation():
        deputy.click("text=答复了")
    if "/notifications/" in deputy.url:  # the inbox opens the item through a form
        deputy.wait_for_load_state()
    assert "您对这份答复满意吗" in deputy.inner_text("body")
    assert deputy.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with deputy.expect_navigation():
        deputy.click("button[value=satisfied]")  # one tap
    assert "评价已记录" in deputy.inner_text("body")
    elapsed = time.monotonic() - started

    assert Suggestion.objects.get().status == Status.CLOSED
    print(f"\nwhole path in the browser: {elapsed:.1f} s")


def test_unsatisfied_then_handled_again_then_satisfied(browser, live_server, assignment, tmp_path):
    unit_replies(browser, live_server.url, assignment, tmp_path)
    reply_url = f"{live_server.url}/suggestions/replies/{assignment.replies.get().pk}/"

    deputy = page_for(browser, PHONE)
    sign_in(deputy, live_server.url, "deputy1", PASSWORD)
    deputy.goto(reply_url)
    deputy.fill("#id_comment", "没有回应教师待遇问题")
    with deputy.expect_navigation():
        deputy.click("button[value=unsatisfied]")

    staff = page_for(browser, DESKTOP)
    sign_in(staff, live_server.url, "staff1", PASSWORD)
    staff.goto(f"{live_server.url}/suggestions/objections/")
    with staff.expect_navigation():
        staff.click("a[href*=rehandling]")
    staff.check("input[value=yes]")
    staff.fill("#id_explanation", "请省教育厅重新办理，一个月内答复。")
    with staff.expect_navigation():
        staff.click("form.form button[type=submit]")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REHANDLING

    unit_replies(browser, live_server.url, assignment, tmp_path, category="C")
    deputy.goto(f"{live_server.url}/suggestions/replies/{assignment.replies.get(round=2).pk}/")
    with deputy.expect_navigation():
        deputy.click("button[value=basically_satisfied]")
    assert Suggestion.objects.get().status == Status.CLOSED
