"""Filing (M§8–M§13): the draft, its co-signers and their confirmations of the final text, the
submission before the presidium's deadline, and the offer to file it as a suggestion after."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.cosigning import signing_confirm, signing_decline, signing_invite, signing_require, signing_void
from congress.errors import DomainError
from congress.models import Session, User
from congress.uploads import check_document
from deputies.models import Delegation, Deputy
from motions import notices
from motions.checks import deputy_of, filing_closed
from motions.models import DRAFT_TEXT_ACTIONS, Attachment, Category, CoSignature, Kind, Motion
from motions.services.common import lock, move, permission_denied, record, require_role
from motions.signing import MOTION_SIGNING
from motions.workflow import MOTION

TEXT_FIELDS = ("title", "reason", "grounds", "solution", "category", "regulation_action")
DELEGATION_FIELDS = ("plenary_date", "member_count", "votes_for", "head_signed_by")


def check_active(deputy: Deputy) -> None:
    if not deputy.is_active:
        raise DomainError(
            "deputy_not_active",
            _("%(name)s is suspended or their mandate ended: they cannot file or sign (D§45, D§46).")
            % {"name": deputy.name},
        )


def check_congress(deputy: Deputy, session: Session) -> None:
    if deputy.congress_id != session.congress_id:
        raise DomainError(
            "deputy_not_in_congress",
            _("%(name)s is not a deputy of this congress term.") % {"name": deputy.name},
            status=400,
        )


def motion_create(
    *,
    session: Session,
    actor: User,
    kind: str,
    title: str,
    reason: str = "",
    grounds: str = "",
    solution: str = "",
    category: str,
    regulation_action: str = "",
    lead_deputy: Deputy | None = None,
    delegation: Delegation | None = None,
    co_signers: Iterable[Deputy] = (),
) -> Motion:
    """A draft motion. Joint: the lead deputy writes (or delegation staff enter it for them);
    delegation: the delegation's staff enter it (M§12, M§13). Who may create a draft is who may
    edit it: the table's `edit`."""
    edit = MOTION.action("edit")
    require_role(actor, edit.roles)
    if (closed := filing_closed(session)) is not None:
        raise closed
    if kind == Kind.JOINT:
        lead_deputy = lead_deputy or deputy_of(actor)
        if lead_deputy is None:
            raise DomainError("lead_deputy_required", _("A joint motion needs its lead deputy."), status=400)
        check_active(lead_deputy)
        check_congress(lead_deputy, session)
        delegation = None
    elif kind == Kind.DELEGATION:
        if delegation is None or delegation.congress_id != session.congress_id:
            raise DomainError(
                "delegation_required", _("A delegation motion needs its delegation."), status=400
            )
        lead_deputy = None
    else:
        raise DomainError("invalid", _("Unknown kind of motion."), status=400)
    motion = Motion(
        session=session,
        kind=kind,
        title=title.strip(),
        reason=reason,
        grounds=grounds,
        solution=solution,
        category=category,
        regulation_action=regulation_action if category == Category.LEGISLATION else "",
        lead_deputy=lead_deputy,
        delegation=delegation,
        created_by=actor,
    )
    if not MOTION.may_act(edit, motion, actor):
        raise permission_denied()
    with transaction.atomic():
        motion.save()
        record(motion, actor, "create", from_status="")
        if co_signers:
            _invite(motion, actor, co_signers)
    return motion


def motion_update(*, motion: Motion, actor: User, **changes: Any) -> Motion:
    """Edit a draft. Any change to the text voids the co-signers' confirmations: they agreed to
    a text, not to whatever it later becomes (M§12)."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("edit", motion, actor)
        unknown = set(changes) - set(TEXT_FIELDS) - set(DELEGATION_FIELDS)
        if unknown:
            raise DomainError(
                "invalid",
                _("These fields cannot be edited: %s") % ", ".join(sorted(unknown)),
                status=400,
            )
        if motion.kind != Kind.DELEGATION and set(changes) & set(DELEGATION_FIELDS):
            raise DomainError("invalid", _("Only a delegation motion records a delegation vote."), status=400)
        text_changed = [f for f in TEXT_FIELDS if f in changes and getattr(motion, f) != changes[f]]
        changed = [f for f in changes if getattr(motion, f) != changes[f]]
        for field in changed:
            setattr(motion, field, changes[field])
        if motion.category != Category.LEGISLATION:
            motion.regulation_action = ""
        voided = 0
        if text_changed:
            motion.text_version += 1
            voided = signing_void(signing=MOTION_SIGNING, item=motion)
        motion.save(update_fields=[*changed, "regulation_action", "text_version", "changed_at"])
        if changed:
            record(motion, actor, "edit", data={"fields": changed, "voided": voided})
    return motion


def motion_attach(*, motion: Motion, actor: User, kind: str, file: UploadedFile) -> Attachment:
    """Add a file; like editing, it changes what co-signers agreed to."""
    check_document(file)
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("edit", motion, actor)
        attachment = Attachment.objects.create(
            motion=motion, kind=kind, file=file, name=(file.name or "")[:200], uploaded_by=actor
        )
        motion.text_version += 1
        voided = signing_void(signing=MOTION_SIGNING, item=motion)
        motion.save(update_fields=["text_version", "changed_at"])
        record(motion, actor, "attach", data={"file": attachment.name, "kind": kind, "voided": voided})
    return attachment


def motion_detach(*, attachment: Attachment, actor: User) -> None:
    with transaction.atomic():
        motion = lock(attachment.motion)
        MOTION.require("edit", motion, actor)
        name = attachment.name
        attachment.file.delete(save=False)
        attachment.delete()
        motion.text_version += 1
        voided = signing_void(signing=MOTION_SIGNING, item=motion)
        motion.save(update_fields=["text_version", "changed_at"])
        record(motion, actor, "detach", data={"file": name, "voided": voided})


def motion_invite(*, motion: Motion, actor: User, deputies: Iterable[Deputy]) -> list[CoSignature]:
    """Invite co-signers; each receives the text and decides for themselves (M§12)."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("invite", motion, actor)
        return _invite(motion, actor, deputies)


def _invite(motion: Motion, actor: User, deputies: Iterable[Deputy]) -> list[CoSignature]:
    if motion.kind != Kind.JOINT:
        raise DomainError(
            "not_a_joint_motion",
            _("Only a joint motion has co-signers; a delegation votes (M§12)."),
            status=400,
        )
    created = signing_invite(signing=MOTION_SIGNING, item=motion, deputies=deputies, actor=actor)
    if created:
        record(motion, actor, "invite", data={"deputies": [c.deputy.name for c in created]})
    return created  # type: ignore[return-value]


def motion_uninvite(*, motion: Motion, actor: User, deputy: Deputy) -> None:
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("invite", motion, actor)
        deleted, _rows = motion.cosignatures.filter(deputy=deputy).delete()
        if deleted:
            record(motion, actor, "uninvite", data={"deputy": deputy.name})


def motion_confirm(*, motion: Motion, actor: User) -> CoSignature:
    """An invited deputy read the final text and signs it (M§12: 认真审阅同意后，再签名附议)."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("confirm", motion, actor)
        signature, changed = signing_confirm(signing=MOTION_SIGNING, item=motion, actor=actor)
        if changed:
            data = {"deputy": signature.deputy.name, "version": motion.text_version}
            record(motion, actor, "confirm", data=data)
    return signature  # type: ignore[return-value]


def motion_decline(*, motion: Motion, actor: User) -> None:
    """An invited deputy declines to co-sign: the other answer to the same invitation."""
    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("confirm", motion, actor)
        signature, changed = signing_decline(signing=MOTION_SIGNING, item=motion, actor=actor)
        if changed:
            record(motion, actor, "decline", data={"deputy": signature.deputy.name})


def motion_submit(*, motion: Motion, actor: User) -> Motion:
    """File the motion before the presidium's deadline; it takes the session's next number."""
    with transaction.atomic():
        motion = lock(motion)
        step = MOTION.require("submit", motion, actor)
        _check_complete(motion)
        if motion.kind == Kind.JOINT:
            check_active(motion.lead_deputy)  # type: ignore[arg-type]  # joint motions have one (a constraint)
            signing_require(signing=MOTION_SIGNING, item=motion)
        else:
            _check_delegation_vote(motion)
        # The number is the next in the session; the session row serialises concurrent filings.
        session = Session.objects.select_for_update().get(pk=motion.session_id)
        last = Motion.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0
        motion.number = last + 1
        motion.submitted_at = timezone.now()
        move(motion, step, actor, fields=["number", "submitted_at"])
        notices.filed(motion)
    return motion


def motion_submit_refusal(*, motion: Motion) -> DomainError | None:
    """Why filing would be refused now, or None: the draft's page disables its button and says
    why, from the very checks `motion_submit` applies."""
    try:
        _check_complete(motion)
        if motion.kind == Kind.JOINT:
            signing_require(signing=MOTION_SIGNING, item=motion)
        else:
            _check_delegation_vote(motion)
    except DomainError as refusal:
        return refusal
    return None


def _check_complete(motion: Motion) -> None:
    labels = {
        "title": _("title"),
        "reason": _("reason (案由)"),
        "grounds": _("grounds (案据)"),
        "solution": _("proposed solution (方案)"),
    }
    missing = [label for field, label in labels.items() if not str(getattr(motion, field)).strip()]
    if motion.category == Category.LEGISLATION and not motion.regulation_action:
        missing.append(_("regulation action"))
    if missing:
        raise DomainError(
            "motion_incomplete",
            _("A motion needs a title, its reason, grounds and proposed solution (M§8). Missing: %(fields)s")
            % {"fields": "、".join(missing)},
        )
    if motion.regulation_action in DRAFT_TEXT_ACTIONS:
        kinds = set(motion.attachments.values_list("kind", flat=True))
        if not {Attachment.Kind.DRAFT_TEXT, Attachment.Kind.EXPLANATION} <= kinds:
            raise DomainError(
                "regulation_draft_missing",
                _(
                    "A motion to make or amend a local regulation attaches the draft text and its explanation (M§8(3))."
                ),
            )


def _check_delegation_vote(motion: Motion) -> None:
    """M§12: discussed at the delegation's plenary, passed by more than half of all its
    members, signed by its head."""
    delegation = motion.delegation
    if delegation is None:  # the database forbids it; a clear message all the same
        raise DomainError("delegation_required", _("A delegation motion needs its delegation."), status=400)
    if not (motion.plenary_date and motion.member_count and motion.votes_for is not None):
        raise DomainError(
            "delegation_vote_missing",
            _("Record the delegation's plenary meeting, its member count and the votes for (M§12)."),
        )
    if motion.votes_for > motion.member_count or motion.votes_for * 2 <= motion.member_count:
        raise DomainError(
            "delegation_majority_missing",
            _(
                "%(votes)s of %(members)s members voted for: a delegation motion needs more than half of all members (M§12)."
            )
            % {"votes": motion.votes_for, "members": motion.member_count},
        )
    if motion.head_signed_by_id is None or motion.head_signed_by_id != delegation.head_id:
        raise DomainError(
            "delegation_head_signature_missing",
            _("A delegation motion is signed by the delegation's head (M§12)."),
        )


def motion_refile_as_suggestion(*, motion: Motion, actor: User, subject_area: Any) -> Any:
    """The offer made when the deadline refused the motion (M§13): the same text becomes a
    draft suggestion of the same lead deputy, and its invited co-signers are asked again, since
    they confirmed a motion, not a suggestion (S§14). The motion draft stays as it was."""
    from suggestions.services.filing import suggestion_create

    with transaction.atomic():
        motion = lock(motion)
        MOTION.require("refile_as_suggestion", motion, actor)
        session = motion.session if timezone.localdate() <= motion.session.closes else None
        parts = [
            (_("Reason (案由)"), motion.reason),
            (_("Grounds (案据)"), motion.grounds),
            (_("Proposed solution (方案)"), motion.solution),
        ]
        body = "\n\n".join(f"{label}：{text.strip()}" for label, text in parts if text.strip())
        title = (
            motion.title.removesuffix("的议案") + "的建议"
            if motion.title.endswith("的议案")
            else motion.title
        )
        lead = motion.lead_deputy
        assert lead is not None  # noqa: S101 - the table's guard refused a motion without one
        suggestion = suggestion_create(
            actor=actor,
            lead_deputy=lead,
            title=title,
            body=body,
            subject_area=subject_area,
            session=session,
            co_signers=[c.deputy for c in motion.cosignatures.select_related("deputy")],
        )
        record(motion, actor, "refile_as_suggestion", data={"suggestion": suggestion.pk})
    return suggestion
