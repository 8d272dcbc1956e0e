"""No inline script on the station pages (issue 14): the portal will send a Content-Security-Policy
that allows none, so behaviours come from one static script of the portal's own, keyed on data
attributes (static/js/portal.js). The browser test (tests/browser/test_stations.py) drives them
under such a policy."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_loads_the_portal_s_own_script_deferred(client, station):
    html = client.get(reverse("stations:qr", args=[station.pk])).content.decode()
    assert re.search(r'<script src="/static/js/portal\.js" defer></script>', html)
    assert finders.find("js/portal.js"), "served by the portal itself, no CDN"


def test_the_print_button_and_the_venue_switch_ask_the_script_by_data_attribute(
    client, clerk, station, point
):
    qr = client.get(reverse("stations:qr", args=[station.pk])).content.decode()
    assert re.search(r"<button[^>]*\bdata-print\b[^>]*\bhidden\b", qr)
    client.force_login(clerk)
    form = client.get(reverse("stations:reception-new")).content.decode()
    assert re.search(r'<select[^>]*name="station"[^>]*\bdata-autosubmit\b', form)
    assert "<noscript>" in form  # without the script, a button changes the station
