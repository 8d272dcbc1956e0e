import pytest
from django.urls import reverse

from congress.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_chinese_by_default(client):
    html = client.get(reverse("login")).content.decode()
    assert "登录" in html
    assert 'lang="zh-hans"' in html


def test_the_login_page_is_in_english_when_the_browser_asks(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in" in html


def test_the_language_switcher_sets_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Sign in" in client.get(reverse("login")).content.decode()


def test_a_visitor_gets_the_public_front_page_with_a_way_to_sign_in(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Find a liaison station near you" in response.content.decode()
    assert f'href="{reverse("login")}"' in response.content.decode()


def test_a_wrong_password_is_explained_in_chinese(client, make_user):
    make_user("deputy1", Role.DEPUTY)
    html = client.post(reverse("login"), {"username": "deputy1", "password": "wrong"}).content.decode()
    assert "请输入一个正确的" in html


def test_a_unit_clerk_sees_their_unit_on_the_home_page(client, make_user, unit):
    make_user("unit1", Role.UNIT_HANDLER, organisation=unit, name="李晓梅")
    assert client.login(username="unit1", password=PASSWORD)
    html = client.get(reverse("home")).content.decode()
    assert "李晓梅" in html
    assert "省教育厅" in html
    assert "承办单位经办人" in html


def test_only_a_superuser_sees_the_administration_link(client, make_user):
    make_user("staff1", Role.COMMITTEE_STAFF)
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username="staff1", password=PASSWORD)
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()
    client.login(username="root", password=PASSWORD)
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()


def test_sign_out_ends_the_session(client, make_user):
    make_user("deputy1", Role.DEPUTY)
    client.login(username="deputy1", password=PASSWORD)
    client.post(reverse("logout"))
    assert client.get(reverse("notifications:inbox")).status_code == 302
    assert "deputy1" not in client.get(reverse("home")).content.decode()


def test_a_user_can_change_their_password(client, make_user):
    user = make_user("deputy1", Role.DEPUTY)
    client.login(username="deputy1", password=PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Qiu-2026-Shui!", "new_password2": "Qiu-2026-Shui!"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Qiu-2026-Shui!")


def test_the_unit_pages_are_offered_only_to_users_of_a_unit(client, make_user, unit):
    make_user("root", is_superuser=True, is_staff=True)
    make_user("unit1", Role.UNIT_HANDLER, organisation=unit)
    client.login(username="root", password=PASSWORD)
    assert reverse("suggestions:templates") not in client.get(reverse("home")).content.decode()
    client.login(username="unit1", password=PASSWORD)
    assert reverse("suggestions:templates") in client.get(reverse("home")).content.decode()
