"""The HTTP gateway backend against a real HTTP server on localhost."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from congress.notifications.sms import (
    HttpGatewaySmsBackend,
    LoggingSmsBackend,
    SmsDeliveryError,
    get_sms_backend,
)

TEMPLATE = (
    '{"apikey": "{key}", "mobile": "{phone}", "content": "【省人大】{text}", "extra": {"tags": ["{phone}"]}}'
)


@dataclass
class Gateway:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    state = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            state.requests.append(
                {"path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length)}
            )
            time.sleep(state.delay)
            self.send_response(state.status)
            if 300 <= state.status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            if state.status != 204:
                # The timeout test's client has gone by the time the answer comes.
                with contextlib.suppress(BrokenPipeError):
                    self.wfile.write(b'{"code": "quota_exceeded"}' if state.status >= 400 else b'{"code": 0}')

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send?v=2"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def backend_for(gateway: Gateway, timeout: float = 5) -> HttpGatewaySmsBackend:
    return HttpGatewaySmsBackend(url=gateway.url, key="k-secret-123", template=TEMPLATE, timeout=timeout)


def test_it_posts_the_key_phone_and_text_as_json_to_the_gateway_url(gateway):
    backend_for(gateway).send("13900000001", "建议第0012号已交办 https://rd.example.gov.cn/suggestions/12/")

    [request] = gateway.requests
    assert request["path"] == "/sms/send?v=2"
    assert request["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(request["body"]) == {
        "apikey": "k-secret-123",
        "mobile": "13900000001",
        "content": "【省人大】建议第0012号已交办 https://rd.example.gov.cn/suggestions/12/",
        "extra": {"tags": ["13900000001"]},
    }


def test_quotes_backslashes_newlines_and_braces_in_a_message_stay_inside_their_string(gateway):
    text = 'He said "done"\\ok\nnext line {key} {phone} }{'
    backend_for(gateway).send("13900000001", text)

    body = json.loads(gateway.requests[0]["body"])
    assert body["content"] == "【省人大】" + text  # a "{key}" typed in a message never becomes the key
    assert set(body) == {"apikey", "mobile", "content", "extra"}


@pytest.mark.parametrize("status", [500, 503, 401, 400, 302])
def test_any_answer_but_2xx_raises_so_the_task_retries(gateway, status):
    gateway.status = status
    with pytest.raises(SmsDeliveryError, match=f"gateway answered {status}"):
        backend_for(gateway).send("13900000001", "提醒")
    assert len(gateway.requests) == 1  # a redirect is not followed with the body dropped


def test_a_204_is_success(gateway):
    gateway.status = 204
    # No exception: the task records the message as sent instead of retrying it.
    backend_for(gateway).send("13900000001", "提醒")
    assert len(gateway.requests) == 1


def test_a_gateway_that_does_not_answer_in_time_raises(gateway):
    gateway.delay = 2
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        backend_for(gateway, timeout=0.3).send("13900000001", "提醒")
    assert time.monotonic() - started < 1.5


def test_the_key_never_appears_in_the_error(gateway):
    gateway.status = 401
    with pytest.raises(SmsDeliveryError) as error:
        backend_for(gateway).send("13900000001", "提醒")
    assert "k-secret-123" not in str(error.value)


@pytest.mark.parametrize(
    ("url", "template"),
    [("ftp://gateway.example/", TEMPLATE), ("https://gateway.example/", '{"text": "{text}"')],
)
def test_a_wrong_configuration_is_reported_at_once(url, template):
    with pytest.raises(ImproperlyConfigured):
        HttpGatewaySmsBackend(url=url, key="k", template=template, timeout=5)


def test_the_backend_is_built_from_settings(gateway, settings):
    settings.SMS_BACKEND = "congress.notifications.sms.HttpGatewaySmsBackend"
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_GATEWAY_KEY = "from-settings"
    settings.SMS_GATEWAY_TEMPLATE = '{"k": "{key}", "to": "{phone}", "msg": "{text}"}'

    get_sms_backend().send("13900000001", "提醒")

    assert json.loads(gateway.requests[0]["body"]) == {
        "k": "from-settings",
        "to": "13900000001",
        "msg": "提醒",
    }


def test_the_default_backend_only_logs_and_hides_most_of_the_number(settings, caplog):
    assert isinstance(get_sms_backend(), LoggingSmsBackend)
    with caplog.at_level(logging.INFO, logger="congress.notifications.sms"):
        get_sms_backend().send("13912345678", "提醒")
    assert "SMS to 139****5678: 提醒" in caplog.text
    assert "13912345678" not in caplog.text
