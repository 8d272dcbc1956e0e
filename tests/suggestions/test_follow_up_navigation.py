"""The follow-up pages are in the navigation of those who use them, and only theirs."""

from __future__ import annotations

import pytest

from congress.navigation import nav_for
from congress.roles import Role

pytestmark = pytest.mark.django_db


def labels(user) -> set[str]:
    return {str(item["label"]) for section in nav_for(user, "/") for item in section["items"]}


def test_each_role_finds_its_follow_up_pages(make_user, unit):
    staff = labels(make_user("staff", Role.COMMITTEE_STAFF))
    assert {"重点督办建议", "承诺事项", "责任清单（第四十七条）", "答复公开"} <= staff
    supervisor = labels(make_user("super", Role.SUPERVISOR))
    assert {"重点督办建议", "承诺事项"} <= supervisor and "责任清单（第四十七条）" not in supervisor
    clerk = labels(make_user("clerk", Role.UNIT_HANDLER, organisation=unit))
    assert "承诺事项" in clerk and "重点督办建议" not in clerk
    deputy = labels(make_user("deputy", Role.DEPUTY))
    assert "承诺事项" in deputy and "责任清单（第四十七条）" not in deputy
    station = labels(make_user("station", Role.STATION_STAFF))
    assert "答复公开" in station and "承诺事项" not in station


def test_the_current_page_is_the_most_specific_entry(make_user):
    staff = make_user("staff", Role.COMMITTEE_STAFF)
    sections = nav_for(staff, "/suggestions/key/3/")
    current = [str(i["label"]) for section in sections for i in section["items"] if i["active"]]
    assert current == ["重点督办建议"]
    assert [str(s["label"]) for s in sections if s["active"]] == ["代表建议"]
