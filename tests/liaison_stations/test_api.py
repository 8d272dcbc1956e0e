"""The API of WORKFLOWS.md §7: stations, points, receptions, opinions and their actions, the
public endpoints with their rate limit, and what each role may see."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_stations.models import Forwarding, Opinion
from liaison_stations.services.opinions import opinion_answer, opinion_classify, opinion_forward
from tests.liaison_stations.conftest import solve_api

pytestmark = pytest.mark.django_db

VISITOR = {
    "visitor_name": "王秀英",
    "visitor_contact": "13912345678",
    "matter": "路面积水。",
    "category": "transport",
}


def test_station_staff_register_an_opinion_with_the_contract_payload(api, clerk, station, deputy):
    response = api(clerk).post(
        "/api/v1/opinions/", {"station": station.pk, **VISITOR, "received_by": [deputy.pk]}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["tracking_code"]
    assert body["reply_due"] is None
    assert body["received_by"] == [deputy.pk]


def test_an_opinion_is_forwarded_answered_and_fed_back_through_actions(api, clerk, station):
    client = api(clerk)
    pk = client.post("/api/v1/opinions/", {"station": station.pk, **VISITOR}).json()["id"]
    refused = client.post(f"/api/v1/opinions/{pk}/forward/", {"body_name": "区交通局"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "opinion_not_summarised"
    assert (
        client.post(
            f"/api/v1/opinions/{pk}/classify/", {"summary": "路面积水", "category": "transport"}
        ).status_code
        == 200
    )
    forwarded = client.post(f"/api/v1/opinions/{pk}/forward/", {"body_name": "区交通局"}).json()
    assert forwarded["status"] == "forwarded"
    assert set(forwarded["reply_due"]) == {"due", "explanation", "provisional"}
    dt.date.fromisoformat(forwarded["reply_due"]["due"])
    answered = client.post(f"/api/v1/opinions/{pk}/answer/", {"answer": "已修复。"}).json()
    assert answered["status"] == "answered"
    assert answered["reply_due"] is None
    assert answered["forwardings"][0]["outcome"] == "answered"
    closed = client.post(f"/api/v1/opinions/{pk}/feedback/", {"way": "phone"}).json()
    assert closed["status"] == "closed"


def test_the_same_forward_sent_twice_answers_409_already_forwarded_and_another_body_is_allowed(
    api, register, clerk
):
    opinion = register()
    opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=clerk)
    client = api(clerk)
    path = f"/api/v1/opinions/{opinion.pk}/forward/"
    assert client.post(path, {"body_name": "区交通局"}).status_code == 200
    again = client.post(path, {"body_name": "区交通局"})
    assert (again.status_code, again.json()["code"]) == (409, "already_forwarded")
    elsewhere = client.post(path, {"body_name": "区住建局"}).json()
    assert [f["outcome"] for f in elsewhere["forwardings"]] == ["", "redirected"]


def test_a_refusal_is_explained_in_chinese_and_in_english(api, clerk, station):
    client = api(clerk)
    pk = client.post("/api/v1/opinions/", {"station": station.pk, **VISITOR}).json()["id"]
    zh = client.post(f"/api/v1/opinions/{pk}/feedback/", {"way": "phone"})
    en = client.post(f"/api/v1/opinions/{pk}/feedback/", {"way": "phone"}, HTTP_ACCEPT_LANGUAGE="en")
    assert zh.json()["code"] == en.json()["code"] == "invalid_transition"
    assert zh.json()["aliases"] == en.json()["aliases"] == ["wrong_status"]
    # The one engine's message: the status, the step and the article that refuses it.
    assert en.json()["detail"].startswith("A constituent opinion that is “At the station” cannot be")
    assert "D§35" in en.json()["detail"]
    assert zh.json()["detail"] != en.json()["detail"]


def test_staff_see_only_their_own_station_s_opinions(api, register, make_user, make_station):
    mine = register()
    other = make_station("别处联络站")
    stranger = make_user("other", "station_staff")
    other.staff.add(stranger)
    assert [o["id"] for o in api(stranger).get("/api/v1/opinions/").json()["results"]] == []
    assert api(stranger).get(f"/api/v1/opinions/{mine.pk}/").status_code == 404
    assert api(stranger).post(f"/api/v1/opinions/{mine.pk}/answer/", {"answer": "x"}).status_code == 404


def test_a_point_s_staff_see_the_point_s_records_but_not_the_station_s(api, register, point, point_clerk):
    at_station = register()
    at_point = register(venue=point, actor=point_clerk)
    ids = [o["id"] for o in api(point_clerk).get("/api/v1/opinions/").json()["results"]]
    assert ids == [at_point.pk]
    assert at_station.pk not in ids
    sent = api(point_clerk).post(f"/api/v1/opinions/{at_point.pk}/report/")
    assert sent.json()["status"] == "pending"


def test_a_deputy_sees_what_they_received_and_nothing_else(api, register, deputy):
    received = register(received_by=[deputy])
    register()
    ids = [o["id"] for o in api(deputy.user).get("/api/v1/opinions/").json()["results"]]
    assert ids == [received.pk]
    assert (
        api(deputy.user).post(f"/api/v1/opinions/{received.pk}/answer/", {"answer": "x"}).json()["code"]
        == "not_your_station"
    )


def test_opinions_filter_by_overdue_and_due_before(api, register, clerk):

    opinion = register()
    opinion_classify(opinion=opinion, summary="积水", category="transport", actor=clerk)
    forwarding = opinion_forward(opinion=opinion, body_name="区交通局", actor=clerk)
    register()
    client = api(clerk)
    assert client.get("/api/v1/opinions/?overdue=true").json()["count"] == 0
    Forwarding.objects.filter(pk=forwarding.pk).update(reply_due=dt.date(2020, 1, 2))
    assert [o["id"] for o in client.get("/api/v1/opinions/?overdue=true").json()["results"]] == [opinion.pk]
    assert client.get("/api/v1/opinions/?due_before=2020-01-02").json()["count"] == 1
    assert client.get("/api/v1/opinions/?due_before=2020-01-01").json()["count"] == 0


def test_receptions_are_scheduled_and_refused_when_too_short(api, clerk, point, deputy):
    client = api(clerk)
    short = client.post(
        "/api/v1/receptions/",
        {
            "station": point.pk,
            "starts_at": "2026-03-04T09:00:00+08:00",
            "ends_at": "2026-03-04T12:00:00+08:00",
        },
    )
    assert short.status_code == 400
    assert short.json()["code"] == "reception_too_short"
    ok = client.post(
        "/api/v1/receptions/",
        {
            "station": point.pk,
            "starts_at": "2026-03-04T08:30:00+08:00",
            "ends_at": "2026-03-04T12:30:00+08:00",
            "deputies": [deputy.pk],
        },
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["point"] == point.pk and ok.json()["station"] == point.parent_id
    assert api(deputy.user).get("/api/v1/receptions/").json()["count"] == 1
    cancelled = client.post(f"/api/v1/receptions/{ok.json()['id']}/cancel/", {"reason": "暴雨"})
    assert cancelled.json()["status"] == "cancelled"


def test_stations_and_points_are_listed(api, clerk, station, point, deputy):
    stations = api(clerk).get("/api/v1/stations/").json()["results"]
    assert [s["id"] for s in stations] == [station.pk]
    assert stations[0]["points"] == [point.pk]
    assert stations[0]["deputies"][0]["basis"] == "constituency"
    points = api(clerk).get(f"/api/v1/points/?station={station.pk}").json()["results"]
    assert [p["id"] for p in points] == [point.pk]


def test_an_anonymous_client_gets_no_working_data(api, register):
    register()
    assert api(None).get("/api/v1/opinions/").status_code in (401, 403)


# --- Public -------------------------------------------------------------------------------


def test_anyone_sends_an_opinion_and_follows_it_by_its_code(api, station, address):
    client = api(None)
    sent = client.post(
        "/api/v1/public/opinions/",
        {
            "station": station.pk,
            "name": "张三",
            "contact": "13700000000",
            "matter": "路灯不亮",
            **solve_api(client),
        },
        REMOTE_ADDR=address,
    )
    assert sent.status_code == 201, sent.content
    code = sent.json()["tracking_code"]
    assert list(sent.json()) == ["tracking_code"]
    followed = client.get(f"/api/v1/public/opinions/{code.lower()}/", REMOTE_ADDR=address)
    assert followed.status_code == 200
    body = followed.json()
    assert body["status"] == "pending"
    assert "张三" not in followed.content.decode() and "13700000000" not in followed.content.decode()
    assert Opinion.objects.get(tracking_code=code).source == "online"


def test_a_public_opinion_goes_to_a_station_or_a_deputy_not_both(api, station, deputy, address):
    client = api(None)
    response = client.post(
        "/api/v1/public/opinions/",
        {
            "station": station.pk,
            "deputy": deputy.pk,
            "name": "张三",
            "contact": "1",
            "matter": "x",
            **solve_api(client),
        },
        REMOTE_ADDR=address,
    )
    assert response.status_code == 400
    assert response.json()["code"] == "one_addressee"


def test_the_public_opinion_api_is_rate_limited_per_address(api, station, address, settings):
    settings.PUBLIC_OPINION_RATE = "3/3600"
    payload = {"station": station.pk, "name": "张三", "contact": "1", "matter": "x"}
    client = api(None)
    codes = [
        client.post(
            "/api/v1/public/opinions/", {**payload, **solve_api(client)}, REMOTE_ADDR=address
        ).status_code
        for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    refused = client.post("/api/v1/public/opinions/", {**payload, **solve_api(client)}, REMOTE_ADDR=address)
    assert refused.json()["code"] == "rate_limited"
    # Another address is not held back by this one.
    other = address.rsplit(".", 1)[0] + ".254" if not address.endswith(".254") else address[:-3] + "253"
    assert (
        client.post(
            "/api/v1/public/opinions/", {**payload, **solve_api(client)}, REMOTE_ADDR=other
        ).status_code
        == 201
    )


def test_behind_a_proxy_the_limit_counts_the_client_not_the_proxy(api, station, address, settings):
    settings.PUBLIC_OPINION_RATE = "1/3600"
    settings.NUM_PROXIES = 1
    payload = {"station": station.pk, "name": "张三", "contact": "1", "matter": "x"}
    client = api(None)
    first, again, other = (
        client.post(
            "/api/v1/public/opinions/",
            {**payload, **solve_api(client)},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        for forwarded in (address, address, address + "0")
    )
    assert (first.status_code, again.status_code, other.status_code) == (201, 429, 201)


def test_an_unknown_tracking_code_is_404(api, address):
    response = api(None).get("/api/v1/public/opinions/AAAABBBBCCCC/", REMOTE_ADDR=address)
    assert response.status_code == 404


def test_the_public_station_api_shows_no_visitor_data(api, register, clerk, station, address):

    opinion = register()
    opinion_classify(
        opinion=opinion, summary="王秀英反映路面积水（13912345678）", category="transport", actor=clerk
    )
    opinion_answer(opinion=opinion, answer="已联系王秀英，住坞城路 8 号院，已修复。", actor=clerk)
    client = api(None)
    listing = client.get("/api/v1/public/stations/", REMOTE_ADDR=address)
    matters = client.get(f"/api/v1/public/stations/{station.pk}/matters/", REMOTE_ADDR=address)
    assert listing.status_code == matters.status_code == 200
    assert matters.json()["count"] == 1
    for text in (listing.content.decode(), matters.content.decode()):
        assert "王秀英" not in text
        assert "13912345678" not in text
        assert "坞城路 8 号院" not in text
    assert "已修复" in matters.content.decode()


def test_the_api_schema_generates(client):
    assert client.get("/api/schema/").status_code == 200


def test_a_deputy_turns_an_opinion_into_a_suggestion_through_the_api(api, register, deputy):
    opinion = register(received_by=[deputy])
    response = api(deputy.user).post(f"/api/v1/opinions/{opinion.pk}/to-suggestion/", {})
    assert response.status_code == 201, response.content
    suggestion_id = response.json()["suggestion"]
    detail = api(deputy.user).get(f"/api/v1/suggestions/{suggestion_id}/").json()
    assert detail["status"] == "draft"
    again = api(deputy.user).post(f"/api/v1/opinions/{opinion.pk}/to-suggestion/", {})
    assert again.json()["code"] == "already_suggested"


# --- What a client may do: the `actions` of a detail (congress.workflow.available_actions) -----


def test_an_opinion_s_detail_lists_what_its_user_may_do_now(api, register, clerk, deputy):
    opinion = register(received_by=[deputy])
    url = f"/api/v1/opinions/{opinion.pk}/"
    # Not yet summarised: nothing can be forwarded or answered (D§31).
    assert api(clerk).get(url).json()["actions"] == ["classify", "dismiss"]
    assert api(deputy.user).get(url).json()["actions"] == ["to_suggestion"]
    classified = api(clerk).post(f"{url}classify/", {"summary": "路面积水", "category": "transport"})
    assert classified.json()["actions"] == ["classify", "forward", "answer", "dismiss"]
    # A list stays lean.
    assert "actions" not in api(clerk).get("/api/v1/opinions/").json()["results"][0]


def test_a_reception_s_detail_lists_what_its_user_may_do_now(api, clerk, station, deputy):
    created = api(clerk).post(
        "/api/v1/receptions/",
        {
            "station": station.pk,
            "starts_at": "2026-03-04T08:30:00+08:00",
            "ends_at": "2026-03-04T12:30:00+08:00",
            "deputies": [deputy.pk],
        },
    )
    url = f"/api/v1/receptions/{created.json()['id']}/"
    assert created.json()["actions"] == ["hold", "cancel", "register"]
    assert api(deputy.user).get(url).json()["actions"] == []
    cancelled = api(clerk).post(f"{url}cancel/", {"reason": "暴雨"})
    assert cancelled.json()["actions"] == []


def test_forwarding_without_a_unit_or_body_is_refused_by_the_service(api, register, clerk):
    opinion = register()
    opinion_classify(opinion=opinion, summary="积水", category="transport", actor=clerk)
    response = api(clerk).post(f"/api/v1/opinions/{opinion.pk}/forward/", {"note": "请办理"})
    assert response.status_code == 400
    assert response.json()["code"] == "body_missing"


def test_the_schema_documents_the_actions_of_a_detail_as_a_list_of_strings(client):
    schemas = client.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    for name in ("StationOpinionDetail", "ReceptionDetail"):
        assert schemas[name]["properties"]["actions"]["items"] == {"type": "string"}
    assert "actions" not in schemas["StationOpinion"]["properties"]  # the list's rows
    assert {"StationOpinionStatusEnum", "ReceptionStatusEnum"} <= set(schemas)
