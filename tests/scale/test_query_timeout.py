"""A slow request cannot take the site down: PostgreSQL stops a web request's query at the
statement timeout (DB_STATEMENT_TIMEOUT_MS, set per connection), and the portal answers a
clear 503 page, or `query_timeout` under /api/, instead of a server error."""

from __future__ import annotations

import json
import time

from django.db import OperationalError
from django.test import RequestFactory

from congress.middleware import QueryTimeoutMiddleware
from tests.scale.processes import call, require_postgres, web_node


class QueryCanceled(Exception):
    """What psycopg2 raises for SQLSTATE 57014 (psycopg2.errors.QueryCanceled), in shape."""

    pgcode = "57014"


def cancelled_query() -> OperationalError:
    # Django re-raises the driver's error as its own, the original as the cause.
    try:
        try:
            raise QueryCanceled("canceling statement due to statement timeout")
        except QueryCanceled as driver_error:
            raise OperationalError(str(driver_error)) from driver_error
    except OperationalError as error:
        return error


def answer_to(path: str, exception: Exception):
    middleware = QueryTimeoutMiddleware(lambda request: None)  # type: ignore[arg-type, return-value]
    return middleware.process_exception(RequestFactory().get(path), exception)


def test_a_cancelled_query_on_a_page_answers_the_503_page():
    response = answer_to("/motions/", cancelled_query())
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    assert "<h1>" in response.content.decode()


def test_a_cancelled_query_under_the_api_answers_query_timeout():
    response = answer_to("/api/v1/motions/", cancelled_query())
    assert response.status_code == 503
    assert json.loads(response.content)["code"] == "query_timeout"


def test_any_other_database_error_is_left_to_the_server_error_answer():
    assert answer_to("/motions/", OperationalError("server closed the connection")) is None


def test_on_postgresql_a_web_node_stops_a_query_past_the_timeout_and_keeps_serving(db, tmp_path):
    require_postgres()
    with web_node("web", tmp_path / "web", DB_STATEMENT_TIMEOUT_MS="300") as node:
        started = time.monotonic()
        page = call(node.address, "GET", "/slow/")
        api = call(node.address, "GET", "/api/v1/slow/")
        took = time.monotonic() - started
        after = call(node.address, "GET", "/accounts/login/")

    assert page.status == 503
    assert page.headers["Content-Type"].startswith("text/html")
    assert "<h1>" in page.text
    assert api.status == 503
    assert api.headers["Content-Type"] == "application/json"
    assert json.loads(api.body)["code"] == "query_timeout"
    assert took < 4  # two queries that sleep 5 s each were stopped at 0.3 s
    assert after.status == 200  # the worker lives on and serves the next request
    assert "query cancelled at the statement timeout: GET /slow/" in "".join(node.output)


def test_without_the_setting_the_same_query_runs_to_its_end(db, tmp_path):
    require_postgres()
    with web_node("worker-like", tmp_path / "node") as node:
        page = call(node.address, "GET", "/slow/")
    assert page.status == 200
    assert page.text == "finished"
