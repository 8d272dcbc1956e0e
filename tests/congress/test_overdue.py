"""The overdue board and its list: true numbers per unit and rule, a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from congress.deadlines.overdue import ASSIGNING_BODY, OUTSIDE, overdue_board
from congress.models import Organisation
from congress.roles import Role
from liaison_stations.models import Forwarding, Opinion
from motions.models import Motion
from suggestions.models import Assignment, SubjectArea, Suggestion
from suggestions.workflow import AssignmentStatus as A
from suggestions.workflow import Role as UnitRole
from tests.conftest import BEIJING, PASSWORD

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
D = dt.date
numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 15, 10, tzinfo=BEIJING))


@pytest.fixture
def staff(make_user):
    return make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华")


@pytest.fixture
def province(session, make_unit, make_deputy, staff):
    """Nine items late on 2026-06-15 and as many that are not, across every rule on the board."""
    education = make_unit("省教育厅")
    transport = make_unit("省交通运输厅")
    finance = make_unit("省人大财政经济委员会", Organisation.Kind.SPECIAL_COMMITTEE)
    lead = make_deputy("李明")
    area = SubjectArea.objects.get(name="教育")

    def suggestion(title: str) -> Suggestion:
        return Suggestion.objects.create(
            congress=session.congress, number_scope="r2026", number=next(numbers), status="assigned",
            title=title, body="b", subject_area=area, lead_deputy=lead, entered_by=staff,
        )  # fmt: skip

    def assign(title: str, unit: Organisation, *, role: str = UnitRole.SOLE, status: str = A.HANDLING,
               **clocks: dt.date) -> Assignment:  # fmt: skip
        return Assignment.objects.create(
            suggestion=suggestion(title), unit=unit, role=role, status=status, assigned_by=staff,
            assigned_at=dt.datetime(2026, 3, 1, 9, tzinfo=BEIJING), assigned_on=D(2026, 3, 1),
            objection_due=D(2026, 3, 6), **clocks,
        )  # fmt: skip

    # 省教育厅: two replies late (the oldest by 14 days), one co-unit opinion late, one re-handling
    # late (S§30: a month from the committee's decision; its old reply date no longer counts).
    assign("关于农村教师的建议", education, reply_due=D(2026, 6, 1))
    assign("关于校园安全的建议", education, reply_due=D(2026, 6, 14))
    assign("关于课后服务的建议", education, reply_due=TODAY)  # due today: not late yet
    assign("关于教材的建议", education, status=A.REPLIED, reply_due=D(2026, 5, 1))  # answered
    assign("关于职业教育的建议", education, role=UnitRole.CO, co_opinion_due=D(2026, 6, 10))
    assign(
        "关于学前教育的建议", education, status=A.REHANDLING, reply_due=D(2026, 4, 1),
        rehandling_on=D(2026, 5, 8), rehandling_due=D(2026, 6, 8),
    )  # fmt: skip
    assign(
        "关于特殊教育的建议", education, status=A.REHANDLING, reply_due=D(2026, 4, 1),
        rehandling_on=D(2026, 6, 1), rehandling_due=D(2026, 7, 1),
    )  # fmt: skip
    # 省交通运输厅 objected: its reply clock runs on, and the assigning body is late deciding.
    assign(
        "关于公交线路的建议", transport, status=A.OBJECTED, reply_due=D(2026, 6, 1),
        objected_on=D(2026, 5, 20), reassignment_due=D(2026, 6, 2),
    )  # fmt: skip
    assign("关于高速收费的建议", transport, reply_due=D(2026, 9, 1))  # months left

    # A referred motion whose report is late; a reported one is done.
    for number, status in [(1, "referred"), (2, "reported")]:
        Motion.objects.create(
            session=session, number=number, kind="joint", status=status, title=f"关于议案{number}",
            category="major_matter", lead_deputy=lead, created_by=staff,
            submitted_at=dt.datetime(2026, 1, 26, 9, tzinfo=BEIJING), review_body=finance,
            report_due=D(2026, 5, 29),
        )  # fmt: skip

    # Station forwardings: to a unit on the portal, to a body outside it, answered, not yet due.
    def forward(body: str, unit: Organisation | None, due: dt.date, outcome: str = "") -> None:
        n = next(numbers)
        opinion = Opinion.objects.create(
            tracking_code=f"T{n:08d}", deputy=lead, visitor_name="张三", visitor_contact="13800000000",
            matter="家门口路灯坏了", summary=f"路灯维修{n}", category="", received_on=D(2026, 4, 1),
            status="forwarded",
        )  # fmt: skip
        Forwarding.objects.create(
            opinion=opinion, body_name=body, unit=unit, forwarded_on=D(2026, 4, 1), reply_due=due,
            outcome=outcome, closed_on=D(2026, 4, 20) if outcome else None, forwarded_by=staff,
        )  # fmt: skip

    forward("省教育厅", education, D(2026, 5, 1))
    forward("小店区住建局", None, D(2026, 6, 1))
    forward("小店区城管局", None, D(2026, 5, 1), outcome="answered")
    forward("小店区民政局", None, D(2026, 7, 1))
    return {"education": education, "transport": transport, "finance": finance}


def test_the_board_counts_what_is_late_per_unit_and_rule(province):
    board = overdue_board(TODAY)
    counts = {row.name: {rule: cell.count for rule, cell in row.cells.items()} for row in board.rows}
    assert counts == {
        "省教育厅": {"reply": 2, "co_opinion": 1, "rehandling": 1, "station_forward": 1},
        "省交通运输厅": {"reply": 1},
        "交办机构（异议处理）": {"reassignment": 1},
        "省人大财政经济委员会": {"motion_report": 1},
        "平台外单位": {"station_forward": 1},
    }
    assert [row.total for row in board.rows] == [5, 1, 1, 1, 1]  # the most late first
    assert board.totals == {
        "reassignment": 1,
        "co_opinion": 1,
        "reply": 3,
        "rehandling": 1,
        "motion_report": 1,
        "station_forward": 2,
        "inspection_feedback": 0,  # D§27, registered by the deputies app
    }
    assert board.total == 9
    education = board.rows[0]
    assert education.cells["reply"].oldest == D(2026, 6, 1)
    assert education.cells["reply"].oldest_days == 14


def test_the_board_reads_with_one_grouped_query_per_rule_however_many_units(
    province, make_unit, client, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(11) as few:  # 3 for the user, 6 rules, names, the inbox count
        client.get(reverse("overdue"))
    baseline = len(few.captured_queries)
    for n in range(10):  # ten more units with late replies
        unit = make_unit(f"测试单位{n}")
        a = Assignment.objects.filter(reply_due=D(2026, 6, 1)).first()
        assert a is not None
        Assignment.objects.create(
            suggestion=a.suggestion, unit=unit, role="split", status="handling", assigned_by=staff,
            assigned_at=a.assigned_at, assigned_on=a.assigned_on, objection_due=a.objection_due,
            reply_due=D(2026, 6, 1),
        )  # fmt: skip
    with django_assert_max_num_queries(baseline):
        html = client.get(reverse("overdue")).content.decode()
    assert "测试单位9" in html


def test_the_board_is_in_chinese_and_links_each_count_to_its_items(province, client, staff):
    client.force_login(staff)
    html = client.get(reverse("overdue")).content.decode()
    assert "逾期督办" in html
    assert "逾期事项共 9 件，涉及 5 个单位" in html
    assert "答复代表（建议办法第二十八条）" in html
    assert "最久逾期 14 天" in html
    education = province["education"].pk
    assert f"/overdue/items/?rule=reply&amp;owner={education}" in html
    assert f"/overdue/items/?rule=reassignment&amp;owner={ASSIGNING_BODY}" in html
    assert reverse("reminder-schedules") in html  # committee staff keep the schedules


def test_a_count_opens_exactly_those_items_with_their_deadlines(province, client, staff):
    client.force_login(staff)
    url = reverse("overdue-items")
    html = client.get(url, {"rule": "reply", "owner": province["education"].pk}).content.decode()
    assert "关于农村教师的建议" in html
    assert "关于校园安全的建议" in html
    assert "关于课后服务的建议" not in html  # due today
    assert "关于职业教育的建议" not in html  # another rule
    assert "逾期 14 天" in html  # the deadline badge, red with its days
    assert "期限类别：答复代表（建议办法第二十八条） · 责任单位：省教育厅 · 共 2 件" in html


def test_the_list_filters_by_body_outside_the_portal_and_by_days(province, client, staff):
    client.force_login(staff)
    url = reverse("overdue-items")
    outside = client.get(url, {"owner": OUTSIDE}).content.decode()
    assert "路灯维修" in outside and "小店区住建局" in outside
    assert "共 1 件" in outside
    late_a_fortnight = client.get(url, {"min_days": 14}).content.decode()
    # Due 06-01 (14 days) and 05-29 (17 days) and 05-01 (45 days); not 06-02, 06-08, 06-10 or 06-14.
    assert "共 5 件" in late_a_fortnight
    assert "关于校园安全的建议" not in late_a_fortnight


def test_the_inbox_overdue_filter_flags_the_same_assignments_as_the_board(province):
    # One notion of "late" across the portal: a unit's inbox filter and the board agree.
    from congress.deadlines.overdue import sources
    from suggestions.selectors import overdue_filter

    on_board = set()
    for source in sources():
        if source.open_items().model is Assignment:
            on_board |= set(source.late(TODAY).values_list("pk", flat=True))
    flagged = Assignment.objects.filter(overdue_filter(TODAY))
    assert set(flagged.values_list("pk", flat=True)) == on_board
    assert not flagged.filter(suggestion__title="关于特殊教育的建议").exists()  # re-handling in time


def test_the_reassignment_row_is_the_assigning_body_s_own(province, client, staff):
    client.force_login(staff)
    html = client.get(reverse("overdue-items"), {"owner": ASSIGNING_BODY}).content.decode()
    assert "关于公交线路的建议" in html
    assert "交办机构（省交通运输厅提出异议）" in html


def test_the_list_pages_with_a_fixed_number_of_queries(
    province, client, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(15):  # the user, count, page, one per rule on it, filters, calendar
        response = client.get(reverse("overdue-items"), {"page_size": 4})
    assert "第 1 页，共 3 页" in response.content.decode()
    page3 = client.get(reverse("overdue-items"), {"page_size": 4, "page": 3}).content.decode()
    assert page3.count('class="item is-overdue"') == 1


def test_the_list_exports_to_excel_as_filtered(province, client, staff):
    client.force_login(staff)
    response = client.get(reverse("overdue-items"), {"rule": "reply", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert rows[0][:6] == ("期限类别", "编号", "标题", "责任单位", "到期日", "逾期天数")
    assert [(r[2], r[3], r[4], r[5]) for r in rows[1:]] == [
        ("关于农村教师的建议", "省教育厅", "2026-06-01", 14),
        ("关于公交线路的建议", "省交通运输厅", "2026-06-01", 14),
        ("关于校园安全的建议", "省教育厅", "2026-06-14", 1),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.COMMITTEE_STAFF, 200), (Role.SECRETARIAT, 200), (Role.UNIT_HANDLER, 403), (Role.DEPUTY, 403)],
)
def test_only_the_assigning_bodies_staff_open_the_board(client, make_user, unit, role, status):
    make_user("someone", role, organisation=unit if role == Role.UNIT_HANDLER else None)
    client.login(username="someone", password=PASSWORD)
    assert client.get(reverse("overdue")).status_code == status
    assert client.get(reverse("overdue-items")).status_code == status


def test_the_board_is_in_the_staff_navigation_only(client, make_user, unit):
    make_user("staff1", Role.COMMITTEE_STAFF)
    make_user("unit1", Role.UNIT_HANDLER, organisation=unit)
    client.login(username="staff1", password=PASSWORD)
    assert 'href="/overdue/"' in client.get(reverse("home")).content.decode()
    client.login(username="unit1", password=PASSWORD)
    assert 'href="/overdue/"' not in client.get(reverse("home")).content.decode()


def test_an_empty_board_says_so(client, staff):
    client.force_login(staff)
    assert "今天没有逾期事项。" in client.get(reverse("overdue")).content.decode()
