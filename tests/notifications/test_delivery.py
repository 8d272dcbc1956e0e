import threading

import pytest
from django.core import mail
from django.db import connection

from congress.notifications.delivery import MAX_ATTEMPTS, DeliveryFailed, deliver_outbox_message
from congress.notifications.models import NotificationPreference, OutboxMessage

pytestmark = pytest.mark.django_db


def message_of(notification, channel):
    return OutboxMessage.objects.get(notification=notification, channel=channel)


def test_it_emails_the_subject_body_and_absolute_link(notify_one, deputy, settings, time_machine):
    settings.PORTAL_BASE_URL = "https://rd.example.gov.cn"
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    [notification] = notify_one(deputy)
    message = message_of(notification, "email")

    deliver_outbox_message(message_id=message.pk)

    [email] = mail.outbox
    assert email.to == ["liming@example.cn"]
    assert email.subject == "建议第0012号已交办"
    assert "李明，您好" in email.body
    assert "请在三个月内答复。" in email.body
    assert "https://rd.example.gov.cn/suggestions/12/" in email.body
    assert "https://rd.example.gov.cn/notifications/preferences/" in email.body
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 1, "")
    assert message.sent_at.isoformat() == "2026-03-02T01:00:00+00:00"


def test_it_sends_each_message_once(notify_one, deputy):
    [notification] = notify_one(deputy)
    message = message_of(notification, "email")
    deliver_outbox_message(message_id=message.pk)
    deliver_outbox_message(message_id=message.pk)
    assert len(mail.outbox) == 1


def test_an_sms_goes_to_the_deputy_records_phone_with_the_link(notify_one, deputy, sms_outbox, settings):
    settings.PORTAL_BASE_URL = "https://rd.example.gov.cn"
    [notification] = notify_one(deputy)
    deliver_outbox_message(message_id=message_of(notification, "sms").pk)
    assert sms_outbox == [("13900000001", "建议第0012号已交办 https://rd.example.gov.cn/suggestions/12/")]


def test_the_accounts_own_phone_comes_before_the_deputy_records(notify_one, deputy, sms_outbox):
    deputy.phone = "13700000007"
    deputy.save()
    [notification] = notify_one(deputy)
    deliver_outbox_message(message_id=message_of(notification, "sms").pk)
    assert sms_outbox[0][0] == "13700000007"


def test_the_deputy_records_email_is_used_when_the_account_has_none(notify_one, deputy):
    deputy.email = ""
    deputy.save()
    deputy.deputy.email = "li.ming@rd.example.cn"
    deputy.deputy.save()
    [notification] = notify_one(deputy)
    deliver_outbox_message(message_id=message_of(notification, "email").pk)
    assert mail.outbox[0].to == ["li.ming@rd.example.cn"]


def test_a_failed_send_is_recorded_and_raised_so_the_task_retries(notify_one, deputy, settings, time_machine):
    settings.SMS_BACKEND = "tests.notifications.fakes.BrokenSmsBackend"
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    [notification] = notify_one(deputy)
    message = message_of(notification, "sms")

    with pytest.raises(DeliveryFailed, match="Connection refused"):
        deliver_outbox_message(message_id=message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    # drain_outbox() keeps away until the task's own first retry (within 30 s) is due.
    assert message.not_before.isoformat() == "2026-03-02T01:00:30+00:00"


def test_after_the_last_attempt_the_message_fails_for_good(notify_one, deputy, settings):
    settings.EMAIL_BACKEND = "tests.notifications.fakes.BrokenEmailBackend"
    [notification] = notify_one(deputy)
    message = message_of(notification, "email")
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 1)

    deliver_outbox_message(message_id=message.pk)  # no exception: nothing left to retry

    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    assert "SMTPServerDisconnected" in message.last_error


def test_a_message_whose_address_was_removed_fails_at_once(notify_one, deputy):
    [notification] = notify_one(deputy)
    deputy.email = ""
    deputy.save()
    message = message_of(notification, "email")

    deliver_outbox_message(message_id=message.pk)

    message.refresh_from_db()
    assert (message.status, message.last_error) == ("failed", "no email address")
    assert mail.outbox == []


def test_the_worker_never_sends_an_email_that_waits_for_the_digest(notify_one, clerk):
    [notification] = notify_one(clerk)
    message = message_of(notification, "email")
    assert message.digest
    deliver_outbox_message(message_id=message.pk)
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == "pending"


def test_a_missing_message_is_ignored(db):
    # A wake-up for a message deleted meanwhile (the admin purged it) neither raises, which
    # would make the task retry forever, nor sends anything or creates the row.
    deliver_outbox_message(message_id=987654)
    assert mail.outbox == []
    assert not OutboxMessage.objects.filter(pk=987654).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_deliveries_at_once_send_it_once(notify_one, deputy, settings):
    settings.EMAIL_BACKEND = "tests.notifications.fakes.SlowEmailBackend"
    NotificationPreference.objects.update_or_create(
        user=deputy, defaults={"sms_enabled": False, "email_digest": False}
    )
    [notification] = notify_one(deputy)
    message = message_of(notification, "email")
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            start.wait()
            deliver_outbox_message(message_id=message.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)


def test_nothing_is_sent_to_an_account_deactivated_after_the_notification(notify_one, deputy, sms_outbox):
    [notification] = notify_one(deputy)
    deputy.is_active = False
    deputy.save()
    for message in notification.outbox.all():
        deliver_outbox_message(message_id=message.pk)
    assert (mail.outbox, sms_outbox) == ([], [])
    assert set(notification.outbox.values_list("status", "last_error")) == {
        ("failed", "the account is inactive")
    }
