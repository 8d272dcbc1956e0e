"""The main suggestion flows, in a real browser: a deputy on a phone, staff and units at desks."""

from __future__ import annotations

import pytest

from congress.roles import Role
from suggestions.models import Assignment, SubjectArea, Suggestion
from suggestions.workflow import AssignmentStatus, Status
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people(make_deputy, make_user, make_unit):
    education, health = make_unit("省教育厅"), make_unit("省卫生健康委员会")
    lead, co = make_deputy("李明"), make_deputy("王芳")
    lead.user.username, co.user.username = "deputy1", "deputy2"
    lead.user.save()
    co.user.save()
    return {
        "lead": lead, "co": co, "education": education, "health": health,
        "staff": make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华"),
        "unit1": make_user("unit1", Role.UNIT_HANDLER, organisation=education, name="李晓梅"),
    }  # fmt: skip


def test_a_joint_suggestion_is_filed_co_signed_accepted_and_assigned(browser, live_server, people):
    from tests.browser.conftest import DESKTOP, PHONE

    deputy = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True).new_page()
    sign_in(deputy, live_server.url, "deputy1", PASSWORD)
    deputy.goto(f"{live_server.url}/suggestions/new/")
    deputy.fill("#id_title", "关于加快老旧小区加装电梯的建议")
    deputy.fill("#id_body", "问题：加装电梯进展缓慢。事实：资金不足。建议：加大补贴。")
    deputy.select_option("#id_subject_area", label="城乡建设")
    deputy.fill("#id_co_signers", "王芳")
    with deputy.expect_navigation():
        deputy.click("form.form button[type=submit]")
    assert "已保存为草稿" in deputy.inner_text("body")
    # Filing cannot succeed yet: the button is disabled and says why.
    assert deputy.is_disabled("text=提交建议")
    assert "以下联名代表尚未确认最终文本" in deputy.inner_text("#submit-blocked")
    assert deputy.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    co = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True).new_page()
    sign_in(co, live_server.url, "deputy2", PASSWORD)
    co.goto(f"{live_server.url}/suggestions/")
    with co.expect_navigation():
        co.click("text=关于加快老旧小区加装电梯的建议")
    with co.expect_navigation():
        co.click("text=我确认此文本并联名")
    assert "您已确认最终文本并联名" in co.inner_text("body")

    # The refusal was shown in place, at the button's address: back to the suggestion's page.
    deputy.goto(f"{live_server.url}{Suggestion.objects.get().get_absolute_url()}")
    with deputy.expect_navigation():
        deputy.click("text=提交建议")
    assert "已提交，等待复核" in deputy.inner_text("body")

    staff = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(staff, live_server.url, "staff1", PASSWORD)
    staff.goto(f"{live_server.url}/suggestions/review/")
    with staff.expect_navigation():
        staff.click("text=关于加快老旧小区加装电梯的建议")
    staff.select_option("#id_unit_0", label="省教育厅")
    staff.select_option("#id_role_0", value="sole")
    with staff.expect_navigation():
        staff.click("text=受理并交办")
    assert "已交办" in staff.inner_text("body")

    s = Suggestion.objects.get()
    assert s.status == Status.ASSIGNED
    assert s.assignments.get().unit == people["education"]
    deputy.reload()
    assert "省教育厅" in deputy.inner_text("body")


def test_a_unit_objects_and_staff_reassign(browser, live_server, people):
    from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
    from suggestions.services.filing import suggestion_create, suggestion_submit
    from tests.browser.conftest import DESKTOP

    area = SubjectArea.objects.get(name="卫生健康")
    s = suggestion_create(
        actor=people["lead"].user,
        lead_deputy=people["lead"],
        title="关于县域医共体建设的建议",
        body="内容",
        subject_area=area,
        session=None,
    )
    suggestion_submit(suggestion=s, actor=people["lead"].user)
    [assignment] = suggestion_accept_and_assign(
        suggestion=s, units=[HandlingUnit(people["education"], "sole")], actor=people["staff"]
    )

    unit = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(unit, live_server.url, "unit1", PASSWORD)
    unit.goto(f"{live_server.url}/suggestions/inbox/")
    assert "剩" in unit.inner_text("body")  # the objection clock, in days left
    with unit.expect_navigation():
        unit.click("text=关于县域医共体建设的建议")
    with unit.expect_navigation():
        unit.click("text=不属于本单位职责")
    unit.fill("#id_reason", "医共体建设属于卫生健康部门职责。")
    with unit.expect_navigation():
        unit.click("form.form button[type=submit]")
    assert "已送交办机构" in unit.inner_text("body")

    staff = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(staff, live_server.url, "staff1", PASSWORD)
    staff.goto(f"{live_server.url}/suggestions/objections/")
    assert "医共体建设属于卫生健康部门职责。" in staff.inner_text("body")
    with staff.expect_navigation():
        staff.click(".item .button--primary")
    staff.select_option("#id_unit", label="省卫生健康委员会")
    staff.fill("#id_reason", "同意，改由省卫健委办理。")
    with staff.expect_navigation():
        staff.click("form.form button[type=submit]")

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REASSIGNED
    assert Assignment.objects.get(suggestion=s, status=AssignmentStatus.PENDING).unit == people["health"]
