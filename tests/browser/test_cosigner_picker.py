"""The co-signer picker in a real browser: the lead types pinyin initials, sees the namesakes
each with their delegation, picks one and invites them (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest

from deputies.models import Delegation
from suggestions.models import CoSigner, SubjectArea
from suggestions.services.filing import suggestion_create
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_lead_finds_a_deputy_by_pinyin_initials_and_invites_them(
    phone_page: Any, live_server: Any, make_deputy: Any, delegation: Delegation
) -> None:
    lead, wanted, namesake = make_deputy("王芳"), make_deputy("李明"), make_deputy("李明")
    namesake.delegation = Delegation.objects.create(congress=delegation.congress, name="大同代表团")
    namesake.save()
    draft = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="关于乡村教师待遇的建议", body="问题、事实和建议。",
        subject_area=SubjectArea.objects.get_or_create(name="教育")[0], session=None,
    )  # fmt: skip
    page = phone_page
    sign_in(page, live_server.url, lead.user.username, PASSWORD)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.fill(".picker__search", "lm")
    options = page.locator(".picker__option")
    options.nth(1).wait_for()
    assert sorted(options.all_inner_texts()) == ["李明 大同代表团", "李明 太原代表团"]
    options.filter(has_text="太原代表团").click()
    assert page.input_value("#invite-names") == "李明（太原代表团）"
    with page.expect_navigation():
        page.locator("#invite-names ~ button").click()
    assert list(CoSigner.objects.filter(suggestion=draft).values_list("deputy_id", flat=True)) == [wanted.pk]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
