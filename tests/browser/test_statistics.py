"""The statistics page in a real browser (issue 19): ECharts draws each chart from the page's
data island under the strict CSP, at a phone's width and a desk's; a click on a bar opens the
list behind it. STATISTICS_SCREENSHOTS=<dir> keeps the screenshots to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from congress.roles import Role
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.conftest import PASSWORD
from tests.suggestions.statistics_data import build_province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def province(make_user, make_unit, make_deputy, session):
    education, transport = make_unit("省教育厅"), make_unit("省交通运输厅")
    units = {
        "education": education,
        "transport": transport,
        "unit1": make_user("unit1", Role.UNIT_HANDLER, organisation=education),
        "unit1head": make_user("unit1head", Role.UNIT_HEAD, organisation=education),
    }
    staff = make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华")
    return build_province(
        lead=make_deputy("李明"), other_lead=make_deputy("赵强"), staff=staff, units=units, session=session
    )


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STATISTICS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("by", ["area", "unit", "year"])
def test_the_charts_are_drawn_under_the_csp_at_both_widths(
    browser, live_server, province, tmp_path, size, by
):
    context = browser.new_context(viewport=size, locale="zh-CN", is_mobile=size is PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, live_server.url, "staff1", PASSWORD)
    page.goto(f"{live_server.url}/reports/statistics/?by={by}&year=")
    charts = page.locator("[data-statistics-chart]")
    expected = 3 + (2 if by == "unit" else 3)  # the totals of three levels, the breakdown of each that has it
    assert charts.count() == expected
    for i in range(expected):
        charts.nth(i).locator("canvas").wait_for()
    assert errors == []
    # Nothing wider than the phone: the tables scroll inside their frame, the page does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    page.screenshot(path=str(_shots(tmp_path) / f"statistics-{by}-{size['width']}.png"), full_page=True)
    context.close()


def test_a_click_on_a_bar_opens_the_list_behind_it(browser, live_server, province):
    # Less motion, as a user can ask their system: the bars are drawn whole at once, so the click
    # does not race the growing animation.
    context = browser.new_context(viewport=DESKTOP, locale="en", reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, "staff1", PASSWORD)
    page.goto(f"{live_server.url}/reports/statistics/?year=")
    chart = page.locator('[data-statistics-chart="totals-suggestions"] canvas')
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None
    # The top bar is the first figure (filed): 7 suggestions; the axis lists the figures bottom-up,
    # so it is the last category. Its bar starts at the axis.
    first_row = page.locator('[data-statistics-chart="totals-suggestions"]').evaluate(
        "el => { const c = echarts.getInstanceByDom(el); const top = c.getOption().yAxis[0].data.length - 1;"
        " return c.convertToPixel({seriesIndex: 0}, [1, top]); }"
    )
    with page.expect_navigation():
        page.mouse.click(box["x"] + first_row[0], box["y"] + first_row[1])
    assert "/reports/statistics/items/" in page.url and "figure=filed" in page.url
    assert page.locator(".list-summary").inner_text().startswith("7")
    context.close()
