import pytest
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_a_suspended_deputy_must_have_a_suspension_ground_and_date(make_deputy):
    with pytest.raises(IntegrityError):
        make_deputy("王芳", with_user=False, status="suspended")


def test_a_termination_ground_cannot_suspend(make_deputy):
    with pytest.raises(IntegrityError):
        make_deputy(
            "王芳", with_user=False, status="suspended", status_ground="resigned", status_since="2026-01-01"
        )


def test_a_terminated_deputy_records_the_article(make_deputy):
    deputy = make_deputy(
        "王芳", with_user=False, status="terminated", status_ground="absent_twice", status_since="2026-02-01"
    )
    assert not deputy.is_active
    assert str(deputy.get_status_ground_display()) == "未经批准两次不出席会议（第四十六条第三项）"


def test_a_deputy_in_office_is_active(make_deputy):
    assert make_deputy("李明", with_user=False).is_active
