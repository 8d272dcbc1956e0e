"""Fixtures shared by the whole suite: a small province, users by role, API clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rest_framework.test import APIClient

from congress.models import Congress, Organisation, Session, User, UserRole
from congress.roles import Role
from deputies.models import Delegation, Deputy

BEIJING = ZoneInfo("Asia/Shanghai")
PASSWORD = "pass-for-tests-42"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _portal_language() -> Any:
    # A request in English activates English in the test's thread and nothing switches it back
    # (a server thread activates per request); every test starts in the portal's language.
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_calendar_snapshot() -> Any:
    # The calendar snapshot lives in the process; a test's calendar edits are rolled back
    # with its transaction, so the next test must not see them.
    from congress import lists
    from congress.deadlines import calendar

    calendar._snapshot = None
    lists._choices.clear()  # filter options are cached per process for five minutes
    yield
    calendar._snapshot = None


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Reference data seeded by migrations (the calendar, subject areas) for transactional tests.

    Transactional tests empty the tables afterwards and Django restores them from a copy held
    on the database connection; once Playwright runs, the test code sees another connection
    object (Django's connections are context-local) without that copy. So seed again here.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps

    from congress.deadlines.calendar_seed import seed_from_package
    from suggestions.subject_areas import seed_subject_areas

    seed_from_package(apps)
    seed_subject_areas(apps)


@pytest.fixture
def congress_term(db: None) -> Congress:
    return Congress.objects.create(number=14, starts=dt.date(2023, 1, 13), ends=dt.date(2028, 1, 12))


@pytest.fixture
def session(congress_term: Congress) -> Session:
    return Session.objects.create(
        congress=congress_term,
        number=4,
        opens=dt.date(2026, 1, 25),
        closes=dt.date(2026, 1, 29),
        motion_deadline=dt.datetime(2026, 1, 27, 12, tzinfo=BEIJING),
        last_presidium_meeting=dt.datetime(2026, 1, 28, 17, tzinfo=BEIJING),
    )


@pytest.fixture
def make_unit(db: None) -> Callable[..., Organisation]:
    def make(name: str = "省教育厅", kind: str = Organisation.Kind.GOVERNMENT) -> Organisation:
        return Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]

    return make


@pytest.fixture
def unit(make_unit: Callable[..., Organisation]) -> Organisation:
    return make_unit()


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(
        username: str, *roles: str, organisation: Organisation | None = None, name: str = "", **extra: Any
    ) -> User:
        user = User.objects.create_user(
            username=username, password=PASSWORD, name=name or username, organisation=organisation, **extra
        )
        UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in roles])
        return user

    return make


@pytest.fixture
def delegation(congress_term: Congress) -> Delegation:
    city_sc = Organisation.objects.create(name="太原市人大常委会", kind=Organisation.Kind.CITY_SC)
    return Delegation.objects.create(congress=congress_term, name="太原代表团", city_sc=city_sc)


@pytest.fixture
def make_deputy(delegation: Delegation, make_user: Callable[..., User]) -> Callable[..., Deputy]:
    counter = iter(range(1, 10_000))

    def make(name: str | None = None, *, with_user: bool = True, **extra: object) -> Deputy:
        n = next(counter)
        user = make_user(f"dep{n}", Role.DEPUTY, name=name or f"代表{n}") if with_user else None
        return Deputy.objects.create(
            congress=delegation.congress,
            delegation=delegation,
            name=name or f"代表{n}",
            gender=Deputy.Gender.MALE,
            constituency="太原市人民代表大会",
            user=user,
            **extra,
        )

    return make


@pytest.fixture
def api() -> Callable[[User | None], APIClient]:
    """api(user) gives a client authenticated as that user (token auth, as REST clients use)."""

    def client_for(user: User | None = None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return client_for


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests empty the tables when they end; the calendar seeded by a data
    migration must come back for the tests after them, so they use serialized_rollback."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True) so seeded data survives"
            )


# --- Services the suite can need: Redis with a real Celery worker, and Chromium --------------


def pytest_configure(config: pytest.Config) -> None:
    # Every run gets its own Celery queue, so runs sharing one Redis never take each other's
    # tasks. Nothing has been sent yet, so the app's queues are still unbuilt.
    import uuid

    from congress.celery import app

    app.conf.task_default_queue = f"portal-test-{uuid.uuid4().hex[:8]}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With FAIL_ON_SKIP=1 (.ci/run) a skipped test fails the run: CI has every service."""
    import os

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("FAIL_ON_SKIP") == "1" and skipped and reporter:
        reporter.write_line(f"FAIL_ON_SKIP: {len(skipped)} test(s) skipped; CI must run them all.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
