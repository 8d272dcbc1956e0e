"""The portal as separate processes that share only PostgreSQL and Redis: gunicorn web nodes,
a round-robin proxy in front of them, and plain HTTP calls to them."""

from __future__ import annotations

import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.db import connection

from tests.services import ROOT, database_url_for_subprocess, require_redis

SECRET_KEY = "scale-tests-only-shared-by-every-node-0123456789abcdefghijklmnop"


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL): separate processes share one database, and the "
            "statement timeout is PostgreSQL's"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def node_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """A production-like environment (DEBUG off) on the test database, with a folder of its own:
    the only things nodes share are the database and, when set, Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scale.settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "CONN_MAX_AGE": "0",  # no connection may outlive the test: its database is dropped after
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    return env


@dataclass
class Node:
    name: str
    port: int
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)


@contextmanager
def web_node(name: str, var_dir: Path, *, workers: int = 1, **extra: str) -> Iterator[Node]:
    """`gunicorn -c gunicorn.conf.py congress.wsgi:application`, as the image runs it."""
    port = free_port()
    env = node_env(var_dir, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers), **extra)
    env["GUNICORN_ACCESS_LOG"] = ""  # no access log: only errors in the captured output
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "congress.wsgi:application"]
    process = subprocess.Popen(  # noqa: S603 - fixed command
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    node = Node(name, port, process)
    threading.Thread(target=lambda: node.output.extend(process.stdout or []), daemon=True).start()
    try:
        _wait_for(node)
        yield node
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(node: Node, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if node.process.poll() is not None:
            raise RuntimeError(f"{node.name} exited:\n" + "".join(node.output))
        try:
            call(node.address, "GET", "/accounts/login/")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{node.name} did not start:\n" + "".join(node.output))


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    def cookies(self) -> dict[str, str]:
        """The cookies set, by name (Secure ones too: the tests speak plain HTTP on loopback)."""
        pairs = (value.split(";", 1)[0].split("=", 1) for value in self.headers.get_all("Set-Cookie") or [])
        return {name.strip(): value for name, value in pairs}


def call(
    address: tuple[str, int],
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30.0,
) -> Answer:
    client = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        client.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = client.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        client.close()


class RoundRobinProxy(ThreadingHTTPServer):
    """The proxy in front of the web nodes, as small as it gets: each request goes to the next
    node in turn, whole (no keep-alive), and the answer names the node (X-Served-By)."""

    daemon_threads = True

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = itertools.cycle(nodes)
        self.turn = threading.Lock()
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    def next_node(self) -> Node:
        with self.turn:
            return next(self.nodes)


class _ProxyHandler(BaseHTTPRequestHandler):
    server: RoundRobinProxy
    HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "host"})

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def _forward(self) -> None:
        node = self.server.next_node()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in self.HOP_BY_HOP}
        answer = call(node.address, self.command, self.path, headers=headers, body=body)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            if name.lower() not in self.HOP_BY_HOP | {"content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Served-By", node.name)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the test asserts on what it needs


@contextmanager
def proxy_in_front_of(nodes: list[Node]) -> Iterator[tuple[str, int]]:
    server = RoundRobinProxy(nodes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ("127.0.0.1", int(server.server_address[1]))
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def celery_workers(names: list[str], var_root: Path, timeout: float = 90.0) -> Iterator[list[Node]]:
    """`celery worker` processes on this run's queue, started together, each with its own
    folder; each waits for one task at a time (solo pool, prefetch 1), as in production."""
    from congress.celery import app

    redis_url = require_redis()
    nodes = []
    for name in names:
        env = node_env(var_root / name, REDIS_URL=redis_url, CELERY_QUEUE=app.conf.task_default_queue)
        command = [
            sys.executable, "-m", "celery", "-A", "congress", "worker", "--pool=solo", "--loglevel=INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-Q", app.conf.task_default_queue, "-n", f"{name}-{os.getpid()}@%h",
        ]  # fmt: skip
        process = subprocess.Popen(  # noqa: S603 - fixed command
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        node = Node(name, 0, process)
        threading.Thread(target=lambda n=node: n.output.extend(n.process.stdout or []), daemon=True).start()
        nodes.append(node)
    try:
        deadline = time.monotonic() + timeout
        for node in nodes:
            while not any(" ready." in line for line in node.output):
                if node.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{node.name} did not start:\n" + "".join(node.output))
                time.sleep(0.2)
        yield nodes
    finally:
        for node in nodes:
            node.process.terminate()
        for node in nodes:
            try:
                node.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                node.process.kill()
                node.process.wait()
