"""The optional second factor for staff: an authenticator app's code after the password."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff_with_second_factor(make_user, clock):
    user = make_user("staff1", Role.COMMITTEE_STAFF)
    client = Client()
    client.force_login(user)
    assert b"<svg" in client.get(reverse("account-two-factor")).content  # the QR code to scan
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("account-two-factor"), {"code": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    clock.shift(dt.timedelta(seconds=60))  # a code is good once: the next step needs a new one
    return user, device


def test_a_wrong_code_does_not_turn_it_on(make_user, clock):
    user = make_user("staff1", Role.COMMITTEE_STAFF)
    client = Client()
    client.force_login(user)
    client.get(reverse("account-two-factor"))
    response = client.post(reverse("account-two-factor"), {"code": "000000"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_with_it_on_the_password_alone_does_not_sign_in(staff_with_second_factor):
    client = Client()
    response = client.post(
        reverse("login"), {"username": "staff1", "password": PASSWORD, "next": "/overdue/"}
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("login-verify"))
    assert "_auth_user_id" not in client.session
    assert client.post(response["Location"], {"code": "123456"}).status_code == 400
    assert "_auth_user_id" not in client.session


def test_the_right_code_signs_in_and_goes_where_the_user_was_going(staff_with_second_factor):
    _user, device = staff_with_second_factor
    client = Client()
    response = client.post(
        reverse("login"), {"username": "staff1", "password": PASSWORD, "next": "/overdue/"}
    )
    done = client.post(response["Location"], {"code": code(device)})
    assert done.status_code == 302 and done["Location"] == "/overdue/"
    assert client.session["_auth_user_id"]


def test_the_token_endpoint_asks_for_the_code_too(staff_with_second_factor, api, clock):
    _user, device = staff_with_second_factor
    url = "/api/v1/auth/token/"
    assert api().post(url, {"username": "staff1", "password": PASSWORD}).json()["code"] == "otp_required"
    wrong = api().post(url, {"username": "staff1", "password": PASSWORD, "otp": "000000"})
    assert (wrong.status_code, wrong.json()["code"]) == (400, "otp_invalid")
    clock.shift(dt.timedelta(seconds=2))  # each wrong code makes the next wait (django-otp's throttle)
    right = api().post(url, {"username": "staff1", "password": PASSWORD, "otp": code(device)})
    assert right.status_code == 200 and right.json()["token"]


def test_turning_it_off_needs_a_current_code(staff_with_second_factor, clock):
    user, device = staff_with_second_factor
    client = Client()
    client.force_login(user)
    assert client.post(reverse("account-two-factor"), {"code": "000000"}).status_code == 400
    assert TOTPDevice.objects.filter(confirmed=True).exists()
    clock.shift(dt.timedelta(seconds=2))
    client.post(reverse("account-two-factor"), {"code": code(device)})
    assert not TOTPDevice.objects.exists()


def test_deputies_are_not_offered_it(make_user):
    client = Client()
    client.force_login(make_user("deputy1", Role.DEPUTY))
    assert client.get(reverse("account-two-factor")).status_code == 403


def test_a_wrong_code_makes_the_next_try_wait(staff_with_second_factor, api):
    _user, device = staff_with_second_factor
    url = "/api/v1/auth/token/"
    api().post(url, {"username": "staff1", "password": PASSWORD, "otp": "000000"})
    at_once = api().post(url, {"username": "staff1", "password": PASSWORD, "otp": code(device)})
    assert at_once.json()["code"] == "otp_invalid"
