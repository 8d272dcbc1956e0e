"""The official calendar as data: seeded, cross-checked, kept current by staff."""

import datetime as dt

import holidays
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from congress.deadlines import calendar
from congress.deadlines.calendar import deadline, get_calendar, refresh_if_changed
from congress.deadlines.calendar_seed import CORRECTIONS
from congress.deadlines.recompute import MovedDeadline, register, unregister
from congress.deadlines.services import (
    DayEntry,
    calendar_draft_save,
    calendar_year_approve,
    parse_calendar_csv,
)
from congress.deadlines.statutory import REPLY
from congress.errors import DomainError
from congress.models import CalendarDay, CalendarYear
from congress.roles import Role
from congress.selectors import calendar_missing_next_year
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_database_has_the_seeded_calendar():
    covered = set(CalendarYear.objects.filter(status="approved").values_list("year", flat=True))
    assert set(range(2004, 2027)) <= covered
    assert CalendarDay.objects.get(date=D(2021, 10, 1)).name == "国庆节"
    assert CalendarDay.objects.get(date=D(2021, 4, 25)).kind == "adjusted_workday"


def test_the_seeded_calendar_agrees_with_the_holidays_package_except_recorded_corrections():
    cal = get_calendar()
    corrected = {fix.date for fix in CORRECTIONS}
    disagreements = []
    for year in sorted(cal.covered_years):
        other = holidays.China(years=year)
        worked_weekends = set(other.weekend_workdays)
        day = D(year, 1, 1)
        while day.year == year:
            theirs = day in other or (day.weekday() >= 5 and day not in worked_weekends)
            if cal.is_rest_day(day) != theirs and day not in corrected:
                disagreements.append(day)
            day += dt.timedelta(days=1)
    assert disagreements == []


def test_the_2006_notice_correction_is_recorded_in_the_data():
    day = CalendarDay.objects.get(date=D(2005, 12, 31))
    assert day.kind == "adjusted_workday"
    assert "2006" in day.note
    assert not get_calendar().is_rest_day(D(2005, 12, 31))


def test_refreshing_from_the_package_twice_changes_nothing_the_second_time(capsys):
    CalendarDay.objects.filter(date=D(2021, 10, 1)).delete()
    call_command("refresh_calendar")
    assert "2021" in capsys.readouterr().out
    assert CalendarDay.objects.filter(date=D(2021, 10, 1)).exists()
    call_command("refresh_calendar")
    assert "already up to date" in capsys.readouterr().out


def test_refreshing_never_overwrites_a_year_staff_entered_from_the_notice(make_user):
    schedule = CalendarYear.objects.get(year=2026)
    schedule.source = "State Council notice"
    schedule.save()
    CalendarDay.objects.filter(schedule=schedule, date=D(2026, 10, 8)).delete()
    call_command("refresh_calendar")
    assert not CalendarDay.objects.filter(date=D(2026, 10, 8)).exists()


@pytest.fixture
def staff(make_user):
    return make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华"), make_user(
        "staff2", Role.COMMITTEE_STAFF, name="李强"
    )


DAYS_2027 = [
    DayEntry(D(2027, 1, 1), "holiday", "元旦"),
    DayEntry(D(2027, 2, 6), "holiday", "春节"),
    DayEntry(D(2027, 2, 7), "holiday", "春节"),
    DayEntry(D(2027, 2, 8), "holiday", "春节"),
    DayEntry(D(2027, 2, 20), "adjusted_workday", "春节调休"),
]


def test_a_draft_year_does_not_count_until_a_second_staff_member_approves_it(staff):
    entered_by, approver = staff
    schedule = calendar_draft_save(
        year=2027, notice="国办发明电〔2026〕12号", days=DAYS_2027, actor=entered_by
    )
    before = deadline(REPLY, D(2026, 11, 8))  # raw end 2027-02-08, a Monday
    assert before.provisional
    assert before.due == D(2027, 2, 8)

    with pytest.raises(DomainError) as refusal:
        calendar_year_approve(schedule=schedule, actor=entered_by)
    assert refusal.value.code == "calendar_same_approver"

    calendar_year_approve(schedule=schedule, actor=approver)
    after = deadline(REPLY, D(2026, 11, 8))
    assert not after.provisional
    assert after.due == D(2027, 2, 9)  # 6–8 February are now holidays
    schedule.refresh_from_db()
    assert schedule.approved_by == approver


def test_the_database_refuses_an_approval_by_the_person_who_entered_it(staff):
    from django.db import IntegrityError
    from django.utils import timezone

    entered_by, _ = staff
    schedule = calendar_draft_save(year=2027, notice="n", days=DAYS_2027, actor=entered_by)
    schedule.status, schedule.approved_by, schedule.approved_at = "approved", entered_by, timezone.now()
    with pytest.raises(IntegrityError):
        schedule.save()


def test_approving_a_year_recomputes_provisional_deadlines_and_reports_what_moved(staff):
    entered_by, approver = staff
    seen_years = []

    def recompute(years):
        seen_years.append(years)
        return [MovedDeadline("第0001号建议 答复期限", D(2027, 2, 8), D(2027, 2, 9), "/suggestions/1/")]

    register(recompute)
    try:
        schedule = calendar_draft_save(year=2027, notice="n", days=DAYS_2027, actor=entered_by)
        moved = calendar_year_approve(schedule=schedule, actor=approver)
    finally:
        unregister(recompute)
    assert seen_years == [frozenset({2027})]
    assert [m.new_due for m in moved] == [D(2027, 2, 9)]


def test_an_edit_made_by_another_process_is_picked_up_at_the_next_request(staff):
    entered_by, approver = staff
    get_calendar()  # this process holds a snapshot without 2027
    schedule = calendar_draft_save(year=2027, notice="n", days=DAYS_2027, actor=entered_by)
    # Another process approves: the rows change and it bumps the shared version token.
    CalendarYear.objects.filter(pk=schedule.pk).update(
        status="approved", approved_by=approver, approved_at=schedule.changed_at
    )
    assert 2027 not in get_calendar().covered_years
    cache.set(calendar.VERSION_KEY, "edited-elsewhere", timeout=None)
    refresh_if_changed()
    assert 2027 in get_calendar().covered_years


def test_a_schedule_cannot_make_a_weekday_an_adjusted_workday(staff):
    with pytest.raises(DomainError) as refusal:
        calendar_draft_save(
            year=2027, notice="n", days=[DayEntry(D(2027, 2, 10), "adjusted_workday", "x")], actor=staff[0]
        )
    assert refusal.value.code == "calendar_workday_not_weekend"


def test_an_approved_year_cannot_be_entered_again(staff):
    with pytest.raises(DomainError) as refusal:
        calendar_draft_save(year=2021, notice="n", days=DAYS_2027[:1], actor=staff[0])
    assert refusal.value.code == "calendar_year_approved"


def test_a_csv_with_a_bad_row_names_the_line_and_keeps_nothing():
    data = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-02-07,放假,春节\n".encode()
    with pytest.raises(DomainError) as refusal:
        parse_calendar_csv(data)
    assert "第 3 行" in str(refusal.value.detail) or "line 3" in str(refusal.value.detail)


def test_a_csv_from_excel_with_chinese_kinds_is_read():
    data = "\ufeffdate,kind,name,note\n2027-01-01,放假,元旦,\n2027-02-20,上班,春节调休,\n".encode()
    entries = parse_calendar_csv(data)
    assert [(e.date, e.kind) for e in entries] == [
        (D(2027, 1, 1), "holiday"),
        (D(2027, 2, 20), "adjusted_workday"),
    ]


def test_from_november_staff_are_told_when_next_year_is_missing():
    assert calendar_missing_next_year(D(2026, 11, 28)) == 2027
    assert calendar_missing_next_year(D(2026, 10, 31)) is None
    assert calendar_missing_next_year(D(2025, 11, 1)) is None  # 2026 is on the calendar


# --- Pages ---------------------------------------------------------------------------------


def test_staff_see_which_years_are_covered_and_the_missing_year(client, staff, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 28, 10, tzinfo=dt.UTC))
    client.login(username="staff1", password=PASSWORD)
    html = client.get(reverse("calendar-index")).content.decode()
    assert "2026" in html and "2004" in html
    assert "2027 年放假安排尚未录入" in html


def test_a_deputy_cannot_open_the_calendar_admin_pages(client, make_user):
    make_user("deputy1", Role.DEPUTY)
    client.login(username="deputy1", password=PASSWORD)
    assert client.get(reverse("calendar-index")).status_code == 403


def test_staff_enter_a_year_from_the_notice_and_a_colleague_approves_it(client, staff):
    client.login(username="staff1", password=PASSWORD)
    form = {"year": "2027", "notice": "国办发明电〔2026〕12号", "name_1": "春节", "first_1": "2027-02-06",
            "last_1": "2027-02-12", "work_1": "2027-02-20，2027-02-21", "name_0": "元旦", "first_0": "2027-01-01",
            "last_0": "2027-01-01"}  # fmt: skip
    response = client.post(reverse("calendar-new"), form)
    assert response.status_code == 302
    schedule = CalendarYear.objects.get(year=2027)
    assert schedule.status == "draft"
    assert schedule.days.filter(kind="holiday").count() == 8
    assert schedule.days.filter(kind="adjusted_workday").count() == 2

    html = client.get(reverse("calendar-year", args=[2027])).content.decode()
    assert "等待另一名工作人员审核" in html

    client.login(username="staff2", password=PASSWORD)
    client.post(reverse("calendar-approve", args=[2027]))
    schedule.refresh_from_db()
    assert schedule.status == "approved"


def test_a_mistyped_schedule_keeps_what_was_entered_and_says_what_is_wrong(client, staff):
    client.login(username="staff1", password=PASSWORD)
    form = {
        "year": "2027",
        "notice": "国办发明电〔2026〕12号",
        "name_1": "春节",
        "first_1": "2027-02-12",
        "last_1": "2027-02-06",
    }
    html = client.post(reverse("calendar-new"), form).content.decode()
    assert "放假末日早于首日" in html
    assert "国办发明电〔2026〕12号" in html
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_staff_import_a_year_from_csv(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username="staff1", password=PASSWORD)
    upload = SimpleUploadedFile(
        "2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n".encode(), content_type="text/csv"
    )
    response = client.post(reverse("calendar-import"), {"year": "2027", "notice": "n", "file": upload})
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).days.count() == 1


def test_anyone_can_compute_a_deadline_on_the_public_calculator(client):
    html = client.get(
        reverse("deadline-calculator"), {"start": "2021-07-01", "count": "3", "unit": "m"}
    ).content.decode()
    assert "2021年10月8日" in html
    assert "2021-10-01 为法定休假日（国庆节），顺延至 2021-10-08" in html


def test_the_calculator_computes_a_statutory_rule(client):
    html = client.get(
        reverse("deadline-calculator"), {"start": "2021-07-01", "rule": "reply"}
    ).content.decode()
    assert "建议办法第二十八条" in html


def test_the_calculator_explains_a_bad_date(client):
    html = client.get(
        reverse("deadline-calculator"), {"start": "1900-01-01", "count": "3", "unit": "m"}
    ).content.decode()
    assert "超出本平台可计算的范围" in html


# --- API -----------------------------------------------------------------------------------


def test_the_deadline_api_answers_anyone(api):
    body = api().get("/api/v1/calendar/deadline/?start=2021-07-01&period=3m").json()
    assert body["due"] == "2021-10-08"
    assert body["provisional"] is False
    assert body["start"] == "2021-07-01"
    assert body["period"] == "3m"
    assert "国庆节" in body["explanation"]


def test_the_deadline_api_explains_in_english_when_asked(api):
    body = (
        api().get("/api/v1/calendar/deadline/?start=2021-07-01&period=3m", HTTP_ACCEPT_LANGUAGE="en").json()
    )
    assert body["explanation"].startswith("Start 2021-07-01; 3 months; ends 2021-10-01")


@pytest.mark.parametrize(
    ("start", "period"),
    [
        ("2021-02-30", "3m"),
        ("2021-07-01", "0m"),
        ("2021-07-01", "-5d"),
        ("2021-07-01", "13x"),
        ("1900-01-01", "3m"),
        ("", "3m"),
    ],
)
def test_the_deadline_api_refuses_bad_input_with_a_clear_message(api, start, period):
    response = api().get(f"/api/v1/calendar/deadline/?start={start}&period={period}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_period"
    assert response.json()["detail"]


def test_staff_add_a_day_to_a_draft_through_the_api(api, staff):
    response = api(staff[0]).post(
        "/api/v1/calendar/days/", {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}
    )
    assert response.status_code == 201
    assert response.json()["schedule_status"] == "draft"
    response = api(staff[1]).post("/api/v1/calendar/years/2027/approve/")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"


def test_a_deputy_can_read_but_not_write_the_calendar(api, make_user):
    deputy = make_user("deputy1", Role.DEPUTY)
    body = api(deputy).get("/api/v1/calendar/days/?year=2021&kind=holiday&page_size=100").json()
    assert "2021-10-01" in [day["date"] for day in body["results"]]
    assert body["count"] == 31  # the days off of 2021's seven festivals, weekends inside them included
    response = api(deputy).post(
        "/api/v1/calendar/days/", {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}
    )
    assert response.status_code == 403


def test_an_approved_year_cannot_be_changed_through_the_api(api, staff):
    response = api(staff[0]).post(
        "/api/v1/calendar/days/", {"date": "2021-06-01", "kind": "holiday", "name": "x"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "calendar_year_approved"


# --- The command ------------------------------------------------------------------------------


def test_the_deadline_command_prints_the_due_date_first(capsys):
    call_command("deadline", "2021-07-01", "3m")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2021-10-08"
    with translation.override("zh-hans"):
        assert "国庆节" in lines[1]


@pytest.mark.parametrize(
    "args", [("2021-13-01", "3m"), ("2021-07-01", "0m"), ("2021-07-01", "-5d"), ("1900-01-01", "3m")]
)
def test_the_deadline_command_fails_with_a_one_line_error(args):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("deadline", *args)
    assert "\n" not in str(error.value)


def test_the_portal_keeps_computing_deadlines_when_the_cache_is_down(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    get_calendar()
    monkeypatch.setattr(calendar.cache, "get", down)
    monkeypatch.setattr(calendar.cache, "set", down)
    refresh_if_changed()  # no error: the process keeps its calendar
    calendar.calendar_changed()  # an edit here still reloads this process
    assert deadline(REPLY, D(2021, 7, 1)).due == D(2021, 10, 8)


def test_approving_a_year_tells_those_whose_provisional_deadline_moved(
    staff, make_unit, make_user, make_deputy, time_machine, django_capture_on_commit_callbacks
):
    from congress.notifications.models import Notification
    from suggestions.models import SubjectArea
    from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
    from suggestions.services.filing import suggestion_create, suggestion_submit

    entered_by, approver = staff
    unit = make_unit("省教育厅")
    clerk = make_user("unit1", Role.UNIT_HANDLER, organisation=unit)
    lead = make_deputy("李明")
    time_machine.move_to(dt.datetime(2026, 11, 8, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    s = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="t",
        body="b",
        subject_area=SubjectArea.objects.get(name="教育"),
        session=None,
    )
    suggestion_submit(suggestion=s, actor=lead.user)
    [a] = suggestion_accept_and_assign(suggestion=s, units=[HandlingUnit(unit, "sole")], actor=entered_by)
    assert (a.reply_due, a.provisional) == (D(2027, 2, 8), True)
    schedule = calendar_draft_save(year=2027, notice="n", days=DAYS_2027, actor=entered_by)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_approve(schedule=schedule, actor=approver)
    a.refresh_from_db()
    assert (a.reply_due, a.provisional) == (D(2027, 2, 9), False)
    note = Notification.objects.get(recipient=clerk, kind="deadline_moved")
    assert "2027-02-08" in note.body and "2027-02-09" in note.body
