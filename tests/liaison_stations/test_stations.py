"""A station's deputies: attached where elected, or where they work or live (D§21)."""

from __future__ import annotations

import pytest

from deputies.models import Deputy
from liaison_stations.models import Attachment
from liaison_stations.services.stations import station_attach_deputy
from tests.helpers import refused

pytestmark = pytest.mark.django_db


def test_a_deputy_elected_elsewhere_is_attached_only_as_working_or_living_here(clerk, station, make_deputy):
    outsider = make_deputy("外市代表")
    Deputy.objects.filter(pk=outsider.pk).update(constituency="大同市人民代表大会")
    outsider.refresh_from_db()
    with refused("attachment_outside_constituency"):
        station_attach_deputy(station=station, deputy=outsider, basis="constituency", actor=clerk)
    attachment = station_attach_deputy(station=station, deputy=outsider, basis="workplace", actor=clerk)
    assert attachment.basis == Attachment.Basis.WORKPLACE


def test_deputies_stay_unchanged_by_the_migration_of_their_attachment(deputy, station):
    assert list(station.deputies.all()) == [deputy]
    assert list(Deputy.objects.get(pk=deputy.pk).stations.all()) == [station]
