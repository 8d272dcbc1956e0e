"""Fixtures for documents: the suggestion fixtures (units, staff, a deputy), files kept in a
temporary media root, and Celery run in the test process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.suggestions.conftest import area, lead, staff, units  # noqa: F401 - fixtures shared with suggestions


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
