"""The unit's inbox names every running clock of an item, not only the nearest."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_new_assignment_shows_its_objection_and_reply_clocks_by_their_proper_names(client, assigned, units):
    assigned()
    client.force_login(units["unit1"])
    html = client.get(reverse("suggestions:inbox"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Objection window (S§20)" in html
    assert "Reply to the deputy (S§28)" in html
    assert html.index("Objection window (S§20)") < html.index("Reply to the deputy (S§28)")  # soonest first
    assert "Unit objects that the suggestion is not its responsibility" not in html
