import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone
from kombu.exceptions import OperationalError

from congress.notifications.delivery import drain_outbox
from congress.notifications.models import NotificationPreference, OutboxMessage

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def later(clock, **delta):
    clock.move_to(timezone.now() + dt.timedelta(**delta), tick=False)


def test_it_enqueues_pending_messages_once_they_are_a_minute_old(notify_one, deputy, broker, clock):
    notify_one(deputy)  # the on-commit enqueue never ran: as if the broker had lost it
    later(clock, seconds=59)
    assert drain_outbox() == 0
    later(clock, seconds=1)
    assert drain_outbox() == 2
    assert sorted(broker.ids) == sorted(OutboxMessage.objects.values_list("pk", flat=True))


def test_it_leaves_sent_failed_and_digest_messages_alone(notify_one, deputy, clerk, broker, clock):
    [notification] = notify_one(deputy)
    notify_one(clerk)  # email for the digest
    notification.outbox.filter(channel="email").update(status="sent", sent_at=timezone.now())
    notification.outbox.filter(channel="sms").update(status="failed")
    later(clock, minutes=5)
    assert drain_outbox() == 0
    assert broker.ids == []


def test_a_drained_message_is_left_alone_for_ten_minutes(notify_one, deputy, broker, clock):
    notify_one(deputy)
    later(clock, minutes=2)
    assert drain_outbox() == 2
    later(clock, minutes=2)
    assert drain_outbox() == 0  # the worker may just be busy: one wake-up is enough for now
    later(clock, minutes=9)
    assert drain_outbox() == 2  # still pending after 11 minutes: that wake-up was lost too


def test_it_waits_for_the_tasks_own_retry_before_stepping_in(notify_one, deputy, broker, clock):
    [notification] = notify_one(deputy)
    retry_due = timezone.now() + dt.timedelta(minutes=4)
    notification.outbox.update(attempts=4, not_before=retry_due)
    later(clock, minutes=4, seconds=59)
    assert drain_outbox() == 0
    later(clock, seconds=1)
    assert drain_outbox() == 2


def test_while_the_broker_is_down_the_next_drain_tries_again(notify_one, deputy, broker, clock, caplog):
    notify_one(deputy)
    later(clock, minutes=2)
    broker.error = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    assert drain_outbox() == 0
    assert "stay pending" in caplog.text

    broker.error = None
    later(clock, minutes=2)
    assert drain_outbox() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_drains_at_once_enqueue_each_message_once(notify_one, make_user, broker, clock):
    users = [make_user(f"dep{i}", "deputy", email=f"dep{i}@example.cn") for i in range(20)]
    for user in users:  # each email at once, so all twenty wait in the outbox
        NotificationPreference.objects.create(user=user, email_enabled=True, email_digest=False)
    notify_one(*users)
    broker.ids.clear()  # autocommit: notify() enqueued at once; pretend those wake-ups were lost
    later(clock, minutes=2)
    start = threading.Barrier(2)
    counts: list[int] = []

    def drain() -> None:
        try:
            start.wait()
            counts.append(drain_outbox())
        finally:
            connection.close()

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sum(counts) == 20
    assert sorted(broker.ids) == sorted(OutboxMessage.objects.values_list("pk", flat=True))


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the scheduler closes the connection it used
def test_beat_drains_every_two_minutes_and_sends_the_digest_daily(settings):
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    from congress.celery import app

    DatabaseScheduler(app=app)  # beat does this at start: copies the declared schedule into its tables
    drain = PeriodicTask.objects.get(name="notifications-drain-outbox")
    digest = PeriodicTask.objects.get(name="notifications-daily-digest")
    assert drain.task == "congress.notifications.tasks.drain_outbox"
    assert (drain.interval.every, drain.interval.period) == (120, "seconds")
    assert digest.task == "congress.notifications.tasks.send_daily_digests"
    assert (digest.crontab.hour, digest.crontab.minute) == (str(settings.NOTIFICATIONS_DIGEST_HOUR), "0")
    assert str(digest.crontab.timezone) == "Asia/Shanghai"
    assert {drain.task, digest.task} <= set(app.tasks)
