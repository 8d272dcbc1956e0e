"""Clicks per journey in a real browser, on the demo data (issue 16): the whole joint-suggestion
journey takes at most 10 clicks for the lead and 2 for each co-signer from the notice, and
accepting and assigning a suggestion at most 3 for the staff from the desk, and handling a
suggestion to the deputy's rating at most 13 for the clerk, the head and the deputy together.

Every click, choice and tick counts; typing text does not, nor does signing in or opening the
portal's home (the desk) or the notifications page where the notice waits."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from congress.models import User
from suggestions.models import CoSigner, SubjectArea, Suggestion
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.workflow import Status
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class Clicks:
    """A page whose clicks, choices and ticks are counted (and logged, to say which when over)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.log: list[str] = []

    @property
    def count(self) -> int:
        return len(self.log)

    def click(self, target: Any, *, navigates: bool = True) -> None:
        locator = self.page.locator(target) if isinstance(target, str) else target
        # A locator logs as its selector, without the frame's address.
        self.log.append(target if isinstance(target, str) else str(target).split("selector=")[-1].rstrip(">"))
        if navigates:
            with self.page.expect_navigation():
                locator.click()
        else:
            locator.click()

    def select(self, selector: str, **option: Any) -> None:
        self.log.append(selector)
        self.page.select_option(selector, **option)

    def check(self, selector: str) -> None:
        self.log.append(selector)
        self.page.check(selector)


def signed_in(browser: Any, base_url: str, username: str, viewport: dict[str, int]) -> Clicks:
    context = browser.new_context(viewport=viewport, locale="zh-CN", is_mobile=viewport is PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base_url, username, PASSWORD)
    return Clicks(page)


@pytest.fixture
def demo(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from congress.notifications import tasks

    class NoBroker:
        # The pages are under test here, not delivery: keep wake-ups off any real queue.
        def delay(self, message_id: int) -> None:
            pass

    monkeypatch.setattr(tasks, "deliver_outbox_message", NoBroker())
    call_command("seed_demo", password=PASSWORD)


def test_a_joint_suggestion_takes_the_lead_at_most_10_clicks_and_a_co_signer_2_from_the_notice(
    browser: Any, live_server: Any, demo: None
) -> None:
    co_signer = User.objects.get(username="deputy2").deputy
    # The lead, on a phone, starts from the desk and picks the co-signer by pinyin initials.
    lead = signed_in(browser, live_server.url, "deputy1", PHONE)
    lead.click("main .desk a.button--primary[href='/suggestions/new/']")
    lead.page.fill("#id_title", "关于乡村教师周转房的建议")
    lead.page.fill("#id_body", "问题、事实和建议。")
    lead.select("#id_subject_area", index=1)
    lead.page.fill(".picker__search", co_signer.pinyin_initials)
    lead.click(lead.page.locator(".picker__option").filter(has_text=co_signer.name).first, navigates=False)
    assert lead.page.input_value("#id_co_signers").startswith(co_signer.name)
    lead.click("form.form button[type=submit]")
    suggestion = Suggestion.objects.get(title="关于乡村教师周转房的建议")
    assert list(CoSigner.objects.filter(suggestion=suggestion).values_list("deputy", flat=True)) == [
        co_signer.pk
    ]

    # The co-signer, at a desk, opens the notice from the notifications and confirms.
    signer = signed_in(browser, live_server.url, "deputy2", DESKTOP)
    signer.page.goto(f"{live_server.url}/notifications/")
    signer.click(signer.page.locator("button.inbox__open").filter(has_text=suggestion.title).first)
    assert signer.page.url.startswith(f"{live_server.url}{suggestion.get_absolute_url()}")
    signer.click("main form[action$='/confirm/'] button")
    assert CoSigner.objects.get(suggestion=suggestion).status == "confirmed"

    # The lead comes back to the desk, opens the suggestion and submits it.
    lead.page.goto(live_server.url)
    lead.click(f"main .desk-task a.desk-task__action[href='{suggestion.get_absolute_url()}']")
    lead.click("form[action$='/submit/'] button")

    suggestion.refresh_from_db()
    assert suggestion.status == Status.SUBMITTED
    assert lead.count <= 10, lead.log
    assert signer.count <= 2, signer.log
    print(f"joint suggestion: lead {lead.count} clicks {lead.log}; co-signer {signer.count} {signer.log}")


def test_staff_accept_and_assign_a_suggestion_from_the_desk_in_at_most_3_clicks(
    browser: Any, live_server: Any, demo: None
) -> None:
    waiting = Suggestion.objects.filter(status=Status.SUBMITTED).order_by("pk").first()
    assert waiting is not None, "the demo has a suggestion awaiting review"
    staff = signed_in(browser, live_server.url, "staff1", DESKTOP)
    staff.click(f"main .desk-task a.desk-task__action[href='{waiting.get_absolute_url()}#assign']")
    first_unit = staff.page.locator("#assign .assign-rows select").first
    if not first_unit.input_value():  # the routing table proposed nobody: the staff chooses
        staff.select("#assign .assign-rows select >> nth=0", index=1)
    staff.click("#assign button.button--primary")

    waiting.refresh_from_db()
    assert waiting.status == Status.ASSIGNED
    assert staff.count <= 3, staff.log
    print(f"accept and assign: staff {staff.count} clicks {staff.log}")


def test_from_the_units_desk_to_the_deputys_rating_takes_at_most_13_clicks_in_all(
    browser: Any, live_server: Any, demo: None, tmp_path: Any
) -> None:
    """Handle to rating: the clerk records the talk with the deputy (S§24) and drafts the reply,
    the head signs it off (S§27), the deputy rates it from the notice (S§30). Before the desks
    this took 20 clicks."""
    staff = User.objects.get(username="staff1")
    unit = User.objects.get(username="unit1").organisation
    deputy1 = User.objects.get(username="deputy1")
    lead = deputy1.deputy
    assert unit is not None
    suggestion = suggestion_create(
        actor=deputy1, lead_deputy=lead, title="关于乡镇卫生院人才引进的建议", body="内容。",
        subject_area=SubjectArea.objects.order_by("pk").first(), session=None,
    )  # fmt: skip
    suggestion_submit(suggestion=suggestion, actor=deputy1)
    [assignment] = suggestion_accept_and_assign(
        suggestion=suggestion, units=[HandlingUnit(unit, "sole")], actor=staff
    )

    clerk = signed_in(browser, live_server.url, "unit1", DESKTOP)
    clerk.click(
        clerk.page.locator("main .desk-task").filter(has_text=suggestion.title).locator("a.desk-task__action")
    )
    clerk.click(f"a[href='/suggestions/assignments/{assignment.pk}/communicate/']")
    clerk.select("#id_way", value="call")
    clerk.page.fill("#id_date", assignment.assigned_on.isoformat())
    clerk.page.fill("#id_participants", "李明代表")
    clerk.page.fill("#id_summary", "电话沟通了办理思路，代表表示理解。")
    clerk.check("#id_understanding")
    clerk.click("form.form button[type=submit]")
    clerk.click(f"a[href='/suggestions/assignments/{assignment.pk}/reply/']")
    clerk.select("#id_category", value="A")
    clerk.page.fill("#id_body", "您提出的建议已采纳。")
    scan = tmp_path / "sealed.pdf"
    scan.write_bytes(b"%PDF-1.4\n%sealed reply\n")
    clerk.log.append("#id_scan")  # choosing the file is a click
    clerk.page.set_input_files("#id_scan", str(scan))
    clerk.click("form.form button[type=submit]")
    reply = assignment.replies.get()

    head = signed_in(browser, live_server.url, "unit1head", DESKTOP)
    head.click(f"main .desk-task a.desk-task__action[href='/suggestions/replies/{reply.pk}/']")
    head.click(f"form[action='/suggestions/replies/{reply.pk}/approve/'] button")

    deputy = signed_in(browser, live_server.url, "deputy1", PHONE)
    deputy.page.goto(f"{live_server.url}/notifications/")
    notices = deputy.page.locator("button.inbox__open").filter(has_text=suggestion.title)
    deputy.click(notices.filter(has_text="答复").first)
    deputy.click("button[value=satisfied]")
    # The page says what happens next: here the suggestion closed, the lead being its only deputy.
    assert "建议已办结" in deputy.page.locator(".what-next").inner_text()

    suggestion.refresh_from_db()
    assert suggestion.status == Status.CLOSED
    total = clerk.count + head.count + deputy.count
    assert total <= 13, (clerk.log, head.log, deputy.log)
    print(f"handle to rating: {total} clicks: clerk {clerk.log}; head {head.log}; deputy {deputy.log}")
