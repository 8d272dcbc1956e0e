"""Protection of the public opinion form and API against abuse (D§37 online platform).

Two small defences, no outside service (government networks are closed):
- a rate limit per client address, counted in the shared cache (Redis in production), for
  the web form and `POST /api/v1/public/opinions/` alike, and for tracking-code look-ups;
- on the web form, an arithmetic question signed with Django's signing, good once.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache

CHALLENGE_SALT = "liaison_stations.challenge"
CHALLENGE_MAX_AGE = 60 * 60  # an hour to fill in the form


def client_address(request: Any) -> str:
    """The sender's address. Behind NUM_PROXIES proxies, the address the first of them saw;
    the peer address otherwise (a forged X-Forwarded-For header is then ignored)."""
    proxies = settings.NUM_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-min(proxies, len(forwarded))]
    return str(request.META.get("REMOTE_ADDR", ""))


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        count, seconds = text.split("/")
        return cls(int(count), int(seconds))


def over_limit(scope: str, address: str, rate_text: str) -> bool:
    """Count one hit for `address` in `scope`; True once it is over the rate.

    A fixed window: the key carries the window's number, so it expires by itself. cache.add
    then cache.incr is atomic on Redis; every process shares the count.
    """
    rate = Rate.parse(rate_text)
    window = int(time.time() // rate.seconds)
    key = f"rate:{scope}:{address}:{window}"
    if cache.add(key, 1, timeout=rate.seconds + 5):
        return rate.count < 1
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=rate.seconds + 5)
        hits = 1
    return hits > rate.count


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def new_challenge() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(8)}, salt=CHALLENGE_SALT)
    return Challenge(question=f"{a} + {b} = ?", token=token)


def challenge_passed(token: str, answer: str) -> bool:
    """Right answer, signed by us, under an hour old, and never used before."""
    try:
        data = signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    try:
        correct = int(answer.strip()) == data["a"] + data["b"]
    except (ValueError, KeyError, TypeError):
        return False
    # Single use: a solved token replayed by a script is refused.
    return correct and cache.add(f"challenge-used:{data['n']}", 1, timeout=CHALLENGE_MAX_AGE + 60)
