"""Fixtures for the deputies' own record: the staff of each body, a deputy with an account,
the 4th session (25–29 January 2026), units and an organising committee."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from congress.models import Organisation, Session, User
from congress.roles import Role
from deputies.models import Deputy, Inspection, Sitting
from deputies.services.inspections import inspection_create, inspection_report
from tests.conftest import BEIJING

# Before the 4th session opens (25 January 2026), during it, and after it.
BEFORE = dt.datetime(2026, 1, 10, 10, tzinfo=BEIJING)
DURING = dt.datetime(2026, 1, 26, 10, tzinfo=BEIJING)
AFTER = dt.datetime(2026, 3, 10, 10, tzinfo=BEIJING)


def at(moment: dt.datetime) -> Any:
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def committee_body(make_unit: Callable[..., Organisation]) -> Organisation:
    return make_unit("省人大常委会人事代表工作委员会", Organisation.Kind.COMMITTEE)


@pytest.fixture
def special_committee(make_unit: Callable[..., Organisation]) -> Organisation:
    return make_unit("省人大教育科学文化卫生委员会", Organisation.Kind.SPECIAL_COMMITTEE)


@pytest.fixture
def staff(make_user: Callable[..., User], committee_body: Organisation) -> User:
    """Committee staff (人事代表工委): record the chairpersons' meeting, keep the register."""
    return make_user("staff1", Role.COMMITTEE_STAFF, organisation=committee_body, name="王丽华")


@pytest.fixture
def secretariat(make_user: Callable[..., User], committee_body: Organisation) -> User:
    return make_user("sec1", Role.SECRETARIAT, organisation=committee_body, name="赵建国")


@pytest.fixture
def supervisor(make_user: Callable[..., User], special_committee: Organisation) -> User:
    return make_user("super1", Role.SUPERVISOR, organisation=special_committee, name="周明")


@pytest.fixture
def clerk(make_user: Callable[..., User], unit: Organisation) -> User:
    """A clerk of 省教育厅, a body reports are forwarded to."""
    return make_user("unit1", Role.UNIT_HANDLER, organisation=unit, name="李晓梅")


@pytest.fixture
def deputy(make_deputy: Callable[..., Deputy]) -> Deputy:
    return make_deputy("李明")


@pytest.fixture
def colleague(make_deputy: Callable[..., Deputy]) -> Deputy:
    return make_deputy("王芳")


@pytest.fixture
def dele_staff(make_user: Callable[..., User], delegation: Any) -> User:
    user = make_user("dele1", Role.DELEGATION_STAFF, name="韩雪")
    delegation.staff.add(user)
    return user


@pytest.fixture
def sitting(session: Session) -> Sitting:
    return Sitting.objects.create(session=session, date=dt.date(2026, 1, 25), name="第一次全体会议")


@pytest.fixture
def make_inspection(staff: User, committee_body: Organisation, deputy: Deputy) -> Callable[..., Inspection]:
    def make(*, reported: bool = True, deputies: list[Deputy] | None = None, **extra: Any) -> Inspection:
        values: dict[str, Any] = {
            "kind": Inspection.Kind.INSPECTION, "title": "义务教育均衡发展视察", "organiser": committee_body,
            "date": dt.date(2021, 6, 20), "deputies": deputies or [deputy], **extra,
        }  # fmt: skip
        inspection = inspection_create(congress=deputy.congress, actor=staff, **values)
        if reported:
            inspection = inspection_report(
                inspection=inspection,
                report="视察报告：建议加大农村学校投入。",
                opinions="加大投入",
                actor=staff,
            )
        return inspection

    return make
