"""An instrument's co-signing as data: its threshold, its notices, its article (Signing)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from congress.cosigning.invitation import Invitation


@dataclass(frozen=True)
class Threshold:
    """How many deputies must sign, the lead included: a fixed number (`count`) or a fraction of
    all deputies of the congress in office on the day (`fraction`). "以上" includes the number."""

    count: int | None = None
    fraction: Fraction | None = None

    def __post_init__(self) -> None:
        if (self.count is None) == (self.fraction is None):
            raise ValueError("a threshold is a count or a fraction, not both")

    def needed(self, *, congress: Any, on: dt.date) -> int:
        if self.fraction is None:
            return self.count or 0  # never 0: a threshold has one or the other (__post_init__)
        # 1/10 of 552 is 55.2: 56 deputies are "one tenth or more".
        return math.ceil(self.fraction * in_office(congress=congress, on=on))


def in_office(*, congress: Any, on: dt.date) -> int:
    """The deputies of the congress on that day: all but those whose mandate had ended by then
    (D§49). A suspended deputy still holds the mandate (D§48) and so is one of "all deputies"."""
    deputy = apps.get_model("deputies", "Deputy")
    return (
        deputy.objects.filter(congress=congress)
        .exclude(status=deputy.Status.TERMINATED, status_since__lte=on)
        .count()
    )


@dataclass(frozen=True)
class Kinds:
    """The notification kinds the lead receives for an answer."""

    confirmed: str
    declined: str


Notice = Callable[[Any, list[Any]], None]  # (item, deputies): an instrument's own notice
# (item, deputy, actor, why): the item's history records a lapsed invitation.
Record = Callable[[Any, Any, Any, str], None]


SHORT = gettext_lazy(
    "%(count)s deputies have signed the present text, the lead included; %(needed)s or more are needed (%(article)s)."
)
PENDING = gettext_lazy(
    "These co-signers have not confirmed the final text yet (%(article)s): %(names)s. Wait for them or withdraw their invitation."
)


@dataclass(frozen=True)
class Signing:
    """One instrument's co-signing, as data."""

    model: str  # the concrete Invitation model, "app_label.ModelName"
    item_field: str  # its FK to the item
    threshold: Threshold
    article: str  # cited in refusals and notices: "S§14", "M§12", "D§14"
    kinds: Kinds
    invited_notice: Notice  # tells the invited deputies
    voided_notice: Notice  # tells those whose confirmation an edit voided
    lapsed_record: Record  # the item's history says whose invitation lapsed and why
    open_statuses: frozenset[str]  # item statuses in which invitations are still answered
    # Suggestions (S§14): every co-signer still invited must confirm before filing.
    all_must_confirm: bool = False
    lead_field: str = "lead_deputy"  # None on the item: no lead (a delegation files)
    version_field: str = "text_version"
    short_code: str = "insufficient_signers"
    pending_code: str = "cosigners_pending"
    # The refusals' texts, if an instrument words them its own way; placeholders: %(count)s
    # (signed, the lead included), %(needed)s (the same as %(min)s), %(names)s, %(article)s.
    short_message: str | Promise = SHORT
    pending_message: str | Promise = PENDING
    # Deputies of another congress term may not be invited (a motion's session decides).
    check_congress: bool = True
    link: Callable[[Any], str] = field(default=lambda item: item.get_absolute_url())
    congress_of: Callable[[Any], Any] = field(default=lambda item: item.congress)

    @property
    def invitations(self) -> type[Invitation]:
        return apps.get_model(self.model)

    def of(self, item: Any) -> models.QuerySet[Invitation]:
        return self.invitations._default_manager.filter(**{self.item_field: item})

    def of_many(self, items: Iterable[Any]) -> models.QuerySet[Invitation]:
        return self.invitations._default_manager.filter(**{f"{self.item_field}__in": list(items)})


SIGNINGS: list[Signing] = []


def register(signing: Signing) -> Signing:
    """Declare an instrument's signing; `signing_lapse` closes invitations of every one."""
    SIGNINGS.append(signing)
    return signing


@dataclass(frozen=True)
class Progress:
    """Where the signing stands: co-signers who confirmed the present text (and are in
    office), those asked and still counted, those who declined or lapsed, and the
    confirmations submit needs now."""

    confirmed: int
    invited: int
    declined: int
    needed: int
    pending: tuple[str, ...] = ()  # names of those still to confirm, when all must

    @property
    def ready(self) -> bool:
        return self.confirmed >= self.needed and not self.pending
