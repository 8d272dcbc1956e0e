# ruff: noqa: F811
"""The secretariat keeps a sitting's roll call on a tablet (D§8): one delegation at a time, a
large toggle per deputy, a tap unticks whoever is absent, and one button records the lot."""

from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

# The deputies' fixtures live beside their tests; the test's parameters name them again.
from tests.deputies.conftest import colleague, committee_body, deputy, secretariat, sitting  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABLET = {"width": 820, "height": 1180}  # an iPad Air held upright
TOUCH_TARGET_PX = 44  # the smallest a finger hits reliably (WCAG 2.5.5, Apple's guidelines)


@pytest.fixture
def tablet_page(browser: Any) -> Any:
    context = browser.new_context(viewport=TABLET, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_roll_call_is_kept_on_a_tablet_by_tapping(
    tablet_page: Any, live_server: Any, secretariat: Any, deputy: Any, colleague: Any, sitting: Any
) -> None:
    page = tablet_page
    sign_in(page, live_server.url, secretariat.username, PASSWORD)
    page.goto(f"{live_server.url}/deputies/sittings/{sitting.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    toggles = page.locator(".rollcall__toggle")
    assert toggles.count() == 2
    for box in toggles.all():
        assert box.bounding_box()["height"] >= TOUCH_TARGET_PX
    page.locator(".rollcall__toggle", has_text=colleague.name).tap()  # absent: untick
    with page.expect_navigation():
        page.get_by_role("button", name="登记：勾选者出席，其余缺席").tap()
    assert dict(sitting.attendance.values_list("deputy_id", "present")) == {
        deputy.pk: True,
        colleague.pk: False,
    }
    assert page.locator(".rollcall__toggle", has_text=colleague.name).locator(".badge--overdue").is_visible()
