"""The load test at ten times a province's peak (bench/locustfile.py), against gunicorn.

    python -m bench.load                 (LOAD_MINUTES=3, LOAD_TIMES=10 by default)

Uses its own PostgreSQL database (LOAD_DATABASE_URL, default portal_load) with the demo data
(`seed_demo`: 552 deputies), gives every deputy of the term an account (load<id>, as deputy1…
have), serves the portal with gunicorn as the image does (gunicorn.conf.py, DEBUG off, the web
statement timeout, Redis), and runs locust headless: USERS deputies' visits, one each per
PACING seconds. Prints, per request, the count, failures, median and p95 latency and the rate,
and the whole run's requests per second. The broker queue it fills (notices' wake-ups; no
worker runs, so the machine's two cores serve the web alone) is emptied at the end.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/4")
PORT = int(os.environ.get("LOAD_PORT", "8198"))
MINUTES = float(os.environ.get("LOAD_MINUTES", "3"))
PACING = 30  # seconds between one user's visits; users start spread over the first PACING seconds
TIMES = float(os.environ.get("LOAD_TIMES", "10"))  # times a province's peak hour of 552 visits
VISITS_AN_HOUR = round(552 * TIMES)
USERS = round(VISITS_AN_HOUR / 3_600 * PACING)  # at ten times: 46 users, 5,520 visits an hour
WORKERS = os.environ.get("LOAD_WEB_WORKERS", "4")
OUT = ROOT / "var" / "load"
PASSWORD = "load-test-password-42"  # noqa: S105 - the load test's own database
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CELERY_QUEUE": "portal-load-bench",
    "DJANGO_SETTINGS_MODULE": "congress.settings",
    "DEBUG": "0",
    "SECRET_KEY": "load-test-only-secret-key-not-for-production-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "PORTAL_BASE_URL": "http://127.0.0.1",
    "LOG_LEVEL": "WARNING",
    "DB_STATEMENT_TIMEOUT_MS": "10000",
    "WEB_CONCURRENCY": WORKERS,
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_ACCESS_LOG": "",
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)  # noqa: S603


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


def plan() -> dict[str, object]:
    """Accounts for every deputy of the open session's term, and what a visit files under."""
    os.environ.update(ENV)
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from congress.models import Session, User, UserRole
    from congress.roles import Role
    from deputies.models import Deputy
    from motions.models import Category
    from suggestions.models import SubjectArea

    session = Session.objects.filter(motion_deadline__gt=timezone.now()).order_by("opens").first()
    assert session is not None, "the demo has no session open for motions"
    deputies = Deputy.objects.filter(congress=session.congress).select_related("user")
    hashed = make_password(PASSWORD)
    for deputy in deputies.filter(user__isnull=True):
        user = User.objects.create(username=f"load{deputy.pk}", name=deputy.name, password=hashed)
        UserRole.objects.create(user=user, role=Role.DEPUTY)
        deputy.user = user
        deputy.save(update_fields=["user"])
    # Deputies who sign in as deputies: the demo's review-committee members sign in in that role.
    filing = deputies.filter(user__role_rows__role=Role.DEPUTY).values_list("pk", "user__username")
    accounts = [{"username": username, "deputy": pk} for pk, username in filing]
    User.objects.filter(username__in=[a["username"] for a in accounts]).update(password=hashed)
    random.Random(15).shuffle(accounts)
    area = SubjectArea.objects.order_by("pk").values_list("pk", flat=True).first()
    return {
        "session": session.pk, "category": Category.MAJOR_MATTER, "area": area,
        "password": PASSWORD, "deputies": accounts,
    }  # fmt: skip


def serve() -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "congress.wsgi:application"],
        cwd=ROOT, env=ENV,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def run_locust(plan_file: Path) -> Path:
    prefix = OUT / "locust"
    locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"
    subprocess.run(  # noqa: S603 - fixed command
        [locust, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--host", f"http://127.0.0.1:{PORT}",
         "-u", str(USERS), "-r", f"{USERS / PACING:.2f}", "-t", f"{int(MINUTES * 60)}s", "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING"],
        cwd=ROOT, env={**ENV, "LOAD_PLAN": str(plan_file), "LOAD_PACING": str(PACING)}, check=False,
    )  # fmt: skip
    return Path(f"{prefix}_stats.csv")


def report(stats: Path) -> None:
    rows = list(csv.DictReader(stats.open(encoding="utf-8")))
    print(f"\nlocust: {USERS} users, one visit each per {PACING} s ({VISITS_AN_HOUR:,} visits an hour), {MINUTES:g} min; "
          f"gunicorn {WORKERS} workers on the 2-core machine shared with other work")  # fmt: skip
    print(
        f"| {'request':24} | {'count':>6} | {'errors':>6} | {'req/s':>6} | {'median ms':>9} | {'p95 ms':>7} |"
    )
    print(f"|{'-' * 26}|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 10}:|{'-' * 8}:|")
    for row in rows:
        name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        print(f"| {name:24} | {row['Request Count']:>6} | {row['Failure Count']:>6} | "
              f"{float(row['Requests/s']):>6.1f} | {row['50%']:>9} | {row['95%']:>7} |")  # fmt: skip


def main() -> None:
    ensure_database()
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo", "-v", "0")
    OUT.mkdir(parents=True, exist_ok=True)
    plan_file = OUT / "plan.json"
    plan_file.write_text(json.dumps(plan(), ensure_ascii=False), encoding="utf-8")
    server = serve()
    try:
        stats = run_locust(plan_file)
    finally:
        server.terminate()
        server.wait()
        from congress.celery import app

        app.control.purge()
    report(stats)


if __name__ == "__main__":
    main()
