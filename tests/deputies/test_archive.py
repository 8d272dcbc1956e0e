"""The performance archive (D§43), computed from what the portal holds: the counts match the
items made here, nothing is counted twice (a merged suggestion co-signed counts once), and the
page and API cost the same number of queries however many items there are."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deputies.models import Attendance, Inspection, Leave, Sitting, Training, TrainingInvitation
from deputies.selectors.archive import CATEGORIES, Span, archive_of, archives_of_term
from deputies.selectors.archive_items import archive_items, counted, every_archive_item
from deputies.services.archive import archive_publish, report_create
from liaison_stations.models import Reception, Station
from motions.models import CoSignature, Motion
from suggestions.models import CoSigner, SubjectArea, Suggestion
from tests.conftest import BEIJING
from tests.helpers import refused

pytestmark = pytest.mark.django_db

numbers = itertools.count(1)


def moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), BEIJING)


@pytest.fixture
def make(deputy, colleague, staff, session, committee_body) -> Any:
    """Records of every kind, made directly: the archive only reads them."""
    area = SubjectArea.objects.get_or_create(name="教育")[0]
    station = Station.objects.create(
        name="坞城街道人大代表联络站", city="太原", county="小店区", host_body="坞城街道工作委员会",
        host_kind="subdistrict_committee", address="坞城路 1 号", opening_hours="每周三",
    )  # fmt: skip

    class Make:
        def suggestion(self, lead, day, *, cosigners=(), status="accepted", merged_into=None) -> Suggestion:
            n = next(numbers)
            s = Suggestion.objects.create(
                congress=lead.congress, title=f"建议{n}", body="…", subject_area=area, lead_deputy=lead,
                entered_by=staff, status=status, number=n, number_scope="test", submitted_at=moment(day),
                merged_into=merged_into,
            )  # fmt: skip
            for d in cosigners:
                CoSigner.objects.create(suggestion=s, deputy=d, status="confirmed", confirmed_version=1)
            return s

        def motion(self, lead, day, *, cosigners=(), version=1) -> Motion:
            n = next(numbers)
            m = Motion.objects.create(
                session=session, kind="joint", status="submitted", title=f"议案{n}", category="other",
                lead_deputy=lead, created_by=staff, number=n, submitted_at=moment(day), text_version=version,
            )  # fmt: skip
            for d in cosigners:
                CoSignature.objects.create(
                    motion=m,
                    deputy=d,
                    invited_by=staff,
                    answered_at=moment(day),
                    confirmed_version=1,
                    status="confirmed",
                )
            return m

        def reception(self, day, deputies, status="held") -> Reception:
            r = Reception.objects.create(
                station=station,
                starts_at=moment(day),
                ends_at=moment(day) + dt.timedelta(hours=4),
                status=status,
            )
            r.deputies.set(deputies)
            return r

        def inspection(self, day, deputies, status="reported") -> Inspection:
            i = Inspection.objects.create(
                congress=deputy.congress, title="视察", organiser=committee_body, date=day, status=status,
                report="报告" if status != "planned" else "", created_by=staff,
            )  # fmt: skip
            i.deputies.set(deputies)
            return i

        def training(self, day, attended, invited=(), status="held") -> Training:
            t = Training.objects.create(
                congress=deputy.congress, title="学习", date=day, status=status, created_by=staff
            )
            for d in attended:
                TrainingInvitation.objects.create(training=t, deputy=d, attended=True)
            for d in invited:
                TrainingInvitation.objects.create(training=t, deputy=d, attended=False)
            return t

        def sitting(self, on_session, day, present=(), absent=()) -> Sitting:
            s = Sitting.objects.create(session=on_session, date=day, name=f"第{next(numbers)}次全体会议")
            for d in present:
                Attendance.objects.create(sitting=s, deputy=d, present=True, recorded_by=staff)
            for d in absent:
                Attendance.objects.create(sitting=s, deputy=d, present=False, recorded_by=staff)
            return s

    return Make()


D = dt.date(2026, 3, 2)


def test_every_count_matches_the_items_made_and_counts_only_what_took_place(make, deputy, colleague, session):
    make.suggestion(deputy, D)
    make.suggestion(colleague, D, cosigners=[deputy])
    make.suggestion(colleague, D, cosigners=[])  # not the deputy's
    make.motion(deputy, D)
    make.motion(colleague, D, cosigners=[deputy])
    make.motion(colleague, D, cosigners=[deputy], version=2)  # signed a text since changed (M§12)
    make.reception(D, [deputy])
    make.reception(D, [deputy], status="scheduled")
    make.inspection(D, [deputy])
    make.inspection(D, [deputy], status="planned")
    make.training(D, [deputy])
    make.training(D, [], invited=[deputy])
    make.sitting(session, dt.date(2026, 1, 25), present=[deputy])
    make.sitting(session, dt.date(2026, 1, 26), present=[deputy])
    make.sitting(session, dt.date(2026, 1, 27), absent=[deputy])
    archive = archive_of(deputy.pk, Span(deputy.congress, 2026))
    assert archive.total == {
        "suggestions_filed": 1, "suggestions_cosigned": 1, "motions_filed": 1, "motions_cosigned": 1,
        "interpellations": 0, "recalls": 0, "investigation_proposals": 0, "receptions": 1, "inspections": 1, "trainings": 1, "sessions_attended": 1,
        "leaves": 0, "absences": 1,
    }  # fmt: skip


def test_a_merged_suggestion_co_signed_counts_once(make, deputy, colleague, make_deputy):
    third = make_deputy("张伟")
    target = make.suggestion(colleague, D, cosigners=[deputy])
    make.suggestion(third, D, cosigners=[deputy], status="merged", merged_into=target)
    only_merged = make.suggestion(third, D)
    make.suggestion(colleague, D, cosigners=[deputy], status="merged", merged_into=only_merged)
    span = Span(deputy.congress, 2026)
    assert archive_of(deputy.pk, span).total["suggestions_cosigned"] == 2
    items = archive_items(deputy, span, "suggestions_cosigned")
    assert len(items) == 3 and counted(items) == 2
    assert any("merged" in i.outcome or "合并" in i.outcome for i in items)


def test_a_matter_the_deputy_filed_is_not_counted_again_as_co_signed(make, deputy, colleague):
    target = make.suggestion(colleague, D, cosigners=[deputy])
    make.suggestion(deputy, D, status="merged", merged_into=target)
    counts = archive_of(deputy.pk, Span(deputy.congress, 2026)).total
    assert (counts["suggestions_filed"], counts["suggestions_cosigned"]) == (1, 0)


def test_every_item_at_once_is_each_category_read_alone_with_what_was_filed_read_once(
    make, deputy, colleague, make_deputy
):
    target = make.suggestion(colleague, D, cosigners=[deputy])
    make.suggestion(deputy, D, status="merged", merged_into=target)
    make.suggestion(make_deputy("张伟"), D, cosigners=[deputy])
    make.motion(deputy, D)
    make.motion(colleague, D, cosigners=[deputy])
    span = Span(deputy.congress, 2026)
    alone = {category: archive_items(deputy, span, category) for category in CATEGORIES}
    with CaptureQueriesContext(connection) as together:
        every = every_archive_item(deputy, span)
    assert every == alone
    assert [counted(every[c]) for c in ("suggestions_filed", "suggestions_cosigned")] == [1, 1]
    with CaptureQueriesContext(connection) as one_by_one:
        for category in CATEGORIES:
            archive_items(deputy, span, category)
    assert len(together) == len(one_by_one) - 2  # the filed suggestions and motions, once each


def test_a_session_attended_counts_once_and_approved_leave_excuses_the_absence(make, deputy, session, staff):
    make.sitting(session, dt.date(2026, 1, 25), present=[deputy])
    make.sitting(session, dt.date(2026, 1, 26), absent=[deputy])
    Leave.objects.create(
        deputy=deputy, session=session, reason="病", status="approved", deciding_body="secretariat"
    )
    counts = archive_of(deputy.pk, Span(deputy.congress, 2026)).total
    assert (counts["sessions_attended"], counts["leaves"], counts["absences"]) == (1, 1, 0)


def test_the_term_adds_the_years_and_a_year_only_its_own(make, deputy):
    make.reception(dt.date(2025, 12, 31), [deputy])
    make.reception(dt.date(2026, 1, 1), [deputy])
    archive = archive_of(deputy.pk, Span(deputy.congress))
    assert archive.years[2025]["receptions"] == archive.years[2026]["receptions"] == 1
    assert archive.total["receptions"] == 2


def test_a_filing_late_on_new_years_eve_belongs_to_that_year_in_beijing(make, deputy):
    suggestion = make.suggestion(deputy, D)
    Suggestion.objects.filter(pk=suggestion.pk).update(
        submitted_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=BEIJING)
    )
    archive = archive_of(deputy.pk, Span(deputy.congress))
    assert (archive.years[2025]["suggestions_filed"], archive.years[2026]["suggestions_filed"]) == (1, 0)


def test_the_yearly_export_counts_each_deputy_as_their_own_page_does(make, deputy, colleague):
    make.suggestion(deputy, D, cosigners=[colleague])
    make.reception(D, [deputy, colleague])
    span = Span(deputy.congress, 2026)
    every = archives_of_term(span, [deputy.pk, colleague.pk])
    for who in (deputy, colleague):
        assert every[who.pk].total == archive_of(who.pk, span).total


# --- Who sees it (WORKFLOWS.md §7) ----------------------------------------------------------------


def test_the_api_answers_the_fields_of_the_contract(api, make, deputy):
    make.suggestion(deputy, D)
    body = api(deputy.user).get(f"/api/v1/deputies/{deputy.pk}/archive/", {"year": 2026}).json()
    assert body["suggestions_filed"] == 1 and body["year"] == 2026
    for field in ("suggestions_cosigned", "motions_filed", "motions_cosigned", "interpellations", "receptions",
                  "inspections", "trainings", "sessions_attended", "absences"):  # fmt: skip
        assert body[field] == 0


def test_the_committee_and_the_delegation_see_a_deputys_archive_and_another_deputy_does_not(
    api, deputy, colleague, staff, dele_staff, client
):
    path = f"/api/v1/deputies/{deputy.pk}/archive/?year=2026"
    assert api(staff).get(path).status_code == 200
    assert api(dele_staff).get(path).status_code == 200
    assert api(colleague.user).get(path).status_code == 404
    assert api().get(path).status_code == 404
    client.force_login(colleague.user)
    assert client.get(reverse("deputies:archive", args=[deputy.pk])).status_code == 404


def test_the_public_reads_a_year_the_congress_published(api, make, deputy, staff, client):
    make.reception(D, [deputy])
    archive_publish(congress=deputy.congress, year=2026, actor=staff)
    body = api().get(f"/api/v1/deputies/{deputy.pk}/archive/", {"year": 2026}).json()
    assert body["receptions"] == 1
    assert api().get(f"/api/v1/deputies/{deputy.pk}/archive/", {"year": 2025}).status_code == 404
    page = client.get(reverse("deputies:archive", args=[deputy.pk]) + "?year=2026")
    assert page.status_code == 200 and not page.context["whole"]


def test_a_year_is_published_once(deputy, staff):
    archive_publish(congress=deputy.congress, year=2026, actor=staff)
    with refused("already_published"):
        archive_publish(congress=deputy.congress, year=2026, actor=staff)


def test_a_year_outside_the_term_is_refused(api, deputy):
    response = api(deputy.user).get(f"/api/v1/deputies/{deputy.pk}/archive/", {"year": "1999"})
    assert (response.status_code, response.json()["code"]) == (400, "year_invalid")


# --- Query budgets: they must not grow with the rows ----------------------------------------------


def fill(make, deputy, colleague, session, n: int) -> None:
    for i in range(n):
        day = D + dt.timedelta(days=i)
        target = make.suggestion(colleague, day, cosigners=[deputy])
        make.suggestion(deputy, day, status="merged", merged_into=target)
        make.motion(colleague, day, cosigners=[deputy])
        make.reception(day, [deputy])
        make.inspection(day, [deputy])
        make.training(day, [deputy])
        make.sitting(session, dt.date(2026, 1, 25), present=[deputy], absent=[colleague])


def queries(request) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = request()
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("show", ["", "suggestions_cosigned"])
def test_the_archive_page_and_api_cost_the_same_queries_for_3_or_30_items(
    make, deputy, colleague, session, client, api, show
):
    client.force_login(deputy.user)
    page = reverse("deputies:archive", args=[deputy.pk]) + f"?year=2026&show={show}"
    path = f"/api/v1/deputies/{deputy.pk}/archive/?year=2026"
    fill(make, deputy, colleague, session, 3)
    few = (queries(lambda: client.get(page)), queries(lambda: api(deputy.user).get(path)))
    fill(make, deputy, colleague, session, 27)
    many = (queries(lambda: client.get(page)), queries(lambda: api(deputy.user).get(path)))
    assert few == many
    assert many[0] <= 20 and many[1] <= 12


def test_one_report_to_the_voters_a_year_and_only_by_the_deputy(deputy, colleague):
    """D§43: a deputy elected directly by the voters reports to them; a provincial deputy,
    elected by a city's congress, has no voters to report to."""
    with refused("not_directly_elected"):
        report_create(deputy=deputy, year=2026, actor=deputy.user)
    deputy.directly_elected = True
    deputy.save()
    report_create(deputy=deputy, year=2026, actor=deputy.user)
    with refused("report_exists"):
        report_create(deputy=deputy, year=2026, actor=deputy.user)
    with refused("permission_denied"):
        report_create(deputy=deputy, year=2025, actor=colleague.user)
