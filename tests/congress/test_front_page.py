"""The public front page: what a citizen comes for, and the footer a government site carries."""

import pytest
from django.urls import reverse

from congress.roles import Role
from liaison_stations.models import Station
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def front(client) -> str:
    return client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_visitor_finds_replies_stations_tracking_the_calculator_and_the_committee(client):
    station = Station.objects.create(
        name="坞城街道人大代表联络站",
        kind=Station.Kind.STATION,
        city="太原市",
        county="小店区",
        host_body="坞城街道工作委员会",
        host_kind=Station.HostKind.SUBDISTRICT_COMMITTEE,
        address="坞城路1号",
    )
    html = front(client)
    for url in [
        reverse("public:replies"),
        reverse("stations:list"),
        reverse("stations:opinion-form", args=[station.pk]),
        reverse("stations:track"),
        reverse("deadline-calculator"),
    ]:
        assert f'href="{url}"' in html or f'action="{url}"' in html, url
    assert "Contact the committee" in html
    assert 'rel="icon" href="/static/img/favicon' in html


def test_the_footer_shows_the_filing_numbers_that_are_set_and_hides_the_empty_ones(client, settings):
    settings.SITE_IDENTITY = {
        "sponsor": "山西省人大常委会办公厅",
        "contact": "0351-0000000",
        "icp": "晋ICP备00000000号",
        "police": "",
        "site_code": "1400000001",
    }
    html = front(client)
    assert "山西省人大常委会办公厅" in html and "0351-0000000" in html
    assert "晋ICP备00000000号" in html and "1400000001" in html
    assert "beian.mps.gov.cn" not in html


def test_a_signed_in_user_gets_their_own_home_not_the_front_page(client, make_user):
    make_user("deputy1", Role.DEPUTY, name="李明")
    client.login(username="deputy1", password=PASSWORD)
    html = front(client)
    assert "Find a liaison station near you" not in html
    assert "李明" in html
