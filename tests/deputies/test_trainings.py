"""Trainings (D§41): collective study at least once a year; each deputy at least once a term.
Invitations honour a minority deputy's recorded needs (D§42)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deputies.models import Event
from deputies.selectors.trainings import deputies_without_training, yearly_check
from deputies.services.status import deputy_record_needs
from deputies.services.trainings import training_cancel, training_hold, training_invite, training_plan
from tests.helpers import refused

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 18)


def plan(staff, deputies, **extra):
    values = {
        "title": "代表履职学习班",
        "kind": "collective",
        "date": DAY,
        "place": "省人大常委会机关",
        **extra,
    }
    return training_plan(congress=deputies[0].congress, deputies=deputies, actor=staff, **values)


def test_planning_tells_each_deputy_invited(staff, deputy, colleague):
    training = plan(staff, [deputy, colleague])
    assert training.status == "planned"
    assert set(training.deputies.all()) == {deputy, colleague}
    assert colleague.user.notifications.filter(kind="training_invited").count() == 1


def test_a_minority_deputys_notice_names_the_needs_the_organisers_have(staff, deputy):
    deputy_record_needs(deputy=deputy, language_needs="蒙古文材料", custom_needs="清真饮食", actor=staff)
    deputy.refresh_from_db()
    plan(staff, [deputy])
    body = deputy.user.notifications.get(kind="training_invited").body
    assert "蒙古文材料" in body and "清真饮食" in body
    # The article is named in the reader's language: "D§42" in English, 第四十二条 in Chinese.
    assert "第四十二条" in body


def test_only_the_committee_plans_trainings(deputy):
    with refused("permission_denied"):
        plan(deputy.user, [deputy])


def test_a_training_is_held_on_or_after_its_day(staff, deputy):
    training = plan(staff, [deputy], date=timezone.localdate() + dt.timedelta(days=10))
    with refused("training_in_future"):
        training_hold(training=training, attended=[deputy], actor=staff)


def test_holding_records_who_attended_and_adds_who_came_uninvited(staff, deputy, colleague):
    training = plan(staff, [deputy])
    training_hold(training=training, attended=[colleague], actor=staff, summary="学习代表法")
    assert dict(training.invitations.values_list("deputy_id", "attended")) == {
        deputy.pk: False,
        colleague.pk: True,
    }
    with refused("invalid_transition"):
        training_hold(training=training, attended=[deputy], actor=staff)
    assert Event.objects.filter(training=training, action="hold").count() == 1


def test_a_cancelled_training_tells_its_deputies_and_invites_no_more(staff, deputy, colleague):
    training = plan(staff, [deputy])
    training_cancel(training=training, reason="疫情", actor=staff)
    assert deputy.user.notifications.filter(kind="training_cancelled").exists()
    with refused("invalid_transition"):
        training_invite(training=training, deputies=[colleague], actor=staff)


def test_deputies_without_collective_study_and_the_years_without_one(staff, deputy, colleague):
    remote = plan(staff, [deputy, colleague], kind="remote")
    training_hold(training=remote, attended=[deputy, colleague], actor=staff)
    assert set(deputies_without_training(deputy.congress)) == {deputy, colleague}
    collective = plan(staff, [deputy, colleague], date=dt.date(2026, 4, 1))
    training_hold(training=collective, attended=[deputy], actor=staff)
    assert list(deputies_without_training(deputy.congress)) == [colleague]
    years = dict(yearly_check(deputy.congress, dt.date(2026, 6, 1)))
    assert years == {2023: 0, 2024: 0, 2025: 0, 2026: 1}


def test_the_api_plans_and_holds_a_training(api, staff, deputy, congress_term):
    created = api(staff).post(
        "/api/v1/trainings/",
        {
            "congress": congress_term.pk,
            "title": "学习班",
            "kind": "collective",
            "date": "2026-03-18",
            "deputies": [deputy.pk],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["actions"] == ["invite", "hold", "cancel"]
    held = api(staff).post(f"/api/v1/trainings/{body['id']}/hold/", {"attended": [deputy.pk]}, format="json")
    assert held.json()["status"] == "held" and held.json()["attended"] == [deputy.pk]
    assert api(deputy.user).get("/api/v1/trainings/").json()["count"] == 1


def test_a_training_has_its_title(staff, deputy):
    with refused("title_missing"):
        plan(staff, [deputy], title=" ")
