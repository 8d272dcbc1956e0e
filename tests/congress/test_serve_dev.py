"""`make run` (bin/serve-dev): when the Celery worker dies the portal stays up, the worker is
started again and the terminal says so; Ctrl-C stops the web, the worker and beat. Run as a
newcomer runs it: the embedded default (SQLite, the filesystem broker) in a directory of its own."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psutil

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _until(found: Callable[[], T], seconds: float = 60) -> T:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := found():
            return value
        time.sleep(0.3)
    raise AssertionError(f"not within {seconds} s")


def _web_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _workers(serve: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in serve.children(recursive=True):
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:  # it ended meanwhile
            continue
        if "celery" in command and " worker" in command:
            found.append(child)
    return found


def test_a_dead_worker_is_started_again_and_the_portal_stays_up(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(PORT=str(port), VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="congress.settings")
    # `make run` migrates before it serves: beat reads its schedule from the database.
    subprocess.run(  # noqa: S603 - the project's own manage.py
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
        check=True,
    )  # fmt: skip
    output = tmp_path / "terminal.txt"
    with output.open("w") as terminal:
        serve = subprocess.Popen(  # noqa: S603 - the project's own script
            [str(ROOT / "bin" / "serve-dev")], cwd=ROOT, env=env, stdout=terminal, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        process = psutil.Process(serve.pid)
        _until(lambda: _web_answers(port))
        [first] = _until(lambda: _workers(process))
        first.kill()  # as the OOM killer would
        assert _until(lambda: [w for w in _workers(process) if w.pid != first.pid])
        assert _web_answers(port)  # the portal never went down
        assert "Celery worker stopped (exit -9); starting it again" in output.read_text() or (
            "Celery worker stopped (exit 137); starting it again" in output.read_text()
        )
        assert serve.poll() is None
    finally:
        serve.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            serve.wait(timeout=30)
        finally:
            if serve.poll() is None:
                os.killpg(serve.pid, signal.SIGKILL)
    # Ctrl-C stopped all three: nothing of its process group is left.
    _until(lambda: not _alive_in_group(serve.pid), seconds=30)


def _alive_in_group(group: int) -> bool:
    for proc in psutil.process_iter(["pid"]):
        try:
            if os.getpgid(proc.pid) == group and proc.status() != psutil.STATUS_ZOMBIE:
                return True
        except (psutil.Error, ProcessLookupError):
            continue
    return False
