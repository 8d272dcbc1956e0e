"""S§47: "有下列情形之一的，省人民代表大会常务委员会应当责令承办单位限期整改并报告办理结果". The order
names its ground, what was found, the suggestions concerned and a date; the unit reports the
result, once; a serious case is referred (情节严重的，建议有关机关、组织依法追究…责任)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from congress.notifications.models import Notification
from suggestions.models import Rectification
from suggestions.services.accountability import rectification_order, rectification_report
from suggestions.workflow import RectificationStatus
from tests.helpers import refused
from tests.suggestions.follow_up import at, make_assignment, make_suggestion

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def late(lead, area, staff, units):
    s = make_suggestion(lead=lead, area=area, staff=staff, title="关于乡村学校的建议")
    return make_assignment(
        s, units["education"], staff=staff, assigned_on=D(2026, 2, 1), reply_due=D(2026, 5, 6)
    )


def order(late, staff, **changes):
    values = {
        "unit": late.unit, "actor": staff, "ground": Rectification.Ground.PERFUNCTORY, "finding": "逾期不办，造成不良影响",
        "due": D(2026, 8, 31), "assignments": [late], **changes,
    }  # fmt: skip
    with at(2026, 7, 1):
        return rectification_order(**values)


def test_the_sc_orders_the_unit_to_put_it_right_by_a_date_and_the_unit_reports_the_result(
    late, staff, units, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = order(late, staff, referral="建议省监委追究相关人员责任")
    assert (row.status, row.due, list(row.assignments.all())) == (
        RectificationStatus.ORDERED,
        D(2026, 8, 31),
        [late],
    )
    assert Notification.objects.filter(recipient=units["unit1"], kind="rectification_ordered").exists()
    assert late.suggestion.events.filter(action="rectification_ordered", assignment=late).exists()
    with django_capture_on_commit_callbacks(execute=True):
        rectification_report(rectification=row, actor=units["unit1"], report="已完成答复并建立台账")
    row.refresh_from_db()
    assert (row.status, row.report, row.reported_by) == ("reported", "已完成答复并建立台账", units["unit1"])
    assert Notification.objects.filter(recipient=staff, kind="rectification_reported").exists()
    with refused("invalid_transition"):
        rectification_report(rectification=row, actor=units["unit1"], report="再报一次")


def test_an_order_sets_a_date_still_ahead(late, staff):
    with refused("due_required"):
        order(late, staff, due=D(2026, 6, 30))


def test_the_order_names_suggestions_of_the_unit_it_concerns(late, staff, units):
    with refused("invalid_assignments"):
        order(late, staff, unit=units["transport"])


def test_the_committee_records_the_order_and_the_unit_reports(late, staff, units):
    with refused("permission_denied"):
        order(late, units["unit1"])
    row = order(late, staff)
    with refused("permission_denied"):
        rectification_report(rectification=row, actor=units["unit2"], report="不是我们")


def test_the_pages_order_and_report(client, late, staff, units):
    client.force_login(staff)
    with at(2026, 7, 1):
        form = client.get(reverse("suggestions:rectification-new", args=[late.unit_id]))
        assert late.suggestion.title in form.content.decode()
        response = client.post(
            reverse("suggestions:rectification-new", args=[late.unit_id]),
            {"ground": 3, "finding": "无正当理由逾期", "assignments": [late.pk], "due": "2026-09-30"},
        )
    row = Rectification.objects.get()
    assert response.url == reverse("suggestions:rectification", args=[row.pk])
    client.force_login(units["unit2"])
    assert client.get(reverse("suggestions:rectification", args=[row.pk])).status_code == 404
    client.force_login(units["unit1"])
    page = client.get(reverse("suggestions:rectification", args=[row.pk])).content.decode()
    assert "无正当理由逾期" in page
    client.post(reverse("suggestions:rectification", args=[row.pk]), {"report": "已整改"})
    row.refresh_from_db()
    assert row.status == "reported"
    assert [o.pk for o in client.get(reverse("suggestions:rectifications")).context["orders"]] == [row.pk]
