"""After rating a reply the deputy reads what happens next; the rating buttons suggest no answer."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from suggestions.services.handling import reply_approve
from suggestions.workflow.statuses import Status
from tests.suggestions.test_handling_pages import draft  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def reply_page(client, reply) -> str:
    return client.get(
        reverse("suggestions:reply", args=[reply.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()


def test_the_three_rating_buttons_look_alike(client, draft, lead, units):  # noqa: F811
    reply_approve(reply=draft, actor=units["unit1head"])
    client.force_login(lead.user)
    buttons = re.findall(r'<button class="([^"]*)" name="rating"', reply_page(client, draft))
    assert len(buttons) == 3 and set(buttons) == {"button"}


@pytest.mark.parametrize("rating", ["satisfied", "unsatisfied"])
def test_after_rating_the_page_says_what_happens_next(client, draft, lead, units, rating):  # noqa: F811
    reply_approve(reply=draft, actor=units["unit1head"])
    client.force_login(lead.user)
    client.post(reverse("suggestions:evaluate", args=[draft.assignment.suggestion_id]), {"rating": rating})
    suggestion = draft.assignment.suggestion
    suggestion.refresh_from_db()
    html = reply_page(client, draft)
    if rating == "unsatisfied":
        assert "committee staff now decide whether the unit handles it again" in html
    elif suggestion.status == Status.CLOSED:
        assert "The suggestion is now closed: every deputy has rated the reply." in html
    else:
        assert "when the rating window ends on" in html
