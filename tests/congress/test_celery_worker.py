import time

import pytest

from congress.models import Heartbeat
from congress.tasks import record_heartbeat
from tests.services import celery_worker_process

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_real_worker_on_redis_runs_a_task_and_writes_to_the_database():
    with celery_worker_process():
        record_heartbeat.delay("worker-test")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not Heartbeat.objects.filter(name="worker-test").exists():
            time.sleep(0.2)
    assert Heartbeat.objects.filter(name="worker-test").exists()


def test_the_beat_schedule_is_declared_in_code_and_reaches_the_database():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    from congress.celery import app

    DatabaseScheduler(app=app)  # beat does this at start: copies the declared schedule into its tables
    task = PeriodicTask.objects.get(name="heartbeat")
    assert task.task == "congress.tasks.record_heartbeat"
    assert task.enabled
