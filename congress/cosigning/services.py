"""The co-signing steps: invite, confirm, decline, void, lapse, progress, require."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.cosigning.invitation import CLOSED, Invitation, InvitationStatus
from congress.cosigning.rules import SIGNINGS, Progress, Signing
from congress.deadlines.statutory import article_label
from congress.errors import DomainError
from congress.notifications.services import notify


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
