"""The reply form asks for a plan, a path and a date only when the reply is category B."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_category_b_fields_are_shown_only_when_b_is_chosen(client, assigned, units):
    a = assigned()
    client.force_login(units["unit1"])
    html = client.get(reverse("suggestions:draft-reply", args=[a.pk])).content.decode()
    conditional = re.findall(r'data-shown-when="category=B">\s*<label for="id_(\w+)"', html)
    assert conditional == ["plan", "path", "completion_date"]
    assert not re.search(r'data-shown-when="category=B">\s*<label for="id_body"', html)
