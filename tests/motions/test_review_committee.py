"""The motion-review committee as M§15 makes it: "议案审查委员会设主任委员一人、副主任委员一至二人、
委员若干人，其人选由常务委员会在代表中提名" — one chair, one or two vice-chairs, members, all
of them deputies."""

import pytest

from congress.models import Congress
from congress.roles import Role
from motions.models import ReviewMember
from motions.services import review
from tests.helpers import refused
from tests.motions.conftest import REVIEW_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


@pytest.fixture
def add(session, secretariat):
    def member(user, position):
        return review.review_member_add(session=session, user=user, position=position, actor=secretariat)

    return member


def test_the_committee_has_one_chair(add, make_reviewer):
    add(make_reviewer("chair"), "chair")
    second = make_reviewer("chair2")
    with refused("review_committee_has_a_chair"):
        add(second, "chair")
    assert not ReviewMember.objects.filter(user=second).exists()


def test_the_committee_has_one_or_two_vice_chairs_not_three(add, make_reviewer):
    add(make_reviewer("vice1"), "vice_chair")
    add(make_reviewer("vice2"), "vice_chair")
    with refused("review_committee_has_two_vice_chairs"):
        add(make_reviewer("vice3"), "vice_chair")
    assert ReviewMember.objects.filter(position="vice_chair").count() == 2


def test_a_member_becomes_chair_only_once_the_chair_steps_down(add, make_reviewer):
    chair = add(make_reviewer("chair"), "chair")
    vice = add(make_reviewer("vice"), "vice_chair")
    with refused("review_committee_has_a_chair"):
        add(vice.user, "chair")
    add(chair.user, "member")
    assert add(vice.user, "chair").position == "chair"


@pytest.mark.parametrize("position", ["chair", "vice_chair", "member"])
def test_a_non_deputy_does_not_sit_on_the_committee(add, make_user, position):
    clerk = make_user("rc-staff", Role.REVIEW_COMMITTEE)  # an account with the role, but no deputy
    with refused("review_member_not_a_deputy") as error:
        add(clerk, position)
    assert error.value.status == 400


def test_a_deputy_of_another_term_does_not_sit_on_the_committee(add, make_reviewer, congress_term):
    user = make_reviewer("old-term")
    user.deputy.congress = Congress.objects.create(
        number=13, starts=congress_term.starts.replace(year=2018), ends=congress_term.starts
    )
    user.deputy.save()
    with refused("review_member_not_a_deputy"):
        add(user, "member")


def test_the_committee_meets_once_it_has_its_chair_and_a_vice_chair(add, make_reviewer, session):
    chair = add(make_reviewer("chair"), "chair")
    add(make_reviewer("member"), "member")
    with refused("review_committee_incomplete"):
        review.review_meeting_create(session=session, actor=chair.user, held_at=REVIEW_DAY, convened_by=chair)
    add(make_reviewer("vice"), "vice_chair")
    meeting = review.review_meeting_create(
        session=session, actor=chair.user, held_at=REVIEW_DAY, convened_by=chair
    )
    assert meeting.number == 1


def test_the_api_refuses_a_second_chair_with_its_code(api, session, secretariat, committee, make_reviewer):
    user = make_reviewer("another")
    response = api(secretariat).post(
        "/api/v1/review-members/", {"session": session.pk, "user": user.pk, "position": "chair"}
    )
    assert (response.status_code, response.json()["code"]) == (409, "review_committee_has_a_chair")
