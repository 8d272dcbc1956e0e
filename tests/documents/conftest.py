"""Fixtures for documents: the suggestion fixtures (units, staff, a deputy), a year of
suggestions for the yearly report, files kept in a temporary media root, and Celery run in the
test process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from suggestions.models import Suggestion
from suggestions.workflow import AssignmentStatus, Status
from tests.conftest import BEIJING
from tests.suggestions.conftest import area, lead, staff, units  # noqa: F401 - fixtures shared with suggestions
from tests.suggestions.follow_up import make_assignment, make_reply, make_suggestion

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def eager() -> Iterator[None]:
    """The task runs in the test process when queued (the real worker: test_worker.py)."""
    from congress.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def year_of_suggestions(lead: Any, area: Any, staff: Any, units: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """2026: three suggestions filed; 教育厅 replied one on time (A) and one late (C);
    交通运输厅 has one unanswered past its date. One filed in 2025 is not counted."""

    def filed(title: str, when: dt.datetime, status: str = Status.ASSIGNED) -> Suggestion:
        s = make_suggestion(lead=lead, area=area, staff=staff, title=title, status=status)
        # A replied suggestion has its replied_at (S§29), as the reply service sets it.
        replied_at = when + dt.timedelta(days=60) if status == Status.REPLIED else None
        Suggestion.objects.filter(pk=s.pk).update(submitted_at=when, replied_at=replied_at)
        return s

    education, transport = units["education"], units["transport"]
    on_time = make_assignment(
        filed("关于学校的建议", dt.datetime(2026, 2, 1, tzinfo=BEIJING), Status.REPLIED),
        education, staff=staff, assigned_on=D(2026, 2, 10), reply_due=D(2026, 5, 11),
    )  # fmt: skip
    make_reply(
        on_time,
        approved_at=dt.datetime(2026, 4, 1, 10, tzinfo=BEIJING),
        head=units["unit1head"],
        clerk=units["unit1"],
    )
    late = make_assignment(
        filed("关于教材的建议", dt.datetime(2026, 2, 2, tzinfo=BEIJING), Status.REPLIED),
        education, staff=staff, assigned_on=D(2026, 2, 10), reply_due=D(2026, 5, 11),
    )  # fmt: skip
    make_reply(
        late, approved_at=dt.datetime(2026, 6, 1, 10, tzinfo=BEIJING), head=units["unit1head"],
        clerk=units["unit1"], category="C",
    )  # fmt: skip
    make_assignment(
        filed("关于道路的建议", dt.datetime(2026, 3, 1, tzinfo=BEIJING)),
        transport, staff=staff, assigned_on=D(2026, 3, 10), reply_due=D(2026, 6, 10),
        status=AssignmentStatus.HANDLING,
    )  # fmt: skip
    filed("去年的建议", dt.datetime(2025, 12, 31, 23, tzinfo=BEIJING))
    return {"staff": staff}
