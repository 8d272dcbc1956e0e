"""Email and SMS backends for tests, named in settings by dotted path."""

from __future__ import annotations

import smtplib
import threading
import time
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from congress.notifications.sms import SmsBackend


class SlowEmailBackend(LocmemBackend):
    """Locmem that takes its time, so that two concurrent senders overlap."""

    def send_messages(self, messages: Sequence[Any]) -> int:
        time.sleep(0.5)
        return super().send_messages(messages)


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, messages: Sequence[Any]) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RecordingSmsBackend(SmsBackend):
    sent: ClassVar[list[tuple[str, str]]] = []
    lock = threading.Lock()

    def send(self, phone: str, text: str) -> None:
        with self.lock:
            self.sent.append((phone, text))


class BrokenSmsBackend(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        raise ConnectionRefusedError(111, "Connection refused")
