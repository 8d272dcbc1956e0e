"""Co-signing for the joint instruments, written against the engine's agreed interface
(/work/notes/ENGINE_API.md: `congress/cosigning.py`, built at the same time on another branch).
When that engine lands, the instruments' `Signing` declarations move onto it and this module
goes; the names and the DomainError codes here are the interface's.

Invite; each invited deputy confirms the text as it stands (its version) or declines; an edit
voids the confirmations; the lead is told as each one answers; the threshold is data (a fixed
number, or a fraction of all deputies in office that day) and is checked at submit
(`insufficient_signers`). The callers lock the item and `require` the table's action first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.errors import DomainError
from congress.models import Congress, User
from congress.notifications.services import notify
from deputies.models import Deputy
from motions.models import InvitationStatus


def deputies_in_office(*, congress: Congress, on: dt.date) -> int:
    """The deputies of the congress in office on that day: active now, or suspended or ended
    only after it (D§45, D§46). NPC deputies elected in the province are not of this congress."""
    return (
        Deputy.objects.filter(congress=congress, npc_deputy=False)
        .filter(Q(status=Deputy.Status.ACTIVE) | Q(status_since__gt=on))
        .count()
    )


@dataclass(frozen=True)
class Threshold:
    """How many deputies sign jointly: a fixed number (十人以上) or a fraction of all deputies
    (十分之一以上). "以上" includes the number, so a fraction is rounded up."""

    count: int | None = None
    fraction: Fraction | None = None

    def needed(self, *, congress: Congress, on: dt.date) -> int:
        if self.count is not None:
            return self.count
        assert self.fraction is not None  # noqa: S101 - a threshold is one or the other
        return math.ceil(self.fraction * deputies_in_office(congress=congress, on=on))


@dataclass(frozen=True)
class Signing:
    """One instrument's co-signing: its invitation model and the item's field on it, the
    threshold, the notice kinds and the article."""

    invitation: type[Any]
    item_field: str
    threshold: Threshold
    article: str
    noun: Any  # a lazy string: "interpellation"
    notice_prefix: str  # notice kinds: <prefix>_invited, _confirmed, _declined, _voided


@dataclass(frozen=True)
class Progress:
    confirmed: int  # the lead included
    invited: int  # waiting for an answer
    declined: int
    needed: int

    @property
    def enough(self) -> bool:
        return self.confirmed >= self.needed


def _invitations(signing: Signing, item: Any) -> Any:
    return signing.invitation.objects.filter(**{signing.item_field: item})


def _tell(
    signing: Signing, item: Any, users: Iterable[User], kind: str, subject: Any, body: Any, **values: Any
) -> None:
    people = [u for u in users if u is not None]
    if not people:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {"noun": signing.noun, "title": item.title, "article": signing.article, **values}
        notify(
            recipients=people,
            kind=f"{signing.notice_prefix}_{kind}",
            subject=str(subject) % {k: str(v) for k, v in values.items()},
            body=str(body) % {k: str(v) for k, v in values.items()},
            link=item.get_absolute_url(),
        )


def _lead_users(item: Any) -> list[User]:
    lead = item.lead_deputy
    users = [lead.user] if lead is not None and lead.user_id else []
    if item.created_by_id and (lead is None or item.created_by_id != lead.user_id):
        users.append(item.created_by)  # the delegation staff who entered it follow it too
    return users


def check_signer(deputy: Deputy, item: Any) -> None:
    if not deputy.is_active:
        raise DomainError(
            "deputy_not_active",
            _("%(name)s is suspended or their mandate ended: they cannot file or sign (D§45, D§46).")
            % {"name": deputy.name},
        )
    if deputy.congress_id != item.session.congress_id:
        raise DomainError(
            "deputy_not_in_congress",
            _("%(name)s is not a deputy of this congress term.") % {"name": deputy.name},
            status=400,
        )


def signing_invite(*, signing: Signing, item: Any, deputies: Iterable[Deputy], actor: User) -> list[Any]:
    """Invite deputies to co-sign; each receives the text. A deputy who declined or lapsed may
    be invited again; the lead and those already invited are skipped."""
    existing = {i.deputy_id: i for i in _invitations(signing, item)}
    invited = []
    for deputy in deputies:
        check_signer(deputy, item)
        if deputy.pk == item.lead_deputy_id:
            continue
        known = existing.get(deputy.pk)
        if known is None:
            known = signing.invitation.objects.create(
                **{signing.item_field: item}, deputy=deputy, invited_by=actor
            )
        elif known.status in (InvitationStatus.DECLINED, InvitationStatus.LAPSED):
            known.status, known.answered_at, known.invited_at = InvitationStatus.INVITED, None, timezone.now()
            known.save(update_fields=["status", "answered_at", "invited_at"])
        else:
            continue
        existing[deputy.pk] = known
        invited.append(known)
    lead = item.lead_deputy.name if item.lead_deputy else ""
    _tell(
        signing,
        item,
        [i.deputy.user for i in invited if i.deputy.user_id],
        "invited",
        gettext_lazy("%(lead)s invites you to co-sign: %(title)s"),
        gettext_lazy(
            "%(lead)s invites you to co-sign the %(noun)s “%(title)s”. Read the text and confirm it if you agree, or decline (%(article)s)."
        ),
        lead=lead,
    )
    return invited


def _answer(signing: Signing, item: Any, actor: User) -> Any:
    deputy = getattr(actor, "deputy", None)
    invitation = _invitations(signing, item).select_related("deputy").get(deputy=deputy)
    check_signer(invitation.deputy, item)
    return invitation


def signing_confirm(*, signing: Signing, item: Any, actor: User) -> Any:
    """The invited deputy confirms the text as it stands; the lead is told, with the count."""
    invitation = _answer(signing, item, actor)
    if invitation.status == InvitationStatus.CONFIRMED and invitation.confirmed_version == item.text_version:
        raise DomainError("already_confirmed", _("You have already confirmed this text."))
    invitation.status = InvitationStatus.CONFIRMED
    invitation.confirmed_version = item.text_version
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "confirmed_version", "answered_at"])
    progress = signing_progress(signing=signing, item=item)
    _tell(
        signing,
        item,
        _lead_users(item),
        "confirmed",
        gettext_lazy("%(deputy)s co-signed: %(title)s"),
        gettext_lazy(
            "%(deputy)s confirmed the text of “%(title)s”: %(confirmed)s of the %(needed)s deputies needed have signed."
        ),
        deputy=invitation.deputy.name,
        confirmed=progress.confirmed,
        needed=progress.needed,
    )
    return invitation


def signing_decline(*, signing: Signing, item: Any, actor: User) -> Any:
    """The invited deputy declines; the lead is told."""
    invitation = _answer(signing, item, actor)
    if invitation.status == InvitationStatus.DECLINED:
        raise DomainError("already_declined", _("You have already declined."))
    invitation.status = InvitationStatus.DECLINED
    invitation.confirmed_version = None
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "confirmed_version", "answered_at"])
    _tell(
        signing,
        item,
        _lead_users(item),
        "declined",
        gettext_lazy("%(deputy)s declined to co-sign: %(title)s"),
        gettext_lazy("%(deputy)s declined to co-sign “%(title)s”."),
        deputy=invitation.deputy.name,
    )
    return invitation


def signing_void(*, signing: Signing, item: Any) -> int:
    """After an edit (the caller bumped `text_version`): the confirmations were given to the old
    text; they are asked again, and told. Returns how many were voided."""
    confirmed = list(
        _invitations(signing, item).filter(status=InvitationStatus.CONFIRMED).select_related("deputy__user")
    )
    _invitations(signing, item).filter(pk__in=[i.pk for i in confirmed]).update(
        status=InvitationStatus.INVITED, confirmed_version=None, answered_at=None
    )
    _tell(
        signing,
        item,
        [i.deputy.user for i in confirmed if i.deputy.user_id],
        "voided",
        gettext_lazy("The text you co-signed was changed: %(title)s"),
        gettext_lazy(
            "The text of “%(title)s” was changed after you confirmed it. Read the new text and confirm it again if you still agree."
        ),
    )
    return len(confirmed)


def signing_progress(*, signing: Signing, item: Any, on: dt.date | None = None) -> Progress:
    counts = dict.fromkeys(InvitationStatus.values, 0)
    for invitation in _invitations(signing, item).select_related("deputy"):
        if invitation.status == InvitationStatus.CONFIRMED and (
            invitation.confirmed_version != item.text_version or not invitation.deputy.is_active
        ):
            counts[InvitationStatus.LAPSED] += 1
            continue
        counts[invitation.status] += 1
    lead = 1 if item.lead_deputy_id and item.lead_deputy.is_active else 0
    return Progress(
        confirmed=counts[InvitationStatus.CONFIRMED] + lead,
        invited=counts[InvitationStatus.INVITED],
        declined=counts[InvitationStatus.DECLINED],
        needed=signing.threshold.needed(congress=item.session.congress, on=on or timezone.localdate()),
    )


def signing_require(*, signing: Signing, item: Any, on: dt.date) -> Progress:
    """At submit: enough deputies in office confirmed the text as it stands, the lead included."""
    progress = signing_progress(signing=signing, item=item, on=on)
    if not progress.enough:
        raise DomainError(
            "insufficient_signers",
            _(
                "%(count)s deputies have signed the current text; it needs at least %(min)s, the lead included (%(article)s)."
            )
            % {"count": progress.confirmed, "min": progress.needed, "article": signing.article},
        )
    return progress


def signing_lapse(*, signing: Signing, deputy: Deputy) -> int:
    """A deputy suspended or whose mandate ended: their open invitations on drafts lapse."""
    return (
        signing.invitation.objects.filter(deputy=deputy, **{f"{signing.item_field}__status": "draft"})
        .exclude(status__in=[InvitationStatus.DECLINED, InvitationStatus.LAPSED])
        .update(status=InvitationStatus.LAPSED, confirmed_version=None)
    )
