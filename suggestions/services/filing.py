"""Filing (S§13–S§16): the deputy writes a draft, invites co-signers who confirm the final
text, files it, and may withdraw it in writing until it is replied. Staff may enter it from
the paper form; motions and liaison stations start suggestions here too."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from congress.cosigning import signing_confirm, signing_decline, signing_invite, signing_require, signing_void
from congress.errors import DomainError
from congress.models import Session, User
from deputies.models import Delegation, Deputy
from suggestions.models import CoSigner, SubjectArea, Suggestion, SuggestionCounter
from suggestions.notices import filing as notices
from suggestions.services.steps import event, locked, recorded, require_active, required_text, take
from suggestions.workflow import ASSIGNMENT, SUGGESTION, CoSignerStatus, Status
from suggestions.workflow.signing import SUGGESTION_SIGNING
from suggestions.workflow.who import deputy_of, is_assigning_staff

# The subject area of a suggestion that names none (staff re-classify it).
OTHER_AREA = "其他"


@dataclass(frozen=True)
class DelegationVote:
    members: int
    votes_for: int
    head_signed: bool


def suggestion_create(
    *,
    actor: User,
    lead_deputy: Deputy,
    title: str,
    body: str,
    subject_area: SubjectArea | None,
    session: Session | None,
    kind: str = Suggestion.Kind.SINGLE,
    co_signers: Sequence[Deputy] = (),
    delegation_vote: DelegationVote | None = None,
    urgent: bool = False,
    note: str = "",
) -> Suggestion:
    """A draft, by the deputy or by staff from the paper form (S§13: recorded as such). One that
    names no subject area is filed under 其他 ("other"), for staff to re-classify. A deputy to
    the National People's Congress elected in the province files under these measures too
    (S§48), as a deputy."""
    require_active(lead_deputy)
    if lead_deputy.npc_deputy and kind == Suggestion.Kind.DELEGATION:
        raise DomainError(
            "npc_deputy_not_a_delegation",
            _(
                "A deputy to the National People's Congress files suggestions as a deputy, not as a provincial delegation's (S§14, S§48)."
            ),
            status=400,
        )
    on_behalf = deputy_of(actor) != lead_deputy
    if on_behalf and not (
        is_assigning_staff(actor) or lead_deputy.delegation.staff.filter(pk=actor.pk).exists()
    ):
        raise DomainError("permission_denied", status=403)
    if kind == Suggestion.Kind.SINGLE and co_signers:
        kind = Suggestion.Kind.JOINT
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            congress=lead_deputy.congress, session=session, kind=kind, title=title.strip(), body=body.strip(),
            subject_area=subject_area or SubjectArea.objects.get(name=OTHER_AREA), region=lead_deputy.delegation.name.removesuffix("代表团"),
            lead_deputy=lead_deputy, entered_by=actor, entered_on_paper=on_behalf, urgent=urgent,
            delegation=lead_deputy.delegation if kind == Suggestion.Kind.DELEGATION else None,
        )  # fmt: skip
        if delegation_vote:
            _record_delegation_vote(suggestion, delegation_vote)
        if on_behalf and not note:
            note = recorded(N_("entered on the deputy's behalf from the paper form"))
        if lead_deputy.npc_deputy:
            # S§48: handled under these measures like a provincial deputy's suggestion.
            filed_as = recorded(
                N_("filed by a deputy to the National People's Congress elected in the province (S§48)")
            )
            note = f"{note}；{filed_as}" if note else filed_as
        event(suggestion, actor=actor, action="create", to_status=Status.DRAFT, note=note)
        cosigner_invite(suggestion=suggestion, deputies=co_signers, actor=actor)
    return suggestion


def suggestion_create_accepted(
    *,
    session: Session | None,
    lead_deputy: Deputy,
    co_signers: Sequence[Deputy],
    title: str,
    body: str,
    subject_area: SubjectArea | None,
    actor: User,
    note: str,
    delegation: Delegation | None = None,
    delegation_vote: DelegationVote | None = None,
) -> Suggestion:
    """A motion the presidium decided to handle as a suggestion (M§18(3)): it enters the
    suggestion workflow already accepted, numbered, with the motion's signers as confirmed
    co-signers (they signed its final text). A delegation's motion becomes the delegation's
    suggestion (S§14), signed by its head, with the vote its plenary meeting took: every member
    and the city's SC are answered (S§27)."""
    area = subject_area or SubjectArea.objects.get(name=OTHER_AREA)
    if delegation is not None:
        kind = Suggestion.Kind.DELEGATION
    else:
        kind = Suggestion.Kind.JOINT if co_signers else Suggestion.Kind.SINGLE
    with transaction.atomic():
        now = timezone.now()
        suggestion = Suggestion(
            congress=lead_deputy.congress, session=session, title=title.strip(), body=body.strip(), kind=kind,
            subject_area=area, region=(delegation or lead_deputy.delegation).name.removesuffix("代表团"),
            lead_deputy=lead_deputy, delegation=delegation, entered_by=actor, status=Status.ACCEPTED, submitted_at=now,
            reviewed_at=now,
        )  # fmt: skip
        if delegation_vote is not None:
            suggestion.delegation_members = delegation_vote.members
            suggestion.delegation_votes_for = delegation_vote.votes_for
            suggestion.delegation_head_signed = delegation_vote.head_signed
        for field, value in _draw_number(suggestion).items():
            setattr(suggestion, field, value)
        suggestion.save()
        CoSigner.objects.bulk_create(
            [
                CoSigner(
                    suggestion=suggestion,
                    deputy=d,
                    status=CoSignerStatus.CONFIRMED,
                    confirmed_version=1,
                    answered_at=now,
                )
                for d in co_signers
                if d.pk != lead_deputy.pk
            ]
        )
        event(suggestion, actor=actor, action="create_from_motion", to_status=Status.ACCEPTED, note=note)
    return suggestion


def suggestion_create_draft(
    *, lead_deputy: Deputy, title: str, body: str, subject_area: SubjectArea | None, actor: User, note: str
) -> Suggestion:
    """A draft prefilled from elsewhere (a constituent's opinion at a liaison station), for
    the deputy to check, edit and file; the note records where it came from."""
    return suggestion_create(
        actor=actor, lead_deputy=lead_deputy, title=title, body=body, subject_area=subject_area, session=None,
        note=note,
    )  # fmt: skip


def _record_delegation_vote(suggestion: Suggestion, vote: DelegationVote) -> None:
    suggestion.delegation_members = vote.members
    suggestion.delegation_votes_for = vote.votes_for
    suggestion.delegation_head_signed = vote.head_signed
    suggestion.save(update_fields=["delegation_members", "delegation_votes_for", "delegation_head_signed"])


def suggestion_edit(
    *,
    suggestion: Suggestion,
    actor: User,
    title: str,
    body: str,
    subject_area: SubjectArea,
    urgent: bool = False,
    delegation_vote: DelegationVote | None = None,
) -> Suggestion:
    """Edit a draft or a returned suggestion. Changing the text voids confirmations (S§14)."""
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("edit", suggestion, actor)
        text_changed = (title.strip(), body.strip()) != (suggestion.title, suggestion.body)
        fields: dict[str, Any] = {
            "title": title.strip(), "body": body.strip(), "subject_area": subject_area, "urgent": urgent
        }  # fmt: skip
        voided = 0
        if text_changed:
            fields["text_version"] = suggestion.text_version + 1
            voided = signing_void(signing=SUGGESTION_SIGNING, item=suggestion)
        note = recorded(N_("text changed: %(count)s confirmations voided"), count=voided) if voided else ""
        take(step, suggestion, actor=actor, note=note, **fields)
        if delegation_vote:
            _record_delegation_vote(suggestion, delegation_vote)
    return suggestion


def cosigner_invite(*, suggestion: Suggestion, deputies: Iterable[Deputy], actor: User) -> list[CoSigner]:
    """The lead invites deputies to co-sign; each confirms the final text to join (S§14)."""
    deputies = [d for d in deputies if d.pk != suggestion.lead_deputy_id]
    if not deputies:
        return []
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("invite", suggestion, actor)
        rows = signing_invite(signing=SUGGESTION_SIGNING, item=suggestion, deputies=deputies, actor=actor)
        if not rows:
            return []
        kind = {"kind": Suggestion.Kind.JOINT} if suggestion.kind == Suggestion.Kind.SINGLE else {}
        take(step, suggestion, actor=actor, note="、".join(r.deputy.name for r in rows), **kind)
    return rows  # type: ignore[return-value]


def cosigner_remove(*, suggestion: Suggestion, deputy: Deputy, actor: User) -> None:
    """The lead withdraws an invitation (a co-signer who never answers must not block filing)."""
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("uninvite", suggestion, actor)
        suggestion.cosigners.filter(deputy=deputy).delete()
        take(step, suggestion, actor=actor, note=deputy.name)


def cosigner_confirm(*, suggestion: Suggestion, actor: User) -> CoSigner:
    """A co-signer confirms the final text (S§14): this version, as it stands now."""
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("confirm", suggestion, actor)
        row, _changed = signing_confirm(signing=SUGGESTION_SIGNING, item=suggestion, actor=actor)
        note = recorded(N_("confirmed version %(v)s"), v=suggestion.text_version)
        take(step, suggestion, actor=actor, note=note)
    return row  # type: ignore[return-value]


def cosigner_decline(*, suggestion: Suggestion, actor: User) -> CoSigner:
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("decline", suggestion, actor)
        row, _changed = signing_decline(signing=SUGGESTION_SIGNING, item=suggestion, actor=actor)
        take(step, suggestion, actor=actor)
    return row  # type: ignore[return-value]


def suggestion_submit(*, suggestion: Suggestion, actor: User) -> Suggestion:
    """File it (S§13). A joint one needs every co-signer's confirmation of this text, a
    delegation one half or more of its members in favour and the head's signature (S§14)."""
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("submit", suggestion, actor)
        require_active(suggestion.lead_deputy)
        _check_signatures(suggestion)
        fields: dict[str, Any] = {"submitted_at": timezone.now()}
        if suggestion.number is None:
            fields |= _draw_number(suggestion)
        take(step, suggestion, actor=actor, **fields)
        notices.submitted(suggestion.pk)
    return suggestion


def suggestion_submit_refusal(*, suggestion: Suggestion) -> DomainError | None:
    """Why filing would be refused now, or None: the draft's page disables its button and says
    why, from the very checks `suggestion_submit` applies."""
    try:
        require_active(suggestion.lead_deputy)
        _check_signatures(suggestion)
    except DomainError as refusal:
        return refusal
    return None


def _check_signatures(suggestion: Suggestion) -> None:
    if suggestion.kind == Suggestion.Kind.JOINT:
        signing_require(signing=SUGGESTION_SIGNING, item=suggestion)
    if suggestion.kind == Suggestion.Kind.DELEGATION:
        # S§14: 经该代表团半数以上代表同意. 以上 includes the number itself (Civil Code art.
        # 1259), so exactly half suffices: 20 of 40. WORKFLOWS.md §2 once read "more than half";
        # the statute wins. Motions differ: M§12's 过半数 is strictly more than half.
        members, votes = suggestion.delegation_members or 0, suggestion.delegation_votes_for or 0
        if not members or votes * 2 < members:
            raise DomainError(
                "delegation_majority_required",
                _("A delegation suggestion needs half or more of the delegation's members in favour (S§14)."),
            )
        if not suggestion.delegation_head_signed:
            raise DomainError(
                "delegation_head_signature_required",
                _("A delegation suggestion is signed by the delegation head (S§14)."),
            )


def _draw_number(suggestion: Suggestion) -> dict[str, Any]:
    """The next number in filing order: per session, or per calendar year in recess."""
    scope = f"s{suggestion.session_id}" if suggestion.session_id else f"r{timezone.localdate().year}"
    counter, _created = SuggestionCounter.objects.select_for_update().get_or_create(scope=scope)
    SuggestionCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return {"number_scope": scope, "number": counter.last}


def suggestion_withdraw(*, suggestion: Suggestion, actor: User, letter: str) -> Suggestion:
    """Withdrawn by the proposer in writing, before the reply (S§16); its open assignments end."""
    letter = required_text(
        letter, "withdrawal_in_writing", _("A withdrawal is made in writing: state it (S§16).")
    )
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("withdraw", suggestion, actor)
        take(step, suggestion, actor=actor, note=letter, withdrawal_letter=letter)
        now = timezone.now()
        for assignment in suggestion.assignments.select_for_update().filter(
            status__in=ASSIGNMENT.sources("withdraw")
        ):
            take(ASSIGNMENT.require("withdraw", assignment), assignment, actor=actor, closed_at=now)
        notices.withdrawn(suggestion.pk)
    return suggestion
