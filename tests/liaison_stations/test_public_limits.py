"""The public form and API under abuse (issue 14): the hour's limits count accepted opinions only,
per address and contact with a higher ceiling per address, so one bad client behind a shared
NAT address cannot silence a community; the API asks the same check question as the page.
(The same limits under parallel requests: test_concurrency.py, on PostgreSQL.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from liaison_stations.abuse import CHALLENGE_SALT, over_limit
from liaison_stations.models import Opinion, UseCount
from tests.liaison_stations.conftest import solve_api

pytestmark = pytest.mark.django_db

OPINIONS = "/api/v1/public/opinions/"


def solve(html: str) -> dict[str, str]:
    """Read the page's signed question and answer it, as a person would."""
    token = re.search(r'name="challenge_token" value="([^"]+)"', html)
    assert token, "the form carries a signed question"
    data = signing.loads(token.group(1), salt=CHALLENGE_SALT)
    return {"challenge_token": token.group(1), "challenge_answer": str(data["a"] + data["b"])}


def send_page(client, station, address, contact="13700000000", right=True):
    url = reverse("stations:opinion-form", args=[station.pk])
    answer = solve(client.get(url).content.decode())
    if not right:
        answer["challenge_answer"] = str(int(answer["challenge_answer"]) + 1)
    data = {"name": "张三", "contact": contact, "matter": "路灯不亮", **answer}
    return client.post(url, data, REMOTE_ADDR=address)


def send_api(client, station, address, contact="13700000000"):
    payload = {"station": station.pk, "name": "张三", "contact": contact, "matter": "路灯不亮"}
    return client.post(OPINIONS, {**payload, **solve_api(client)}, REMOTE_ADDR=address)


def test_wrong_answers_do_not_count_toward_the_hour_s_limit(client, station, address, settings):
    settings.PUBLIC_OPINION_RATE = "2/3600"
    wrong = [send_page(client, station, address, right=False).status_code for _ in range(5)]
    right = [send_page(client, station, address).status_code for _ in range(3)]
    assert (wrong, right) == ([200] * 5, [201, 201, 429])
    assert Opinion.objects.count() == 2


def test_a_neighbour_behind_the_same_address_is_not_silenced_by_another_s_opinions(
    api, station, address, settings
):
    settings.PUBLIC_OPINION_RATE = "2/3600"
    client = api(None)
    first = [send_api(client, station, address, contact="13700000001").status_code for _ in range(3)]
    neighbour = send_api(client, station, address, contact="13700000002")
    assert (first, neighbour.status_code) == ([201, 201, 429], 201)


def test_the_address_ceiling_holds_however_the_contact_varies(api, station, address, settings):
    settings.PUBLIC_OPINION_ADDRESS_RATE = "3/3600"
    client = api(None)
    codes = [send_api(client, station, address, contact=f"1370000000{n}").status_code for n in range(4)]
    assert codes == [201, 201, 201, 429]
    assert send_api(client, station, address + "1", contact="13700000009").status_code == 201


def test_the_contact_is_counted_however_it_is_spaced(api, station, address, settings):
    settings.PUBLIC_OPINION_RATE = "1/3600"
    client = api(None)
    assert send_api(client, station, address, contact="137 0000-0000").status_code == 201
    again = send_api(client, station, address, contact="13700000000")
    assert (again.status_code, again.json()["code"]) == (429, "rate_limited")


def test_an_opinion_the_portal_refuses_is_not_counted(api, station, make_station, address, settings):
    settings.PUBLIC_OPINION_RATE = "1/3600"
    closed = make_station("已撤销联络站", is_active=False)
    client = api(None)
    refused = send_api(client, closed, address)
    assert (refused.status_code, refused.json()["code"]) == (409, "station_inactive")
    assert send_api(client, station, address).status_code == 201


def test_the_api_asks_the_check_question_the_page_asks(api, station, address):
    client = api(None)
    payload = {"station": station.pk, "name": "张三", "contact": "13700000000", "matter": "路灯不亮"}
    unasked = client.post(OPINIONS, payload, REMOTE_ADDR=address)
    assert (unasked.status_code, unasked.json()["code"]) == (400, "invalid")
    challenge = client.get(OPINIONS).json()
    assert set(challenge) == {"question", "token"} and challenge["question"].endswith("= ?")
    answer = solve_api(client)
    wrong = {**answer, "challenge_answer": str(int(answer["challenge_answer"]) + 1)}
    refused = client.post(OPINIONS, {**payload, **wrong}, REMOTE_ADDR=address)
    assert (refused.status_code, refused.json()["code"]) == (400, "challenge_failed")
    assert client.post(OPINIONS, {**payload, **answer}, REMOTE_ADDR=address).status_code == 201
    replayed = client.post(OPINIONS, {**payload, **answer}, REMOTE_ADDR=address)
    assert (replayed.status_code, replayed.json()["code"]) == (400, "challenge_failed")
    forged = {"challenge_token": signing.dumps({"a": 1, "b": 1, "n": "x"}), "challenge_answer": "2"}
    assert client.post(OPINIONS, {**payload, **forged}, REMOTE_ADDR=address).status_code == 400
    assert Opinion.objects.count() == 1


def test_the_schema_documents_the_check_question(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    path = schema["paths"]["/api/v1/public/opinions/"]
    asked = path["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert set(schema["components"]["schemas"][asked.rsplit("/", 1)[1]]["properties"]) == {
        "question",
        "token",
    }
    body = path["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    required = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["required"]
    assert {"challenge_token", "challenge_answer"} <= set(required)
    # The refusals' statuses are documented for every operation alike, by the portal's schema hook.
    assert "challenge_failed" in path["post"]["description"] and "rate_limited" in path["post"]["description"]


def test_the_page_shown_again_over_the_limit_keeps_what_was_typed_and_asks_anew(
    client, station, address, settings
):
    settings.PUBLIC_OPINION_RATE = "1/3600"
    assert send_page(client, station, address).status_code == 201
    url = reverse("stations:opinion-form", args=[station.pk])
    answer = solve(client.get(url).content.decode())
    data = {"name": "张三", "contact": "13700000000", "matter": "北门路灯三天不亮", **answer}
    response = client.post(url, data, REMOTE_ADDR=address)
    html = response.content.decode()
    assert response.status_code == 429
    assert "北门路灯三天不亮" in html
    assert solve(html)["challenge_token"] != answer["challenge_token"]
    assert response.context["form"].errors == {}
    asked = re.search(r'<input[^>]*name="challenge_answer"[^>]*>', html)
    assert asked and "value=" not in asked.group()  # the new question is not answered for them


def test_no_address_or_contact_is_kept_with_the_counts(api, station, address):
    send_api(api(None), station, address, contact="13700000000")
    keys = list(UseCount.objects.values_list("key", flat=True))
    assert keys and all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)


def test_spent_windows_are_deleted(address, settings):
    settings.TRACKING_LOOKUP_RATE = "1/3600"
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)):
        assert not over_limit("tracking", address, settings.TRACKING_LOOKUP_RATE)
        assert over_limit("tracking", address, settings.TRACKING_LOOKUP_RATE)
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)):
        assert not over_limit("tracking", address, settings.TRACKING_LOOKUP_RATE)
        assert UseCount.objects.count() == 1
