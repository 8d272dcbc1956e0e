"""The staff review queue and the suggestions API at 100,000 suggestions / 300,000 assignments.

    python -m bench.suggestions            (make bench runs every benchmark)

Uses its own PostgreSQL database (BENCH_DATABASE_URL, default portal_bench) and Redis (the
production setup), seeds it once with `seed_demo --scale 100000`, serves the portal with
gunicorn, and loads each URL of ROTATION with wrk, taking turns over three rounds: a bare
Django JSON view of the same 20 rows (the yardstick), the portal's empty page layout for a
signed-in user (the floor of every HTML page), then the lists, details and inboxes of issue 15,
each signed in as the role that uses it. Prints the median requests per second and
p99 latency, the ratio to the bare view (overall and per round) against its target, and the
queries per request at two page sizes (they must not grow with the page).
BENCH_ONLY=<substring> loads only the URLs whose name contains it (and the bare view).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SCALE = int(os.environ.get("BENCH_SCALE", "100000"))
PORT = int(os.environ.get("BENCH_PORT", "8199"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) * 2)))
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "PORTAL_BASE_URL": "http://127.0.0.1",
    "LOG_LEVEL": "WARNING",
    # gunicorn also reads gunicorn.conf.py from the project folder: no access log and no
    # worker recycling while wrk measures.
    "GUNICORN_ACCESS_LOG": "",
    "GUNICORN_MAX_REQUESTS": "0",
}


def manage(*args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True
    )
    return result.stdout


def ensure_database() -> None:
    import psycopg2

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def vacuum() -> None:
    """What autovacuum does in production: fresh bulk inserts otherwise defeat index-only scans."""
    import psycopg2

    connection = psycopg2.connect(DATABASE_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def setup_django() -> None:
    os.environ.update(ENV)
    import django

    django.setup()


def seed() -> None:
    from suggestions.models import Assignment, Suggestion

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")  # DEBUG off: the manifest storage serves hashed names
    if Suggestion.objects.count() < SCALE:
        started = time.perf_counter()
        manage("seed_demo", "--scale", str(SCALE))
        print(f"seeded {SCALE:,} suggestions in {time.perf_counter() - started:.0f} s")
    vacuum()
    print(f"data: {Suggestion.objects.count():,} suggestions, {Assignment.objects.count():,} assignments, "
          f"{Suggestion.objects.filter(status='submitted').count():,} awaiting review")  # fmt: skip


def credentials(username: str = "staff1") -> tuple[str, str]:
    from importlib import import_module

    from django.conf import settings

    from congress.accounts.tokens import token_issue
    from congress.models import User

    staff = User.objects.get(username=username)
    _token, key = token_issue(user=staff, name="bench")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(staff.pk)
    session["_auth_user_backend"] = "congress.accounts.backends.Backend"
    session["_auth_user_hash"] = staff.get_session_auth_hash()
    session.create()
    return key, session.session_key or ""


# Issue 15's targets, as a share of the bare view's requests per second.
LIST_API, HTML_LIST, DETAIL, INBOX = 0.25, 0.15, 0.3, 0.15


def rotation() -> dict[str, tuple[str, str, bool, float]]:
    """name -> (path, user, through the API, target ratio); ids from the bench data."""
    from suggestions.models import Reply, Suggestion
    from suggestions.workflow import PUBLISHED

    deputy_suggestion = (
        Suggestion.objects.filter(lead_deputy__user__username="deputy1", status="assigned")
        .order_by("-id")
        .first()
    )
    submitted = Suggestion.objects.filter(status="submitted").order_by("-id").first()
    published = Reply.objects.filter(PUBLISHED).order_by("-id").first()
    assert deputy_suggestion and submitted and published, "the bench data lacks a suggestion or a reply"
    return {
        "API list (status=submitted)": ("/api/v1/suggestions/?status=submitted", "staff1", True, LIST_API),
        "API suggestion detail": (f"/api/v1/suggestions/{submitted.pk}/", "staff1", True, DETAIL),
        "API deputy's suggestions": ("/api/v1/suggestions/", "deputy1", True, LIST_API),
        "API assignments (unit1)": ("/api/v1/assignments/", "unit1", True, LIST_API),
        "API motions (deputy1)": ("/api/v1/motions/", "deputy1", True, LIST_API),
        "HTML review queue": ("/suggestions/review/", "staff1", False, HTML_LIST),
        "HTML deputy's suggestions": ("/suggestions/", "deputy1", False, HTML_LIST),
        "HTML suggestion detail (deputy)": (
            f"/suggestions/{deputy_suggestion.pk}/",
            "deputy1",
            False,
            DETAIL,
        ),
        "HTML unit inbox": ("/suggestions/inbox/", "unit1", False, INBOX),
        "HTML objections": ("/suggestions/objections/", "staff1", False, HTML_LIST),
        "HTML motions (deputy1)": ("/motions/", "deputy1", False, HTML_LIST),
        "HTML public replies": ("/public/replies/", "", False, HTML_LIST),
        "HTML public reply": (f"/public/replies/{published.pk}/", "", False, DETAIL),
    }


def queries_per_request(token: str, session_key: str) -> dict[str, tuple[int, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    figures = {}
    api = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    html = Client(HTTP_HOST="127.0.0.1")
    html.cookies["sessionid"] = session_key
    for name, client, url in [
        ("api", api, "/api/v1/suggestions/?status=submitted&page_size={n}"),
        ("html", html, "/suggestions/review/?page_size={n}"),
    ]:
        counts = []
        client.get(url.format(n=20), secure=True)  # warm: filter options are cached per process
        for n in (20, 100):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url.format(n=n), secure=True)
            assert response.status_code == 200, (url, response.status_code)
            counts.append(len(queries))
        figures[name] = (counts[0], counts[1])
    return figures


def serve() -> subprocess.Popen[bytes]:
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(  # noqa: S603 - fixed command
        [gunicorn, "congress.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", str(WORKERS),
         "--log-level", "warning"],
        cwd=ROOT, env=ENV,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/bare/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def load(path: str, headers: list[str]) -> tuple[float, float]:
    """wrk's requests per second and p99 latency (ms) for one URL."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(  # noqa: S603 - fixed command
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{path} answered errors:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rps, p99


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("bench.suggestions needs wrk (Debian package `wrk`)")
    ensure_database()
    setup_django()
    seed()
    token, session_key = credentials()
    queries = queries_per_request(token, session_key)
    https = "X-Forwarded-Proto: https"
    only = os.environ.get("BENCH_ONLY", "")
    signed_in = {user: credentials(user) for user in {"staff1", "deputy1", "unit1"}}
    urls = {"bare Django JSON view": ("/bench/bare/", [https])}
    # The second yardstick: what any signed-in HTML page costs before its own content (the
    # session, the user, the menu); no page can be faster than it.
    urls["HTML signed-in empty layout"] = (
        "/bench/layout/",
        [https, f"Cookie: sessionid={signed_in['staff1'][1]}"],
    )
    targets: dict[str, float] = {}
    for name, (path, user, api, target) in rotation().items():
        if only and only not in name:
            continue
        headers = [https]
        if user:
            key, session = signed_in[user]
            headers.append(f"Authorization: Token {key}" if api else f"Cookie: sessionid={session}")
        urls[name] = (path, headers)
        targets[name] = target
    server = serve()
    # A shared virtual machine's speed drifts by a third from minute to minute: the URLs take
    # turns, round after round, and each figure is the median of its rounds.
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in urls}
    try:
        for _round in range(ROUNDS):
            for name, (path, headers) in urls.items():
                results[name].append(load(path, headers))
                print(f"round {_round + 1}: {name}: {results[name][-1][0]:.0f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait()
    print(f"gunicorn workers: {WORKERS}; wrk: 2 threads, {CONNECTIONS} connections, {DURATION} per URL, "
          f"{ROUNDS} rounds in turn, medians")  # fmt: skip
    bare = statistics.median(rps for rps, _p99 in results["bare Django JSON view"]) or float("nan")
    print(f"{'':34}{'req/s':>8}{'p99 ms':>9}{'× bare':>8}{'target':>8}   × bare per round")
    for name, runs in results.items():
        rps = statistics.median(r for r, _p99 in runs)
        p99 = statistics.median(p for _r, p in runs)
        # A round in which the shared machine starved the bare view (0 req/s) says nothing.
        per_round = " ".join(
            f"{r / b:.2f}" if b else "–"
            for (r, _p), (b, _q) in zip(runs, results["bare Django JSON view"], strict=True)
        )
        goal = targets.get(name)
        mark = "" if goal is None else f"{goal:.2f}{'' if rps / bare >= goal else ' ✗'}"
        print(f"{name:34}{rps:>8.0f}{p99:>9.1f}{rps / bare:>8.2f}{mark:>8}   {per_round}")
    print(f"queries per request (page of 20 → 100): API {queries['api'][0]} → {queries['api'][1]}, "
          f"HTML {queries['html'][0]} → {queries['html'][1]}")  # fmt: skip


if __name__ == "__main__":
    main()
