"""The pages: the reports list opens a report, a document's page shows its progress with the
polling script from a static file (no inline script), the notices page lists only the unit's
own unit to a unit, and each needs its role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from congress.documents.models import GeneratedDocument, Kind, Report
from tests.documents.conftest import D
from tests.suggestions.follow_up import make_assignment, make_suggestion

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_committee_opens_the_yearly_report_from_the_list(staff: Any, client: Any) -> None:
    client.force_login(staff)
    assert client.get(reverse("documents:reports"), **EN).status_code == 200
    response = client.post(reverse("documents:reports"), {"kind": Kind.YEARLY_REPORT, "year": "2026"})
    report = Report.objects.get()
    assert response.url == reverse("documents:report", args=[report.pk])
    page = client.get(response.url, **EN)
    assert page.status_code == 200 and "Save as a new version" in page.content.decode()
    assert report.year == 2026 and report.versions.count() == 1


def test_the_progress_page_polls_with_a_static_script(staff: Any, client: Any) -> None:
    document = GeneratedDocument.objects.create(
        kind=Kind.YEARLY_REPORT, source="report:1:1", format="pdf", title="t", requested_by=staff, progress=40,
        status="running",
    )  # fmt: skip
    Report.objects.create(pk=1, kind=Kind.YEARLY_REPORT, year=2026, created_by=staff)
    client.force_login(staff)
    page = client.get(reverse("documents:document", args=[document.pk]), **EN).content.decode()
    assert 'src="/static/js/documents.js"' in page
    assert f'data-document-status="{reverse("documents:status", args=[document.pk])}"' in page
    assert "<script>" not in page  # CSP: no inline script
    status = client.get(reverse("documents:status", args=[document.pk])).json()
    assert (status["status"], status["progress"], status["url"]) == ("running", 40, "")
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 404  # not ready


def test_a_unit_sees_only_its_own_unit_for_notices_and_a_deputy_no_page(
    units: dict[str, Any], lead: Any, client: Any, make_user: Any
) -> None:
    client.force_login(units["unit1"])
    page = client.get(reverse("documents:notices"), **EN)
    assert page.status_code == 200
    assert set(page.context["units"]) <= {units["education"]}
    client.force_login(lead.user)
    assert client.get(reverse("documents:notices")).status_code == 404
    assert client.get(reverse("documents:reports")).status_code == 404


def test_staff_choose_among_the_units_that_were_assigned_something_each_once(
    units: dict[str, Any], staff: Any, lead: Any, area: Any, client: Any, make_unit: Any
) -> None:
    make_unit("省财政厅")  # never assigned anything: not offered
    for _ in range(2):
        suggestion = make_suggestion(lead=lead, area=area, staff=staff)
        for unit in (units["education"], units["transport"]):
            make_assignment(suggestion, unit, staff=staff, assigned_on=D(2026, 3, 2), reply_due=D(2026, 6, 2))
    client.force_login(staff)
    page = client.get(reverse("documents:notices"), **EN)
    assert list(page.context["units"]) == sorted(
        [units["education"], units["transport"]], key=lambda u: u.name
    )


def test_asking_for_a_document_of_no_record_is_a_404(staff: Any, client: Any) -> None:
    client.force_login(staff)
    for kind, source in ((Kind.YEARLY_REPORT, "report:99:1"), (Kind.ASSIGNMENT_NOTICE, "notice:99:99")):
        response = client.post(reverse("documents:new"), {"kind": kind, "source": source, "format": "pdf"})
        assert response.status_code == 404
    assert (
        client.post(reverse("documents:new"), {"kind": "x", "source": "../etc", "format": "pdf"}).status_code
        == 404
    )
    assert GeneratedDocument.objects.count() == 0
