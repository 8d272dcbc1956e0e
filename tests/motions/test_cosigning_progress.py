"""A joint motion's draft says how far its co-signers are, the list shows it, the submit button
is enabled only when filing can succeed (saying why not), and the lead is told of each answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from motions.services import filing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_nine_signatures_leave_the_submit_button_disabled_with_the_rule(
    client: Any, draft: Any, lead: Any
) -> None:
    motion = draft(signers=8)
    client.force_login(lead.user)
    html = client.get(reverse("motions:detail", args=[motion.pk]), **EN).content.decode()
    assert 'disabled aria-describedby="submit-blocked"' in html
    assert "9 deputies have signed the current text" in html.split('id="submit-blocked"')[1]


def test_ten_signatures_enable_it(client: Any, draft: Any, lead: Any) -> None:
    motion = draft(signers=9)
    client.force_login(lead.user)
    html = client.get(reverse("motions:detail", args=[motion.pk]), **EN).content.decode()
    assert "Submit to the secretariat" in html and "submit-blocked" not in html


def test_the_list_shows_a_drafts_progress(client: Any, draft: Any, lead: Any, deputies: Any) -> None:
    motion = draft(signers=2)
    filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[12]])
    client.force_login(lead.user)
    html = client.get(reverse("motions:list"), {"session": motion.session_id}, **EN).content.decode()
    assert "2 of 3 co-signers confirmed" in html


def test_the_lead_is_told_of_each_confirmation(draft: Any, lead: Any) -> None:
    draft(signers=3)
    assert lead.user.notifications.filter(kind="motion_cosign_confirmed").count() == 3
