"""The navigation fits: no section or menu entry beyond the screen, at desk and phone width."""

import pytest

from congress.roles import Role
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Every element of the navigation whose box is not inside [0, width].
OUTSIDE = """width => Array.from(document.querySelectorAll('.site-nav summary, .site-nav a'))
  .filter(el => el.getClientRects().length)
  .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
  .filter(([, r]) => r.left < 0 || r.right > width)
  .map(([text, r]) => `${text} ${Math.round(r.left)}–${Math.round(r.right)}`)"""


@pytest.fixture
def demo_roles(make_user, make_deputy, unit):
    make_user("staff1", Role.COMMITTEE_STAFF, is_superuser=True)  # the longest menu there is
    make_user("unit1", Role.UNIT_HANDLER, organisation=unit)
    make_user("station1", Role.STATION_STAFF)
    deputy = make_deputy("李明")
    deputy.user.username = "deputy1"
    deputy.user.save()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("username", ["staff1", "deputy1", "unit1", "station1"])
def test_no_navigation_element_lies_beyond_the_screen(browser, live_server, demo_roles, username, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    try:
        sign_in(page, live_server.url, username, PASSWORD)
        width = viewport["width"]
        assert page.evaluate(OUTSIDE, width) == []
        for summary in page.locator(".site-nav summary").all():
            summary.click()
            panel = summary.locator("xpath=following-sibling::ul")
            assert panel.is_visible()
            assert page.evaluate(OUTSIDE, width) == [], summary.inner_text()
    finally:
        context.close()


def test_a_menu_opens_with_the_keyboard_and_marks_the_current_section(desktop_page, live_server, demo_roles):
    sign_in(desktop_page, live_server.url, "staff1", PASSWORD)
    desktop_page.goto(f"{live_server.url}/suggestions/review/")
    current = desktop_page.locator(".site-nav summary[aria-current=true]")
    assert current.inner_text() == "代表建议"
    current.focus()
    desktop_page.keyboard.press("Enter")
    assert desktop_page.locator(".site-nav details[open] a[aria-current=page]").is_visible()
    desktop_page.keyboard.press("Escape")
    assert desktop_page.locator(".site-nav details[open]").count() == 0


def test_deputies_do_not_see_the_api_docs_and_staff_find_them_in_the_footer(
    desktop_page, live_server, demo_roles
):
    sign_in(desktop_page, live_server.url, "deputy1", PASSWORD)
    assert desktop_page.locator("a[href='/api/docs/']").count() == 0
    desktop_page.context.clear_cookies()
    sign_in(desktop_page, live_server.url, "staff1", PASSWORD)
    assert desktop_page.locator(".site-nav a[href='/api/docs/']").count() == 0
    assert desktop_page.locator(".site-footer a[href='/api/docs/']").is_visible()
