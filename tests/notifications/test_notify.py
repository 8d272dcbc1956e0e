import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

from congress.notifications.models import Notification, NotificationPreference, OutboxMessage
from congress.notifications.services import mark_all_read, mark_read

pytestmark = pytest.mark.django_db


def channels(notification):
    return sorted((m.channel, m.digest) for m in notification.outbox.all())


def test_it_puts_one_notification_in_each_recipients_inbox(notify_one, deputy, clerk):
    created = notify_one(deputy, clerk, deputy)

    assert sorted(n.recipient.username for n in created) == sorted([deputy.username, clerk.username])
    row = Notification.objects.get(recipient=deputy)
    assert (row.kind, row.subject, row.body, row.link) == (
        "suggestion_assigned",
        "建议第0012号已交办",
        "请在三个月内答复。",
        "/suggestions/12/",
    )
    assert row.read_at is None


def test_a_deputy_who_never_chose_gets_the_daily_digest_and_each_sms_at_once(notify_one, new_deputy):
    [notification] = notify_one(new_deputy)
    assert channels(notification) == [("email", True), ("sms", False)]
    assert not NotificationPreference.objects.exists()  # defaults are not written on read


def test_a_unit_clerk_who_never_chose_gets_the_daily_digest_and_no_sms(notify_one, clerk):
    clerk.phone = "13900000002"
    clerk.save()
    [notification] = notify_one(clerk)
    assert channels(notification) == [("email", True)]


def test_saved_choices_decide_the_channels(notify_one, deputy, clerk):
    NotificationPreference.objects.update_or_create(
        user=deputy, defaults={"email_enabled": False, "sms_enabled": True}
    )
    NotificationPreference.objects.create(user=clerk, email_enabled=True, email_digest=False)

    by_user = {n.recipient_id: n for n in notify_one(deputy, clerk)}
    assert channels(by_user[deputy.pk]) == [("sms", False)]
    assert channels(by_user[clerk.pk]) == [("email", False)]


def test_a_channel_without_an_address_gets_no_outbox_row(notify_one, make_user):
    user = make_user("nobody", "deputy")  # a deputy account without email or phone
    [notification] = notify_one(user)
    assert channels(notification) == []
    assert notification.pk  # the inbox is always on


def test_inactive_accounts_are_not_notified(notify_one, clerk):
    clerk.is_active = False
    clerk.save()
    assert notify_one(clerk) == []
    assert not Notification.objects.exists()


def test_the_same_dedupe_key_notifies_each_recipient_once(notify_one, deputy, clerk):
    first = notify_one(deputy, dedupe_key="assignment:40:reply_due:7d")
    again = notify_one(deputy, clerk, dedupe_key="assignment:40:reply_due:7d")

    assert len(first) == 1
    assert [n.recipient for n in again] == [clerk]
    assert Notification.objects.filter(recipient=deputy).count() == 1
    assert OutboxMessage.objects.filter(notification__recipient=deputy).count() == 2  # email, sms: once


def test_the_database_refuses_a_second_row_with_the_same_key(deputy):
    fields = {"recipient": deputy, "kind": "reminder", "subject": "提醒", "dedupe_key": "k"}
    Notification.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**fields)


def test_without_a_key_the_same_notification_can_be_sent_again(notify_one, deputy):
    notify_one(deputy)
    notify_one(deputy)
    assert Notification.objects.filter(recipient=deputy).count() == 2


@pytest.mark.parametrize(
    "link", ["https://evil.example/", "//evil.example/", "/\\evil.example", "suggestions/1/"]
)
def test_it_refuses_a_link_that_leaves_the_portal(notify_one, deputy, link):
    with pytest.raises(ValueError, match="link"):
        notify_one(deputy, link=link)


@pytest.mark.parametrize("link", ["//evil.example/", "/\\evil.example", "https://evil.example/"])
def test_the_database_refuses_a_link_that_leaves_the_portal(deputy, link):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=deputy, kind="reminder", subject="提醒", link=link)


def test_it_refuses_a_kind_that_is_not_a_short_code(notify_one, deputy):
    with pytest.raises(ValueError, match="kind"):
        notify_one(deputy, kind="Suggestion assigned!")


def test_lazy_text_is_stored_in_chinese_whatever_the_callers_language(notify_one, deputy):
    with translation.override("en"):
        [notification] = notify_one(deputy, subject=_("Notifications"), body=_("Mark all as read"))
    assert (notification.subject, notification.body) == ("通知", "全部标为已读")


def test_a_long_multi_line_subject_becomes_one_line_that_fits(notify_one, deputy):
    [notification] = notify_one(deputy, subject="关于\n加强" + "农村" * 150)
    assert "\n" not in notification.subject
    assert len(notification.subject) == 200
    assert notification.subject.endswith("…")


def test_delivery_is_enqueued_only_after_the_commit_and_not_for_the_digest(
    notify_one, deputy, clerk, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_one(deputy, clerk)
        assert broker.ids == []

    immediate = OutboxMessage.objects.filter(digest=False).values_list("pk", flat=True)
    assert sorted(broker.ids) == sorted(immediate)
    assert len(broker.ids) == 2  # the deputy's email and SMS; the clerk's email waits for the digest


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    notify_one, deputy, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify_one(deputy)
                raise RuntimeError("the caller's own change failed")
        except RuntimeError:
            pass
    assert broker.ids == []
    assert not Notification.objects.exists()


def test_a_broker_that_is_down_does_not_fail_the_caller(
    notify_one, deputy, broker, django_capture_on_commit_callbacks, caplog
):
    broker.error = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_one(deputy)

    assert Notification.objects.filter(pk=notification.pk).exists()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}
    assert "stay pending for drain_outbox()" in caplog.text


def test_reading_keeps_the_first_reading_time(notify_one, deputy, time_machine):
    [notification] = notify_one(deputy)
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    mark_read(notification=notification)
    first = notification.read_at
    time_machine.move_to("2026-03-03 09:00 +08:00", tick=False)
    mark_read(notification=notification)
    assert notification.read_at == first
    assert first.isoformat() == "2026-03-02T01:00:00+00:00"


def test_mark_all_read_marks_only_that_users_unread_notifications(notify_one, deputy, clerk):
    notify_one(deputy)
    notify_one(deputy)
    notify_one(clerk)
    assert mark_all_read(user=deputy) == 2
    assert mark_all_read(user=deputy) == 0
    assert Notification.objects.filter(recipient=clerk, read_at__isnull=True).count() == 1


def test_it_creates_any_number_of_notifications_in_a_fixed_number_of_queries(
    notify_one, make_user, django_assert_max_num_queries
):
    users = [make_user(f"u{i}", "unit_handler", email=f"u{i}@example.cn") for i in range(30)]
    with django_assert_max_num_queries(6):
        notify_one(*users)
    assert OutboxMessage.objects.count() == 30
