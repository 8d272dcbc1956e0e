"""Notices are part of the step (issue 12): written inside its transaction, delivered after it.

A notice that cannot be written undoes the step, so nothing is ever half-done; a delivery
that fails after the commit (the broker, the mail server) never fails the request that
committed: the outbox keeps the message and retries.
"""

from __future__ import annotations

import pytest

from congress.notifications.models import Notification, NotificationPreference, OutboxMessage
from suggestions.models import Assignment, SuggestionEvent
from suggestions.notices import assignment as notices
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.workflow import Role, Status

pytestmark = pytest.mark.django_db


def test_a_notice_that_fails_inside_the_step_rolls_it_back_with_nothing_half_done(
    file_suggestion, staff, units, monkeypatch
):
    s = file_suggestion()
    events_before = SuggestionEvent.objects.filter(suggestion=s).count()

    def broken(*args: object) -> None:
        raise RuntimeError("the notice could not be written")

    monkeypatch.setattr(notices, "assigned", broken)
    with pytest.raises(RuntimeError):
        suggestion_accept_and_assign(
            suggestion=s, units=[HandlingUnit(units["education"], Role.SOLE)], actor=staff
        )
    s.refresh_from_db()
    assert s.status == Status.SUBMITTED  # not even accepted: the one step is undone whole
    assert not Assignment.objects.filter(suggestion=s).exists()
    assert SuggestionEvent.objects.filter(suggestion=s).count() == events_before
    assert not Notification.objects.filter(kind="suggestion_assigned").exists()


def test_a_delivery_that_fails_after_the_commit_never_fails_the_request(
    api, file_suggestion, staff, units, lead, monkeypatch, django_capture_on_commit_callbacks
):
    from congress.notifications import tasks

    def broker_down(*args: object, **kwargs: object) -> None:
        raise ConnectionError("the broker is down")

    monkeypatch.setattr(tasks.deliver_outbox_message, "delay", broker_down)
    units["unit1"].email = "unit1@example.org"  # the unit's clerk is emailed at once
    units["unit1"].save(update_fields=["email"])
    NotificationPreference.objects.create(user=units["unit1"], email_digest=False)
    s = file_suggestion()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api(staff).post(
            f"/api/v1/suggestions/{s.pk}/assign/",
            {"units": [{"unit": units["education"].pk, "role": "sole"}]},
            format="json",
        )
    assert response.status_code == 200, response.json()
    assert callbacks  # delivery was handed over after the commit, and failed there
    assert Notification.objects.filter(recipient=lead.user, kind="suggestion_assigned").exists()
    # The clerk's email waits in the outbox for drain_outbox() to send it.
    waiting = OutboxMessage.objects.filter(notification__kind="assignment_new", digest=False)
    assert waiting.exists() and not waiting.exclude(status="pending").exists()
