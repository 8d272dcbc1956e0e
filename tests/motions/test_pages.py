"""The motion pages for each role: what they show, what they refuse, the report downloads."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from congress.roles import Role
from motions.models import Conclusion, Motion
from motions.services import filing, intake, presidium, recess, review
from tests.conftest import BEIJING, PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]

PRESIDIUM = dt.datetime(2026, 1, 27, 20, tzinfo=BEIJING)


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def concluded(
    filed, secretariat, meeting, committee, bodies, adopt, session, body_staff, committee_staff, heard
):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    heard(motion)
    report = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 final", content_type="application/pdf")
    recess.motion_submit_report(motion=motion, actor=body_staff, summary="建议列入立法计划。", file=report)
    recess.motion_conclude(
        motion=motion, actor=committee_staff, sc_meeting_on=dt.date(2026, 5, 28), text="常委会审议通过。"
    )
    return motion


def test_a_co_signer_sees_the_motion_waiting_and_co_signs_it_on_the_page(client, draft, lead, deputies):
    motion = draft(signers=0)
    filing.motion_invite(motion=motion, actor=lead.user, deputies=[deputies[4]])
    signed_in(client, deputies[4].user)
    listing = client.get(reverse("motions:list")).content.decode()
    assert "1件议案等待您附议" in listing
    page = client.get(reverse("motions:detail", args=[motion.pk])).content.decode()
    assert "我已审阅全文，同意附议" in page
    client.post(reverse("motions:act", args=[motion.pk, "confirm"]))
    assert motion.cosignatures.get(deputy=deputies[4]).confirmed_version == motion.text_version


def test_a_refusal_on_the_page_quotes_the_article_in_chinese(client, draft, lead):
    motion = draft(signers=5)
    signed_in(client, lead.user)
    page = client.post(reverse("motions:act", args=[motion.pk, "submit"]), follow=True).content.decode()
    assert "议案办法第二条" in page
    assert "现有文本已有6名代表签名" in page


def test_the_lead_deputy_invites_co_signers_by_name(client, draft, lead, deputies):
    motion = draft(signers=0)
    signed_in(client, lead.user)
    names = "、".join(d.name for d in deputies[1:4])
    client.post(reverse("motions:act", args=[motion.pk, "invite"]), {"names": names})
    assert motion.cosignatures.count() == 3
    page = client.post(reverse("motions:act", args=[motion.pk, "invite"]), {"names": "无此人"}, follow=True)
    assert "没有名为无此人的代表" in page.content.decode()


def test_a_deputy_drafts_a_motion_on_the_page(client, session, lead):
    signed_in(client, lead.user)
    response = client.post(
        reverse("motions:new"),
        {
            "kind": "joint",
            "title": "关于制定《山西省数据条例》的议案",
            "category": "legislation",
            "regulation_action": "make",
            "reason": "案由",
            "grounds": "案据",
            "solution": "方案",
        },
    )
    motion = lead.led_motions.get()
    assert response.url == reverse("motions:detail", args=[motion.pk])
    assert (motion.session, motion.regulation_action) == (session, "make")


def test_a_draft_is_not_found_by_another_deputy(client, draft, deputies):
    motion = draft(signers=1)
    signed_in(client, deputies[13].user)
    assert client.get(reverse("motions:detail", args=[motion.pk])).status_code == 404


def test_a_unit_clerk_has_no_motion_pages(client, make_user, unit):
    clerk = make_user("clerk", Role.UNIT_HANDLER, organisation=unit)
    signed_in(client, clerk)
    assert client.get(reverse("motions:list")).status_code == 403


def test_the_list_counts_the_intake_by_category_and_exports(client, filed, secretariat, session):
    filed()
    filed(category="supervision", title="关于监督全省教育经费使用的议案")
    signed_in(client, secretariat)
    page = client.get(reverse("motions:list"), {"session": session.pk}).content.decode()
    assert "监督事项 <strong>1</strong>" in page
    assert "共 2 件" in page
    export = client.get(reverse("motions:list"), {"session": session.pk, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].values)
    assert len(rows) == 3
    assert rows[1][0] == "0001号"


def test_the_review_committee_records_attendance_and_votes_on_its_page(
    client, filed, secretariat, session, committee
):
    chair = committee[0]
    signed_in(client, chair.user)
    client.post(
        reverse("motions:review-act", args=["meeting"]),
        {"session": session.pk, "held_at": "2026-01-27T15:00", "convened_by": chair.pk, "place": "迎泽宾馆"},
    )
    meeting = session.review_meetings.get()
    response = client.post(
        reverse("motions:review-act", args=["attendance"]),
        {"session": session.pk, "meeting": meeting.pk, "present": [m.pk for m in committee[:4]]},
        follow=True,
    )
    assert "不足法定人数" in response.content.decode()
    client.post(
        reverse("motions:review-act", args=["attendance"]),
        {"session": session.pk, "meeting": meeting.pk, "present": [m.pk for m in committee[:6]]},
    )
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    client.post(
        reverse("motions:act", args=[motion.pk, "recommend"]), {"meeting": meeting.pk, "kind": "agenda"}
    )
    votes = {f"vote-{m.pk}": "for" for m in committee[:4]} | {
        f"vote-{m.pk}": "against" for m in committee[4:6]
    }
    page = client.post(
        reverse("motions:review-act", args=["vote"]),
        {"session": session.pk, "meeting": meeting.pk, **votes},
        follow=True,
    )
    assert "未通过：9名组成人员中4名赞成" in page.content.decode()


def test_the_review_report_prints_and_downloads_as_word_and_excel(client, concluded, session, lead):
    signed_in(client, lead.user)
    page = client.get(reverse("motions:report", args=[session.pk])).content.decode()
    assert "议案审查委员会关于代表提出议案审查结果的报告" in page
    assert "共收到代表提出的议案1件" in page
    assert re.search(r"<button[^>]*\bdata-print\b", page)  # printed by static/js/portal.js (no inline script)
    # The Word paper is the documents machinery's (GB/T 9704); the old ?format=docx leads to it.
    docx = client.get(reverse("motions:report", args=[session.pk]), {"format": "docx"}, follow=True)
    document = Document(io.BytesIO(docx.content))
    texts = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "0001号" in cells
    assert any("共收到代表提出的议案1件" in t for t in texts)
    xlsx = client.get(reverse("motions:report", args=[session.pk]), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).worksheets[0].values)
    assert rows[1][0] == "0001号"


def test_the_public_reads_concluded_reports_without_signing_in(client, concluded, filed):
    filed(title="关于尚未办结事项的议案")
    page = client.get(reverse("motions:public")).content.decode()
    assert concluded.title in page
    assert "尚未办结" not in page
    assert (
        client.get(reverse("motions:public-report-file", args=[concluded.pk])).getvalue() == b"%PDF-1.4 final"
    )


def test_the_public_list_is_paged_latest_sc_meeting_first_with_its_count(client, concluded):
    # Two more concluded motions like it, the SC meeting a day later each: only the order matters.
    later = []
    for days in (1, 2):
        twin = Motion.objects.get(pk=concluded.pk)
        twin.pk = twin.id = None
        twin.number = (concluded.number or 0) + days
        twin.title = f"关于第{days}项后续事项的议案"
        twin.save()
        Conclusion.objects.create(
            motion=twin, sc_meeting_on=dt.date(2026, 5, 28 + days), text="常委会审议通过。",
            recorded_by=concluded.conclusion.recorded_by,
        )  # fmt: skip
        later.append(twin)
    url = reverse("motions:public")
    first = client.get(url, {"page_size": 2})
    assert [m.pk for m in first.context["motions"]] == [later[1].pk, later[0].pk]
    text = first.content.decode()
    assert "共 3 件" in text and "第 1 页，共 2 页" in text and "page_size=2&amp;page=2" in text
    second = client.get(url, {"page_size": 2, "page": 2})
    assert [m.pk for m in second.context["motions"]] == [concluded.pk]


def test_the_referred_body_sees_its_motion_with_the_report_clock(
    client, filed, secretariat, meeting, committee, bodies, adopt, session, body_staff, heard
):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(
        motion=motion, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    signed_in(client, body_staff)
    page = client.get(reverse("motions:recess")).content.decode()
    assert motion.title in page
    assert "2026年7月29日" in page
    detail = client.get(reverse("motions:detail", args=[motion.pk])).content.decode()
    # Before it reports, the body names the responsible person and hears the proposers (M§5, M§24).
    assert 'id="responsible-person"' in detail
    assert "提出审议结果报告（议案办法第二十三条、第二十六条）" not in detail
    heard(motion)
    detail = client.get(reverse("motions:detail", args=[motion.pk])).content.decode()
    assert "提出审议结果报告（议案办法第二十三条、第二十六条）" in detail


def test_an_attachment_is_downloaded_only_by_those_who_see_the_motion(client, draft, lead, deputies):
    motion = draft(signers=1)
    attachment = filing.motion_attach(
        motion=motion, actor=lead.user, kind="other", file=SimpleUploadedFile("说明.pdf", b"%PDF")
    )
    signed_in(client, deputies[13].user)
    assert client.get(reverse("motions:attachment", args=[attachment.pk])).status_code == 404
    signed_in(client, lead.user)
    assert client.get(reverse("motions:attachment", args=[attachment.pk])).getvalue() == b"%PDF"


def test_a_refused_action_shows_the_motion_again_with_what_was_typed(client, draft, filed, lead):
    motion = draft(signers=0)
    signed_in(client, lead.user)
    response = client.post(reverse("motions:act", args=[motion.pk, "invite"]), {"names": "无此人、也无此人"})
    assert response.status_code == 400
    assert "无此人、也无此人</textarea>" in response.content.decode()
    submitted = filed()
    response = client.post(reverse("motions:act", args=[submitted.pk, "withdraw"]), {"reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="withdraw" open' in page  # the form that was refused is unfolded, with its error
    assert 'class="field-error"' in page


def test_a_submission_refused_on_the_page_answers_409_in_place(client, draft, lead):
    motion = draft(signers=5)
    signed_in(client, lead.user)
    response = client.post(reverse("motions:act", args=[motion.pk, "submit"]))
    assert response.status_code == 409
    assert motion.title in response.content.decode()


def test_on_the_agenda_the_proposers_see_no_withdraw_button_and_the_secretariat_records_consent(
    client, filed, secretariat, meeting, committee, adopt, session, lead
):
    motion = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    review.motion_recommend(motion=motion, actor=committee[0].user, meeting=meeting, kind="agenda")
    adopt(meeting)
    presidium.review_report_approve(session=session, actor=secretariat, approved_at=PRESIDIUM)
    signed_in(client, lead.user)
    assert 'id="withdraw"' not in client.get(reverse("motions:detail", args=[motion.pk])).content.decode()
    refused = client.post(reverse("motions:act", args=[motion.pk, "withdraw"]), {"reason": "撤回"})
    assert refused.status_code == 409
    assert "主席团同意" in refused.content.decode()
    signed_in(client, secretariat)
    client.post(
        reverse("motions:act", args=[motion.pk, "consent-withdrawal"]),
        {"reason": "代表书面要求撤回", "consented_at": "2026-01-28T09:00"},
    )
    motion.refresh_from_db()
    assert motion.status == "withdrawn"
