"""/healthz, and error answers in the API's one shape."""

from __future__ import annotations

import json

import pytest

from congress import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_healthz_names_what_is_unreachable_with_a_503(client, monkeypatch):
    monkeypatch.setattr(health, "_broker_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unreachable"}


def test_an_unknown_api_path_answers_the_json_shape(client):
    response = client.get("/api/v1/no-such-collection/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_page_answers_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_five_megabyte_body_answers_413_in_the_json_shape(client, make_user):
    client.force_login(make_user("staff1"))
    body = json.dumps({"title": "x" * (5 * 1024 * 1024)})
    response = client.post("/api/v1/suggestions/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_number_too_large_for_a_float_is_refused_with_a_400(client, make_user):
    client.force_login(make_user("staff1"))
    for body in ['{"title": 1e400}', '{"title": NaN}', '{"title": -Infinity}']:
        response = client.post("/api/v1/suggestions/", body, content_type="application/json")
        assert response.status_code == 400, body
        assert response.json()["code"] == "parse_error"


def test_options_on_the_api_docs_is_not_a_server_error(client):
    response = client.options("/api/docs/")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


BIG = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/receptions/?year={'1e5'}",
        f"/api/v1/receptions/?station={BIG}",
        f"/api/v1/opinions/?deputy={BIG}",
        f"/api/v1/motions/?session={BIG}",
        f"/api/v1/motions/?deputy={BIG}",
        f"/api/v1/deputies/?congress={BIG}",
        f"/api/v1/review-meetings/?session={BIG}",
        f"/api/v1/calendar/days/?year={BIG}",
        f"/api/v1/public/stations/?station={BIG}",
    ],
)
def test_a_number_beyond_the_database_in_a_filter_is_a_400_not_a_server_error(client, make_user, url):
    client.force_login(make_user("staff1", "committee_staff"))
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "url", [f"/motions/?session={BIG}", "/stations/receptions/?year=1e5", f"/api/v1/motions/?q={BIG}"]
)
def test_a_page_or_a_search_with_such_a_number_answers_without_a_server_error(client, make_user, url):
    client.force_login(make_user("staff1", "committee_staff"))
    assert client.get(url).status_code == 200
