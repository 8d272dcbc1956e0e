import pytest
from django.core.management import call_command

from congress.models import Organisation, Session, User
from congress.roles import Role
from deputies.models import Delegation, Deputy
from liaison_stations.models import Station

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = {
    "admin": set(),
    "staff1": {Role.COMMITTEE_STAFF},
    "sec1": {Role.SECRETARIAT},
    "review1": {Role.REVIEW_COMMITTEE},
    "unit1": {Role.UNIT_HANDLER},
    "unit1head": {Role.UNIT_HEAD},
    "unit2": {Role.UNIT_HANDLER},
    "unit2head": {Role.UNIT_HEAD},
    "station1": {Role.STATION_STAFF},
    **{f"deputy{n}": {Role.DEPUTY} for n in range(1, 13)},
}


@pytest.fixture
def seeded():
    call_command("seed_demo", password="demo-pass-1")


def test_it_builds_a_province_of_realistic_size(seeded):
    assert Delegation.objects.count() >= 11
    assert 540 <= Deputy.objects.count() <= 560
    assert Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS).count() >= 29
    assert Organisation.objects.filter(kind=Organisation.Kind.COMMITTEE).count() == 1
    assert Organisation.objects.filter(kind=Organisation.Kind.SPECIAL_COMMITTEE).exists()
    assert Station.objects.filter(kind=Station.Kind.STATION).count() >= 3


def test_every_session_of_the_term_opens_in_january_with_its_deadlines(seeded):
    sessions = list(Session.objects.order_by("number"))
    assert [s.opens.year for s in sessions] == [2023, 2024, 2025, 2026, 2027]
    for s in sessions:
        assert s.opens.month == 1
        assert s.opens < s.motion_deadline.date() < s.closes
        assert s.motion_deadline < s.last_presidium_meeting


def test_it_creates_every_demo_account_with_its_roles(seeded):
    for username, roles in DEMO_ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert user.check_password("demo-pass-1"), username
        assert user.roles == frozenset(roles), username
    assert User.objects.get(username="admin").is_superuser
    unit1 = User.objects.get(username="unit1")
    assert unit1.organisation == User.objects.get(username="unit1head").organisation
    assert unit1.organisation != User.objects.get(username="unit2").organisation


def test_the_twelve_demo_deputies_belong_to_one_delegation(seeded):
    deputies = Deputy.objects.filter(user__username__in=[f"deputy{n}" for n in range(1, 13)])
    assert deputies.count() == 12
    assert deputies.values("delegation").distinct().count() == 1


def test_a_second_run_keeps_what_users_changed(seeded):
    user = User.objects.get(username="deputy1")
    user.set_password("my-own-secret-9")
    user.save()
    deputy = user.deputy
    deputy.phone = "13811112222"
    deputy.save()
    counts = (Deputy.objects.count(), User.objects.count(), Organisation.objects.count())

    call_command("seed_demo", password="demo-pass-1")

    user.refresh_from_db()
    deputy.refresh_from_db()
    assert user.check_password("my-own-secret-9")
    assert deputy.phone == "13811112222"
    assert (Deputy.objects.count(), User.objects.count(), Organisation.objects.count()) == counts
