"""What the three joint instruments (WORKFLOWS.md §5b) do the same way: lock the row, require
the table's action, record the event; write the draft, invite, confirm or decline, file it
during the session with enough signatures (the engine, congress/cosigning.py), and the presidium's way to
the plenary for a recall motion or an investigation proposal (D§15, D§16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.cosigning import (
    Kinds,
    Signing,
    Threshold,
    register,
    signing_confirm,
    signing_decline,
    signing_invite,
    signing_progress,
    signing_require,
    signing_void,
)
from congress.errors import DomainError
from congress.models import Session, User
from congress.notifications.services import notify
from congress.workflow import Step, Workflow
from deputies.models import Deputy
from motions.models import (
    Interpellation,
    InterpellationEvent,
    InvestigationEvent,
    InvestigationProposal,
    Recall,
    RecallEvent,
)
from motions.workflow import INTERPELLATION, INVESTIGATION, RECALL
from motions.workflow.instrument_checks import deputy_of, in_session


@dataclass(frozen=True)
class Kind:
    """One instrument: its model, table, co-signing, history and the fields of its text."""

    model: type[Any]
    workflow: Workflow
    signing: Signing
    event: type[Any]
    text_fields: tuple[str, ...]


# --- the notices the engine sends through each instrument's signing --------------------------------


def _tell(item: Any, deputies: Iterable[Deputy], kind: str, subject: Promise, body: Promise) -> None:
    users = [d.user for d in deputies if d.user is not None]
    if not users:
        return
    with translation.override(settings.LANGUAGE_CODE):
        lead = item.lead_deputy.name if item.lead_deputy_id else ""
        values = {"noun": item._meta.verbose_name, "title": item.title, "lead": lead}
        notify(
            recipients=users,
            kind=kind,
            subject=str(subject) % values,
            body=str(body) % values,
            link=item.get_absolute_url(),
        )


def _invited(prefix: str) -> Callable[[Any, list[Deputy]], None]:
    def tell(item: Any, deputies: list[Deputy]) -> None:
        _tell(
            item,
            deputies,
            f"{prefix}_invited",
            gettext_lazy("%(lead)s invites you to co-sign: %(title)s"),
            gettext_lazy(
                "%(lead)s invites you to co-sign the %(noun)s “%(title)s”. Read the text and confirm it if you agree, or decline."
            ),
        )

    return tell


def _voided(prefix: str) -> Callable[[Any, list[Deputy]], None]:
    def tell(item: Any, deputies: list[Deputy]) -> None:
        _tell(
            item,
            deputies,
            f"{prefix}_text_changed",
            gettext_lazy("The text you co-signed was changed: %(title)s"),
            gettext_lazy(
                "The text of “%(title)s” was changed after you confirmed it. Read the new text and confirm it again if you still agree."
            ),
        )

    return tell


def _lapsed(item: Any, deputy: Any, actor: Any, why: str) -> None:
    record(item, actor, "lapse", note=why, data={"deputy": deputy.name})


def _signing(model: str, item_field: str, threshold: Threshold, article: str, prefix: str) -> Signing:
    return register(
        Signing(
            model=model,
            item_field=item_field,
            threshold=threshold,
            article=article,
            kinds=Kinds(confirmed=f"{prefix}_confirmed", declined=f"{prefix}_declined"),
            invited_notice=_invited(prefix),
            voided_notice=_voided(prefix),
            lapsed_record=_lapsed,
            open_statuses=frozenset({"draft"}),
            congress_of=lambda item: item.session.congress,
        )
    )


# D§14: 一个代表团或者代表十人以上联名.
INTERPELLATIONS = Kind(
    Interpellation,
    INTERPELLATION,
    _signing("motions.InterpellationSigner", "interpellation", Threshold(count=10), "D§14", "interpellation"),
    InterpellationEvent,
    ("title", "target", "questions", "content"),
)
# D§15: 十分之一以上代表联名; D§16: 十分之一以上代表书面联名 — of all deputies of the congress.
RECALLS = Kind(
    Recall,
    RECALL,
    _signing("motions.RecallSigner", "recall", Threshold(fraction=Fraction(1, 10)), "D§15", "recall"),
    RecallEvent,
    ("title", "person_name", "person_office", "reasons"),
)
INVESTIGATIONS = Kind(
    InvestigationProposal,
    INVESTIGATION,
    _signing(
        "motions.InvestigationSigner",
        "proposal",
        Threshold(fraction=Fraction(1, 10)),
        "D§16",
        "investigation",
    ),
    InvestigationEvent,
    ("title", "question", "reasons"),
)
KINDS = {k.model: k for k in (INTERPELLATIONS, RECALLS, INVESTIGATIONS)}


def kind_of(item: Any) -> Kind:
    return KINDS[type(item)]


def lock(item: Any) -> Any:
    """The item's row, locked for the transaction and read afresh."""
    return (
        type(item)
        .objects.select_for_update(of=("self",))
        .select_related("session", "lead_deputy")
        .get(pk=item.pk)
    )


def record(
    item: Any,
    actor: User | None,
    action: str,
    *,
    from_status: str = "",
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> Any:
    return kind_of(item).event.objects.create(
        item=item,
        actor=actor,
        action=action,
        from_status=from_status or item.status,
        to_status=item.status,
        note=note,
        data=dict(data or {}),
    )


def move(
    item: Any,
    step: Step,
    actor: User,
    *,
    fields: Iterable[str] = (),
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> Any:
    item.status = step.target
    item.save(update_fields=["status", "changed_at", *fields])
    return record(item, actor, step.action.name, from_status=step.source, note=note, data=data)


def permission_denied() -> DomainError:
    return DomainError("permission_denied", status=403)


def create(
    *,
    spec: Kind,
    session: Session,
    actor: User,
    lead_deputy: Deputy | None,
    co_signers: Iterable[Deputy] = (),
    **fields: Any,
) -> Any:
    """A draft, written by its lead deputy (or entered for them by their delegation's staff).
    Drafted during the session only, as it is filed (D§14–D§16)."""
    item = spec.model(session=session, created_by=actor, lead_deputy=lead_deputy, **fields)
    edit = spec.workflow.action("edit")
    if not (actor.is_superuser or actor.has_role(*edit.roles)):
        raise permission_denied()
    if item.lead_deputy_id is not None:
        _check_lead(item.lead_deputy, session)
    if (closed := in_session(item)) is not None:
        raise closed
    if not spec.workflow.may_act(edit, item, actor):
        raise permission_denied()
    with transaction.atomic():
        item.save()
        record(item, actor, "create", from_status="")
        if co_signers:
            signing_invite(signing=spec.signing, item=item, deputies=co_signers, actor=actor)
    return item


def _check_lead(deputy: Deputy, session: Session) -> None:
    if not deputy.is_active:
        raise DomainError("deputy_not_active")  # D§45, D§46: the message is the common one
    if deputy.congress_id != session.congress_id:
        raise DomainError(
            "deputy_not_in_congress",
            _("%(name)s is not a deputy of this congress term.") % {"name": deputy.name},
            status=400,
        )


def tally(item: Any) -> dict[str, int]:
    """The count on the draft as deputies read it, the lead included: who signed the present
    text, who is still asked, who declined or lapsed, and how many are needed today."""
    progress = signing_progress(signing=kind_of(item).signing, item=item)
    lead = 1 if item.lead_deputy_id else 0
    return {
        "confirmed": progress.confirmed + lead,
        "invited": progress.invited - progress.confirmed,
        "declined": progress.declined,
        "needed": progress.needed + lead,
    }


def lead_for(actor: User, lead_deputy: Deputy | None) -> Deputy:
    lead = lead_deputy or deputy_of(actor)
    if lead is None:
        raise DomainError("lead_deputy_required", _("A joint instrument needs its lead deputy."), status=400)
    return lead


def update(*, item: Any, actor: User, **changes: Any) -> Any:
    """Edit a draft: a change to the text voids the co-signers' confirmations."""
    kind = kind_of(item)
    with transaction.atomic():
        item = lock(item)
        kind.workflow.require("edit", item, actor)
        if unknown := set(changes) - set(kind.text_fields):
            raise DomainError(
                "invalid", _("These fields cannot be edited: %s") % ", ".join(sorted(unknown)), status=400
            )
        changed = [f for f, value in changes.items() if getattr(item, f) != value]
        for field in changed:
            setattr(item, field, changes[field])
        voided = 0
        if changed:
            item.text_version += 1
            item.save(update_fields=[*changed, "text_version", "changed_at"])
            voided = signing_void(signing=kind.signing, item=item)
            record(item, actor, "edit", data={"fields": changed, "voided": voided})
    return item


def invite(*, item: Any, actor: User, deputies: Iterable[Deputy]) -> list[Any]:
    kind = kind_of(item)
    with transaction.atomic():
        item = lock(item)
        kind.workflow.require("invite", item, actor)
        if item.lead_deputy_id is None:
            raise DomainError(
                "not_a_joint_filing",
                _("A delegation's interpellation has no co-signers: the delegation votes (D§14)."),
                status=400,
            )
        invited = signing_invite(signing=kind.signing, item=item, deputies=deputies, actor=actor)
        if invited:
            record(item, actor, "invite", data={"deputies": [i.deputy.name for i in invited]})
    return invited


def confirm(*, item: Any, actor: User) -> Any:
    kind = kind_of(item)
    with transaction.atomic():
        item = lock(item)
        kind.workflow.require("confirm", item, actor)
        invitation, changed = signing_confirm(signing=kind.signing, item=item, actor=actor)
        if not changed:  # asked twice: nothing changes, and the answer says so (409)
            raise DomainError("already_confirmed", _("You have already confirmed this text."))
        record(item, actor, "confirm", data={"deputy": invitation.deputy.name, "version": item.text_version})
    return invitation


def decline(*, item: Any, actor: User) -> Any:
    kind = kind_of(item)
    with transaction.atomic():
        item = lock(item)
        kind.workflow.require("decline", item, actor)
        invitation, changed = signing_decline(signing=kind.signing, item=item, actor=actor)
        if not changed:
            raise DomainError("already_declined", _("You have already declined."))
        record(item, actor, "decline", data={"deputy": invitation.deputy.name})
    return invitation


def submit(*, item: Any, actor: User) -> Any:
    """File it while the session sits (the table's guard): jointly, with enough deputies in
    office having confirmed the text as it stands, the lead included; a delegation's
    interpellation, with its vote (D§14). It takes the session's next number of its kind."""
    kind = kind_of(item)
    with transaction.atomic():
        item = lock(item)
        step = kind.workflow.require("submit", item, actor)
        if item.lead_deputy_id is None:
            check_delegation_vote(item)
            data = {"delegation": item.delegation_id, "votes_for": item.votes_for}
        else:
            progress = signing_require(signing=kind.signing, item=item, on=timezone.localdate())
            data = {"signers": progress.confirmed + 1, "needed": progress.needed + 1}  # the lead included
        session = Session.objects.select_for_update().get(pk=item.session_id)
        last = kind.model.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0
        item.number = last + 1
        item.submitted_at = timezone.now()
        move(item, step, actor, fields=["number", "submitted_at"], data=data)
    return item


def check_delegation_vote(item: Any) -> None:
    """A delegation files it by its plenary meeting: more than half of all its members voted
    for it, and its head signed (D§14 with M§12's way of recording a delegation's vote)."""
    if not (item.plenary_date and item.member_count and item.votes_for is not None):
        raise DomainError(
            "delegation_vote_missing",
            _("Record the delegation's plenary meeting, its member count and the votes for."),
        )
    if item.votes_for > item.member_count or item.votes_for * 2 <= item.member_count:
        raise DomainError(
            "delegation_majority_missing",
            _("%(votes)s of %(members)s members voted for: it needs more than half of all members.")
            % {"votes": item.votes_for, "members": item.member_count},
        )
    if item.head_signed_by_id is None or item.head_signed_by_id != item.delegation.head_id:
        raise DomainError("delegation_head_signature_missing", _("The delegation's head signs it."))


def put_to_plenary(*, item: Any, actor: User, note: str = "") -> Any:
    """The presidium puts it to the plenary (D§15: 由主席团提请大会审议; D§16: 提请全体会议决定)."""
    kind = kind_of(item)
    with transaction.atomic():
        item = lock(item)
        step = kind.workflow.require("put_to_plenary", item, actor)
        move(item, step, actor, note=note)
    return item


def record_outcome(*, item: Any, actor: User, adopted: bool, decided_on: dt.date, note: str = "") -> Any:
    """The plenary's decision, as the secretariat records it (D§15, D§16)."""
    kind = kind_of(item)
    target = "adopted" if adopted else "rejected"
    with transaction.atomic():
        item = lock(item)
        step = kind.workflow.require("record_outcome", item, actor, target=target)
        item.decided_on = decided_on
        item.outcome_note = note
        move(item, step, actor, fields=["decided_on", "outcome_note"], note=note)
    return item
