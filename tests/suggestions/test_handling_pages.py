"""Pages of handling after assignment (issue 5): who sees what, and the reply letter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suggestions.models import ReplyTemplate
from suggestions.services.handling import assignment_draft_reply, assignment_request_extension, reply_approve
from tests.suggestions.test_handling import pdf, talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(assigned, units):
    a = assigned()
    talk(a, units["unit1"])
    return assignment_draft_reply(
        assignment=a,
        actor=units["unit1"],
        category="A",
        body="已采纳并落实。",
        contact="王科长 0351-1234567",
        scan=pdf(),
    )


def test_a_draft_is_the_units_own_until_signed_off(client, draft, lead, units):
    url = reverse("suggestions:reply", args=[draft.pk])
    client.force_login(lead.user)
    assert client.get(url).status_code == 404
    client.force_login(units["unit2"])
    assert client.get(url).status_code == 404
    client.force_login(units["unit1head"])
    assert "签发并送达代表" in client.get(url).content.decode()


def test_the_deputy_rates_the_reply_in_one_tap(client, draft, lead, units):
    reply_approve(reply=draft, actor=units["unit1head"])
    client.force_login(lead.user)
    html = client.get(reverse("suggestions:reply", args=[draft.pk])).content.decode()
    assert "您对这份答复满意吗" in html
    response = client.post(
        reverse("suggestions:evaluate", args=[draft.assignment.suggestion_id]),
        {"rating": "satisfied"},
        follow=True,
    )
    assert "您的评价已记录" in response.content.decode()


def test_the_reply_letter_is_in_the_prescribed_layout(client, draft, lead, units):
    reply_approve(reply=draft, actor=units["unit1head"])
    client.force_login(lead.user)
    html = client.get(reverse("suggestions:reply-letter", args=[draft.pk])).content.decode()
    assert "关于闭会期间第0001号建议的答复" in html
    assert "李明代表：" in html
    assert "（盖章）" in html
    assert "抄送：省人大常委会人事代表工作委员会，省人民政府办公厅" in html  # a government unit (S§31)
    assert "王科长 0351-1234567" in html


def test_staff_see_extension_requests_in_the_decisions_waiting(client, assigned, units, staff):
    a = assigned()
    assignment_request_extension(assignment=a, actor=units["unit1"], reason="涉及跨部门协调")
    client.force_login(staff)
    html = client.get(reverse("suggestions:objections")).content.decode()
    assert "涉及跨部门协调" in html
    client.post(reverse("suggestions:decide-extension", args=[a.pk]), {"approve": "yes", "reason": "同意"})
    a.refresh_from_db()
    assert a.extended


def test_a_unit_keeps_templates_and_starts_a_reply_from_one(client, assigned, units):
    a = assigned()
    client.force_login(units["unit1"])
    client.post(
        reverse("suggestions:templates"),
        {"category": "C", "name": "政策限制", "body": "因国家政策限制，暂难解决。"},
    )
    template = ReplyTemplate.objects.get()
    html = client.get(
        reverse("suggestions:draft-reply", args=[a.pk]), {"template": template.pk}
    ).content.decode()
    assert "因国家政策限制，暂难解决。" in html


def test_the_unit_records_a_communication_from_the_page(client, assigned, units):
    a = assigned()
    client.force_login(units["unit1"])
    response = client.post(
        reverse("suggestions:communicate", args=[a.pk]),
        {
            "date": a.assigned_on.isoformat(),
            "way": "visit",
            "participants": "李明代表",
            "summary": "上门走访",
        },
    )
    assert response.status_code == 302
    assert a.communications.get().way == "visit"


def test_the_unit_inbox_with_many_open_assignments_keeps_its_query_count(
    client, assigned, units, django_assert_max_num_queries
):
    for i in range(40):
        assigned(title=f"建议{i}")
    client.force_login(units["unit1"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("suggestions:inbox"), {"page_size": 100}).status_code == 200
