"""Staff see and edit when each statutory deadline is reminded; every change is recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congress.deadlines.reminders import DEFAULT_SCHEDULES, Schedule, schedules
from congress.deadlines.services import reminder_schedule_reset, reminder_schedule_set
from congress.errors import DomainError
from congress.models import ReminderSchedule, ReminderScheduleChange
from congress.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华")


def edit(client, rule, days_before, overdue_every, on_the_day=True):
    data = {"days_before": days_before, "overdue_every": overdue_every}
    if on_the_day:
        data["on_the_day"] = "on"
    return client.post(reverse("reminder-schedule-edit", args=[rule]), data)


def test_a_schedule_reads_as_a_sentence():
    assert DEFAULT_SCHEDULES["reply"].describe() == "到期前 30、7、1 天；到期当日；逾期后每 7 天"
    assert Schedule((7,), on_the_day=False, overdue_every=0).describe() == "到期前 7 天；逾期后不再提醒"


def test_the_page_shows_every_rule_with_its_default(client, staff):
    client.force_login(staff)
    html = client.get(reverse("reminder-schedules")).content.decode()
    assert "提醒安排" in html
    assert "答复代表（建议办法第二十八条）" in html
    assert "到期前 30、7、1 天；到期当日；逾期后每 7 天" in html
    assert "议案审议结果报告（议案办法第二十三条）" in html
    assert "平台尚未记录此类期限" not in html  # every rule's deadlines are stored and swept


def test_a_rule_no_app_stores_yet_says_so(client, staff, monkeypatch):
    monkeypatch.setattr("congress.deadlines.reminder_views.registered_kinds", list)
    client.force_login(staff)
    html = client.get(reverse("reminder-schedules")).content.decode()
    assert html.count("平台尚未记录此类期限") == len(DEFAULT_SCHEDULES)


def test_staff_change_a_schedule_and_the_next_sweep_follows_it(client, staff):
    client.force_login(staff)
    response = edit(client, "reply", "14，3", 5)
    assert response.status_code == 302
    assert schedules()["reply"] == Schedule((14, 3), on_the_day=True, overdue_every=5)
    row = ReminderSchedule.objects.get(rule="reply")
    assert (row.days_before, row.updated_by) == ("14,3", staff)
    html = client.get(reverse("reminder-schedules")).content.decode()
    assert "已保存。自下一次巡检起" in html
    assert "到期前 14、3 天；到期当日；逾期后每 5 天" in html
    assert "王丽华" in html
    assert (
        "由“到期前 30、7、1 天；到期当日；逾期后每 7 天”改为“到期前 14、3 天；到期当日；逾期后每 5 天”。"
        in html
    )


@pytest.mark.parametrize(
    ("days_before", "overdue_every", "on_the_day", "message"),
    [
        ("0,7", 7, True, "请填写 1 至 366 的整数天数"),
        ("七天", 7, True, "请填写 1 至 366 的整数天数"),
        ("30", 400, True, "366"),
        ("", 0, False, "提醒安排至少要提醒一次"),
    ],
)
def test_a_bad_schedule_is_refused_with_the_reason(
    client, staff, days_before, overdue_every, on_the_day, message
):
    client.force_login(staff)
    response = edit(client, "reply", days_before, overdue_every, on_the_day)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReminderSchedule.objects.exists()
    assert not ReminderScheduleChange.objects.exists()


def test_no_reminders_before_the_day_is_a_valid_choice(client, staff):
    client.force_login(staff)
    edit(client, "co_opinion", "", 3)
    assert schedules()["co_opinion"] == Schedule((), on_the_day=True, overdue_every=3)


def test_reset_goes_back_to_the_default_and_records_who(client, staff):
    client.force_login(staff)
    edit(client, "motion_report", "90", 30)
    client.post(reverse("reminder-schedule-reset", args=["motion_report"]))
    assert not ReminderSchedule.objects.filter(rule="motion_report").exists()
    assert schedules()["motion_report"] == DEFAULT_SCHEDULES["motion_report"]
    reset, changed = ReminderScheduleChange.objects.all()
    assert (reset.action, reset.actor, reset.after) == (
        "reset",
        staff,
        DEFAULT_SCHEDULES["motion_report"].as_json(),
    )
    assert (changed.action, changed.before) == ("set", DEFAULT_SCHEDULES["motion_report"].as_json())
    assert "恢复默认" in client.get(reverse("reminder-schedules")).content.decode()


def test_saving_the_default_removes_the_override(staff):
    reminder_schedule_set(rule="reply", schedule=Schedule((10,), True, 7), actor=staff)
    assert reminder_schedule_set(rule="reply", schedule=DEFAULT_SCHEDULES["reply"], actor=staff)
    assert not ReminderSchedule.objects.exists()
    assert ReminderScheduleChange.objects.count() == 2


def test_saving_what_is_in_force_records_nothing(staff):
    assert not reminder_schedule_set(rule="reply", schedule=DEFAULT_SCHEDULES["reply"], actor=staff)
    assert not reminder_schedule_reset(rule="reply", actor=staff)
    assert not ReminderScheduleChange.objects.exists()


def test_an_unknown_rule_is_refused(staff, client):
    with pytest.raises(DomainError) as refused:
        reminder_schedule_set(rule="nonsense", schedule=Schedule((1,)), actor=staff)
    assert refused.value.code == "unknown_rule"
    client.force_login(staff)
    assert client.get(reverse("reminder-schedule-edit", args=["nonsense"])).status_code == 404


@pytest.mark.parametrize("role", [Role.UNIT_HANDLER, Role.UNIT_HEAD, Role.DEPUTY, Role.SECRETARIAT])
def test_only_committee_staff_keep_the_schedules(client, make_user, unit, role):
    make_user("someone", role, organisation=unit if role in (Role.UNIT_HANDLER, Role.UNIT_HEAD) else None)
    client.login(username="someone", password=PASSWORD)
    assert client.get(reverse("reminder-schedules")).status_code == 403
    assert edit(client, "reply", "1", 1).status_code == 403
    assert client.post(reverse("reminder-schedule-reset", args=["reply"])).status_code == 403
    assert not ReminderSchedule.objects.exists()


def test_the_administrator_edits_schedules_in_the_admin_with_the_same_rules(client, make_user):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("reminder-schedules")).status_code == 200
    add = reverse("admin:congress_reminderschedule_add")
    refused = client.post(add, {"rule": "reply", "days_before": "", "overdue_every": 0})
    assert "提醒安排至少要提醒一次" in refused.content.decode()
    response = client.post(
        add, {"rule": "reply", "days_before": "60, 30", "on_the_day": "on", "overdue_every": 7}
    )
    assert response.status_code == 302
    assert schedules()["reply"] == Schedule((60, 30), True, 7)
    row = ReminderSchedule.objects.get(rule="reply")
    assert row.updated_by == admin
    client.post(reverse("admin:congress_reminderschedule_delete", args=[row.pk]), {"post": "yes"})
    assert schedules()["reply"] == DEFAULT_SCHEDULES["reply"]
    assert list(ReminderScheduleChange.objects.values_list("action", "actor")) == [
        ("reset", admin.pk),
        ("set", admin.pk),
    ]


def test_the_database_refuses_a_schedule_that_waits_more_than_a_year(staff):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ReminderSchedule.objects.create(rule="reply", days_before="7", overdue_every=400)
