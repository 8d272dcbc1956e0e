"""Fixtures for the suggestion workflow: a session, staff, two units and their users."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from congress.models import Organisation
from congress.roles import Role
from suggestions.models import SubjectArea, Suggestion
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.workflow import Role as UnitRoleKind


@pytest.fixture
def area(db: None) -> SubjectArea:
    return SubjectArea.objects.get_or_create(name="教育")[0]


@pytest.fixture
def staff(make_user: Any) -> Any:
    return make_user("staff1", Role.COMMITTEE_STAFF, name="王丽华")


@pytest.fixture
def units(make_unit: Any, make_user: Any) -> dict[str, Any]:
    education = make_unit("省教育厅")
    transport = make_unit("省交通运输厅")
    return {
        "education": education,
        "transport": transport,
        "unit1": make_user("unit1", Role.UNIT_HANDLER, organisation=education, name="李晓梅"),
        "unit1head": make_user("unit1head", Role.UNIT_HEAD, organisation=education, name="张伟"),
        "unit2": make_user("unit2", Role.UNIT_HANDLER, organisation=transport, name="陈刚"),
    }


@pytest.fixture
def lead(make_deputy: Any) -> Any:
    return make_deputy("李明")


@pytest.fixture
def file_suggestion(lead: Any, area: SubjectArea, session: Any) -> Any:
    """A filed (submitted) single suggestion by the lead deputy."""

    def make(
        title: str = "关于加强农村教师队伍建设的建议", body: str = "问题、事实和建议。", **extra: Any
    ) -> Suggestion:
        s = suggestion_create(
            actor=lead.user,
            lead_deputy=lead,
            title=title,
            body=body,
            subject_area=area,
            session=None,
            **extra,
        )
        return suggestion_submit(suggestion=s, actor=lead.user)

    return make


@pytest.fixture
def assigned(file_suggestion: Any, staff: Any, units: dict[str, Any]) -> Any:
    """A suggestion assigned to 省教育厅 alone, on a fixed day."""

    def make(**extra: Any) -> Any:
        s = file_suggestion(**extra)
        [assignment] = suggestion_accept_and_assign(
            suggestion=s, units=[HandlingUnit(units["education"], UnitRoleKind.SOLE)], actor=staff
        )
        return assignment

    return make


BEIJING_NOON = dt.timezone(dt.timedelta(hours=8))


def beijing(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BEIJING_NOON)


@pytest.fixture
def other_unit(make_unit: Any) -> Organisation:
    return make_unit("省卫生健康委员会")


@pytest.fixture
def joint_draft(lead: Any, make_deputy: Any, area: SubjectArea) -> tuple[Suggestion, Any]:
    """A recess draft by the lead deputy with one invited co-signer, 王芳: (draft, co-signer)."""
    co = make_deputy("王芳")
    draft = suggestion_create(
        actor=lead.user,
        lead_deputy=lead,
        title="t",
        body="b",
        subject_area=area,
        session=None,
        co_signers=[co],
    )
    return draft, co
