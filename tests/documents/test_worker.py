"""A real Celery worker on Redis makes a queued document and the row says so (skipped without
REDIS_URL, as the project's other worker tests)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from congress.documents import services
from congress.documents.models import GeneratedDocument, Kind
from congress.documents.sources import report_source
from tests.services import celery_worker_process

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_real_worker_generates_the_yearly_report(staff: Any, settings: Any, tmp_path: Any) -> None:
    report = services.report_open(kind=Kind.YEARLY_REPORT, year=2026, actor=staff)
    with celery_worker_process(extra_env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)}):
        document = services.document_request(
            kind=Kind.YEARLY_REPORT,
            source=report_source(report.latest()),
            fmt="pdf",
            actor=staff,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            document.refresh_from_db()
            if document.status in ("done", "failed"):
                break
            time.sleep(0.5)
    assert (document.status, document.progress) == ("done", 100), document.error
    assert document.file.read(5) == b"%PDF-"
    assert GeneratedDocument.objects.count() == 1
