"""One primary action per page (issue 16): the button a person is most likely to want stands out,
the others are secondary. A page with two primary buttons tells nobody what to do next."""

import pytest
from django.core.management import call_command
from django.test import Client

from congress.models import User
from tests.congress.test_form_pages import ROLES_TO_WALK
from tests.crawl import crawl

pytestmark = pytest.mark.django_db


def test_no_page_offers_more_than_one_primary_action_to_any_demo_user():
    call_command("seed_demo", password="demo-pass-1")
    crowded: list[str] = []
    pages = 0
    for username in ROLES_TO_WALK:
        client = Client(headers={"accept-language": "en"})
        client.force_login(User.objects.get(username=username))
        for url, page in crawl(client, per_shape=1, limit=120):
            pages += 1
            if len(page.primary_actions) > 1:
                crowded.append(f"{username} {url} {' '.join(page.primary_actions)}")
    assert crowded == [], "\n".join(crowded)
    assert pages > 300  # the walk reached the pages of every role
