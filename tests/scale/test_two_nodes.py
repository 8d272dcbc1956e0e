"""More machines when one is not enough: the portal as separate processes that share only
PostgreSQL and Redis. Two Celery workers sweep the same deadlines at once and send each
reminder once; two gunicorn web nodes behind a round-robin proxy honour each other's sessions
and API tokens. (Beat: exactly one, by docker-compose.yml; two would only enqueue the same
sweep twice, which is what the first test does.)"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.parse

import pytest
from django.db.models import Count
from django.utils import timezone

from congress.models import Reminder, SweepState
from congress.notifications.models import Notification
from congress.roles import Role
from congress.tasks import sweep_deadlines
from suggestions.models import Assignment, SubjectArea, Suggestion
from suggestions.workflow import AssignmentStatus, Status
from suggestions.workflow import Role as UnitRole
from tests.conftest import PASSWORD
from tests.scale.processes import Node, call, celery_workers, proxy_in_front_of, require_postgres, web_node
from tests.services import require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

UNITS = 10
DUE = 10_000
TASK_LOG = re.compile(
    r"^\[(?P<at>[\d-]+ [\d:,]+): INFO/MainProcess\] Task congress\.tasks\.sweep_deadlines\[[^\]]+\] "
    r"(?:(?P<received>received)|succeeded in [\d.]+s: (?P<sent>\d+))"
)


@pytest.fixture
def due_today(make_deputy, make_user, make_unit) -> int:
    """10,000 assignments whose reply is due today: 1,000 suggestions split between 10 units,
    each unit with a clerk who is told (no email or phone: nothing to deliver, only to sweep)."""
    today = timezone.localdate()
    units = [make_unit(f"省测试厅{n}") for n in range(UNITS)]
    for unit in units:
        make_user(f"clerk{unit.pk}", Role.UNIT_HANDLER, organisation=unit)
    staff = make_user("staff1", Role.COMMITTEE_STAFF)
    lead = make_deputy("李明")
    area = SubjectArea.objects.get(name="教育")
    assigned_on = today - dt.timedelta(days=92)
    at = timezone.make_aware(dt.datetime.combine(assigned_on, dt.time(9)))
    suggestions = Suggestion.objects.bulk_create(
        Suggestion(
            congress=lead.congress, number_scope="scale", number=n, status=Status.ASSIGNED,
            title=f"关于基层治理的建议（{n}）", body="-", subject_area=area, lead_deputy=lead,
            entered_by=staff, submitted_at=at, reviewed_at=at, assigned_at=at,
        )
        for n in range(1, DUE // UNITS + 1)
    )  # fmt: skip
    Assignment.objects.bulk_create(
        (
            Assignment(
                suggestion=s, unit=unit, role=UnitRole.SPLIT, status=AssignmentStatus.HANDLING,
                assigned_by=staff, assigned_at=at, assigned_on=assigned_on,
                objection_due=assigned_on + dt.timedelta(days=7), reply_due=today,
            )
            for s in suggestions
            for unit in units
        ),
        batch_size=2000,
    )  # fmt: skip
    return DUE


def sweeps_in(worker: Node) -> list[dict[str, str]]:
    return [m.groupdict() for line in worker.output if (m := TASK_LOG.match(line))]


def test_two_workers_sweeping_at_once_send_each_reminder_once(due_today, tmp_path):
    require_postgres()
    require_redis()
    with celery_workers(["worker-1", "worker-2"], tmp_path) as workers:
        started = time.monotonic()
        # What two beats would do, or one beat and an operator's `manage.py sweep_deadlines`.
        sweep_deadlines.delay()
        sweep_deadlines.delay()
        deadline = time.monotonic() + 90
        while sum(1 for w in workers for s in sweeps_in(w) if s["sent"]) < 2:
            assert time.monotonic() < deadline, "\n".join("".join(w.output) for w in workers)
            time.sleep(0.5)
        took = time.monotonic() - started

    runs = {w.name: sweeps_in(w) for w in workers}
    sent = {name: int(next(s["sent"] for s in log if s["sent"])) for name, log in runs.items()}
    # Each worker ran one sweep, and the later one was received before the earlier finished:
    # they ran at once, the second waiting on the sweep's lock (the SweepState row).
    assert all(sum(1 for s in log if s["received"]) == 1 for log in runs.values())
    received = sorted(next(s["at"] for s in log if s["received"]) for log in runs.values())
    finished = min(next(s["at"] for s in log if s["sent"]) for log in runs.values())
    assert received[1] < finished
    assert sorted(sent.values()) == [0, due_today]

    reminders = Reminder.objects.filter(kind="suggestion_reply", stage="due")
    duplicate_keys = reminders.values("key").annotate(n=Count("pk")).filter(n__gt=1).count()
    notes = Notification.objects.filter(kind="deadline_reminder")
    duplicate_notes = notes.values("recipient", "dedupe_key").annotate(n=Count("pk")).filter(n__gt=1).count()
    assert reminders.count() == due_today
    assert notes.count() == due_today  # one clerk per unit is told of each
    assert (duplicate_keys, duplicate_notes) == (0, 0)
    assert SweepState.objects.count() == 1
    print(
        f"\ntwo workers swept {due_today:,} due items at once in {took:.1f} s: "
        f"{reminders.count():,} reminders, {notes.count():,} notifications, duplicates 0 "
        f"(sent by worker: {sent})"
    )


# --- Two web nodes ---------------------------------------------------------------------------


class Browser:
    """Cookies by hand: the nodes run with DEBUG off, so every cookie is Secure, and a cookie
    jar would not send them over the tests' plain HTTP on loopback."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.served_by: list[str] = []

    def get(self, address: tuple[str, int], path: str, **headers: str):
        return self._keep(call(address, "GET", path, headers={**self._cookie(), **headers}))

    def post_form(self, address: tuple[str, int], path: str, form: dict[str, str], csrf_from: str):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', csrf_from)
        assert token, "the page has no form token"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **form}).encode()
        headers = {**self._cookie(), "Content-Type": "application/x-www-form-urlencoded"}
        return self._keep(call(address, "POST", path, headers=headers, body=body))

    def _cookie(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def _keep(self, answer):
        self.cookies.update(answer.cookies())
        self.served_by.append(answer.headers.get("X-Served-By", ""))
        return answer

    def sign_in(self, login_at: tuple[str, int], post_to: tuple[str, int], username: str) -> None:
        page = self.get(login_at, "/accounts/login/")
        answer = self.post_form(
            post_to, "/accounts/login/", {"username": username, "password": PASSWORD}, page.text
        )
        assert answer.status == 302, answer.text[:500]
        assert "sessionid" in self.cookies


@pytest.fixture
def deputy_account(make_deputy, settings):
    # The nodes verify passwords with the production hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    deputy = make_deputy("王芳")
    deputy.user.set_password(PASSWORD)
    deputy.user.save(update_fields=["password"])
    return deputy.user


def test_a_session_and_a_token_from_one_web_node_work_on_the_other(deputy_account, tmp_path):
    require_postgres()
    require_redis()
    username = deputy_account.username
    with (
        web_node("web-a", tmp_path / "web-a") as a,
        web_node("web-b", tmp_path / "web-b") as b,
        proxy_in_front_of([a, b]) as proxy,
    ):
        # Signed in on A, the session works on B: sessions live in the database.
        browser = Browser()
        browser.sign_in(a.address, a.address, username)
        home_on_b = browser.get(b.address, "/")
        me_on_b = browser.get(b.address, "/api/v1/me/")

        # A token issued on A is accepted on B.
        issued = call(
            a.address, "POST", "/api/v1/auth/token/",
            headers={"Content-Type": "application/json"},
            body=json.dumps({"username": username, "password": PASSWORD}).encode(),
        )  # fmt: skip
        token = json.loads(issued.body)["token"]
        me_by_token = call(b.address, "GET", "/api/v1/me/", headers={"Authorization": f"Token {token}"})

        # Behind the proxy each request goes to the other node: the login page from one, the
        # login (its CSRF check) on the other, then pages and the API from each in turn.
        through = Browser()
        through.sign_in(proxy, proxy, username)
        pages = [through.get(proxy, "/"), through.get(proxy, "/api/v1/me/")]
        by_token = [
            call(proxy, "GET", "/api/v1/me/", headers={"Authorization": f"Token {token}"}) for _ in "ab"
        ]

        # Signing out on B ends the session on A too.
        browser.post_form(b.address, "/accounts/logout/", {}, home_on_b.text)
        # (The home page greets a visitor too; the notifications are for a signed-in user only.)
        after_logout_on_a = browser.get(a.address, "/notifications/")

    assert home_on_b.status == 200
    assert deputy_account.name in home_on_b.text
    assert me_on_b.status == 200
    assert json.loads(me_on_b.body)["username"] == username
    assert issued.status == 200
    assert me_by_token.status == 200
    assert json.loads(me_by_token.body)["username"] == username
    assert through.served_by == ["web-a", "web-b", "web-a", "web-b"]
    assert [p.status for p in pages] == [200, 200]
    assert [p.status for p in by_token] == [200, 200]
    assert {p.headers["X-Served-By"] for p in by_token} == {"web-a", "web-b"}
    assert after_logout_on_a.status == 302
    assert after_logout_on_a.headers["Location"].startswith("/accounts/login/")
