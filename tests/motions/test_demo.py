"""The demo's motions and the bulk generator behind `seed_demo --scale`."""

import io

import pytest
from django.core.management import call_command

from congress.models import User
from congress.workflow import available_actions
from motions.models import CoSignature, Interpellation, Motion, Recall, ReviewMember
from motions.report import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_has_the_fourth_session_in_varied_states_and_a_draft_for_the_fifth():
    call_command("seed_demo", password="demo-pass-1", stdout=io.StringIO())
    fourth = Motion.objects.filter(session__number=4)
    assert set(fourth.values_list("status", flat=True)) >= {
        "concluded",
        "reported",
        "referred",
        "adopted",
        "merged",
        "withdrawn",
    }
    assert list(fourth.values_list("number", flat=True)) == list(range(1, 10))
    draft = Motion.objects.get(session__number=5, status="draft")
    assert draft.cosignatures.filter(confirmed_version=1).count() == 5
    # A second run adds nothing.
    call_command("seed_demo", password="demo-pass-1", stdout=io.StringIO())
    assert Motion.objects.count() == 10


def test_the_scale_generator_fills_the_earlier_sessions_with_five_merges_each():
    out = io.StringIO()
    call_command("seed_demo", password="demo-pass-1", scale=1500, stdout=out)
    assert "Generated 180 motions." in out.getvalue()
    first = Motion.objects.filter(session__number=1)
    assert first.count() == 60
    assert first.filter(status="merged").count() == 5
    assert CoSignature.objects.filter(motion__session__number=1).count() >= 60 * 9
    data = build(first.earliest("number").session)
    assert (data.received, data.merged_away, data.remaining) == (60, 5, 55)


def test_the_demo_committee_has_one_chair_one_vice_chair_and_deputies_only():
    call_command("seed_demo", password="demo-pass-1", stdout=io.StringIO())
    members = ReviewMember.objects.filter(session__number=4).select_related("user__deputy", "session")
    positions = sorted(m.position for m in members)
    assert positions.count("chair") == 1
    assert 1 <= positions.count("vice_chair") <= 2
    # M§15: 其人选由常务委员会在代表中提名.
    assert all(m.user.deputy.congress_id == m.session.congress_id for m in members)


def test_the_demo_has_an_interpellation_in_each_state_and_a_recall_draft_once():
    call_command("seed_demo", password="demo-pass-1", stdout=io.StringIO())
    draft = Interpellation.objects.get(status="draft", lead_deputy__user__username="deputy1")
    assert list(draft.signers.filter(status="invited").values_list("deputy__user__username", flat=True)) == [
        "deputy2"
    ]
    assert draft.signers.filter(status="confirmed").count() == 8  # deputy2's is the tenth name
    filed = Interpellation.objects.filter(session__number=4).order_by("number")
    assert [(i.number, i.status) for i in filed] == [(1, "submitted"), (2, "answered")]
    answered = filed[1]
    answer = answered.answers.get(round=1)
    assert answer.answered_at is not None
    assert answered.signers.filter(status="confirmed", confirmed_version=1).count() == 10
    assert not answer.evaluations.exists()
    # What the demo users meet: deputy2 may confirm the draft, deputy1 evaluate the answer.
    users = {u.username: u for u in User.objects.filter(username__in=["deputy1", "deputy2"])}
    assert "confirm" in available_actions(draft, users["deputy2"])
    assert "evaluate" in available_actions(answered, users["deputy1"])
    recall = Recall.objects.get()
    assert (recall.status, recall.signers.count()) == ("draft", 2)
    # A second run adds nothing.
    call_command("seed_demo", password="demo-pass-1", stdout=io.StringIO())
    assert (Interpellation.objects.count(), Recall.objects.count()) == (3, 1)
