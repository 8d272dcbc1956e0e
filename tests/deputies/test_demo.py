"""The demo: on a fresh `make run`, deputy1's archive of the year is full, a unit has feedback
owed, one late on the overdue board, and a deputy is flagged under D§46(3)."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from congress.deadlines.overdue import overdue_board
from deputies.models import Deputy, Feedback, Training
from deputies.selectors.archive import Span, archive_of
from deputies.selectors.attendance import flagged

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-12-02 10:00 +0800", tick=False)
def test_deputy1s_archive_is_full_and_a_second_run_adds_nothing():
    call_command("seed_demo", password="demo-pass-1")
    deputy = Deputy.objects.get(user__username="deputy1")
    counts = archive_of(deputy.pk, Span(deputy.congress, 2026)).total
    for category in ("suggestions_filed", "suggestions_cosigned", "motions_filed", "receptions", "inspections",
                     "trainings", "sessions_attended"):  # fmt: skip
        assert counts[category] >= 1, category
    assert deputy.directly_elected
    assert Feedback.objects.filter(body__name="省教育厅", status="pending").exists()
    board = overdue_board(dt.date(2026, 12, 2))
    assert any("inspection_feedback" in row.cells for row in board.rows)
    assert len(flagged(deputy.congress_id)) == 1
    trainings = Training.objects.count()
    call_command("seed_demo", password="demo-pass-1")
    assert Training.objects.count() == trainings
