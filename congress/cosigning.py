"""The one co-signing engine for every joint instrument (WORKFLOWS.md §5b): suggestions (S§14),
motions (M§8, M§12), interpellations (D§14), recall motions (D§15) and investigation-committee
proposals (D§16).

The lead invites deputies; each reads the final text and confirms it or declines; an edit
of the text voids the confirmations given to the old one; an invitation to a deputy who is
suspended or leaves office meanwhile lapses; the lead is told of every answer; at submit the
threshold is checked. What differs per instrument is data, a `Signing` declared next to the
instrument's workflow table: its invitation model, its threshold, its notices, its article.

The engine neither locks the item nor asks the workflow table: the instrument's service does
both (`select_for_update`, `require(...)`) and calls the engine inside its transaction, then
records its own history event. Pure Django: no app is imported here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.deadlines.statutory import article_label
from congress.errors import DomainError
from congress.notifications.services import notify


class InvitationStatus(models.TextChoices):
    INVITED = "invited", gettext_lazy("Invited")
    CONFIRMED = "confirmed", gettext_lazy("Confirmed the final text")
    DECLINED = "declined", gettext_lazy("Declined")
    # D§45, D§46: the deputy was suspended or left office before answering.
    LAPSED = "lapsed", gettext_lazy("Lapsed")


# Answers that take the deputy out of the count: they are not waited for.
CLOSED = (InvitationStatus.DECLINED, InvitationStatus.LAPSED)


class Invitation(models.Model):
    """A deputy invited to co-sign one item. Each instrument's concrete model adds the FK to its
    item and the unique (item, deputy) constraint."""

    Status = InvitationStatus

    deputy = models.ForeignKey(
        "deputies.Deputy",
        verbose_name=gettext_lazy("deputy"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_invitations",
    )
    status = models.CharField(
        gettext_lazy("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    invited_at = models.DateTimeField(gettext_lazy("invited"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(gettext_lazy("answered"), null=True, blank=True)
    # The item's text version the deputy confirmed: they agreed to a text, not to what it becomes.
    confirmed_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["invited_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="confirmed", confirmed_version__isnull=False)
                | (~Q(status="confirmed") & Q(confirmed_version__isnull=True)),
                name="%(app_label)s_%(class)s_confirmed_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_status_display()}"


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


def _deputy_of(actor: Any) -> Any:
    return getattr(actor, "deputy", None)


def _require_active(deputy: Any) -> None:
    if not deputy.is_active:
        raise DomainError(
            "deputy_not_active",
            _("%(name)s is suspended or no longer a deputy and cannot file or sign (D§45, D§46).")
            % {"name": deputy.name},
        )


def _lead(signing: Signing, item: Any) -> Any:
    return getattr(item, signing.lead_field, None)


def _version(signing: Signing, item: Any) -> int:
    return int(getattr(item, signing.version_field))


def signing_invite(*, signing: Signing, item: Any, deputies: Iterable[Any], actor: Any) -> list[Invitation]:
    """Invite deputies; each receives the text and decides for themselves. The lead and those
    already invited are skipped; a deputy not in office, or of another term, is refused."""
    lead = _lead(signing, item)
    congress_id = signing.congress_of(item).pk if signing.check_congress else None
    already = set(signing.of(item).values_list("deputy_id", flat=True))
    fresh: dict[int, Any] = {}
    for deputy in deputies:
        _require_active(deputy)
        if congress_id is not None and deputy.congress_id != congress_id:
            raise DomainError(
                "deputy_not_in_congress",
                _("%(name)s is not a deputy of this congress term.") % {"name": deputy.name},
                status=400,
            )
        if deputy.pk != getattr(lead, "pk", None) and deputy.pk not in already:
            fresh[deputy.pk] = deputy
    model = signing.invitations
    rows = model._default_manager.bulk_create(
        [model(**{signing.item_field: item, "deputy": d, "invited_by": actor}) for d in fresh.values()]
    )
    if rows:
        signing.invited_notice(item, [r.deputy for r in rows])
    return rows


def _invitation(signing: Signing, item: Any, actor: Any) -> Invitation:
    deputy = _deputy_of(actor)
    row = signing.of(item).select_for_update().filter(deputy=deputy).first() if deputy else None
    if row is None:
        raise DomainError(
            "not_invited",
            _("Only a deputy invited by the lead can co-sign (%(article)s).")
            % {"article": article_label(signing.article)},
            status=403,
        )
    return row


def signing_confirm(*, signing: Signing, item: Any, actor: Any) -> tuple[Invitation, bool]:
    """The invited deputy confirms the text as it stands now. Answers the invitation and
    whether anything changed: confirming the same version twice changes nothing."""
    row = _invitation(signing, item, actor)
    _require_active(row.deputy)
    version = _version(signing, item)
    if row.status == InvitationStatus.CONFIRMED and row.confirmed_version == version:
        return row, False
    row.status, row.confirmed_version, row.answered_at = InvitationStatus.CONFIRMED, version, timezone.now()
    row.save(update_fields=["status", "confirmed_version", "answered_at"])
    _tell_lead(signing, item, row, signing.kinds.confirmed)
    return row, True


def signing_decline(*, signing: Signing, item: Any, actor: Any) -> tuple[Invitation, bool]:
    """The invited deputy declines (a confirmation given before is withdrawn with it)."""
    row = _invitation(signing, item, actor)
    if row.status == InvitationStatus.DECLINED:
        return row, False
    row.status, row.confirmed_version, row.answered_at = InvitationStatus.DECLINED, None, timezone.now()
    row.save(update_fields=["status", "confirmed_version", "answered_at"])
    _tell_lead(signing, item, row, signing.kinds.declined)
    return row, True


def _tell_lead(signing: Signing, item: Any, row: Invitation, kind: str) -> None:
    lead = _lead(signing, item)
    if lead is None or lead.user_id is None:
        return
    progress = signing_progress(signing=signing, item=item)
    with translation.override(settings.LANGUAGE_CODE):
        values = {"name": row.deputy.name, "title": item.title}
        if row.status == InvitationStatus.CONFIRMED:
            subject = _("%(name)s confirmed the text of “%(title)s”") % values
        else:
            subject = _("%(name)s declined to co-sign “%(title)s”") % values
        body = _("%(confirmed)s of %(invited)s co-signers have confirmed the present text (%(article)s).") % {
            "confirmed": progress.confirmed,
            "invited": progress.invited,
            "article": article_label(signing.article),
        }
    notify(recipients=[lead.user], kind=kind, subject=subject, body=body, link=signing.link(item))


def signing_void(*, signing: Signing, item: Any) -> int:
    """After an edit of the text: the confirmations given to the old text no longer count.
    The deputies are invited again and told; answers how many were voided."""
    confirmed = signing.of(item).filter(status=InvitationStatus.CONFIRMED)
    deputies = [r.deputy for r in confirmed.select_related("deputy__user")]
    if not deputies:
        return 0
    confirmed.update(status=InvitationStatus.INVITED, confirmed_version=None, answered_at=None)
    signing.voided_notice(item, deputies)
    return len(deputies)


def signing_lapse(*, deputy: Any) -> list[tuple[Signing, Invitation]]:
    """D§45, D§46: the deputy was suspended or left office. Their invitations not yet confirmed,
    on items still collecting signatures, lapse; what they confirmed stays on record. Answers
    what lapsed, for the caller's history and the lead's notice."""
    lapsed: list[tuple[Signing, Invitation]] = []
    now = timezone.now()
    for signing in SIGNINGS:
        rows = list(
            signing.invitations._default_manager.select_for_update(of=("self",))
            .select_related(f"{signing.item_field}")
            .filter(
                deputy=deputy,
                status=InvitationStatus.INVITED,
                **{f"{signing.item_field}__status__in": sorted(signing.open_statuses)},
            )
        )
        for row in rows:
            row.status, row.answered_at = InvitationStatus.LAPSED, now
            row.save(update_fields=["status", "answered_at"])
            lapsed.append((signing, row))
    return lapsed


def signing_progress(*, signing: Signing, item: Any, on: dt.date | None = None) -> Progress:
    """The count on the draft ("2 of 3 confirmed") and what submit needs on the day (today by
    default): the threshold minus the lead, or every co-signer still invited when all must
    confirm."""
    version = _version(signing, item)
    confirmed = invited = declined = 0
    pending: list[str] = []
    for status, deputy_status, confirmed_version, name in signing.of(item).values_list(
        "status", "deputy__status", "confirmed_version", "deputy__name"
    ):
        if status in CLOSED:
            declined += 1
            continue
        invited += 1
        # Only a confirmation of the present text by a deputy in office counts (D§45, D§46).
        if (
            status == InvitationStatus.CONFIRMED
            and confirmed_version == version
            and deputy_status == "active"
        ):
            confirmed += 1
        else:
            pending.append(name)
    lead = 1 if _lead(signing, item) is not None else 0
    threshold = signing.threshold.needed(congress=signing.congress_of(item), on=on or timezone.localdate())
    needed = max(0, threshold - lead)
    if signing.all_must_confirm:
        return Progress(confirmed, invited, declined, max(needed, invited), tuple(pending))
    return Progress(confirmed, invited, declined, needed)


def signing_require(*, signing: Signing, item: Any, on: dt.date | None = None) -> Progress:
    """At submit: refuse unless enough deputies in office confirmed the present text."""
    progress = signing_progress(signing=signing, item=item, on=on)
    lead = 1 if _lead(signing, item) is not None else 0
    values = {
        "count": progress.confirmed + lead,
        "needed": progress.needed + lead,
        "min": progress.needed + lead,
        "names": "、".join(progress.pending),
        "article": article_label(signing.article),
    }
    if progress.pending:
        raise DomainError(signing.pending_code, str(signing.pending_message) % values)
    if progress.confirmed < progress.needed:
        raise DomainError(signing.short_code, str(signing.short_message) % values)
    return progress


def signing_refusal(*, signing: Signing, item: Any, on: dt.date | None = None) -> DomainError | None:
    """What `signing_require` would refuse now, or None: a page disables its submit button and
    says why, from the same rule the submit applies."""
    try:
        signing_require(signing=signing, item=item, on=on)
    except DomainError as refusal:
        return refusal
    return None


def signing_counts(*, signing: Signing, items: Iterable[Any]) -> dict[int, tuple[int, int]]:
    """For a list page, in one query: each item's (confirmed the present text, asked and still
    counted), keyed by the item's pk ("2 of 3 confirmed")."""
    item_id = f"{signing.item_field}_id"
    rows = (
        signing.of_many(items)
        .values(item_id)
        .annotate(
            confirmed=Count(
                "pk",
                filter=Q(
                    status=InvitationStatus.CONFIRMED,
                    confirmed_version=F(f"{signing.item_field}__{signing.version_field}"),
                    deputy__status="active",
                ),
            ),
            invited=Count("pk", filter=~Q(status__in=CLOSED)),
        )
    )
    return {r[item_id]: (r["confirmed"], r["invited"]) for r in rows}
