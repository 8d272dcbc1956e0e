"""The papers made from one record: the reply letter (S§29) and the deputy's report to the
voters (D§43) as DOCX in the request, their PDF queued; the assignment notice (S§17, S§19)
queued, numbered; the analysis of a session (S§11(2)) and the report to the next session
(M§26) from the same machinery; each readable only by who may read its record."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from congress.documents import services
from congress.documents.models import GeneratedDocument, Kind
from congress.documents.sources import constituent_source, notice_source, reply_source, report_source
from congress.roles import Role
from deputies.models import ConstituentReport
from suggestions.models import Suggestion
from tests.conftest import BEIJING
from tests.suggestions.follow_up import make_assignment, make_reply, make_suggestion

pytestmark = pytest.mark.django_db
D = dt.date


def _docx_texts(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


@pytest.fixture
def replied(lead: Any, area: Any, staff: Any, units: dict[str, Any], session: Any) -> Any:
    s = make_suggestion(lead=lead, area=area, staff=staff, title="关于加强农村教师队伍建设的建议")
    Suggestion.objects.filter(pk=s.pk).update(session=session, number=7)
    a = make_assignment(
        s, units["education"], staff=staff, assigned_on=D(2026, 2, 10), reply_due=D(2026, 5, 11)
    )
    return make_reply(
        a, approved_at=dt.datetime(2026, 4, 1, 10, tzinfo=BEIJING), head=units["unit1head"], clerk=units["unit1"],
        category="B", body="已列入计划。", plan="新建宿舍", path="专项资金", completion_date=D(2027, 6, 30),
        contact="李晓梅 0351-1234567",
    )  # fmt: skip


def test_the_deputy_gets_the_reply_letter_as_docx_at_once(replied: Any, lead: Any, client: Any) -> None:
    client.force_login(lead.user)
    response = client.get(reverse("documents:now", args=[Kind.REPLY_LETTER, reply_source(replied.pk)]))
    assert response.status_code == 200
    texts = _docx_texts(response.content)
    assert texts[0] == "B类" and "省教育厅" in texts
    assert any(t.startswith("关于") and t.endswith("第0007号建议的答复") for t in texts)
    assert "李明代表：" in texts
    assert "完成时间：2027年6月30日" in texts and "2026年4月1日" in texts
    # A government department's letter is copied to the government's office too.
    assert "抄送：省人大常委会人事代表工作委员会，省人民政府办公厅。" in texts
    assert GeneratedDocument.objects.count() == 0  # made in the request, not kept


def test_another_deputy_and_another_unit_cannot_get_the_letter(
    replied: Any, make_deputy: Any, units: dict[str, Any], client: Any
) -> None:
    for outsider in (make_deputy("王芳").user, units["unit2"]):
        client.force_login(outsider)
        url = reverse("documents:now", args=[Kind.REPLY_LETTER, reply_source(replied.pk)])
        assert client.get(url).status_code == 404
        queued = client.post(
            reverse("documents:new"),
            {"kind": Kind.REPLY_LETTER, "source": reply_source(replied.pk), "format": "pdf"},
        )
        assert queued.status_code == 404
    assert GeneratedDocument.objects.count() == 0


def test_the_assignment_notice_is_numbered_and_only_the_unit_and_the_committee_read_it(
    replied: Any, staff: Any, units: dict[str, Any], session: Any, client: Any, eager: None,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    education = units["education"]
    client.force_login(units["unit1"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:notices"), {"session": session.pk, "unit": education.pk, "format": "docx"}
        )
    document = GeneratedDocument.objects.get()
    assert response.url == reverse("documents:document", args=[document.pk])
    texts = _docx_texts(document.file.read())
    assert "省教育厅：" in texts and any(t.startswith("晋人代工〔") and t.endswith("〕1号") for t in texts)
    table = Document(document.file.open("rb")).tables[0]
    assert [c.text for c in table.rows[1].cells][:3] == ["0007", "关于加强农村教师队伍建设的建议", "李明"]
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 200
    client.force_login(units["unit2"])  # another unit: neither this notice nor asking for it
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 404
    asked = client.post(
        reverse("documents:notices"), {"session": session.pk, "unit": education.pk, "format": "pdf"}
    )
    assert asked.status_code == 404
    client.force_login(staff)
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 200
    assert notice_source(session.pk, education.pk) == document.source


def test_the_deputys_report_to_voters_is_theirs_alone(lead: Any, make_deputy: Any, client: Any) -> None:
    report = ConstituentReport.objects.create(
        deputy=lead, year=2026, title="李明代表2026年度履职报告", body="一年来，我参加了会议。\n走访了选民。"
    )
    url = reverse("documents:now", args=[Kind.CONSTITUENT_REPORT, constituent_source(report.pk)])
    client.force_login(lead.user)
    texts = _docx_texts(client.get(url).content)
    assert "李明代表2026年度履职报告" in texts and "各位选民：" in texts and "走访了选民。" in texts
    client.force_login(make_deputy("王芳").user)
    assert client.get(url).status_code == 404


def test_the_session_analysis_and_the_report_to_the_next_session_use_the_same_machinery(
    replied: Any,
    staff: Any,
    session: Any,
    make_user: Any,
    eager: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    secretariat = make_user("sec1", Role.SECRETARIAT)
    analysis = services.report_open(kind=Kind.AREA_ANALYSIS, session=session, actor=secretariat)
    version = services.report_save(
        report=analysis, sections={"findings": "教育问题集中。"}, actor=secretariat
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.document_request(
            kind=Kind.AREA_ANALYSIS, source=report_source(version), fmt="docx", actor=secretariat
        )
    texts = _docx_texts(GeneratedDocument.objects.get().file.read())
    assert "大会秘书处：" in texts and "教育问题集中。" in texts
    assert any("共1件，涉及1个领域" in t for t in texts)

    from congress.errors import DomainError

    with pytest.raises(DomainError):  # the M§26 report is the committee's, not the secretariat's
        services.report_open(kind=Kind.NEXT_SESSION_REPORT, session=session, actor=secretariat)
    motions = services.report_open(kind=Kind.NEXT_SESSION_REPORT, session=session, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_request(
            kind=Kind.NEXT_SESSION_REPORT,
            source=report_source(motions.latest()),
            fmt="docx",
            actor=staff,
        )
    texts = _docx_texts(GeneratedDocument.objects.latest("pk").file.read())
    assert "省人民代表大会：" in texts and any(t.endswith("代表议案审议结果和办理情况的报告") for t in texts)
