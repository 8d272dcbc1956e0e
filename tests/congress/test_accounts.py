"""Signing in on the open internet: throttled logins, tokens that expire and end."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from congress.models import ApiToken
from congress.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"  # one address for a whole office behind NAT
HOME = "198.51.100.23"


def login_page(username: str, password: str, address: str = OFFICE) -> tuple[int, list[str], Client]:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code, [t.name for t in response.templates if t.name], client


def token(api, username: str, password: str, address: str = OFFICE):
    return api().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def clerk(make_user):
    return make_user("clerk1", Role.COMMITTEE_STAFF)


def test_thirty_wrong_passwords_lock_the_account_at_that_address(clerk, settings):
    for _ in range(30):
        status, _templates, _client = login_page("clerk1", "wrong-password")
        assert status in (200, 429)
    status, templates, client = login_page("clerk1", PASSWORD)
    assert status == 429
    assert "registration/locked_out.html" in templates  # says why, and for how long
    assert "_auth_user_id" not in client.session


def test_the_fifth_wrong_password_starts_the_pause(clerk, settings):
    statuses = [login_page("clerk1", "wrong-password")[0] for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]


def test_colleagues_behind_the_same_address_still_sign_in(clerk, make_user):
    make_user("clerk2", Role.COMMITTEE_STAFF)
    for _ in range(10):
        login_page("clerk1", "wrong-password")
    status, _templates, client = login_page("clerk2", PASSWORD)
    assert status == 302
    assert client.session["_auth_user_id"]


def test_the_locked_account_still_signs_in_from_another_address(clerk):
    for _ in range(10):
        login_page("clerk1", "wrong-password")
    assert login_page("clerk1", PASSWORD, address=HOME)[0] == 302


def test_the_pause_ends_after_the_cool_off(clerk):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False) as clock:
        for _ in range(6):
            login_page("clerk1", "wrong-password")
        assert login_page("clerk1", PASSWORD)[0] == 429
        clock.shift(dt.timedelta(minutes=16))
        assert login_page("clerk1", PASSWORD)[0] == 302


def test_the_token_endpoint_is_throttled_with_a_stable_code(api, clerk):
    for _ in range(5):
        token(api, "clerk1", "wrong-password")
    response = token(api, "clerk1", PASSWORD)
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert not ApiToken.objects.exists()


def test_a_token_stores_only_a_hash_and_expires(api, clerk, settings):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False) as clock:
        body = token(api, "clerk1", PASSWORD).json()
        key = body["token"]
        assert not ApiToken.objects.filter(key_hash=key).exists()
        assert ApiToken.objects.get().prefix == key[:8]
        client = api()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/me/").status_code == 200
        clock.shift(settings.API_TOKEN_LIFETIME + dt.timedelta(seconds=1))
        expired = client.get("/api/v1/me/")
        assert expired.status_code == 401
        assert expired.json()["code"] == "authentication_failed"


def test_a_new_password_ends_every_token(api, clerk):
    key = token(api, "clerk1", PASSWORD).json()["token"]
    client = Client()
    client.force_login(clerk)
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-pass-9",
            "new_password2": "a-new-long-pass-9",
        },
    )
    api_client = api()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/me/").status_code == 401
    assert client.get(reverse("account-tokens")).status_code == 200  # this browser stays signed in


def test_logging_out_everywhere_ends_every_session_and_token(api, clerk):
    key = token(api, "clerk1", PASSWORD).json()["token"]
    laptop, phone = Client(), Client()
    laptop.force_login(clerk)
    phone.force_login(clerk)
    laptop.post(reverse("account-logout-everywhere"))
    assert phone.get(reverse("account-tokens")).status_code == 302  # sent to sign in
    api_client = api()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/me/").status_code == 401
    assert not ApiToken.objects.exists()


def test_a_user_sees_and_revokes_their_own_tokens_only(api, clerk, make_user):
    other = make_user("clerk2", Role.COMMITTEE_STAFF)
    mine = token(api, "clerk1", PASSWORD).json()["token"]
    token(api, "clerk2", PASSWORD)
    theirs = ApiToken.objects.get(user=other)
    client = api(clerk)
    listed = client.get("/api/v1/auth/tokens/").json()
    assert [t["prefix"] for t in listed] == [mine[:8]]
    assert client.delete(f"/api/v1/auth/tokens/{theirs.pk}/").status_code == 404
    assert client.delete(f"/api/v1/auth/tokens/{listed[0]['id']}/").status_code == 204
    assert list(ApiToken.objects.values_list("user", flat=True)) == [other.pk]


def test_the_tokens_page_issues_a_key_once_and_revokes_it(clerk):
    client = Client()
    client.force_login(clerk)
    html = client.post(reverse("account-tokens"), {"name": "统计看板"}).content.decode()
    stored = ApiToken.objects.get()
    assert stored.prefix in html and "统计看板" in html
    client.post(reverse("account-token-delete", args=[stored.pk]))
    assert not ApiToken.objects.exists()


def test_the_pause_says_how_long_it_lasts(clerk, settings):
    from congress.accounts.throttle import lockout_message

    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=20)
    assert "20" in lockout_message()
