"""People to notify, and a stand-in for the broker that records what would be enqueued."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from congress.models import Organisation, User
from congress.notifications import tasks
from congress.roles import Role
from deputies.models import Deputy


@pytest.fixture
def deputy(make_deputy: Callable[..., Deputy]) -> User:
    """A deputy with an email on the account and the phone only on the deputy record, who
    chose each email at once (the default is the daily digest)."""
    from congress.notifications.models import NotificationPreference

    record = make_deputy("李明", phone="13900000001")
    user = record.user
    assert user is not None
    user.email = "liming@example.cn"
    user.save()
    NotificationPreference.objects.create(user=user, email_enabled=True, sms_enabled=True, email_digest=False)
    return user


@pytest.fixture
def new_deputy(make_deputy: Callable[..., Deputy]) -> User:
    """A deputy who never chose how to be told."""
    record = make_deputy("赵新", phone="13900000009")
    user = record.user
    assert user is not None
    user.email = "zhaoxin@example.cn"
    user.save()
    return user


@pytest.fixture
def clerk(make_user: Callable[..., User], unit: Organisation) -> User:
    return make_user("unit1", Role.UNIT_HANDLER, organisation=unit, name="王芳", email="wangfang@example.cn")


class RecordingTask:
    """Takes the place of the delivery task: `.delay(id)` records, or raises like a dead broker."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.error: Exception | None = None

    def delay(self, message_id: int) -> None:
        if self.error:
            raise self.error
        self.ids.append(message_id)


@pytest.fixture(autouse=True)
def broker(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> RecordingTask | None:
    """Every test here gets the recorder, so none leaves messages on a real queue; only the
    tests marked `redis` talk to a real broker and worker."""
    if request.node.get_closest_marker("redis"):
        return None
    recorder = RecordingTask()
    monkeypatch.setattr(tasks, "deliver_outbox_message", recorder)
    return recorder


@pytest.fixture
def notify_one() -> Callable[..., Any]:
    """notify() with everyday defaults, for tests about what happens next."""
    from congress.notifications.services import notify

    def call(*recipients: User, **overrides: Any) -> Any:
        fields = {
            "kind": "suggestion_assigned",
            "subject": "建议第0012号已交办",
            "body": "请在三个月内答复。",
            "link": "/suggestions/12/",
            **overrides,
        }
        return notify(recipients=recipients, **fields)

    return call


@pytest.fixture
def sms_outbox(settings: Any) -> list[tuple[str, str]]:
    """Texts sent through the SMS backend, as (phone, text)."""
    from tests.notifications.fakes import RecordingSmsBackend

    settings.SMS_BACKEND = "tests.notifications.fakes.RecordingSmsBackend"
    RecordingSmsBackend.sent.clear()
    return RecordingSmsBackend.sent
