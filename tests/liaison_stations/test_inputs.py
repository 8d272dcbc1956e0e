"""No input gives a server error (issue 14, WORKFLOWS.md §7): numbers beyond what the database
holds, numbers in scientific notation and words where a number goes, in the filters and ids of
every station page and endpoint, signed in under each role and, where public, without login.
A filter the API knows answers 400 `invalid`; a page shows its list (its filter says what is
wrong); an id that can name no row is 404."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999"  # beyond 64 bits
BAD = [f"station={BIG}", "year=1e5", "deputy=abc", f"page={BIG}", f"month={BIG}", "station=1e5"]

PUBLIC_PAGES = ["/stations/", "/stations/track/"]
WORKING_PAGES = [
    "/stations/desk/",
    "/stations/opinions/",
    "/stations/opinions/new/",
    "/stations/receptions/",
    "/stations/receptions/new/",
    "/stations/reports/attendance/",
    "/stations/reports/missing-months/",
]
PAGE_IDS = [
    "/stations/{}/", "/stations/{}/matters/", "/stations/{}/opinion/", "/stations/{}/qr/",
    "/stations/{}/qr.svg", "/stations/deputy/{}/opinion/", "/stations/deputy/{}/qr/",
    "/stations/deputy/{}/qr.svg",
]  # fmt: skip
WORKING_PAGE_IDS = ["/stations/{}/manage/", "/stations/opinions/{}/", "/stations/receptions/{}/"]

PUBLIC_API = ["/api/v1/public/stations/", "/api/v1/public/opinions/"]
API = ["/api/v1/stations/", "/api/v1/points/", "/api/v1/receptions/", "/api/v1/opinions/"]
API_IDS = ["/api/v1/stations/{}/", "/api/v1/points/{}/", "/api/v1/receptions/{}/", "/api/v1/opinions/{}/"]
PUBLIC_API_IDS = ["/api/v1/public/stations/{}/", "/api/v1/public/stations/{}/matters/"]
# Filters each collection knows: a bad value there is the client's mistake, said as 400.
KNOWN = {
    "/api/v1/stations/": {"station"},
    "/api/v1/points/": {"station"},
    "/api/v1/public/stations/": {"station"},
    "/api/v1/receptions/": {"station", "year", "deputy", "month"},
    "/api/v1/opinions/": {"station", "deputy"},
}


def probe(
    client: APIClient, pages: list[str], ids: list[str], api: list[str], api_ids: list[str]
) -> list[tuple[object, ...]]:
    """Every URL asked with every bad input; what answered a 5xx, or not as the contract says."""
    wrong: list[tuple[object, ...]] = []
    for base in pages:
        for query in BAD:
            if (status := client.get(f"{base}?{query}").status_code) >= 500:
                wrong.append((base, query, status))
    for url in [u.format(BIG) for u in ids + api_ids]:
        if (status := client.get(url).status_code) != 404:
            wrong.append((url, status))
    for base in api:
        for query in BAD:
            response = client.get(f"{base}?{query}")
            known = query.split("=")[0] in KNOWN.get(base, set())
            if response.status_code not in ({400} if known else {200, 404}):
                wrong.append((base, query, response.status_code))
            elif response.status_code >= 400 and "code" not in response.json():
                wrong.append((base, query, "no code"))
    return wrong


@pytest.mark.parametrize("role", ["committee", "clerk", "deputy"])
def test_bad_numbers_signed_in_give_no_server_error(request, role, station, point, deputy):
    user = {"committee": request.getfixturevalue("committee"), "clerk": request.getfixturevalue("clerk")}.get(
        role, deputy.user
    )
    client = APIClient()
    client.force_login(user)
    pages = PUBLIC_PAGES + WORKING_PAGES
    ids = PAGE_IDS + WORKING_PAGE_IDS
    assert probe(client, pages, ids, API + PUBLIC_API, API_IDS + PUBLIC_API_IDS) == []


def test_bad_numbers_without_login_give_no_server_error(station, point):
    assert probe(APIClient(), PUBLIC_PAGES, PAGE_IDS, PUBLIC_API, PUBLIC_API_IDS) == []


def test_bad_numbers_in_a_public_opinion_are_refused_as_invalid(station):
    client = APIClient()
    for body in (
        f'{{"station": {BIG}, "name": "a", "contact": "b", "matter": "c"}}',
        '{"station": 1e5, "name": "a", "contact": "b", "matter": "c"}',
        '{"deputy": "abc", "name": "a", "contact": "b", "matter": "c"}',
        '{"station": 1e400, "name": "a", "contact": "b", "matter": "c"}',
    ):
        response = client.post("/api/v1/public/opinions/", body, content_type="application/json")
        assert response.status_code == 400, (body, response.status_code)
        assert response.json()["code"] in {"invalid", "parse_error"}
    tracking = client.get(f"/api/v1/public/opinions/{BIG * 50}/")
    assert (tracking.status_code, tracking.json()["code"]) == (404, "not_found")


def test_bad_numbers_in_a_staff_body_are_refused_as_invalid(api, clerk, station):
    client = api(clerk)
    for path, body in (
        ("/api/v1/opinions/", {"station": BIG, "visitor_name": "a", "visitor_contact": "b", "matter": "c"}),
        ("/api/v1/opinions/", {"station": station.pk, "visitor_name": "a", "visitor_contact": "b",
                               "matter": "c", "received_by": [BIG], "reception": BIG}),
        ("/api/v1/receptions/", {"station": station.pk, "deputies": [BIG],
                                 "starts_at": "2026-03-18T08:30+08:00", "ends_at": "2026-03-18T12:30+08:00"}),
    ):  # fmt: skip
        response = client.post(path, body, format="json")
        assert (response.status_code, response.json()["code"]) == (400, "invalid"), (path, body)
