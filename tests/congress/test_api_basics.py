import re

import pytest
from django.urls import reverse

from congress.models import Organisation
from congress.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_token_is_issued_for_a_username_and_password(api, make_user):
    make_user("deputy1", Role.DEPUTY)
    response = api().post("/api/v1/auth/token/", {"username": "deputy1", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]

    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").json()["username"] == "deputy1"


def test_a_wrong_password_is_refused_with_a_code(api, make_user):
    make_user("deputy1", Role.DEPUTY)
    response = api().post("/api/v1/auth/token/", {"username": "deputy1", "password": "nope"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_me_names_the_deputy_of_a_deputy(api, make_deputy):
    deputy = make_deputy("李明")
    body = api(deputy.user).get("/api/v1/me/").json()
    assert body["roles"] == ["deputy"]
    assert body["deputy"] == deputy.pk
    assert body["unit"] is None


def test_me_names_the_unit_of_a_unit_clerk(api, make_user, unit):
    user = make_user("unit1", Role.UNIT_HANDLER, organisation=unit)
    body = api(user).get("/api/v1/me/").json()
    assert body == {
        "username": "unit1",
        "name": "unit1",
        "roles": ["unit_handler"],
        "deputy": None,
        "unit": unit.pk,
        "organisation": unit.pk,
        "is_superuser": False,
    }


def test_an_anonymous_request_is_refused_with_a_code_and_a_chinese_detail(api):
    response = api().get("/api/v1/me/")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"])


def test_the_detail_is_english_when_asked(api):
    response = api().get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_a_missing_object_is_a_404_with_a_code(api, make_user):
    user = make_user("staff1", Role.COMMITTEE_STAFF)
    response = api(user).get("/api/v1/deputies/999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_units_lists_only_handling_units_with_paging(api, make_user, make_unit):
    for i in range(25):
        make_unit(f"单位{i:02d}")
    make_unit("省人大财政经济委员会", Organisation.Kind.SPECIAL_COMMITTEE)
    user = make_user("staff1", Role.COMMITTEE_STAFF)

    body = api(user).get("/api/v1/units/").json()
    assert body["count"] == 25
    assert len(body["results"]) == 20
    assert "省人大财政经济委员会" not in [u["name"] for u in body["results"]]
    assert api(user).get("/api/v1/units/?q=单位07").json()["count"] == 1


def test_sessions_carry_the_motion_deadline_and_the_last_presidium_meeting(api, make_user, session):
    user = make_user("staff1", Role.COMMITTEE_STAFF)
    row = api(user).get("/api/v1/sessions/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"][0]
    assert row["name"] == "第十四届人民代表大会第四次会议"
    assert row["opens"] == "2026-01-25"
    assert row["closes"] == "2026-01-29"
    assert row["motion_deadline"] == "2026-01-27T12:00:00+08:00"
    assert row["last_presidium_meeting"] == "2026-01-28T17:00:00+08:00"


def test_deputies_filter_by_delegation_and_status(api, make_user, make_deputy, delegation):
    make_deputy("李明")
    make_deputy("王芳", status="suspended", status_ground="detained", status_since="2026-03-01")
    user = make_user("staff1", Role.COMMITTEE_STAFF)

    assert api(user).get(f"/api/v1/deputies/?delegation={delegation.pk}").json()["count"] == 2
    rows = api(user).get("/api/v1/deputies/?status=suspended").json()["results"]
    assert [r["name"] for r in rows] == ["王芳"]
    assert api(user).get("/api/v1/deputies/?q=李").json()["count"] == 1


def test_a_deputy_does_not_see_other_deputies_phone_numbers(api, make_deputy, make_user):
    deputy = make_deputy("李明", phone="13900000001")
    staff = make_user("staff1", Role.COMMITTEE_STAFF)

    as_deputy = api(deputy.user).get(f"/api/v1/deputies/{deputy.pk}/").json()
    as_staff = api(staff).get(f"/api/v1/deputies/{deputy.pk}/").json()
    assert "phone" not in as_deputy
    assert as_staff["phone"] == "13900000001"


def test_delegations_count_their_members(api, make_user, make_deputy, delegation):
    make_deputy()
    make_deputy()
    user = make_user("staff1", Role.COMMITTEE_STAFF)
    row = api(user).get("/api/v1/delegations/").json()["results"][0]
    assert row["name"] == "太原代表团"
    assert row["member_count"] == 2


def test_the_openapi_schema_describes_the_collections(client):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/me/",
        "/api/v1/deputies/",
        "/api/v1/units/",
        "/api/v1/sessions/",
        "/api/v1/auth/token/",
    ]:
        assert path in paths


def test_the_api_docs_load_their_assets_from_the_portal_not_a_cdn(client):
    html = client.get(reverse("api-docs")).content.decode()
    assert "swagger-ui" in html
    # No asset from another origin: every src and href is a path on the portal.
    assert re.findall(r"""(?:src|href)=["'](?:https?:)?//""", html) == []
    assert "/static/drf_spectacular_sidecar/" in html


def test_every_operation_documents_its_refusals_in_the_one_error_shape(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "detail"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            documented = set(operation["responses"])
            assert {"400", "401", "403"} <= documented, (method, path)
            if "{" in path:
                assert "404" in documented, (method, path)
            if method != "get":
                assert "409" in documented, (method, path)
