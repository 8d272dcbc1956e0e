"""The review report (审查报告, M§16–M§19) as an official paper, made by the documents machinery
like the session analysis and the M§26 report: issued and signed by the committee, addressed
to the presidium, a draft until the committee adopts it; every deputy may have it."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from congress.documents import services
from congress.documents.models import GeneratedDocument, Kind
from congress.documents.sources import review_source
from congress.roles import Role
from motions.services import intake, review
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


def _paper(client: Any, session: Any) -> tuple[list[str], list[str]]:
    response = client.get(reverse("documents:now", args=[Kind.REVIEW_REPORT, review_source(session.pk)]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs], cells


@pytest.fixture
def merged(filed: Callable[..., Any], secretariat: Any, meeting: Any, committee: list[Any]) -> list[Any]:
    first, second = (intake.motion_send_to_review(motion=filed(), actor=secretariat) for _ in range(2))
    review.motion_merge(
        motion=second, into=first, actor=committee[0].user, meeting=meeting, reason="内容相同"
    )
    return [first, second]


def test_a_draft_review_report_is_marked_as_such_and_names_the_merged_motions(
    client: Any, merged: list[Any], session: Any, lead: Any
) -> None:
    assert client.login(username=lead.user.username, password=PASSWORD)
    texts, cells = _paper(client, session)
    assert texts[0] == "草稿"
    assert any(t.endswith("代表议案审查委员会") for t in texts)  # the issuer, and the signer
    assert "大会主席团：" in texts
    assert any("0001号与0002号" in t for t in texts)  # the merge, in the running text
    assert "0001号与0002号" in cells  # and the one remaining line of the table
    assert GeneratedDocument.objects.count() == 0  # made in the request, not kept


def test_the_adopted_report_is_dated_the_day_the_committee_adopted_it(
    client: Any, merged: list[Any], session: Any, lead: Any, meeting: Any, adopt: Callable[..., Any]
) -> None:
    for motion in merged[:1]:
        review.motion_recommend(motion=motion, actor=meeting.convened_by.user, meeting=meeting, kind="agenda")
    adopt(meeting)
    assert client.login(username=lead.user.username, password=PASSWORD)
    texts, _cells = _paper(client, session)
    assert "草稿" not in texts
    assert "2026年1月27日" in texts  # REVIEW_DAY, the meeting that adopted it


def test_every_deputy_may_have_the_pdf_and_station_staff_may_not(
    client: Any, merged: list[Any], session: Any, deputies: list[Any], make_user: Callable[..., Any]
) -> None:
    source = review_source(session.pk)
    assert client.login(username=deputies[5].user.username, password=PASSWORD)
    response = client.post(
        reverse("documents:new"), {"kind": Kind.REVIEW_REPORT, "source": source, "format": "pdf"}
    )
    document = GeneratedDocument.objects.get()
    assert response.url == reverse("documents:document", args=[document.pk])
    assert document.title.endswith("代表提出议案审查结果的报告")
    assert services.render(Kind.REVIEW_REPORT, source, "pdf").startswith(b"%PDF")

    client.force_login(make_user("station", Role.STATION_STAFF))
    asked = {"kind": Kind.REVIEW_REPORT, "source": source, "format": "pdf"}
    assert client.post(reverse("documents:new"), asked).status_code == 404
    assert client.get(reverse("documents:now", args=[Kind.REVIEW_REPORT, source])).status_code == 404
    assert client.get(reverse("motions:report", args=[session.pk])).status_code == 403
