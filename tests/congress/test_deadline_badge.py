"""{% deadline_badge %} (congress/templatetags/deadlines.py): one deadline, shown the same way on
every page: its day, how it stands, and why it falls there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.template import engines
from django.utils import translation

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import Deadline
from congress.deadlines.statutory import REPLY

pytestmark = pytest.mark.django_db

ASSIGNED = dt.date(2026, 3, 2)


def _reply_clock() -> Deadline:
    return deadline(REPLY, ASSIGNED)


def _badge(clock: Deadline | None, arguments: str = "", **context: object) -> str:
    template = engines["django"].from_string(
        "{% load deadlines %}{% deadline_badge clock " + arguments + " %}"
    )
    with translation.override("en"):
        return template.render({"clock": clock, **context})


def _state(html: str) -> str:
    return re.search(r'class="deadline deadline--(\w+)"', html).group(1)  # type: ignore[union-attr]


def test_it_counts_the_days_left_and_turns_amber_in_the_last_week():
    clock = _reply_clock()
    early = _badge(clock, "today=today", today=clock.due - dt.timedelta(days=30))
    assert _state(early) == "ok" and "30 days left" in early
    late = _badge(clock, "today=today", today=clock.due - dt.timedelta(days=1))
    assert _state(late) == "soon" and '<span class="badge badge--soon">1 day left</span>' in late


def test_it_says_due_today_on_the_last_day():
    clock = _reply_clock()
    assert '<span class="badge badge--soon">due today</span>' in _badge(clock, "today=today", today=clock.due)


def test_an_overdue_deadline_says_by_how_many_days():
    clock = _reply_clock()
    html = _badge(clock, "today=today", today=clock.due + dt.timedelta(days=3))
    assert _state(html) == "overdue"
    assert '<span class="badge badge--overdue">overdue 3 days</span>' in html


def test_a_done_deadline_is_grey_whatever_the_date():
    clock = _reply_clock()
    html = _badge(
        clock, "done=done today=today", done=dt.date(2026, 4, 1), today=clock.due + dt.timedelta(days=9)
    )
    assert _state(html) == "done" and '<span class="badge badge--done">done</span>' in html
    assert "overdue" not in html


def test_it_shows_the_day_and_why_it_falls_there_unless_the_list_says_not():
    clock = _reply_clock()
    html = _badge(clock)
    assert f'<time datetime="{clock.due.isoformat()}">' in html
    assert '<details class="deadline__why"><summary>Why this date</summary>' in html
    assert "(S§28)" in html  # the article the period comes from
    assert "deadline__why" not in _badge(clock, "explain=False")


def test_a_provisional_deadline_says_why_it_may_move():
    clock = dataclasses.replace(_reply_clock(), provisional=True)
    html = _badge(clock, "explain=False")
    assert (
        'class="provisional" title="Provisional: next year’s holiday schedule is not on the calendar yet"'
        in html
    )
    assert '<span class="badge badge--soon">provisional</span>' in html


def test_no_deadline_shows_nothing():
    assert _badge(None) == ""


def test_it_reads_in_chinese_by_default():
    clock = _reply_clock()
    template = engines["django"].from_string("{% load deadlines %}{% deadline_badge clock today=today %}")
    with translation.override("zh-hans"):
        html = template.render({"clock": clock, "today": clock.due + dt.timedelta(days=2)})
    assert "逾期" in html and "2" in html
