"""History is append-only in the database itself (issue 14): on PostgreSQL a trigger refuses
an UPDATE or DELETE of a history row, whatever code or person attempts it."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from deputies.models import Event as DeputyEvent
from liaison_stations.models import Event as StationEvent
from motions.models import InterpellationEvent, InvestigationEvent, MotionEvent, RecallEvent
from suggestions.models import SuggestionEvent

pytestmark = pytest.mark.django_db

HISTORY = [
    SuggestionEvent,
    MotionEvent,
    InterpellationEvent,
    RecallEvent,
    InvestigationEvent,
    StationEvent,
    DeputyEvent,
]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's (production); SQLite's tests empty tables with DELETE")


@pytest.mark.parametrize("model", HISTORY, ids=lambda m: m._meta.label)
def test_every_history_table_carries_the_trigger(postgresql, model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [model._meta.db_table],
        )
        assert [row[0] for row in cursor.fetchall()] == [f"{model._meta.db_table}_append_only"]


def test_a_written_event_can_be_neither_changed_nor_removed(postgresql, file_suggestion_event):
    event = file_suggestion_event
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        SuggestionEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        SuggestionEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        event.suggestion.delete()  # a record with history stays, with it
    event.refresh_from_db()
    assert event.note == ""


def test_new_history_is_still_written(postgresql, file_suggestion_event):
    before = SuggestionEvent.objects.count()
    SuggestionEvent.objects.create(
        suggestion=file_suggestion_event.suggestion, action="edit", at=file_suggestion_event.at
    )
    assert SuggestionEvent.objects.count() == before + 1


@pytest.fixture
def file_suggestion_event(lead, area):
    from suggestions.services.filing import suggestion_create

    suggestion = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="关于农村教师的建议",
        body="b",
        subject_area=area,
        session=None,
    )
    return SuggestionEvent.objects.filter(suggestion=suggestion).first()
