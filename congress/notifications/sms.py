"""Sending SMS. The province's gateway is configured, not coded: URL, key and JSON body come
from settings (SMS_BACKEND, SMS_GATEWAY_URL, SMS_GATEWAY_KEY, SMS_GATEWAY_TEMPLATE,
SMS_GATEWAY_TIMEOUT), so a change of provider needs no release.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{(key|phone|text)\}")


class SmsDeliveryError(Exception):
    """The gateway did not accept the message; the delivery task retries it."""


class SmsBackend(ABC):
    @abstractmethod
    def send(self, phone: str, text: str) -> None:
        """Send or raise: the caller records the error and retries."""


class LoggingSmsBackend(SmsBackend):
    """Development and demo: writes the message to the log instead of sending it."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)


class HttpGatewaySmsBackend(SmsBackend):
    """POSTs a JSON body to an HTTP gateway; anything but a 2xx answer raises.

    The template is JSON whose string values may contain {key}, {phone} and {text}. It is
    parsed once, the placeholders are filled in the parsed strings, and the result is
    serialised again: so quotes, backslashes or newlines in a message cannot break out of
    their string, and a "{key}" typed in a message is sent as typed, never as the key.
    """

    def __init__(self, *, url: str, key: str, template: str, timeout: float) -> None:
        if not url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("SMS_GATEWAY_URL must be an http(s) URL")
        try:
            self.template = json.loads(template)
        except ValueError as exc:
            raise ImproperlyConfigured(f"SMS_GATEWAY_TEMPLATE is not valid JSON: {exc}") from exc
        self.url = url
        self.key = key
        self.timeout = timeout

    def body(self, phone: str, text: str) -> bytes:
        values = {"key": self.key, "phone": phone, "text": text}
        filled = _fill(self.template, lambda s: PLACEHOLDER.sub(lambda m: values[m.group(1)], s))
        return json.dumps(filled, ensure_ascii=False).encode()

    def send(self, phone: str, text: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url,
            data=self.body(phone, text),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with _NO_REDIRECTS.open(request, timeout=self.timeout) as response:
                status = response.status
                answer = response.read(500)
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, exc.read(500)
        if not 200 <= status < 300:
            raise SmsDeliveryError(f"gateway answered {status}: {answer.decode(errors='replace')}")
        logger.info("SMS to %s accepted by the gateway", mask_phone(phone))


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would follow a 302 with a GET and no body, then report success.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_NO_REDIRECTS = urllib.request.build_opener(_RefuseRedirects)


def _fill(value: Any, fill: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fill(value)
    if isinstance(value, dict):
        return {k: _fill(v, fill) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, fill) for v in value]
    return value


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678: enough to tell messages apart in a log, not to dial."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


def get_sms_backend() -> SmsBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    if issubclass(backend_class, HttpGatewaySmsBackend):
        return backend_class(
            url=settings.SMS_GATEWAY_URL,
            key=settings.SMS_GATEWAY_KEY,
            template=settings.SMS_GATEWAY_TEMPLATE,
            timeout=settings.SMS_GATEWAY_TIMEOUT,
        )
    return backend_class()
