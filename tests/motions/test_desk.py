"""The desk of the motion-review committee's members and of the delegations' staff (issue 16):
what the motion workflow owes them, one tap from the action."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from congress.desk import desk_for
from congress.roles import Role
from motions.models import Motion
from motions.services import filing, intake, review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


def section(user: Any, role: Role) -> Any:
    return {str(s.role): s for s in desk_for(user)}[str(role.label)]


def detail(motion: Any) -> str:
    return reverse("motions:detail", args=[motion.pk])


def test_a_committee_member_finds_the_motions_still_awaiting_a_recommendation(
    filed: Any, secretariat: Any, committee: list[Any], meeting: Any
) -> None:
    """M§16, M§17: the committee studies every motion and recommends on each before it votes
    on its report; the desk lists those still waiting, with the count linking to the review."""
    first, second = (intake.motion_send_to_review(motion=filed(), actor=secretariat) for _ in range(2))
    member = committee[2].user
    mine = section(member, Role.REVIEW_COMMITTEE)
    assert [t.url for t in mine.tasks] == [detail(first), detail(second)]
    ((label, n),) = [(str(f.label), f.n) for f in mine.counts]
    assert (label, n) == ("待提出审查意见的议案", 2)
    review.motion_recommend(motion=first, actor=committee[0].user, meeting=meeting, kind="agenda")
    assert [t.url for t in section(member, Role.REVIEW_COMMITTEE).tasks] == [detail(second)]


def test_the_delegations_staff_find_the_motion_drafts_they_entered_until_filed(
    draft: Any, lead: Any, make_user: Any
) -> None:
    """M§6: the delegation's staff serve its deputies in proposing motions."""
    clerk = make_user("dele-m6", Role.DELEGATION_STAFF)
    lead.delegation.staff.add(clerk)
    motion = draft()
    Motion.objects.filter(pk=motion.pk).update(created_by=clerk)  # entered by the staff for the lead
    mine = section(clerk, Role.DELEGATION_STAFF)
    assert [(str(t.kind), t.note) for t in mine.tasks] == [("待提交的议案草稿", lead.name)]
    filing.motion_submit(motion=motion, actor=clerk)
    assert section(clerk, Role.DELEGATION_STAFF).tasks == []
