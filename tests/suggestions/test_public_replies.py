"""Published replies (S§33): a public page and a public API with one rule — signed off and
not withheld — and never a deputy's contact data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from suggestions.models import Reply
from suggestions.services.handling import (
    assignment_communicate,
    assignment_draft_reply,
    reply_publish,
    reply_withhold,
)
from tests.conftest import BEIJING
from tests.suggestions.follow_up import (
    at,
    make_assignment,
    make_reply,
    make_suggestion,
    reply_through_services,
    sheet,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(assigned, units, lead):
    """A suggestion assigned on 2 March 2026 and answered (category B) on 20 May 2026."""
    lead.phone = "13912345678"
    lead.email = "liming@example.cn"
    lead.save()
    with at(2026, 3, 2):
        assignment = assigned(title="关于加快老旧小区加装电梯的建议")
    return reply_through_services(
        assignment, clerk=units["unit1"], head=units["unit1head"], category="B",
        body="我厅已将老旧小区加装电梯纳入年度计划。", plan="分三批实施", path="财政补贴加居民自筹",
        completion_date=dt.date(2027, 6, 30), contact="李晓梅 0351-1234567",
        when=dt.datetime(2026, 5, 20, 15, tzinfo=BEIJING),
    )  # fmt: skip


def test_anyone_reads_a_published_reply_with_its_suggestion_unit_category_and_date(client, replied):
    html = client.get(reverse("public:replies")).content.decode()
    assert "关于加快老旧小区加装电梯的建议" in html and "省教育厅" in html
    page = client.get(reverse("public:reply", args=[replied.pk])).content.decode()
    s = replied.assignment.suggestion
    assert s.title in page and s.number_label in page
    assert "我厅已将老旧小区加装电梯纳入年度计划。" in page
    assert "B类：列入计划，明确时限" in page
    assert "2026年5月20日" in page
    assert "分三批实施" in page and "2027年6月30日" in page


def test_the_public_never_sees_the_deputies_contact_data_nor_the_units_clerk(client, api, replied):
    pages = [
        client.get(reverse("public:replies")).content.decode(),
        client.get(reverse("public:reply", args=[replied.pk])).content.decode(),
        api(None).get("/api/v1/public/replies/").content.decode(),
        api(None).get(f"/api/v1/public/replies/{replied.pk}/").content.decode(),
    ]
    for text in pages:
        assert "13912345678" not in text and "liming@example.cn" not in text
        assert "0351-1234567" not in text


@pytest.fixture
def withheld(replied, staff):
    return reply_withhold(reply=replied, actor=staff, ground="privacy")


def test_a_withheld_reply_is_on_neither_the_public_page_nor_the_api(client, api, withheld, make_deputy):
    other = make_deputy("王芳")  # a deputy, but not on this suggestion
    for user in [None, other.user]:
        if user:
            client.force_login(user)
        assert "老旧小区" not in client.get(reverse("public:replies")).content.decode()
        assert client.get(reverse("public:reply", args=[withheld.pk])).status_code == 404
        assert api(user).get("/api/v1/public/replies/").json()["count"] == 0
        assert api(user).get(f"/api/v1/public/replies/{withheld.pk}/").status_code == 404
    export = client.get(reverse("public:replies"), {"export": "xlsx"})
    assert "老旧小区" not in _cells(export)


def test_the_deputies_on_the_suggestion_still_read_a_withheld_reply_on_its_own_page(client, withheld, lead):
    client.force_login(lead.user)
    reply_url = reverse("suggestions:reply", args=[withheld.pk])
    assert (
        reply_url
        in client.get(
            reverse("suggestions:detail", args=[withheld.assignment.suggestion_id])
        ).content.decode()
    )
    assert "我厅已将老旧小区加装电梯纳入年度计划。" in client.get(reply_url).content.decode()
    # ...but not on the public page, even signed in.
    assert client.get(reverse("public:reply", args=[withheld.pk])).status_code == 404


def test_publishing_again_brings_it_back(client, withheld, staff):
    reply_publish(reply=withheld, actor=staff)
    assert client.get(reverse("public:reply", args=[withheld.pk])).status_code == 200


def test_a_draft_is_never_public(client, api, assigned, units):
    with at(2026, 3, 2):
        assignment = assigned()
    assignment_communicate(
        assignment=assignment, actor=units["unit1"], date=assignment.assigned_on, way="call",
        participants="代表", summary="沟通", understanding=True,
    )  # fmt: skip
    draft = assignment_draft_reply(
        assignment=assignment, actor=units["unit1"], category="A", body="草稿内容不公开"
    )
    assert draft.status == Reply.Status.DRAFT and draft.public  # public by default, but unsigned
    assert "草稿内容不公开" not in client.get(reverse("public:replies")).content.decode()
    assert client.get(reverse("public:reply", args=[draft.pk])).status_code == 404
    assert api(None).get(f"/api/v1/public/replies/{draft.pk}/").status_code == 404


def _cells(response) -> str:
    return " ".join(str(c) for row in sheet(response) for c in row if c is not None)


# --- Search, filters, paging --------------------------------------------------------------------


@pytest.fixture
def shelf(lead, area, staff, units, make_unit):
    """Five published replies by two units over two years, one withheld, one draft."""
    health = make_unit("省卫生健康委员会")
    rows = [
        ("关于加强农村教师队伍建设的建议", units["education"], "A", "增加编制。", dt.datetime(2025, 6, 1, 9, tzinfo=BEIJING)),
        ("关于改善乡村学校食堂的建议", units["education"], "B", "纳入计划，改造食堂。", dt.datetime(2026, 3, 1, 9, tzinfo=BEIJING)),
        ("关于县域医共体建设的建议", health, "C", "条件暂不成熟，作出说明。", dt.datetime(2026, 4, 1, 9, tzinfo=BEIJING)),
        ("关于基层卫生院人才的建议", health, "A", "已经解决乡村学校校医问题。", dt.datetime(2026, 5, 1, 9, tzinfo=BEIJING)),
        # 00:30 on New Year's Day in Beijing is still 2025 in UTC: it is a 2026 reply.
        ("关于校车安全的建议", units["education"], "A", "校车全部更新。", dt.datetime(2026, 1, 1, 0, 30, tzinfo=BEIJING)),
    ]  # fmt: skip
    made = {}
    for title, unit, category, body, when in rows:
        s = make_suggestion(lead=lead, area=area, staff=staff, title=title)
        a = make_assignment(
            s, unit, staff=staff, assigned_on=dt.date(2025, 3, 1), reply_due=dt.date(2025, 6, 3)
        )
        extra: dict[str, Any] = (
            {"plan": "计划", "path": "路径", "completion_date": dt.date(2027, 1, 1)}
            if category == "B"
            else {}
        )
        made[title] = make_reply(
            a,
            approved_at=when,
            head=units["unit1head"],
            clerk=units["unit1"],
            category=category,
            body=body,
            **extra,
        )
    hidden = make_suggestion(lead=lead, area=area, staff=staff, title="关于学校安保的建议")
    a = make_assignment(
        hidden,
        units["education"],
        staff=staff,
        assigned_on=dt.date(2026, 1, 5),
        reply_due=dt.date(2026, 4, 7),
    )
    make_reply(
        a,
        approved_at=dt.datetime(2026, 4, 1, tzinfo=BEIJING),
        head=units["unit1head"],
        clerk=units["unit1"],
        public=False,
    )
    draft = make_suggestion(lead=lead, area=area, staff=staff, title="关于学校草稿的建议")
    a = make_assignment(
        draft, units["education"], staff=staff, assigned_on=dt.date(2026, 1, 5), reply_due=dt.date(2026, 4, 7)
    )
    make_reply(a, approved_at=None, head=units["unit1head"], clerk=units["unit1"])
    made["health"] = health
    return made


def _titles(client, **query) -> set[str]:
    response = client.get(reverse("public:replies"), query)
    return {r.assignment.suggestion.title for r in response.context["rows"]}


def test_search_matches_every_word_in_the_title_the_reply_or_the_unit(client, shelf):
    assert _titles(client, q="乡村学校") == {"关于改善乡村学校食堂的建议", "关于基层卫生院人才的建议"}
    assert _titles(client, q="乡村学校 食堂") == {"关于改善乡村学校食堂的建议"}
    assert _titles(client, q="卫生健康") == {"关于县域医共体建设的建议", "关于基层卫生院人才的建议"}
    assert _titles(client, q="省教育厅 校车") == {"关于校车安全的建议"}
    number = shelf["关于校车安全的建议"].assignment.suggestion.number
    assert "关于校车安全的建议" in _titles(client, q=str(number))


def test_filters_by_year_in_beijing_time_unit_and_category(client, shelf):
    assert _titles(client, year=2025) == {"关于加强农村教师队伍建设的建议"}
    assert "关于校车安全的建议" in _titles(client, year=2026)
    assert _titles(client, unit=shelf["health"].pk) == {
        "关于县域医共体建设的建议",
        "关于基层卫生院人才的建议",
    }
    assert _titles(client, category="C") == {"关于县域医共体建设的建议"}
    html = client.get(reverse("public:replies"), {"category": "C"}).content.decode()
    assert "共 1 件" in html


def test_the_list_is_newest_first_paged_and_its_queries_do_not_grow(
    client, shelf, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("public:replies"), {"page_size": 2})
    rows = response.context["rows"]
    assert [r.assignment.suggestion.title for r in rows] == [
        "关于基层卫生院人才的建议",
        "关于县域医共体建设的建议",
    ]
    assert response.context["page"].paginator.count == 5
    with django_assert_max_num_queries(6):
        client.get(reverse("public:replies"), {"page_size": 100})


def test_the_export_has_the_filtered_published_replies(client, shelf):
    cells = _cells(client.get(reverse("public:replies"), {"unit": shelf["health"].pk, "export": "xlsx"}))
    assert "关于县域医共体建设的建议" in cells and "关于基层卫生院人才的建议" in cells
    assert "关于校车安全的建议" not in cells and "关于学校安保的建议" not in cells


# --- The API ------------------------------------------------------------------------------------


def test_the_public_api_lists_and_filters_published_replies_without_a_sign_in(api, shelf):
    body = api(None).get("/api/v1/public/replies/").json()
    assert body["count"] == 5
    first = body["results"][0]
    assert first["suggestion_title"] == "关于基层卫生院人才的建议"
    assert first["unit_name"] == "省卫生健康委员会" and first["category"] == "A"
    assert first["replied_on"] == "2026-05-01"
    assert set(first) >= {"id", "suggestion_number", "body", "round", "unit", "category_label"}
    assert api(None).get("/api/v1/public/replies/", {"year": 2025}).json()["count"] == 1
    assert api(None).get("/api/v1/public/replies/", {"q": "食堂"}).json()["count"] == 1
    assert api(None).get("/api/v1/public/replies/", {"unit": shelf["health"].pk}).json()["count"] == 2
    detail = api(None).get(f"/api/v1/public/replies/{shelf['关于改善乡村学校食堂的建议'].pk}/").json()
    assert detail["plan"] == "计划" and detail["completion_date"] == "2027-01-01"


def test_the_api_refuses_to_write(api, shelf, staff):
    reply = shelf["关于县域医共体建设的建议"]
    assert api(staff).post("/api/v1/public/replies/", {}).status_code in {401, 403, 405}
    assert api(None).delete(f"/api/v1/public/replies/{reply.pk}/").status_code in {401, 403, 405}
