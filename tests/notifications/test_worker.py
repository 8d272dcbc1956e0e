"""The real thing: a Celery worker process on Redis delivers the outbox, also after an outage."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from congress.models import Heartbeat
from congress.notifications.delivery import drain_outbox
from congress.notifications.models import NotificationPreference, OutboxMessage
from congress.notifications.services import notify
from congress.notifications.tasks import deliver_outbox_message
from congress.tasks import record_heartbeat
from tests.services import ROOT, celery_worker_process, database_url_for_subprocess, require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    return tmp_path / "mail"


@pytest.fixture
def worker(mail_dir: Path) -> Callable[[], object]:
    """A worker whose emails land as files in mail_dir."""
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    return lambda: celery_worker_process(extra_env=env)


@pytest.fixture
def recipient(deputy):
    NotificationPreference.objects.update_or_create(
        user=deputy, defaults={"sms_enabled": False, "email_digest": False}
    )
    return deputy


def emails_in(folder: Path) -> list[str]:
    # The file backend writes each message followed by a line of 79 dashes.
    if not folder.exists():
        return []
    texts = (path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()))
    return [message for text in texts for message in text.split("-" * 79) if message.strip()]


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the worker")
        time.sleep(0.1)


def wait_for_the_queue_to_empty() -> None:
    # The worker takes one message at a time, in order: once this runs, all before it ran.
    name = f"sentinel-{time.monotonic_ns()}"
    record_heartbeat.delay(name)
    wait_until(lambda: Heartbeat.objects.filter(name=name).exists())


def status_of(message_id: int) -> str:
    return OutboxMessage.objects.get(pk=message_id).status


def test_a_real_worker_emails_a_notification_exactly_once(recipient, worker, mail_dir):
    with worker():
        with transaction.atomic():
            [notification] = notify(
                recipients=[recipient],
                kind="suggestion_assigned",
                subject="建议第0012号已交办",
                body="请在三个月内答复。",
                link="/suggestions/12/",
            )
        message = notification.outbox.get()
        wait_until(lambda: status_of(message.pk) == "sent")

        # Two more wake-ups for the same message, as after drains that raced the first one.
        deliver_outbox_message.delay(message.pk)
        deliver_outbox_message.delay(message.pk)
        wait_for_the_queue_to_empty()

    [email] = emails_in(mail_dir)
    assert "To: liming@example.cn" in email
    assert "请在三个月内答复。" in email
    assert "http://127.0.0.1:8000/suggestions/12/" in email
    message.refresh_from_db()
    assert message.attempts == 1


@pytest.fixture(params=["refusing", "silent"])
def dead_broker_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A broker that refuses connections, or one that accepts them and never answers (the
    case that used to hang a publish for minutes)."""
    require_redis()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    if request.param == "refusing":
        listener.close()
    else:
        listener.listen(16)  # the kernel completes the handshake; nobody ever reads
    yield f"redis://127.0.0.1:{port}/0"
    listener.close()


NOTIFY_IN_ANOTHER_PROCESS = """
import sys
import django
django.setup()
from django.db import transaction
from congress.models import User
from congress.notifications.services import notify
with transaction.atomic():
    [notification] = notify(
        recipients=User.objects.filter(username=sys.argv[1]),
        kind="reminder", subject="答复期限提醒", body="", link="/assignments/40/",
    )
print(notification.outbox.get().pk)
"""


def test_a_dead_broker_does_not_fail_the_caller_and_the_drain_delivers_later(
    recipient, dead_broker_url, worker, mail_dir, time_machine
):
    from congress.celery import app

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congress.settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "REDIS_URL": dead_broker_url,
        "CELERY_QUEUE": app.conf.task_default_queue,
        "CONN_MAX_AGE": "0",
    }
    started = time.monotonic()
    web = subprocess.run(  # noqa: S603 - our own code, fixed arguments
        [sys.executable, "-c", NOTIFY_IN_ANOTHER_PROCESS, recipient.username],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert web.returncode == 0, web.stderr
    assert time.monotonic() - started < 20  # seconds, not minutes
    assert "stay pending for drain_outbox()" in web.stderr
    message_id = int(web.stdout.strip())
    assert status_of(message_id) == "pending"

    with worker():
        time_machine.move_to(timezone.now() + dt.timedelta(minutes=2))
        counts: list[int] = []

        def drain() -> None:
            try:
                counts.append(drain_outbox())
            finally:
                connection.close()

        drains = [threading.Thread(target=drain) for _ in range(2)]
        for thread in drains:
            thread.start()
        for thread in drains:
            thread.join(timeout=30)
        assert sorted(counts) == [0, 1]

        wait_until(lambda: status_of(message_id) == "sent")
        wait_for_the_queue_to_empty()

    [email] = emails_in(mail_dir)
    assert "http://127.0.0.1:8000/assignments/40/" in email
