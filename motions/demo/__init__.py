"""Demo motions, as `seed_demo` asks each workflow app: `seed` the 4th session (January 2026)
in varied states and a draft for the 5th; `seed_scale` a realistic volume in the earlier
sessions."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from congress.models import Session
from motions.demo.history import seed_next_session_draft, seed_session_four
from motions.demo.instruments import seed_instruments
from motions.demo.scale import seed_scale
from motions.models import Motion

__all__ = ["seed", "seed_scale"]


def seed(stdout: Any = None) -> None:
    """The demo's motions and joint instruments; idempotent (nothing is added where they exist)."""
    with transaction.atomic():
        seed_instruments()
    session = Session.objects.filter(number=4, congress__number=14).first()
    if session is None or Motion.objects.filter(session=session).exists():
        return
    with transaction.atomic():
        seed_session_four(session)
        seed_next_session_draft()
    if stdout is not None:
        stdout.write("Demo motions ready.")
