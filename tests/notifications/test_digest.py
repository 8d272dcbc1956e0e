import threading

import pytest
from django.core import mail
from django.db import connection

from congress.notifications.delivery import send_daily_digests
from congress.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_for_the_clerk(notify_one, clerk, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    notify_one(clerk, subject="建议第0012号已交办", link="/suggestions/12/")
    time_machine.move_to("2026-03-02 10:30 +08:00", tick=False)
    notify_one(clerk, subject="建议第0015号已交办", link="/suggestions/15/")
    time_machine.move_to("2026-03-02 16:45 +08:00", tick=False)
    notify_one(clerk, subject="答复期限提醒", link="/assignments/40/")
    time_machine.move_to("2026-03-02 17:00 +08:00", tick=False)


def test_the_digest_sends_one_email_listing_the_days_notifications(three_for_the_clerk, clerk, settings):
    settings.PORTAL_BASE_URL = "https://rd.example.gov.cn"
    assert mail.outbox == []  # nothing went out one by one

    assert send_daily_digests() == 1

    [email] = mail.outbox
    assert email.to == ["wangfang@example.cn"]
    assert email.subject == "您的通知：新增 3 条"
    lines = email.body.splitlines()
    subjects = [line for line in lines if line[:2] in {"1.", "2.", "3."}]
    assert subjects == [
        "1. 建议第0012号已交办 (2026年3月2日 09:00)",
        "2. 建议第0015号已交办 (2026年3月2日 10:30)",
        "3. 答复期限提醒 (2026年3月2日 16:45)",
    ]
    assert "   https://rd.example.gov.cn/assignments/40/" in lines
    statuses = set(OutboxMessage.objects.values_list("status", "sent_at"))
    assert {status for status, _ in statuses} == {"digested"}


def test_running_the_digest_twice_sends_nothing_twice(three_for_the_clerk):
    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_only_users_with_waiting_messages_get_a_digest(three_for_the_clerk, notify_one, deputy):
    notify_one(deputy)  # a deputy's email goes out on its own, not in a digest
    send_daily_digests()
    assert [email.to for email in mail.outbox] == [["wangfang@example.cn"]]


def test_when_the_mail_server_fails_the_next_digest_sends_them(three_for_the_clerk, settings):
    settings.EMAIL_BACKEND = "tests.notifications.fakes.BrokenEmailBackend"
    assert send_daily_digests() == 0
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("pending", 1)}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_daily_digests() == 1
    assert "3 条" in mail.outbox[0].subject


def test_a_user_without_an_email_address_any_more_gets_failed_messages(three_for_the_clerk, clerk):
    clerk.email = ""
    clerk.save()
    assert send_daily_digests() == 0
    assert set(OutboxMessage.objects.values_list("status", "last_error")) == {("failed", "no email address")}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_digest_runs_at_once_send_one_email(three_for_the_clerk, settings):
    settings.EMAIL_BACKEND = "tests.notifications.fakes.SlowEmailBackend"
    start = threading.Barrier(2)
    counts: list[int] = []

    def run() -> None:
        try:
            start.wait()
            counts.append(send_daily_digests())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(counts) == [0, 1]
    assert len(mail.outbox) == 1
