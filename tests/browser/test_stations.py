# ruff: noqa: F811
"""A station clerk on a phone: a visitor registered at a reception, the matter forwarded and
answered; the public board then shows the answer and never the visitor. And the pages' small
behaviours (static/js/portal.js) under a Content-Security-Policy that allows no inline script."""

import datetime as dt

import pytest
from django.utils import timezone

from liaison_stations.models import Opinion
from liaison_stations.services.receptions import reception_schedule
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

# The station fixtures live beside the station tests; importing them makes them available
# here, and the test's parameters then name them again (F811 is pytest's way, not a bug).
from tests.liaison_stations.conftest import at, clerk, deputy, make_station, point, station  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def yesterdays_reception(clerk, station, deputy):
    day = timezone.localdate() - dt.timedelta(days=1)
    return reception_schedule(
        venue=station,
        kind="regular",
        starts_at=at(day, 8, 30),
        ends_at=at(day, 12, 30),
        deputies=[deputy],
        actor=clerk,
    )


def test_a_visitor_registered_on_a_phone_is_forwarded_answered_and_published(
    phone_page, live_server, yesterdays_reception, station, deputy
):
    page = phone_page
    sign_in(page, live_server.url, "station1", PASSWORD)

    page.goto(f"{live_server.url}/stations/receptions/{yesterdays_reception.pk}/")
    page.get_by_role("link", name="登记来访群众").click()
    page.fill("#id_visitor_name", "王秀英")
    page.fill("#id_visitor_contact", "13912345678")
    page.fill("#id_matter", "小区北门外道路坑洼，雨天积水。")
    page.select_option("#id_category", "urban_construction")
    assert page.get_by_label(deputy.name).is_checked()  # the deputies on the reception
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_navigation():
        page.get_by_role("button", name="保存", exact=True).click()
    opinion = Opinion.objects.get()
    assert opinion.tracking_code in page.inner_text("[role=status], .messages")

    page.fill("#id_summary", "小区北门外道路积水，影响出行。")
    page.select_option("#id_category", "urban_construction")
    with page.expect_navigation():
        page.get_by_role("button", name="保存摘要").click()
    page.fill("#id_body_name", "小店区住房和城乡建设局")
    with page.expect_navigation():
        page.get_by_role("button", name="转办", exact=True).click()
    assert "答复期限" in page.inner_text("body")
    page.fill("#id_answer", "区住建局已安排修补，并增设排水口。")
    with page.expect_navigation():
        page.locator("form[action$='/answer/'] button[type=submit]").click()
    opinion.refresh_from_db()
    assert opinion.status == "answered"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"{live_server.url}/stations/{station.pk}/")
    board = page.inner_text("#matters")
    assert "区住建局已安排修补" in board
    body = page.inner_text("body")
    assert "王秀英" not in body and "13912345678" not in body


@pytest.fixture
def under_policy(phone_page):
    """Every answer served with a policy that allows the portal's own scripts and nothing inline;
    what the policy blocks is collected."""
    blocked: list[str] = []

    def with_policy(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'; object-src 'none'"}
        route.fulfill(response=response, headers=headers)

    phone_page.route("**/*", with_policy)
    phone_page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return phone_page, blocked


def test_the_station_pages_work_under_a_policy_without_inline_script(
    under_policy, live_server, clerk, station, point
):
    page, blocked = under_policy
    sign_in(page, live_server.url, "station1", PASSWORD)

    page.goto(f"{live_server.url}/stations/receptions/new/?station={station.pk}")
    with page.expect_navigation():
        page.select_option("#venue", str(point.pk))  # data-autosubmit
    assert f"station={point.pk}" in page.url
    assert page.locator("#venue").input_value() == str(point.pk)

    page.goto(f"{live_server.url}/stations/{station.pk}/qr/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="打印").click()  # data-print, shown by the script
    assert page.evaluate("window.printed") == 1

    # data-check-all, for the lists that offer it: ticks every box of its name in its form.
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend", `<form id="picks">
        <input type="checkbox" id="all" data-check-all="ids">
        <input type="checkbox" name="ids" value="1"><input type="checkbox" name="ids" value="2"></form>`)"""
    )
    page.check("#all")
    assert page.evaluate("[...document.querySelectorAll('#picks [name=ids]')].every(b => b.checked)")
    page.uncheck("#picks [name=ids][value='2']")
    assert page.evaluate("document.getElementById('all').indeterminate")
    assert blocked == []
