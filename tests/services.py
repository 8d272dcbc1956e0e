"""Start the real things tests need: a Celery worker process on Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def require_redis() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("needs REDIS_URL: this test runs a real Celery worker against a real Redis broker")
    return url


def database_url_for_subprocess() -> str:
    """The URL of the database the tests use right now (the test database)."""
    s: dict[str, Any] = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def celery_worker_process(
    timeout: float = 60.0, extra_env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    """A `celery worker` process on this run's queue, reading and writing the test database.

    `extra_env` adds settings for the worker alone, e.g. a file-based EMAIL_BACKEND so the
    test can see what it sent.
    """
    from congress.celery import app

    redis_url = require_redis()
    queue = app.conf.task_default_queue
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url_for_subprocess(),
        "CONN_MAX_AGE": "0",  # no connection may outlive the worker: the test database is dropped after
        "CELERY_QUEUE": queue,
        **(extra_env or {}),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "congress", "worker", "--pool=solo", "--loglevel=INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-Q", queue, "-n", f"test-{os.getpid()}@%h",
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - fixed command
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise RuntimeError("celery worker exited:\n" + "".join(output))
        output.append(line)
        if " ready." in line:
            break
    else:
        process.kill()
        raise RuntimeError("celery worker did not start:\n" + "".join(output))
    # Keep reading what the worker logs: a full pipe would block it on its next log line.
    threading.Thread(target=lambda: output.extend(process.stdout or []), daemon=True).start()
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
