"""The suggestion pages for deputies, staff and units: what each sees and can do."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from suggestions.excel_import import TEMPLATE_HEADERS
from suggestions.models import RoutingRule, Suggestion
from suggestions.services import assignment as routing
from suggestions.services.assignment import assignment_object
from suggestions.workflow import AssignmentStatus, Status
from suggestions.workflow import Role as UnitRole

pytestmark = pytest.mark.django_db


def test_a_deputy_files_a_suggestion_and_sees_what_makes_it_acceptable(client, lead, area):
    client.force_login(lead.user)
    html = client.get(reverse("suggestions:new")).content.decode()
    assert "一事一议" in html and "建议办法第十条" in html
    response = client.post(
        reverse("suggestions:new"),
        {"title": "关于加装电梯的建议", "body": "问题、事实、措施。", "subject_area": area.pk},
    )
    s = Suggestion.objects.get()
    assert response.url == reverse("suggestions:detail", args=[s.pk])
    client.post(reverse("suggestions:submit", args=[s.pk]))
    s.refresh_from_db()
    assert s.status == Status.SUBMITTED


def test_a_form_with_an_unknown_co_signer_keeps_what_was_typed(client, lead, area):
    client.force_login(lead.user)
    html = client.post(
        reverse("suggestions:new"),
        {
            "title": "关于加装电梯的建议",
            "body": "很长的内容",
            "subject_area": area.pk,
            "co_signers": "不存在的人",
        },
    ).content.decode()
    assert "没有名为“不存在的人”的代表" in html
    assert "关于加装电梯的建议" in html and "很长的内容" in html
    assert not Suggestion.objects.exists()


def test_a_refused_filing_says_why_on_the_page(client, lead, joint_draft):
    s, _co = joint_draft
    client.force_login(lead.user)
    response = client.post(reverse("suggestions:submit", args=[s.pk]), follow=True)
    assert "以下联名代表尚未确认最终文本" in response.content.decode()


def test_a_co_signer_confirms_from_the_page(client, joint_draft):
    s, co = joint_draft
    client.force_login(co.user)
    assert "等待您确认" in client.get(reverse("suggestions:mine")).content.decode()
    assert "邀请您联名" in client.get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    client.post(reverse("suggestions:confirm", args=[s.pk]))
    assert s.cosigners.get().status == "confirmed"


def test_the_review_queue_lists_what_awaits_review_with_its_filter_sentence(client, staff, file_suggestion):
    s = file_suggestion()
    client.force_login(staff)
    html = client.get(reverse("suggestions:review")).content.decode()
    assert s.title in html
    assert "状态：待复核" in html and "共 1 件" in html


def test_the_review_page_shows_similar_suggestions_to_merge(client, staff, file_suggestion):
    a = file_suggestion(
        title="关于加快太原市老旧小区加装电梯的建议", body="老旧小区加装电梯资金不足，建议加大补贴。"
    )
    b = file_suggestion(
        title="关于推进老旧小区加装电梯工作的建议", body="老旧小区加装电梯推进缓慢，建议加大补贴力度。"
    )
    file_suggestion(title="关于汾河流域生态修复的建议", body="汾河流域水质需要改善。")
    client.force_login(staff)
    html = client.get(reverse("suggestions:detail", args=[b.pk])).content.decode()
    assert "本次会议的相似建议" in html
    assert a.title in html
    assert "汾河" not in html.split("本次会议的相似建议")[1].split("</section>")[0]
    client.post(reverse("suggestions:merge", args=[b.pk]), {"merge": [a.pk]})
    a.refresh_from_db()
    assert a.status == Status.MERGED and a.merged_into == b


def test_bulk_assignment_uses_the_routing_table(client, staff, file_suggestion, units, area):
    RoutingRule.objects.create(subject_area=area, unit=units["education"], role=UnitRole.SOLE)
    rows = [file_suggestion(title=f"建议{i}") for i in range(3)]
    client.force_login(staff)
    client.post(
        reverse("suggestions:review-bulk"), {"ids": [s.pk for s in rows], "action": "assign_proposed"}
    )
    for s in rows:
        s.refresh_from_db()
        assert s.status == Status.ASSIGNED
        assert s.assignments.get().unit == units["education"]


def test_bulk_assignment_to_chosen_units(client, staff, file_suggestion, units):
    rows = [file_suggestion(title=f"建议{i}") for i in range(2)]
    client.force_login(staff)
    html = client.post(
        reverse("suggestions:review-bulk"), {"ids": [s.pk for s in rows], "action": "choose_units"}
    ).content.decode()
    assert "建议0" in html and "建议1" in html and 'name="unit_0"' in html
    client.post(
        reverse("suggestions:review-bulk"),
        {"ids": [s.pk for s in rows], "action": "assign_chosen", "unit_0": units["education"].pk, "role_0": "lead",
         "unit_1": units["transport"].pk, "role_1": "co"},
    )  # fmt: skip
    for s in rows:
        assert sorted(s.assignments.values_list("role", flat=True)) == ["co", "lead"]


def test_the_assign_form_is_prefilled_from_the_routing_table(client, staff, file_suggestion, units, area):
    RoutingRule.objects.create(subject_area=area, unit=units["education"], role=UnitRole.LEAD)
    RoutingRule.objects.create(subject_area=area, unit=units["transport"], role=UnitRole.CO)
    s = file_suggestion()
    client.force_login(staff)
    html = client.get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert f'<option value="{units["education"].pk}" selected>' in html
    assert "按交办对照表预填" in html


def test_a_unit_sees_its_inbox_with_clocks_and_objects(client, units, assigned):
    a = assigned()
    client.force_login(units["unit1"])
    html = client.get(reverse("suggestions:inbox")).content.decode()
    assert a.suggestion.title in html
    assert "期限说明" in html
    client.post(reverse("suggestions:object", args=[a.pk]), {"reason": "属于卫生部门职责。"})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.OBJECTED


def test_staff_see_the_objection_queue_with_the_ten_day_clock_and_reassign(
    client, staff, units, assigned, other_unit
):
    a = assigned()
    assignment_object(assignment=a, actor=units["unit1"], reason="属于卫生部门职责。")
    client.force_login(staff)
    html = client.get(reverse("suggestions:objections")).content.decode()
    assert "属于卫生部门职责。" in html and "重新交办" in html
    client.post(reverse("suggestions:reassign", args=[a.pk]), {"unit": other_unit.pk, "reason": "同意"})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REASSIGNED


def test_the_history_is_on_the_suggestions_page(client, staff, assigned):
    a = assigned()
    client.force_login(staff)
    html = client.get(reverse("suggestions:detail", args=[a.suggestion_id])).content.decode()
    assert "办理记录" in html
    assert "交办承办单位" in html and "王丽华" in html


def test_lists_export_to_excel_as_filtered(client, staff, file_suggestion):
    file_suggestion(title="关于汾河的建议")
    file_suggestion(title="关于教育的建议")
    client.force_login(staff)
    response = client.get(reverse("suggestions:review"), {"q": "汾河", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert len(rows) == 2
    assert rows[1][1] == "关于汾河的建议"


def _workbook(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(TEMPLATE_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("batch.xlsx", buffer.getvalue())


def test_an_import_with_a_bad_row_names_the_row_and_saves_nothing(client, staff, lead, session, area):
    client.force_login(staff)
    upload = _workbook([
        ["李明", "", "关于一的建议", "内容", "教育", "否", "否"],
        ["查无此人", "", "关于二的建议", "内容", "教育", "否", "否"],
        ["李明", "", "", "内容", "不存在的领域", "也许", "否"],
    ])  # fmt: skip
    html = client.post(reverse("suggestions:import"), {"file": upload}).content.decode()
    assert "第 3 行" in html and "第 4 行" in html and "第 2 行" not in html
    assert not Suggestion.objects.exists()


def test_a_good_import_files_every_row(client, staff, lead, make_deputy, session, area):
    make_deputy("王芳")
    client.force_login(staff)
    upload = _workbook(
        [
            ["李明", "王芳", "关于一的建议", "内容", "教育", "是", "否"],
            ["李明", "", "关于二的建议", "内容", "教育", "否", "是"],
        ]
    )
    response = client.post(reverse("suggestions:import"), {"file": upload})
    assert response.status_code == 302
    rows = list(Suggestion.objects.order_by("id"))
    assert [s.status for s in rows] == [Status.SUBMITTED, Status.SUBMITTED]
    assert rows[0].session == session and rows[1].session is None
    assert rows[0].entered_on_paper and rows[0].cosigners.get().status == "confirmed"


def test_the_routing_table_page_adds_and_removes_rules(client, staff, units, area):
    client.force_login(staff)
    client.post(
        reverse("suggestions:routing"),
        {"subject_area": area.pk, "region": "", "unit": units["education"].pk, "role": "sole"},
    )
    rule = RoutingRule.objects.get()
    client.post(reverse("suggestions:routing"), {"delete": rule.pk})
    assert not RoutingRule.objects.exists()


def test_the_unit_inbox_queries_do_not_grow_with_its_size(
    client, units, assigned, django_assert_max_num_queries
):
    for i in range(30):
        assigned(title=f"建议{i}")
    client.force_login(units["unit1"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("suggestions:inbox"))
    assert response.status_code == 200


def test_the_assign_page_refuses_an_assigned_suggestion_in_place(client, staff, assigned, units):
    a = assigned()
    client.force_login(staff)
    response = client.post(
        reverse("suggestions:assign", args=[a.suggestion_id]),
        {"unit_0": units["transport"].pk, "role_0": "sole"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert f'<option value="{units["transport"].pk}" selected>' in html  # the form as typed
    assert list(a.suggestion.assignments.values_list("unit", flat=True)) == [units["education"].pk]


def test_an_assigned_suggestion_offers_re_routing_and_its_page_re_routes(
    client, staff, assigned, units, lead
):
    a = assigned()
    routing.suggestion_disagree(suggestion=a.suggestion, actor=lead.user, reason="应由交通厅办理")
    client.force_login(staff)
    html = client.get(reverse("suggestions:detail", args=[a.suggestion_id])).content.decode()
    assert reverse("suggestions:reroute", args=[a.suggestion_id]) in html
    assert f'action="{reverse("suggestions:assign", args=[a.suggestion_id])}"' not in html
    response = client.post(
        reverse("suggestions:reroute", args=[a.suggestion_id]),
        {"unit_0": units["transport"].pk, "role_0": "sole", "reason": "采纳代表意见"},
    )
    assert response.status_code == 302
    assert a.suggestion.assignments.get(status=AssignmentStatus.PENDING).unit == units["transport"]
    assert a.suggestion.disagreements.get().resolution == "采纳代表意见"
