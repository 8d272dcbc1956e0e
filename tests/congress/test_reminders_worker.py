"""Reminders delivered by a real Celery worker on Redis, including after a broker outage."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import subprocess
import sys

import pytest

from congress.notifications.delivery import drain_outbox
from congress.notifications.models import NotificationPreference, OutboxMessage
from congress.roles import Role
from suggestions.models import SubjectArea
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.workflow import Role as UnitRole
from tests.conftest import BEIJING
from tests.congress.test_reminders import sweep_every_day
from tests.notifications.test_worker import emails_in, wait_for_the_queue_to_empty, wait_until
from tests.services import ROOT, celery_worker_process, database_url_for_subprocess

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def clerk(make_deputy, make_user, make_unit, time_machine):
    """A unit clerk with email at once, and a suggestion assigned to the unit on 2021-07-01."""
    time_machine.move_to(dt.datetime(2021, 7, 1, 10, tzinfo=BEIJING))
    unit = make_unit("省教育厅")
    clerk = make_user("unit1", Role.UNIT_HANDLER, organisation=unit, email="clerk@example.cn")
    NotificationPreference.objects.create(user=clerk, sms_enabled=False, email_digest=False)
    staff = make_user("staff1", Role.COMMITTEE_STAFF)
    lead = make_deputy("李明")
    area = SubjectArea.objects.get(name="教育")
    s = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="关于农村教师的建议",
        body="b",
        subject_area=area,
        session=None,
    )
    suggestion_submit(suggestion=s, actor=lead.user)
    suggestion_accept_and_assign(suggestion=s, units=[HandlingUnit(unit, UnitRole.SOLE)], actor=staff)
    return clerk


def subject_of(raw: str) -> str:
    message = email.message_from_string(raw.strip(), policy=email.policy.default)
    return str(message["Subject"])


def mail_env(tmp_path):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }


def test_a_real_worker_delivers_each_stage_once_over_four_months(clerk, tmp_path, time_machine):
    with celery_worker_process(extra_env=mail_env(tmp_path)):
        sweep_every_day(dt.date(2021, 7, 1), dt.date(2021, 10, 31), time_machine)
        wait_until(lambda: not OutboxMessage.objects.filter(status="pending").exists(), timeout=60)
        wait_for_the_queue_to_empty()
    subjects = [subject_of(email) for email in emails_in(tmp_path / "mail")]
    reminders = [s for s in subjects if "期限" in s or "到期" in s or "逾期" in s]
    assert len(reminders) == 10
    assert len(set(reminders)) == 10  # each stage once
    assert sum("已逾期" in s for s in reminders) == 4
    assert len(subjects) == 11  # and the assignment itself


def test_a_sweep_while_redis_is_down_still_delivers_once_redis_is_back(clerk, tmp_path, time_machine):
    from congress.celery import app

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congress.settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens there
        "CELERY_QUEUE": app.conf.task_default_queue,
        "CONN_MAX_AGE": "0",
    }
    sweep = subprocess.run(
        [sys.executable, "manage.py", "sweep_deadlines", "--date", "2021-10-08"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert sweep.returncode == 0, sweep.stderr
    assert "suggestion_reply: 1" in sweep.stdout
    [message] = OutboxMessage.objects.filter(
        notification__recipient=clerk, notification__kind="deadline_reminder"
    )
    assert message.status == "pending"

    with celery_worker_process(extra_env=mail_env(tmp_path)):
        # The sweep ran in another process, in real time: let its wake-up count as lost.
        time_machine.move_to(message.not_before + dt.timedelta(minutes=2))
        assert drain_outbox() >= 1
        wait_until(lambda: OutboxMessage.objects.get(pk=message.pk).status == "sent")
        wait_for_the_queue_to_empty()
    reminders = [e for e in emails_in(tmp_path / "mail") if "今天到期" in subject_of(e)]
    assert len(reminders) == 1
