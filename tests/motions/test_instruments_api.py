"""The joint instruments over the API and on the pages: a round trip from draft to the
presidium's form of answer and the evaluation, a double submit answering 409, what a deputy
and the secretariat see, and the archive counting the interpellation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.test import Client

from congress.models import Organisation, Session, User
from deputies.models import Deputy
from deputies.selectors.archive import Span, archive_of
from tests.conftest import BEIJING
from tests.helpers import user_of


def test_an_interpellation_round_trip_over_the_api(
    sitting: Any,
    session: Session,
    deputies: list[Deputy],
    secretariat: User,
    make_unit: Callable[..., Organisation],
    api: Callable[..., Any],
) -> None:
    target = make_unit("省高级人民法院", Organisation.Kind.COURT)
    lead, *others = deputies[:10]
    created = api(user_of(lead)).post(
        "/api/v1/interpellations/",
        {
            "session": session.pk,
            "title": "质询案",
            "target": target.pk,
            "questions": "问题",
            "co_signers": [d.pk for d in others],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["progress"] == {"confirmed": 1, "invited": 9, "declined": 0, "needed": 10}
    for deputy in others:
        assert api(user_of(deputy)).post(f"/api/v1/interpellations/{pk}/confirm/").status_code == 200
    first = api(user_of(lead)).post(f"/api/v1/interpellations/{pk}/submit/")
    assert (first.status_code, first.json()["status"]) == (200, "submitted")
    again = api(user_of(lead)).post(f"/api/v1/interpellations/{pk}/submit/")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    assert (
        api(user_of(lead)).post(f"/api/v1/interpellations/{pk}/decide-form/", {"form": "written"}).status_code
        == 403
    )
    decided = api(secretariat).post(
        f"/api/v1/interpellations/{pk}/decide-form/", {"form": "written"}, format="json"
    )
    assert decided.json()["status"] == "to_answer"
    api(secretariat).post(f"/api/v1/interpellations/{pk}/record-answer/", {"text": "书面答复"}, format="json")
    rated = api(user_of(others[0])).post(
        f"/api/v1/interpellations/{pk}/evaluate/", {"satisfied": False}, format="json"
    )
    assert rated.json()["details"]["answers"][0]["evaluations"] == [
        {"deputy": others[0].pk, "satisfied": False}
    ]
    assert archive_of(lead.pk, Span(session.congress, 2026)).years[2026]["interpellations"] == 1
    assert archive_of(others[0].pk, Span(session.congress, 2026)).years[2026]["interpellations"] == 1
    assert archive_of(deputies[12].pk, Span(session.congress, 2026)).years[2026]["interpellations"] == 0


def test_a_recall_over_the_api_needs_a_tenth(
    sitting: Any, session: Session, deputies: list[Deputy], api: Callable[..., Any]
) -> None:
    lead = deputies[0]
    created = api(user_of(lead)).post(
        "/api/v1/recalls/",
        {"session": session.pk, "person_name": "某某", "person_office": "副省长", "reasons": "理由"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["progress"]["needed"] == 2  # 1/10 of 14 deputies in office, rounded up
    refused = api(user_of(lead)).post(f"/api/v1/recalls/{created.json()['id']}/submit/")
    assert (refused.status_code, refused.json()["code"]) == (409, "insufficient_signers")


def test_outside_the_session_the_api_refuses_a_draft(
    session: Session, deputies: list[Deputy], api: Callable[..., Any]
) -> None:
    import time_machine

    with time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=BEIJING), tick=False):
        answer = api(user_of(deputies[0])).post(
            "/api/v1/investigation-proposals/",
            {"session": session.pk, "title": "调查", "question": "特定问题"},
            format="json",
        )
    assert (answer.status_code, answer.json()["code"]) == (409, "not_in_session")


def test_the_pages_list_and_show_an_interpellation(
    sitting: Any, session: Session, deputies: list[Deputy], make_unit: Callable[..., Organisation]
) -> None:
    from motions.services.interpellations import interpellation_create

    target = make_unit("省人民检察院", Organisation.Kind.PROCURATORATE)
    lead, invited = deputies[0], deputies[1]
    item = interpellation_create(
        session=session,
        actor=user_of(lead),
        kind="joint",
        title="关于某事的质询案",
        target=target,
        questions="问题",
        co_signers=[invited],
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_of(invited))
    listed = client.get("/motions/interpellations/")
    assert listed.status_code == 200 and "关于某事的质询案" in listed.content.decode()
    assert client.get("/motions/interpellations/?export=xlsx")["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    shown = client.get(item.get_absolute_url())
    assert shown.status_code == 200 and "1 of the 10 deputies needed have signed." in shown.content.decode()
    client.post(f"{item.get_absolute_url()}act/confirm/")
    assert item.signers.get(deputy=invited).status == "confirmed"
    outsider = Client()
    outsider.force_login(user_of(deputies[5]))
    assert outsider.get(item.get_absolute_url()).status_code == 404


def test_the_secretariat_records_the_form_of_answer_on_its_page(
    sitting: Any,
    session: Session,
    deputies: list[Deputy],
    secretariat: User,
    make_unit: Callable[..., Organisation],
) -> None:
    from motions.services import joint
    from motions.services.interpellations import interpellation_create

    target = make_unit("省人民政府办公厅", Organisation.Kind.GENERAL_OFFICE)
    lead, *others = deputies[:10]
    item = interpellation_create(
        session=session,
        actor=user_of(lead),
        kind="joint",
        title="质询案",
        target=target,
        questions="问题",
        co_signers=others,
    )
    for deputy in others:
        joint.confirm(item=item, actor=user_of(deputy))
    joint.submit(item=item, actor=user_of(lead))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(secretariat)
    form_page = f"{item.get_absolute_url()}do/decide_form/"
    assert client.get(form_page).status_code == 200
    refused = client.post(form_page, {"form": "meeting"})
    # The page again, with the rule that refused it, answered with the refusal's status (400).
    assert refused.status_code == 400
    assert "An answer meeting has its time and place" in refused.content.decode()
    done = client.post(
        form_page, {"form": "meeting", "meeting_at": "2026-01-27T15:00", "place": "第一会议室"}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "to_answer"
    deputy_client = Client()
    deputy_client.force_login(user_of(lead))
    assert deputy_client.get(f"{item.get_absolute_url()}do/record_answer/").status_code == 403


def test_a_deputy_drafts_a_recall_on_the_page_during_the_session(
    sitting: Any, session: Session, deputies: list[Deputy]
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_of(deputies[0]))
    answer = client.post(
        "/motions/recalls/new/", {"person_name": "某某", "person_office": "副省长", "reasons": "理由"}
    )
    assert answer.status_code == 302
    from motions.models import Recall

    recall = Recall.objects.get()
    assert (recall.lead_deputy, recall.status) == (deputies[0], "draft")
    invited = client.post(
        f"{recall.get_absolute_url()}do/invite/", {"names": f"{deputies[1].name} {deputies[2].name}"}
    )
    assert invited.status_code == 302 and recall.signers.count() == 2
