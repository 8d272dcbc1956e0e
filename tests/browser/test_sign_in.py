import pytest

from congress.roles import Role
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_deputy1_signs_in_on_a_phone_and_sees_the_chinese_home_page(phone_page, live_server, make_deputy):
    deputy = make_deputy("李明")
    deputy.user.username = "deputy1"
    deputy.user.save()

    sign_in(phone_page, live_server.url, "deputy1", PASSWORD)

    assert phone_page.url == f"{live_server.url}/"
    body = phone_page.inner_text("body")
    assert "欢迎，李明" in body
    assert "太原代表团" in body
    assert phone_page.locator("html").get_attribute("lang") == "zh-hans"
    # Nothing overflows a phone screen sideways.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_wrong_password_keeps_the_user_on_the_form_with_a_message(desktop_page, live_server, make_user):
    make_user("staff1", Role.COMMITTEE_STAFF)
    sign_in(desktop_page, live_server.url, "staff1", "wrong-password")
    assert "/accounts/login/" in desktop_page.url
    assert desktop_page.locator("[role=alert]").is_visible()
    assert desktop_page.input_value("#id_username") == "staff1"
