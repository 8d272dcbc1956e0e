import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.notifications.models import Notification, NotificationPreference
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

INBOX = "/notifications/"


@pytest.fixture
def signed_in(client, deputy):
    assert client.login(username=deputy.username, password=PASSWORD)
    return client


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_inbox_is_in_chinese_and_shows_unread_first(signed_in, notify_one, deputy, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    notify_one(deputy, subject="较早的未读通知")
    time_machine.move_to("2026-03-02 10:00 +08:00", tick=False)
    [read] = notify_one(deputy, subject="已读的新通知")
    read.read_at = read.created
    read.save()

    html = html_of(signed_in.get(INBOX))

    assert "<h1>通知</h1>" in html
    assert "显示：全部 · 共 2 条" in html
    assert html.index("较早的未读通知") < html.index("已读的新通知")
    assert "2026年3月2日 09:00" in html
    assert "查看并标为已读" in html


def test_the_unread_filter_shows_only_unread(signed_in, notify_one, deputy):
    notify_one(deputy, subject="未读的通知")
    [read] = notify_one(deputy, subject="已读的通知")
    read.read_at = read.created
    read.save()

    html = html_of(signed_in.get(INBOX + "?show=unread"))
    assert "显示：未读 · 共 1 条" in html
    assert "未读的通知" in html
    assert "已读的通知" not in html


def test_the_inbox_pages_by_twenty(signed_in, notify_one, deputy):
    for i in range(25):
        notify_one(deputy, subject=f"第{i:02d}条")
    first = html_of(signed_in.get(INBOX))
    assert "第 1 页，共 2 页" in first
    assert "下一页" in first
    second = html_of(signed_in.get(INBOX + "?page=2"))
    assert second.count('class="inbox__item') == 5


def test_opening_a_notification_marks_it_read_and_goes_to_its_link(signed_in, notify_one, deputy):
    [notification] = notify_one(deputy, link="/suggestions/12/")
    response = signed_in.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == "/suggestions/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_without_a_link_returns_to_the_same_list(signed_in, notify_one, deputy):
    [notification] = notify_one(deputy, link="")
    response = signed_in.post(
        reverse("notifications:open", args=[notification.pk]), {"next": INBOX + "?show=unread&page=1"}
    )
    assert response.url == INBOX + "?show=unread&page=1"


def test_next_cannot_send_the_user_to_another_site(signed_in, notify_one, deputy):
    [notification] = notify_one(deputy, link="")
    response = signed_in.post(
        reverse("notifications:open", args=[notification.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == INBOX


def test_opening_is_a_post_so_a_link_preview_marks_nothing_read(signed_in, notify_one, deputy):
    [notification] = notify_one(deputy)
    assert signed_in.get(reverse("notifications:open", args=[notification.pk])).status_code == 405


def test_another_users_notification_cannot_be_opened(signed_in, notify_one, clerk):
    [theirs] = notify_one(clerk)
    assert signed_in.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_says_how_many(signed_in, notify_one, deputy):
    notify_one(deputy)
    notify_one(deputy)
    html = html_of(signed_in.post(reverse("notifications:read_all"), follow=True))
    assert "已将 2 条通知标为已读。" in html
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "全部标为已读" not in html  # nothing left to mark


def test_the_header_shows_the_unread_count_with_a_link_to_the_inbox(signed_in, notify_one, deputy):
    notify_one(deputy)
    notify_one(deputy)
    html = html_of(signed_in.get(reverse("home")))
    assert (
        f'<a class="inbox-link" href="{INBOX}">通知<span class="inbox-link__count">2 条未读</span></a>'
        in html
    )


def test_the_header_count_is_read_with_the_user_not_by_a_query_of_its_own(signed_in, notify_one, deputy):
    notify_one(deputy)
    with CaptureQueriesContext(connection) as queries:
        html = html_of(signed_in.get(reverse("home")))
    assert "1 条未读" in html
    counts = [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1
    assert "congress_user" in counts[0]


def test_the_header_count_drops_on_the_page_shown_after_marking_all_read(signed_in, notify_one, deputy):
    notify_one(deputy)
    assert "1 条未读" in html_of(signed_in.get(reverse("home")))
    html = html_of(signed_in.post(reverse("notifications:read_all"), follow=True))
    assert "条未读" not in html


def test_the_header_shows_no_count_when_all_is_read(signed_in):
    html = html_of(signed_in.get(reverse("home")))
    assert f'<a class="inbox-link" href="{INBOX}">通知</a>' in html


def test_the_header_link_marks_the_inbox_as_the_current_page(signed_in):
    html = html_of(signed_in.get(INBOX))
    assert f'<a class="inbox-link" href="{INBOX}" aria-current="page">通知</a>' in html


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_inbox_page_keeps_to_its_query_budget(
    signed_in, notify_one, deputy, django_assert_max_num_queries
):
    for _ in range(40):
        notify_one(deputy)
    # session, user, roles, unread count (header), page count, page rows
    with django_assert_max_num_queries(6):
        html_of(signed_in.get(INBOX))


def test_the_preferences_page_shows_a_deputys_defaults_and_where_messages_go(signed_in):
    html = html_of(signed_in.get(reverse("notifications:preferences")))
    assert "<h1>通知方式</h1>" in html
    assert "邮件发送到 liming@example.cn。" in html
    assert "短信发送到 13900000001。" in html
    assert "留空则使用代表信息中的号码（13900000001）。" in html
    assert 'name="sms_enabled" id="id_sms_enabled" checked' in html
    assert 'value="each" id="id_email_mode_0" required checked' in html


def test_a_deputy_who_never_chose_sees_the_daily_digest_preselected(client, new_deputy):
    client.force_login(new_deputy)
    html = html_of(client.get(reverse("notifications:preferences")))
    assert 'value="daily" id="id_email_mode_1" required checked' in html
    assert 'name="sms_enabled" id="id_sms_enabled" checked' in html


def test_saving_the_preferences_stores_the_choice_and_the_phone(signed_in, deputy):
    response = signed_in.post(
        reverse("notifications:preferences"),
        {"email_enabled": "on", "email_mode": "daily", "phone": "+86 137-0000-0007"},
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=deputy)
    assert (preference.email_enabled, preference.email_digest, preference.sms_enabled) == (True, True, False)
    deputy.refresh_from_db()
    assert deputy.phone == "13700000007"
    assert "通知方式已保存。" in html_of(signed_in.get(reverse("notifications:preferences")))


def test_a_wrong_phone_number_is_explained_in_chinese_and_nothing_is_changed(signed_in, deputy):
    html = html_of(
        signed_in.post(
            reverse("notifications:preferences"),
            {"email_enabled": "on", "email_mode": "daily", "sms_enabled": "on", "phone": "12345"},
        )
    )
    assert "请输入11位手机号码，例如 13812345678。" in html
    assert NotificationPreference.objects.get(user=deputy).email_digest is False
    deputy.refresh_from_db()
    assert deputy.phone == ""
