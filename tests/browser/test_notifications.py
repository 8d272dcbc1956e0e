import pytest

from congress.notifications.services import notify
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def deputy_with_mail(make_deputy, monkeypatch):
    from congress.notifications import tasks

    class NoBroker:
        # The pages are under test here, not delivery: keep wake-ups off any real queue.
        def delay(self, message_id: int) -> None:
            pass

    monkeypatch.setattr(tasks, "deliver_outbox_message", NoBroker())
    user = make_deputy("李明", phone="13900000001").user
    for subject in ["建议第0015号已答复，请评价", "建议第0012号已交办"]:
        notify(
            recipients=[user],
            kind="suggestion_replied",
            subject=subject,
            body="请在平台上查看答复。",
            link="/",
        )
    return user


def test_a_deputy_reads_a_notification_on_a_phone(phone_page, live_server, deputy_with_mail):
    page = phone_page
    sign_in(page, live_server.url, deputy_with_mail.username, PASSWORD)
    assert page.inner_text(".inbox-link__count") == "2 条未读"

    page.click(".inbox-link")
    assert page.inner_text("h1") == "通知"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_navigation():
        page.click("text=建议第0012号已交办")

    assert page.url == f"{live_server.url}/"
    assert page.inner_text(".inbox-link__count") == "1 条未读"


def test_the_preferences_fit_a_phone_and_save(phone_page, live_server, deputy_with_mail):
    page = phone_page
    sign_in(page, live_server.url, deputy_with_mail.username, PASSWORD)
    page.goto(f"{live_server.url}/notifications/preferences/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.check("#id_email_mode_1")
    page.fill("#id_phone", "137 0000 0007")
    with page.expect_navigation():
        page.click("text=保存设置")

    assert "通知方式已保存。" in page.inner_text("body")
    assert page.input_value("#id_phone") == "13700000007"
    assert page.is_checked("#id_email_mode_1")
