"""The demo stations and the bulk data of seed_demo --scale."""

import pytest
from django.core.management import call_command

from liaison_stations.models import Forwarding, Opinion, Reception, Station
from liaison_stations.selectors import missing_months_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", password="demo-pass-1")


def test_the_demo_station_has_a_year_of_receptions_with_one_month_missed(seeded):
    station = Station.objects.get(name="小店区坞城街道人大代表联络站")
    assert station.points.count() == 1
    assert station.deputies.count() == 10
    assert Reception.objects.filter(station=station, status="held").count() >= 10
    assert any(row.station == station for row in missing_months_report(2026))
    assert Opinion.objects.filter(station=station).exists()


def test_scale_generates_stations_receptions_and_ten_registrations_per_unit(seeded):
    call_command("seed_demo", scale=500, password="demo-pass-1")
    generated = Station.objects.filter(name__startswith="Z", kind="station")
    assert generated.count() == 10
    assert Reception.objects.filter(station__in=generated).count() > 100
    assert Opinion.objects.filter(station__in=generated).count() == 5000
    forwarded = Opinion.objects.filter(station__in=generated, status="forwarded")
    assert Forwarding.objects.filter(opinion__in=forwarded, outcome="").count() == forwarded.count()
    # Every generated registration has its deputy; and a second run adds nothing.
    assert Opinion.received_by.through.objects.filter(opinion__station__in=generated).count() == 5000
    call_command("seed_demo", scale=500, password="demo-pass-1")
    assert Opinion.objects.filter(station__in=generated).count() == 5000


def test_the_seeded_demo_is_idempotent(seeded):
    before = (Station.objects.count(), Reception.objects.count(), Opinion.objects.count())
    call_command("seed_demo", password="demo-pass-1")
    assert (Station.objects.count(), Reception.objects.count(), Opinion.objects.count()) == before
