"""Protection of the public opinion form and API against abuse (D§37 online platform).

Two small defences, no outside service (government networks are closed):
- limits counted in the database (models.UseCount), which hold under parallel requests:
  - opinions accepted per hour from one address with one contact (PUBLIC_OPINION_RATE), and
    from one address whatever the contact (PUBLIC_OPINION_ADDRESS_RATE, higher: a village or an
    office behind one NAT address shares it). Only accepted opinions count: a mistyped form or
    a wrong answer costs nothing, so one bad client behind a shared address cannot silence the
    form for everyone else behind it;
  - tracking-code look-ups per address (TRACKING_LOOKUP_RATE): every look-up counts, since
    guessing codes is what that limit stops;
- an arithmetic question signed with Django's signing, asked by the web form and by the API
  alike (`GET public/opinions/` gives one), good for one accepted opinion. It keeps dumb
  automated mail out and is no secret (a script can read it), so a wrong answer spends nothing:
  what bounds a sender is the hour's count of accepted opinions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import F
from django.utils import timezone

from liaison_stations.models import UseCount
from liaison_stations.workflow import refusal

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


# --- Counting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        count, seconds = text.split("/")
        return cls(int(count), int(seconds))


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _count_one(key: str, limit: int, expires_at: dt.datetime) -> bool:
    """Count one use of `key` if fewer than `limit` are counted; False when it is spent.

    The row is made if missing (INSERT … ON CONFLICT DO NOTHING), then one UPDATE counts it
    only while under the limit: the database serialises parallel updates of the row and checks
    the condition again on the row each finds, so no two requests take the last place."""
    _purge_expired()
    UseCount.objects.bulk_create([UseCount(key=key, expires_at=expires_at)], ignore_conflicts=True)
    return UseCount.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1) == 1


def within_rate(scope: str, parts: tuple[str, ...], rate: Rate) -> bool:
    """Count one use of `parts` in `scope` in the current window of the rate; False, counting
    nothing, once the window's uses are spent. Fixed windows: the key names its window."""
    now = timezone.now().timestamp()
    window = int(now // rate.seconds)
    ends = dt.datetime.fromtimestamp((window + 1) * rate.seconds, dt.UTC)
    return _count_one(_key(scope, str(rate.seconds), str(window), *parts), rate.count, ends)


def over_limit(scope: str, address: str, rate_text: str) -> bool:
    """Count one request from `address` in `scope`; True once it is over the rate."""
    return not within_rate(scope, (address,), Rate.parse(rate_text))


_purged_hour: int | None = None


def _purge_expired() -> None:
    """Spent windows are deleted, at most once an hour in each process."""
    global _purged_hour
    hour = int(timezone.now().timestamp() // 3600)
    if hour != _purged_hour:
        _purged_hour = hour
        UseCount.objects.filter(expires_at__lt=timezone.now()).delete()


def contact_key(contact: str) -> str:
    """The contact as counted: '139 1234-5678' and '13912345678' are one sender."""
    return "".join(ch for ch in contact.casefold() if ch.isalnum() or ch in "@.")


# --- The check question --------------------------------------------------------------------


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def new_challenge() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(8)}, salt=CHALLENGE_SALT)
    return Challenge(question=f"{a} + {b} = ?", token=token)


def _answered(token: str, answer: str) -> str | None:
    """The question's own key when the answer is right, signed by us, under an hour old and
    not yet used for an accepted opinion; None otherwise."""
    try:
        data = signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
        correct = int(answer.strip()) == data["a"] + data["b"]
        key = _key("challenge", str(data["n"]))
    except (signing.BadSignature, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not correct or UseCount.objects.filter(key=key, count__gte=1).exists():
        return None
    return key


def challenge_passed(token: str, answer: str) -> bool:
    """For a form to say at once that the answer is wrong; admit() asks again, and spends it."""
    return _answered(token, answer) is not None


# --- Letting an opinion in -----------------------------------------------------------------


@dataclass(frozen=True)
class Sender:
    """Who sends an opinion online, as far as the portal can tell: the address it came from,
    and the check question answered with it."""

    address: str
    challenge_token: str
    challenge_answer: str


def admit(sender: Sender, contact: str) -> None:
    """Let one opinion in, counted, or refuse it: a wrong or used answer (400
    `challenge_failed`), or a sender over the hour's limits (429 `rate_limited`).

    Call it inside the transaction that saves the opinion: if that transaction rolls back (this
    refusal or any later one), so do the counts, and only accepted opinions are counted. A
    question solved once lets one opinion in, however many requests carry it at once."""
    key = _answered(sender.challenge_token, sender.challenge_answer)
    expires = timezone.now() + dt.timedelta(seconds=CHALLENGE_MAX_AGE + 60)
    if key is None or not _count_one(key, 1, expires):
        raise refusal("challenge_failed", status=400)
    per_sender = Rate.parse(settings.PUBLIC_OPINION_RATE)
    per_address = Rate.parse(settings.PUBLIC_OPINION_ADDRESS_RATE)
    if not (
        within_rate("opinion", (sender.address, contact_key(contact)), per_sender)
        and within_rate("opinion-address", (sender.address,), per_address)
    ):
        raise refusal("rate_limited", status=429)
