"""Fixtures for the liaison stations: a station with a point, their staff, deputies."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing

from congress.models import User
from congress.notifications.models import Notification
from congress.roles import Role
from deputies.models import Deputy
from liaison_stations.abuse import CHALLENGE_SALT, Sender, new_challenge
from liaison_stations.models import Attachment, Opinion, Reception, Station
from liaison_stations.services.opinions import opinion_classify, opinion_register
from liaison_stations.services.receptions import reception_schedule
from tests.conftest import BEIJING


@pytest.fixture
def address() -> str:
    """A client address of its own per test, as each visitor has."""
    n = secrets.randbits(24)
    return f"10.{n >> 16}.{(n >> 8) & 255}.{n & 255}"


def solved(address: str = "10.0.0.1") -> Sender:
    """A sender from `address` who answered a fresh check question rightly, as a person would."""
    challenge = new_challenge()
    data = signing.loads(challenge.token, salt=CHALLENGE_SALT)
    return Sender(address, challenge.token, str(data["a"] + data["b"]))


def solve_api(client: Any) -> dict[str, str]:
    """Ask the API for a check question and answer it: the fields a public POST carries."""
    challenge = client.get("/api/v1/public/opinions/").json()
    data = signing.loads(challenge["token"], salt=CHALLENGE_SALT)
    return {"challenge_token": challenge["token"], "challenge_answer": str(data["a"] + data["b"])}


@pytest.fixture
def make_station(db: None) -> Callable[..., Station]:
    counter = itertools.count(1)

    def make(name: str = "", *, parent: Station | None = None, city: str = "太原", **extra: Any) -> Station:
        n = next(counter)
        kind = Station.Kind.POINT if parent else Station.Kind.STATION
        return Station.objects.create(
            kind=kind,
            parent=parent,
            name=name or f"测试{n}号人大代表联络{'点' if parent else '站'}",
            city=city,
            county="小店区",
            host_body="坞城街道工作委员会" if not parent else "南内环社区居委会",
            host_kind=Station.HostKind.COMMUNITY if parent else Station.HostKind.SUBDISTRICT_COMMITTEE,
            address=f"坞城路 {n} 号",
            opening_hours="每月第一个星期三 8:30–12:30",
            **extra,
        )

    return make


@pytest.fixture
def station(make_station: Callable[..., Station]) -> Station:
    return make_station("坞城街道人大代表联络站")


@pytest.fixture
def point(make_station: Callable[..., Station], station: Station) -> Station:
    return make_station("南内环社区人大代表联络点", parent=station)


@pytest.fixture
def clerk(make_user: Callable[..., User], station: Station) -> User:
    """Staff of the station (and so of its points)."""
    user = make_user("station1", Role.STATION_STAFF, name="郭小燕")
    station.staff.add(user)
    return user


@pytest.fixture
def point_clerk(make_user: Callable[..., User], point: Station) -> User:
    user = make_user("point1", Role.STATION_STAFF, name="阎晓红")
    point.staff.add(user)
    return user


@pytest.fixture
def deputy(make_deputy: Callable[..., Deputy], station: Station) -> Deputy:
    deputy = make_deputy("李明")
    Attachment.objects.create(station=station, deputy=deputy, basis=Attachment.Basis.CONSTITUENCY)
    return deputy


@pytest.fixture
def committee(make_user: Callable[..., User]) -> User:
    return make_user("staff1", Role.COMMITTEE_STAFF)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), BEIJING)


def schedule(
    clerk: User,
    venue: Station,
    day: dt.date,
    start: tuple[int, int] = (8, 30),
    end: tuple[int, int] = (12, 30),
    **extra: Any,
) -> Reception:
    """A regular reception at `venue` on `day`, 8:30 to 12:30 unless told, with no deputy on it
    unless told."""
    values: dict[str, Any] = {"kind": "regular", "deputies": [], **extra}
    return reception_schedule(
        venue=venue, starts_at=at(day, *start), ends_at=at(day, *end), actor=clerk, **values
    )


@pytest.fixture
def register(clerk: User, station: Station) -> Callable[..., Opinion]:
    """Register a visitor at the station (or at `venue`) as its clerk."""

    def make(venue: Station | None = None, actor: User | None = None, **extra: Any) -> Opinion:
        values: dict[str, Any] = {
            "visitor_name": "王秀英",
            "visitor_contact": "13912345678",
            "visitor_address": "坞城路 8 号院",
            "matter": "小区北门外道路坑洼，雨天积水。",
            "category": "urban_construction",
        }
        values.update(extra)
        return opinion_register(venue=venue or station, actor=actor or clerk, **values)

    return make


def summarise(opinion: Opinion, actor: User, summary: str = "道路积水影响出行。") -> Opinion:
    """The station's summary and category, so the matter may be forwarded or answered (D§31)."""
    return opinion_classify(opinion=opinion, summary=summary, category="urban_construction", actor=actor)


def inbox(user: User) -> list[str]:
    """The kinds of notification the user received."""
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))
