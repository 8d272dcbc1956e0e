import pytest
from django.urls import reverse

from congress.notifications.models import OutboxMessage
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_signed_in(client, make_user):
    make_user("root", is_superuser=True, is_staff=True)
    assert client.login(username="root", password=PASSWORD)
    return client


@pytest.mark.parametrize("model", ["notification", "outboxmessage", "notificationpreference"])
def test_the_admin_lists_each_model(admin_client_signed_in, notify_one, deputy, model):
    notify_one(deputy)
    response = admin_client_signed_in.get(reverse(f"admin:notifications_{model}_changelist"))
    assert response.status_code == 200


def test_a_notification_shows_its_deliveries_and_cannot_be_added_by_hand(
    admin_client_signed_in, notify_one, deputy
):
    [notification] = notify_one(deputy)
    html = admin_client_signed_in.get(
        reverse("admin:notifications_notification_change", args=[notification.pk])
    ).content.decode()
    assert "短信" in html
    assert admin_client_signed_in.get(reverse("admin:notifications_notification_add")).status_code == 403


def test_the_retry_action_queues_failed_messages_again(
    admin_client_signed_in, notify_one, deputy, broker, django_capture_on_commit_callbacks
):
    [notification] = notify_one(deputy)
    notification.outbox.update(status="failed", attempts=8, last_error="gateway answered 503")
    broker.ids.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_signed_in.post(
            reverse("admin:notifications_outboxmessage_changelist"),
            {
                "action": "retry",
                "_selected_action": list(notification.outbox.values_list("pk", flat=True)),
            },
            follow=True,
        )

    assert "已重新排队 2 条消息。" in response.content.decode()
    assert set(OutboxMessage.objects.values_list("status", "attempts", "last_error")) == {("pending", 0, "")}
    assert sorted(broker.ids) == sorted(notification.outbox.values_list("pk", flat=True))
