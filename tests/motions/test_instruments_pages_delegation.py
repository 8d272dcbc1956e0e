"""The joint instruments' pages (D§14): a delegation's interpellation drafted, voted and filed
through the pages by its staff, and the history read as the workflow table labels its steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from congress.models import Organisation, Session, User
from congress.roles import Role
from deputies.models import Deputy
from motions.models import Interpellation
from tests.helpers import user_of


@pytest.fixture
def staff(deputies: list[Deputy], make_user: Callable[..., User]) -> User:
    delegation = deputies[0].delegation
    delegation.head = deputies[0]
    delegation.save(update_fields=["head"])
    user = make_user("dstaff", Role.DELEGATION_STAFF)
    user.delegations.add(delegation)
    return user


def test_delegation_staff_draft_vote_and_file_a_delegations_interpellation_through_the_pages(
    sitting: Any,
    session: Session,
    deputies: list[Deputy],
    staff: User,
    make_unit: Callable[..., Organisation],
) -> None:
    target = make_unit("省交通运输厅", Organisation.Kind.GOVERNMENT)
    delegation = deputies[0].delegation
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff)
    new = reverse("motions:interpellation-new")
    assert "A delegation" in client.get(new).content.decode()
    page = client.post(
        new,
        {
            "kind": "delegation",
            "delegation": delegation.pk,
            "title": "代表团质询案",
            "target": target.pk,
            "questions": "收费标准为何连续上调？",
        },
        follow=True,
    )
    item = Interpellation.objects.get()
    assert (item.kind, item.delegation_id, item.lead_deputy_id) == ("delegation", delegation.pk, None)
    detail = page.content.decode()
    assert "Record the delegation&#x27;s vote" in detail
    assert "Drafted" in detail  # the history's step, not the raw "create"

    vote = reverse("motions:interpellation-form", args=[item.pk, "record_vote"])
    client.post(
        vote,
        {"plenary_date": "2026-01-26", "member_count": 14, "votes_for": 8, "head_signed_by": deputies[0].pk},
    )
    item.refresh_from_db()
    assert (item.member_count, item.votes_for, item.head_signed_by_id) == (14, 8, deputies[0].pk)

    client.post(reverse("motions:interpellation-act", args=[item.pk, "submit"]))
    item.refresh_from_db()
    assert item.status == "submitted"
    detail = client.get(item.get_absolute_url()).content.decode()
    assert "Given the delegation&#x27;s vote" in detail
    assert "Submitted" in detail
    assert "record_vote" not in detail.split("History")[-1]
    # Filed: the draft's editing is no longer offered, nor the vote with it.
    assert "Record the delegation&#x27;s vote" not in detail
    assert client.get(vote).status_code == 403


def test_a_deputy_sees_no_delegation_choice_and_no_vote_form(
    sitting: Any, session: Session, deputies: list[Deputy], make_unit: Callable[..., Organisation]
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_of(deputies[1]))
    assert "A delegation" not in client.get(reverse("motions:interpellation-new")).content.decode()
