"""Each sitting's attendance, kept by the secretariat (D§8): a roll call or an imported sheet.
Two sessions missed without approved leave flag D§46(3) for the committee."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from congress.models import Congress, Session
from deputies.models import Attendance, Deputy, Sitting
from deputies.selectors.attendance import flagged, sessions_missed
from deputies.services.attendance import attendance_import, attendance_record, sitting_create
from deputies.services.leave import leave_decide, leave_request
from deputies.services.status import deputy_terminate
from tests.conftest import BEIJING
from tests.deputies.conftest import BEFORE, at
from tests.helpers import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier(congress_term) -> Session:
    """The 3rd session, 19–23 January 2025."""
    return Session.objects.create(
        congress=congress_term, number=3, opens=dt.date(2025, 1, 19), closes=dt.date(2025, 1, 23),
        motion_deadline=dt.datetime(2025, 1, 21, 12, tzinfo=BEIJING),
        last_presidium_meeting=dt.datetime(2025, 1, 22, 17, tzinfo=BEIJING),
    )  # fmt: skip


def test_a_sitting_is_held_within_its_session(session, secretariat):
    with refused("sitting_outside_session"):
        sitting_create(session=session, date=dt.date(2026, 2, 1), name="第九次全体会议", actor=secretariat)


def test_only_the_secretariat_keeps_the_roll_call(sitting, staff, deputy):
    with refused("permission_denied"):
        attendance_record(sitting=sitting, present=[deputy], absent=[], actor=staff)


def test_a_roll_call_is_not_recorded_before_its_sitting(session, secretariat, deputy):
    future = Sitting.objects.create(
        session=session, date=timezone.localdate() + dt.timedelta(days=400), name="x"
    )
    with refused("sitting_in_future"):
        attendance_record(sitting=future, present=[deputy], absent=[], actor=secretariat)


def test_a_second_roll_call_corrects_the_first(sitting, secretariat, deputy, colleague):
    attendance_record(sitting=sitting, present=[deputy], absent=[colleague], actor=secretariat)
    attendance_record(sitting=sitting, present=[deputy, colleague], absent=[], actor=secretariat)
    assert set(Attendance.objects.filter(sitting=sitting).values_list("deputy_id", "present")) == {
        (deputy.pk, True), (colleague.pk, True)
    }  # fmt: skip


def test_a_deputy_of_another_term_is_not_on_the_roll(sitting, secretariat, make_deputy):
    other = Congress.objects.create(number=13, starts=dt.date(2018, 1, 1), ends=dt.date(2022, 12, 31))
    stranger = make_deputy("赵六")
    Deputy.objects.filter(pk=stranger.pk).update(congress=other)
    stranger.refresh_from_db()
    with refused("deputy_not_in_congress"):
        attendance_record(sitting=sitting, present=[stranger], absent=[], actor=secretariat)


def miss(session: Session, deputy, secretariat, name: str = "第一次全体会议") -> Sitting:
    sitting = Sitting.objects.create(session=session, date=session.opens, name=name)
    attendance_record(sitting=sitting, present=[], absent=[deputy], actor=secretariat)
    return sitting


def test_twice_absent_without_leave_flags_d46_3_and_tells_the_committee_once(
    earlier, session, deputy, secretariat, staff
):
    miss(earlier, deputy, secretariat)
    assert flagged(deputy.congress_id) == {}
    miss(session, deputy, secretariat)
    miss(session, deputy, secretariat, "第二次全体会议")
    assert flagged(deputy.congress_id) == {deputy.pk: 2}
    assert staff.notifications.filter(kind="absences_flagged").count() == 1


def test_a_session_attended_at_one_sitting_is_not_missed(earlier, deputy, secretariat):
    miss(earlier, deputy, secretariat)
    present = Sitting.objects.create(session=earlier, date=earlier.closes, name="闭幕会")
    attendance_record(sitting=present, present=[deputy], absent=[], actor=secretariat)
    assert sessions_missed([deputy.pk], deputy.congress_id)[deputy.pk] == 0


def test_approved_leave_excuses_the_absence_even_when_decided_after_the_roll_call(
    earlier, session, deputy, secretariat, staff
):
    miss(earlier, deputy, secretariat)
    with at(BEFORE):
        leave = leave_request(deputy=deputy, session=session, reason="手术", actor=deputy.user)
    miss(session, deputy, secretariat)
    assert flagged(deputy.congress_id) == {deputy.pk: 2}
    leave_decide(leave=leave, approve=True, reason="", actor=staff)
    assert flagged(deputy.congress_id) == {}


def test_the_mandate_ends_on_d46_3_once_the_roll_calls_show_two_absences(
    earlier, session, deputy, secretariat, staff
):
    miss(earlier, deputy, secretariat)
    miss(session, deputy, secretariat)
    day = dt.date(2026, 3, 1)
    deputy_terminate(
        deputy=deputy,
        ground="absent_twice",
        effective_on=day,
        decision="常委会公告",
        announced_on=day,
        actor=staff,
    )
    deputy.refresh_from_db()
    assert deputy.status_ground == "absent_twice"


# --- The import -----------------------------------------------------------------------------------


def sheet(*rows: tuple[object, ...]) -> io.BytesIO:
    book = Workbook()
    page = book.worksheets[0]
    page.append(["代表编号", "姓名", "出席"])
    for row in rows:
        page.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_a_roll_call_sheet_is_imported_by_number_or_name(sitting, secretariat, deputy, colleague):
    count = attendance_import(
        sitting=sitting, upload=sheet((deputy.pk, "", "是"), ("", "王芳", "否")), actor=secretariat
    )
    assert count == 2
    assert dict(Attendance.objects.filter(sitting=sitting).values_list("deputy_id", "present")) == {
        deputy.pk: True, colleague.pk: False
    }  # fmt: skip


def test_a_bad_row_refuses_the_whole_sheet_naming_it(sitting, secretariat, deputy):
    with refused("import_invalid") as info:
        attendance_import(
            sitting=sitting, upload=sheet((deputy.pk, "", "是"), ("", "无此人", "是")), actor=secretariat
        )
    assert "3" in str(info.value.detail)
    assert not Attendance.objects.exists()


def test_a_file_that_is_no_workbook_is_refused(sitting, secretariat):
    with refused("import_invalid"):
        attendance_import(sitting=sitting, upload=io.BytesIO(b"not a workbook"), actor=secretariat)


def test_the_api_records_a_roll_call_and_lists_attendance_with_the_excuse(
    api, sitting, secretariat, deputy, colleague
):
    response = api(secretariat).post(
        f"/api/v1/sittings/{sitting.pk}/attendance/",
        {"present": [deputy.pk], "absent": [colleague.pk]},
        format="json",
    )
    assert response.json() == {"recorded": 2}
    rows = api(secretariat).get("/api/v1/attendance/", {"sitting": sitting.pk}).json()["results"]
    assert {(r["deputy"], r["present"], r["excused"]) for r in rows} == {
        (deputy.pk, True, False), (colleague.pk, False, False)
    }  # fmt: skip
    assert api(deputy.user).get("/api/v1/attendance/").json()["count"] == 1
