"""The co-signer picker's search: by name, delegation or pinyin initials ("lm" finds 李明),
namesakes told apart by their delegation, only deputies in office, only for signed-in users
with a role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from deputies.models import Delegation, Deputy
from deputies.pinyin import initials

URL = "/deputies/search/"


def test_the_initials_are_kept_on_save_and_a_surname_reads_as_a_surname(make_deputy: Any) -> None:
    deputy = make_deputy("李明")
    assert Deputy.objects.get(pk=deputy.pk).pinyin_initials == "lm"
    deputy.name = "单雄信"
    deputy.save(update_fields=["name"])
    assert Deputy.objects.get(pk=deputy.pk).pinyin_initials == "sxx"  # 单 is Shàn as a surname
    assert initials("曾国藩") == "zgf"


def test_the_url_is_the_pickers() -> None:
    assert reverse("deputies:search") == URL


@pytest.fixture
def namesakes(make_deputy: Any, delegation: Delegation) -> list[Deputy]:
    datong = Delegation.objects.create(congress=delegation.congress, name="大同代表团")
    other = make_deputy("李明")
    other.delegation = datong
    other.save()
    return [make_deputy("李明"), other]


def test_pinyin_initials_find_every_namesake_each_with_its_delegation(
    client: Any, namesakes: list[Deputy], make_deputy: Any
) -> None:
    make_deputy("王芳")
    client.force_login(namesakes[0].user)
    results = client.get(URL, {"q": "LM"}).json()["results"]
    assert sorted(r["label"] for r in results) == ["李明（大同代表团）", "李明（太原代表团）"]


def test_a_name_or_a_delegation_finds_deputies_too(client: Any, namesakes: list[Deputy]) -> None:
    client.force_login(namesakes[0].user)
    assert {r["id"] for r in client.get(URL, {"q": "明"}).json()["results"]} == {d.pk for d in namesakes}
    assert [r["delegation"] for r in client.get(URL, {"q": "大同"}).json()["results"]] == ["大同代表团"]


def test_a_deputy_not_in_office_is_not_offered(client: Any, make_deputy: Any) -> None:
    me = make_deputy("王芳")
    make_deputy("李明", status="suspended", status_ground="detained", status_since="2026-01-01")
    client.force_login(me.user)
    assert client.get(URL, {"q": "lm"}).json()["results"] == []
    assert client.get(URL, {"q": ""}).json()["results"] == []


def test_only_signed_in_people_with_a_role_may_search(client: Any, make_user: Any, make_deputy: Any) -> None:
    make_deputy("李明")
    assert client.get(URL, {"q": "lm"}).status_code == 302  # to the login page
    client.force_login(make_user("nobody"))
    assert client.get(URL, {"q": "lm"}).status_code == 403
