"""Each role's desk in a real browser (issue 16): on the demo data, the home page lists what
the demo owes each person, one tap from the action, and nothing of it spills beyond the
viewport at 390 or 1280 px.

Set AXE_JS to axe-core's axe.min.js (npm `axe-core`, installed outside the repo) to also run
axe on every desk; it is injected by the test, never served by the portal. Set DESK_SCREENSHOTS
to a folder to keep a full-page screenshot of every desk at both widths, to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import F, Q
from django.utils import timezone

from congress.models import User
from deputies.models import Feedback, Inspection, TrainingInvitation
from liaison_stations.models import Forwarding, Opinion, Reception
from liaison_stations.workflow import WAITING
from motions.models import CoSignature, Motion
from motions.workflow import MOTION
from suggestions.models import Assignment, CoSigner, Reply, Suggestion
from suggestions.workflow import ASSIGNMENT, Status
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Elements of the page's main part that reach beyond the viewport (the navigation is not the
# desk's: it scrolls sideways by design).
BEYOND = """() => { const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('main *')].filter(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1; }).map(e => e.tagName + '.' + e.className).slice(0, 5); }"""


def owed_by_the_demo() -> dict[str, set[str]]:
    """What each demo user is owed on their desk, read from the demo data (not from the desk)."""
    today = timezone.localdate()

    def user(name: str) -> User:
        return User.objects.get(username=name)

    deputy1 = user("deputy1").deputy
    to_rate = Reply.objects.filter(
        status="approved",
        assignment__suggestion__status=Status.REPLIED,
        assignment__suggestion__lead_deputy=deputy1,
        round=F("assignment__suggestion__reply_round"),
    )
    receptions = Reception.objects.filter(
        deputies=deputy1, status=Reception.Status.SCHEDULED, ends_at__gte=timezone.now()
    )
    trainings = TrainingInvitation.objects.filter(
        deputy=deputy1, training__date__gte=today, training__status="planned"
    )
    inspections = Inspection.objects.filter(deputies=deputy1, status="planned", date__gte=today)
    owed = {
        "deputy1": {f"/suggestions/replies/{r.pk}/" for r in to_rate}
        | {f"/stations/receptions/{r.pk}/" for r in receptions}
        | {f"/deputies/trainings/{t.training_id}/" for t in trainings}
        | {f"/deputies/inspections/{i.pk}/" for i in inspections},
    }
    for row in CoSigner.objects.filter(status="invited", suggestion__status=Status.DRAFT).select_related(
        "deputy__user"
    ):
        assert row.deputy.user is not None
        owed.setdefault(row.deputy.user.username, set()).add(f"/suggestions/{row.suggestion_id}/")
    for sig in CoSignature.objects.filter(status="invited").select_related("deputy__user", "motion"):
        if sig.deputy.user and sig.motion.status in MOTION.sources("confirm"):
            owed.setdefault(sig.deputy.user.username, set()).add(f"/motions/{sig.motion_id}/")
    unit = user("unit1").organisation_id
    open_rows = Assignment.objects.filter(unit_id=unit, status__in=ASSIGNMENT.open_statuses)
    drafts = Reply.objects.filter(status="draft", assignment__in=open_rows)
    feedback = Feedback.objects.filter(body_id=unit, status="pending")
    owed["unit1"] = (
        {f"/suggestions/{a.suggestion_id}/" for a in open_rows}
        | {f"/suggestions/replies/{r.pk}/" for r in drafts}
        | {f"/deputies/feedback/{f.pk}/" for f in feedback}
    )
    owed["unit1head"] = owed["unit1"]
    waiting = Suggestion.objects.filter(status__in=[Status.SUBMITTED, Status.ACCEPTED])
    owed["staff1"] = {f"/suggestions/{s.pk}/#assign" for s in waiting}
    station1 = user("station1")
    venues = set(station1.stations.values_list("pk", flat=True))
    at_station = Q(station_id__in=venues) | Q(point__parent_id__in=venues)
    opinions = Opinion.objects.filter(at_station, status__in=WAITING)
    chased = Forwarding.objects.filter(outcome="open", opinion__in=Opinion.objects.filter(at_station))
    owed["station1"] = {f"/stations/opinions/{o.pk}/" for o in opinions} | {
        f"/stations/opinions/{f.opinion_id}/" for f in chased
    }
    referred = Motion.objects.filter(status="referred", review_body_id=user("super1").organisation_id)
    owed["super1"] = {f"/motions/{m.pk}/" for m in referred}
    return owed


@pytest.fixture
def demo(db: None) -> dict[str, set[str]]:
    call_command("seed_demo", password=PASSWORD)
    return owed_by_the_demo()


def test_each_roles_desk_lists_what_the_demo_owes_them_at_both_widths(
    browser: Any, live_server: Any, demo: Any
):
    axe = Path(os.environ["AXE_JS"]).read_text() if os.environ.get("AXE_JS") else None
    shots = Path(os.environ["DESK_SCREENSHOTS"]) if os.environ.get("DESK_SCREENSHOTS") else None
    assert all(demo.values()), {k: v for k, v in demo.items() if not v}  # the demo owes everyone something
    for username, hrefs in sorted(demo.items()):
        for size in (PHONE, DESKTOP):
            context = browser.new_context(
                viewport=size, locale="zh-CN", is_mobile=size is PHONE, bypass_csp=bool(axe)
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, live_server.url, username, PASSWORD)
            assert page.url.rstrip("/") == live_server.url, username
            on_desk = set(
                page.eval_on_selector_all(
                    "main .desk-task a.item__title", "els => els.map(e => e.getAttribute('href'))"
                )
            )
            assert hrefs <= on_desk, (username, size, hrefs - on_desk)
            if size is DESKTOP:  # every task opens its page for this user
                for href in on_desk:
                    assert page.request.get(live_server.url + href).status == 200, (username, href)
            # each task is one tap from its action
            actions = page.eval_on_selector_all("main .desk-task a.desk-task__action", "els => els.length")
            assert actions == len(page.query_selector_all("main .desk-task")), username
            assert page.evaluate(BEYOND) == [], (username, size)
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shots / f"desk-{username}-{size['width']}.png"), full_page=True)
            if axe:
                page.evaluate(axe)
                violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id)")
                assert violations == [], (username, size, violations)
            context.close()
