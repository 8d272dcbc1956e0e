import pytest
from django.urls import reverse

from congress.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_only_the_users_own_notifications_with_the_contract_fields(
    api, notify_one, deputy, clerk
):
    [mine] = notify_one(deputy)
    notify_one(clerk, subject="别人的通知")

    body = api(deputy).get("/api/v1/notifications/").json()

    assert body["count"] == 1
    [row] = body["results"]
    assert {"id", "kind", "subject", "link", "created", "read"} <= set(row)
    assert row["id"] == mine.pk
    assert row["kind"] == "suggestion_assigned"
    assert row["subject"] == "建议第0012号已交办"
    assert row["link"] == "/suggestions/12/"
    assert row["read"] is False
    assert row["created"].endswith("+08:00")


def test_unread_come_first_then_the_newest(api, notify_one, deputy, time_machine):
    for hour, subject in [(9, "一"), (10, "二"), (11, "三")]:
        time_machine.move_to(f"2026-03-02 {hour}:00 +08:00", tick=False)
        notify_one(deputy, subject=subject)
    Notification.objects.filter(subject="三").update(read_at="2026-03-02T12:00+08:00")

    rows = api(deputy).get("/api/v1/notifications/").json()["results"]
    assert [(r["subject"], r["read"]) for r in rows] == [("二", False), ("一", False), ("三", True)]


@pytest.mark.parametrize(("read", "expected"), [("true", ["已读"]), ("false", ["未读"])])
def test_the_inbox_filters_by_read(api, notify_one, deputy, read, expected):
    notify_one(deputy, subject="未读")
    [done] = notify_one(deputy, subject="已读")
    api(deputy).post(f"/api/v1/notifications/{done.pk}/read/")

    rows = api(deputy).get(f"/api/v1/notifications/?read={read}").json()["results"]
    assert [r["subject"] for r in rows] == expected


def test_the_inbox_is_paginated(api, notify_one, deputy):
    for i in range(25):
        notify_one(deputy, subject=f"通知{i}")
    first = api(deputy).get("/api/v1/notifications/").json()
    assert (first["count"], len(first["results"])) == (25, 20)
    assert len(api(deputy).get(first["next"]).json()["results"]) == 5


def test_marking_one_read_returns_it_read(api, notify_one, deputy):
    [notification] = notify_one(deputy)
    response = api(deputy).post(f"/api/v1/notifications/{notification.pk}/read/")
    assert response.status_code == 200
    assert response.json()["read"] is True
    assert response.json()["read_at"]
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_users_notification_is_a_404_with_a_code(api, notify_one, deputy, clerk):
    [theirs] = notify_one(clerk)
    for response in [
        api(deputy).get(f"/api/v1/notifications/{theirs.pk}/"),
        api(deputy).post(f"/api/v1/notifications/{theirs.pk}/read/"),
    ]:
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all_marks_every_unread_notification_of_the_user(api, notify_one, deputy, clerk):
    notify_one(deputy)
    notify_one(deputy)
    notify_one(clerk)
    response = api(deputy).post("/api/v1/notifications/read-all/")
    assert response.json() == {"marked": 2}
    assert api(deputy).get("/api/v1/notifications/?read=false").json()["count"] == 0
    assert api(clerk).get("/api/v1/notifications/?read=false").json()["count"] == 1


def test_the_inbox_needs_a_signed_in_user(api):
    response = api().get("/api/v1/notifications/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_schema_describes_the_inbox_and_its_actions(client):
    paths = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert "get" in paths["/api/v1/notifications/"]
    assert "post" in paths["/api/v1/notifications/{id}/read/"]
    assert "post" in paths["/api/v1/notifications/read-all/"]
