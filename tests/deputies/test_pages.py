"""The deputies' pages: each opens for who it is for and refuses the others; buttons are the
actions the table offers the user; a refusal is shown in place with its status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from congress.roles import Role
from deputies.services.inspections import inspection_forward
from deputies.services.leave import leave_request
from deputies.services.status import deputy_record_needs
from deputies.services.trainings import training_plan
from tests.conftest import PASSWORD
from tests.deputies.conftest import BEFORE, DURING, at

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    "name", ["list", "leaves", "leave-new", "sittings", "absences", "trainings", "training-new",
             "trainings-missing", "inspections", "inspection-new", "feedbacks", "archives"],
)  # fmt: skip
def test_the_committees_pages_open(client, staff, session, name):
    assert signed_in(client, staff).get(reverse(f"deputies:{name}")).status_code == 200


@pytest.mark.parametrize("role", [Role.STATION_STAFF, Role.REVIEW_COMMITTEE])
def test_only_deputies_and_the_staff_serving_them_get_the_leave_request_form(
    client, make_user, session, role
):
    # D§8: the deputy asks, staff enter the written request; the access matrix found others reaching it.
    user = make_user("outsider", role)
    assert signed_in(client, user).get(reverse("deputies:leave-new")).status_code == 403


def test_a_deputy_reaches_their_own_record_and_not_the_register(client, deputy, session):
    signed_in(client, deputy.user)
    response = client.get(reverse("deputies:mine"), follow=True)
    assert response.status_code == 200 and response.context["whole"]
    assert client.get(reverse("deputies:list")).status_code == 403
    assert client.get(reverse("deputies:detail", args=[deputy.pk])).status_code == 200


def test_the_deputys_page_offers_the_committee_the_status_steps_and_a_deputy_none(client, deputy, staff):
    page = signed_in(client, staff).get(reverse("deputies:detail", args=[deputy.pk]))
    assert set(page.context["forms"]) == {"suspend", "terminate", "record_needs"}
    own = signed_in(client, deputy.user).get(reverse("deputies:detail", args=[deputy.pk]))
    assert set(own.context["forms"]) == {"record_needs"}


def test_a_suspension_without_its_decision_is_shown_again_in_place(client, deputy, staff):
    signed_in(client, staff)
    response = client.post(
        reverse("deputies:suspend", args=[deputy.pk]),
        {"ground": "detained", "effective_on": "2026-01-05", "decision": "   "},
    )
    assert response.status_code in (200, 400)
    deputy.refresh_from_db()
    assert deputy.status == "active"


def test_the_wrong_body_is_refused_on_the_page_too(client, deputy, session, staff):
    with at(DURING):
        leave = leave_request(deputy=deputy, session=session, reason="病", actor=deputy.user)
        signed_in(client, staff)
        page = client.get(reverse("deputies:leave", args=[leave.pk]))
        assert page.context["decide_form"] is None
        response = client.post(
            reverse("deputies:leave-decide", args=[leave.pk]), {"approve": "true", "reason": ""}
        )
    assert response.status_code == 403


def test_the_secretariats_roll_call_records_the_ticked_present_and_the_others_absent(
    client, secretariat, deputy, colleague, sitting
):
    signed_in(client, secretariat)
    url = reverse("deputies:sitting", args=[sitting.pk])
    assert len(client.get(url).context["rows"]) == 2
    client.post(url, {"delegation": deputy.delegation_id, "present": [deputy.pk]})
    assert dict(sitting.attendance.values_list("deputy_id", "present")) == {
        deputy.pk: True,
        colleague.pk: False,
    }


def test_the_unit_inbox_lists_its_feedback_with_the_clock(client, make_inspection, staff, unit, clerk):
    inspection_forward(
        inspection=make_inspection(), bodies=[unit], received_on=dt.date(2021, 7, 1), actor=staff
    )
    page = signed_in(client, clerk).get(reverse("deputies:feedbacks"))
    (row,) = page.context["rows"]
    feedback, deadline, done = row
    assert (deadline.due, done) == (dt.date(2021, 10, 8), False)
    assert "2021-10-08" in page.content.decode()
    detail = client.get(reverse("deputies:feedback", args=[feedback.pk]))
    assert detail.context["form"] is not None


def test_the_units_navigation_links_its_feedback_inbox(client, clerk, deputy):
    link = reverse("deputies:feedbacks")
    assert link in signed_in(client, clerk).get(reverse("home")).content.decode()
    assert link not in signed_in(client, deputy.user).get(reverse("home")).content.decode()


def test_the_training_page_shows_the_organisers_the_needs_of_the_deputies_invited(client, staff, deputy):
    deputy_record_needs(deputy=deputy, language_needs="", custom_needs="清真饮食", actor=staff)
    deputy.refresh_from_db()
    training = training_plan(congress=deputy.congress, title="学习", kind="collective", date=dt.date(2026, 3, 1),
                             deputies=[deputy], actor=staff)  # fmt: skip
    assert (
        "清真饮食"
        in signed_in(client, staff).get(reverse("deputies:training", args=[training.pk])).content.decode()
    )


def test_the_archive_exports_to_excel_and_prints(client, deputy):
    signed_in(client, deputy.user)
    export = client.get(reverse("deputies:archive", args=[deputy.pk]) + "?year=2026&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("deputies:archive-print", args=[deputy.pk]) + "?year=2026").status_code == 200


def test_the_committees_yearly_export_and_publication(client, staff, deputy, session):
    signed_in(client, staff)
    export = client.get(reverse("deputies:archives") + "?year=2026&export=xlsx")
    assert export.status_code == 200
    client.post(reverse("deputies:archives") + "?year=2026")
    again = client.post(reverse("deputies:archives") + "?year=2026")
    assert again.status_code == 409


def test_a_directly_elected_deputy_drafts_edits_finalises_and_prints_the_report(client, deputy, colleague):
    deputy.directly_elected = True
    deputy.save()
    signed_in(client, deputy.user)
    response = client.post(reverse("deputies:report-new", args=[deputy.pk]), {"year": "2026"})
    report = deputy.constituent_reports.get()
    assert response.url == reverse("deputies:report", args=[report.pk])
    assert deputy.name in report.title and report.status == "draft"
    client.post(
        reverse("deputies:report-edit", args=[report.pk]), {"title": report.title, "body": "各位选民：……"}
    )
    client.post(reverse("deputies:report-finalise", args=[report.pk]))
    report.refresh_from_db()
    assert (report.body, report.status) == ("各位选民：……", "final")
    assert "各位选民" in client.get(reverse("deputies:report-print", args=[report.pk])).content.decode()
    signed_in(client, colleague.user)
    assert client.get(reverse("deputies:report", args=[report.pk])).status_code == 404


def test_a_deputy_not_elected_directly_has_no_report_to_draft(client, deputy):
    signed_in(client, deputy.user)
    response = client.post(reverse("deputies:report-new", args=[deputy.pk]), {"year": "2026"})
    assert response.status_code == 409
    assert not deputy.constituent_reports.exists()


def test_a_deputy_asks_leave_on_the_page(client, deputy, session):
    with at(BEFORE):
        signed_in(client, deputy.user)
        response = client.post(reverse("deputies:leave-new"), {"session": session.pk, "reason": "因病住院"})
    leave = deputy.leaves.get()
    assert response.url == reverse("deputies:leave", args=[leave.pk])
    assert leave.deciding_body == "chairpersons_meeting"
