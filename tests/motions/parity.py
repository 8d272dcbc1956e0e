"""The two doors of the parity test (test_parity.py): an action taken through the API and
through its page, and what it left on the motion.

Compared for each action: the new history events of the motion acted on (action, from_status,
to_status, actor, note and data, with the numbers that name other records replaced by a
placeholder), and every field of the motion that changed, with its new value (its number, the
motion it merged into and the suggestion it became are compared as changed or not: they are
other records for each motion of the pair).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motions.models import Motion

# Event data naming another record, which differs between the two motions of a pair.
IDENTITY_KEYS = {"into", "suggestion"}
IDENTITY_FIELDS = {"number", "converted_to_id", "merged_into_id"}


def pdf(name: str = "报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 same", content_type="application/pdf")


@dataclass
class Case:
    state: str  # what the two motions are before the action (see `pair`)
    actor: str  # who acts
    api: str  # the API action after motions/<id>/ ("" for a PATCH of the motion)
    page: str  # the page action of motions:act ("edit" for the edit page)
    api_data: Callable[[Any, Motion], dict[str, Any]] = lambda world, motion: {}
    page_data: Callable[[Any, Motion], dict[str, Any]] = lambda world, motion: {}
    multipart: bool = False
    at: dt.datetime | None = None  # when the action is taken, if not during the session
    expected: set[str] = field(default_factory=set)  # the event actions it must record


def snapshot(motion: Motion) -> dict[str, Any]:
    motion.refresh_from_db()
    return {f.attname: getattr(motion, f.attname) for f in Motion._meta.concrete_fields if f.attname != "id"}


def events_since(motion: Motion, last_event: int) -> list[tuple[Any, ...]]:
    return [
        (
            e.action,
            e.from_status,
            e.to_status,
            e.actor_id,
            e.note,
            {k: ("…" if k in IDENTITY_KEYS else v) for k, v in e.data.items()},
        )
        for e in motion.events.filter(pk__gt=last_event).order_by("pk")
    ]


def trace(motion: Motion, before: dict[str, Any], last_event: int) -> dict[str, Any]:
    """What the action left: its events, and the fields it changed with their new values."""
    after = snapshot(motion)
    changed = {
        name: (value is not None if name in IDENTITY_FIELDS else value)
        for name, value in after.items()
        if value != before[name]
    }
    return {"events": events_since(motion, last_event), "changed": changed}


def act_through_the_api(api: Any, case: Case, world: Any, motion: Motion) -> int:
    client = api(world.users[case.actor])
    data = case.api_data(world, motion)
    fmt = "multipart" if case.multipart else "json"
    if case.api:
        response = client.post(f"/api/v1/motions/{motion.pk}/{case.api}/", data, format=fmt)
    else:
        response = client.patch(f"/api/v1/motions/{motion.pk}/", data, format=fmt)
    assert response.status_code < 300, response.json()
    return response.status_code


def act_on_the_page(case: Case, world: Any, motion: Motion) -> int:
    client = Client()
    client.force_login(world.users[case.actor])
    data = case.page_data(world, motion)
    if case.page == "edit":
        url = reverse("motions:edit", args=[motion.pk])
    else:
        url = reverse("motions:act", args=[motion.pk, case.page])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.status_code
