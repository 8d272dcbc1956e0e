"""What earlier motions owe the next session (M§21, M§26) is shown a page at a time, with the
count of all of them: ten years of motions owe a session thousands of rows."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from motions.models import Motion, NextSessionReport
from motions.services import intake, presidium, recess, review
from tests.conftest import BEIJING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)
PLENARY = dt.datetime(2026, 1, 29, 10, tzinfo=BEIJING)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owed(filed, secretariat, meeting, committee, adopt, session):
    """23 motions the plenary authorized the SC to decide (M§21): each owes the next session."""
    motions = [intake.motion_send_to_review(motion=filed(signers=9), actor=secretariat) for _ in range(3)]
    for motion in motions:
        review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda")
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    for motion in motions:
        presidium.motion_record_outcome(
            motion=motion, actor=secretariat, outcome="authorized", voted_at=PLENARY
        )
    # Twenty more rows like them, numbered after them: only their count and order matter here.
    first = Motion.objects.get(pk=motions[0].pk)
    more = []
    for number in range(4, 24):
        first.pk = first.id = None
        first.number = number
        first.title = f"关于第{number}号事项的议案"
        more.append(Motion(**{f.attname: getattr(first, f.attname) for f in Motion._meta.concrete_fields}))
    Motion.objects.bulk_create(more)
    return list(Motion.objects.filter(session=session, status="authorized").order_by("number"))


def test_the_next_session_page_pages_what_is_owed_and_counts_all_of_it(
    owed, next_session, secretariat, committee_staff
):
    assert len(owed) == 23
    client = signed_in(secretariat)
    url = reverse("motions:next-session")
    first = client.get(url, {"session": next_session.pk, "page_size": 10})
    assert [m.pk for m in first.context["owed"]] == [m.pk for m in owed[:10]]
    page = first.content.decode()
    assert "共 23 件" in page
    assert "第 1 页，共 3 页" in page
    assert f"?session={next_session.pk}&amp;page_size=10&amp;page=2" in page
    last = client.get(url, {"session": next_session.pk, "page_size": 10, "page": 3})
    assert [m.pk for m in last.context["owed"]] == [m.pk for m in owed[20:]]
    # Every row once, in the order of the whole list.
    seen = [
        m.pk
        for n in (1, 2, 3)
        for m in client.get(url, {"session": next_session.pk, "page_size": 10, "page": n}).context["owed"]
    ]
    assert seen == [m.pk for m in owed]
    # What is sent leaves the list and its count.
    recess.motion_submit_to_next_session(motion=owed[0], actor=committee_staff, sent_on=dt.date(2026, 12, 20))
    after = client.get(url, {"session": next_session.pk, "page_size": 10})
    assert "共 22 件" in after.content.decode()
    assert [m.pk for m in after.context["owed"]] == [m.pk for m in owed[1:11]]
    assert NextSessionReport.objects.count() == 1


def test_nothing_owed_shows_no_count_and_no_pager(next_session, secretariat):
    page = signed_in(secretariat).get(reverse("motions:next-session"), {"session": next_session.pk})
    assert page.context["owed"] == []
    text = page.content.decode()
    assert "没有待提交的事项。" in text
    assert "共 0 件" not in text
    assert 'class="pager"' not in text


def test_what_was_sent_is_paged_on_its_own_and_each_list_keeps_its_page(
    owed, next_session, secretariat, committee_staff
):
    for motion in owed[:12]:
        recess.motion_submit_to_next_session(
            motion=motion, actor=committee_staff, sent_on=dt.date(2026, 12, 20)
        )
    client = signed_in(secretariat)
    url = reverse("motions:next-session")
    first = client.get(url, {"session": next_session.pk, "page_size": 10})
    assert [r.motion_id for r in first.context["sent"]] == [m.pk for m in owed[:10]]
    page = first.content.decode()
    assert "共 12 件" in page and "共 11 件" in page  # sent, and still owed
    assert f"?session={next_session.pk}&amp;page_size=10&amp;sent_page=2" in page
    second = client.get(url, {"session": next_session.pk, "page_size": 10, "sent_page": 2, "page": 2})
    assert [r.motion_id for r in second.context["sent"]] == [m.pk for m in owed[10:12]]
    assert [m.pk for m in second.context["owed"]] == [m.pk for m in owed[22:]]
    # Each pager keeps the other list's page.
    text = second.content.decode()
    assert f"?session={next_session.pk}&amp;page_size=10&amp;page=2&amp;sent_page=1" in text
    assert f"?session={next_session.pk}&amp;page_size=10&amp;sent_page=2&amp;page=1" in text
