"""Writes of the motion workflow (WORKFLOWS.md §3). One function per action of
motions/workflow.py: lock the row, check the table and the rule, change, record the event.

Every refusal is a DomainError whose code is part of the public contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from congress.deadlines.calendar import deadline
from congress.deadlines.periods import BEIJING
from congress.deadlines.recompute import MovedDeadline
from congress.deadlines.statutory import MOTION_REPORT, RECONSIDERATION_CUTOFF
from congress.errors import DomainError
from congress.models import Organisation, Session, User
from congress.uploads import check_document
from deputies.models import Delegation, Deputy
from motions import notices, workflow
from motions.models import (
    DRAFT_TEXT_ACTIONS,
    REVIEW_BODY_KINDS,
    Attachment,
    Attendance,
    Category,
    Conclusion,
    CoSignature,
    Hearing,
    Kind,
    Motion,
    MotionEvent,
    OpinionRequest,
    PlenaryResult,
    PresidiumDecision,
    RecessReport,
    Recommendation,
    Reconsideration,
    ReportVote,
    ReviewMeeting,
    ReviewMember,
    ReviewReport,
)
from motions.selectors import confirmed_signers, is_filer, proposers
from motions.workflow import Status
from suggestions.models import Suggestion
from suggestions.services import suggestion_create_accepted

# M§2, M§8(1): a joint motion needs ten deputies, the lead included.
MIN_SIGNERS = 10
TEXT_FIELDS = ("title", "reason", "grounds", "solution", "category", "regulation_action")
DELEGATION_FIELDS = ("plenary_date", "member_count", "votes_for", "head_signed_by")


# --- helpers ---------------------------------------------------------------------------------


def _lock(motion: Motion) -> Motion:
    # Only the motion's row is locked: its lead deputy is an outer join (none for a delegation).
    return (
        Motion.objects.select_for_update(of=("self",))
        .select_related("session", "lead_deputy")
        .get(pk=motion.pk)
    )


def _record(
    motion: Motion,
    actor: User | None,
    action: str,
    *,
    from_status: str = "",
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> MotionEvent:
    return MotionEvent.objects.create(
        motion=motion,
        actor=actor,
        action=action,
        from_status=from_status or motion.status,
        to_status=motion.status,
        note=note,
        data=dict(data or {}),
    )


def _move(
    motion: Motion,
    target: Status,
    actor: User,
    action: str,
    *,
    fields: Iterable[str] = (),
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> None:
    """Change the status (already checked against the table), save and record it."""
    source = motion.status
    motion.status = target
    motion.save(update_fields=["status", "changed_at", *fields])
    _record(motion, actor, action, from_status=source, note=note, data=data)


def _require_role(actor: User, action: str) -> None:
    if not (actor.is_superuser or actor.has_role(*workflow.ACTIONS[action].roles)):
        raise DomainError("permission_denied", status=403)


def _require_filer(actor: User, motion: Motion, action: str) -> None:
    _require_role(actor, action)
    if not is_filer(actor, motion):
        raise DomainError("permission_denied", status=403)


def _require_body_staff(actor: User, motion: Motion, action: str) -> None:
    """The referred body's own staff, or the committee staff who coordinate for every body."""
    _require_role(actor, action)
    if actor.is_superuser or actor.has_role(*workflow.COMMITTEE):
        return
    if actor.organisation_id is None or actor.organisation_id != motion.review_body_id:
        raise DomainError("permission_denied", status=403)


def _check_active(deputy: Deputy) -> None:
    if not deputy.is_active:
        raise DomainError(
            "deputy_not_active",
            _("%(name)s is suspended or their mandate ended: they cannot file or sign (D§45, D§46).")
            % {"name": deputy.name},
        )


def _check_review_body(body: Organisation | None) -> Organisation:
    if body is None or body.kind not in REVIEW_BODY_KINDS:
        raise DomainError(
            "review_body_invalid",
            _("A motion is reviewed in recess by a special committee or an SC working body (M§23)."),
            status=400,
        )
    return body


def _deadline_passed(session: Session, now: dt.datetime) -> bool:
    return now >= session.motion_deadline


def _refuse_late(session: Session) -> DomainError:
    return DomainError(
        "motion_deadline_passed",
        _(
            "The presidium's deadline for motions (%(deadline)s) has passed (M§13). You can still file it as a suggestion."
        )
        % {"deadline": timezone.localtime(session.motion_deadline).strftime("%Y-%m-%d %H:%M")},
    )


# --- filing (M§8–M§13) -------------------------------------------------------------------------


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
    delegation: the delegation's staff enter it (M§12, M§13)."""
    _require_role(actor, "edit")
    now = timezone.now()
    if _deadline_passed(session, now):
        raise _refuse_late(session)
    if kind == Kind.JOINT:
        lead_deputy = lead_deputy or getattr(actor, "deputy", None)
        if lead_deputy is None:
            raise DomainError("lead_deputy_required", _("A joint motion needs its lead deputy."), status=400)
        _check_active(lead_deputy)
        _check_congress(lead_deputy, session)
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
    if not is_filer(actor, motion):
        raise DomainError("permission_denied", status=403)
    with transaction.atomic():
        motion.save()
        _record(motion, actor, "create", from_status="")
        if co_signers:
            _invite(motion, actor, co_signers)
    return motion


def _check_congress(deputy: Deputy, session: Session) -> None:
    if deputy.congress_id != session.congress_id:
        raise DomainError(
            "deputy_not_in_congress",
            _("%(name)s is not a deputy of this congress term.") % {"name": deputy.name},
            status=400,
        )


def motion_update(*, motion: Motion, actor: User, **changes: Any) -> Motion:
    """Edit a draft. Any change to the text voids the co-signers' confirmations: they agreed to
    a text, not to whatever it later becomes (M§12)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "edit")
        workflow.require("edit", motion.status)
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
            voided = _void_confirmations(motion)
        motion.save(update_fields=[*changed, "regulation_action", "text_version", "changed_at"])
        if changed:
            _record(motion, actor, "edit", data={"fields": changed, "voided": voided})
    return motion


def _void_confirmations(motion: Motion) -> int:
    """Signatures were given to the old text: they lapse, and the signers are told."""
    signed = motion.cosignatures.filter(confirmed_at__isnull=False)
    deputies = [s.deputy for s in signed.select_related("deputy__user")]
    signed.update(confirmed_at=None, confirmed_version=None)
    notices.confirmations_voided(motion, deputies)
    return len(deputies)


def motion_attach(*, motion: Motion, actor: User, kind: str, file: UploadedFile) -> Attachment:
    """Add a file; like editing, it changes what co-signers agreed to."""
    check_document(file)
    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "edit")
        workflow.require("edit", motion.status)
        attachment = Attachment.objects.create(
            motion=motion, kind=kind, file=file, name=(file.name or "")[:200], uploaded_by=actor
        )
        motion.text_version += 1
        voided = _void_confirmations(motion)
        motion.save(update_fields=["text_version", "changed_at"])
        _record(motion, actor, "attach", data={"file": attachment.name, "kind": kind, "voided": voided})
    return attachment


def motion_detach(*, attachment: Attachment, actor: User) -> None:
    with transaction.atomic():
        motion = _lock(attachment.motion)
        _require_filer(actor, motion, "edit")
        workflow.require("edit", motion.status)
        name = attachment.name
        attachment.file.delete(save=False)
        attachment.delete()
        motion.text_version += 1
        voided = _void_confirmations(motion)
        motion.save(update_fields=["text_version", "changed_at"])
        _record(motion, actor, "detach", data={"file": name, "voided": voided})


def motion_invite(*, motion: Motion, actor: User, deputies: Iterable[Deputy]) -> list[CoSignature]:
    """Invite co-signers; each receives the text and decides for themselves (M§12)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "invite")
        workflow.require("invite", motion.status)
        return _invite(motion, actor, deputies)


def _invite(motion: Motion, actor: User, deputies: Iterable[Deputy]) -> list[CoSignature]:
    if motion.kind != Kind.JOINT:
        raise DomainError(
            "not_a_joint_motion",
            _("Only a joint motion has co-signers; a delegation votes (M§12)."),
            status=400,
        )
    already = set(motion.cosignatures.values_list("deputy_id", flat=True))
    created = []
    for deputy in deputies:
        _check_active(deputy)
        _check_congress(deputy, motion.session)
        if deputy.pk == motion.lead_deputy_id or deputy.pk in already:
            continue
        created.append(CoSignature.objects.create(motion=motion, deputy=deputy, invited_by=actor))
        already.add(deputy.pk)
    if created:
        _record(motion, actor, "invite", data={"deputies": [c.deputy.name for c in created]})
        notices.invited(motion, [c.deputy for c in created])
    return created


def motion_uninvite(*, motion: Motion, actor: User, deputy: Deputy) -> None:
    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "invite")
        workflow.require("invite", motion.status)
        deleted, _rows = motion.cosignatures.filter(deputy=deputy).delete()
        if deleted:
            _record(motion, actor, "uninvite", data={"deputy": deputy.name})


def motion_confirm(*, motion: Motion, actor: User) -> CoSignature:
    """An invited deputy read the final text and signs it (M§12: 认真审阅同意后，再签名附议)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "confirm")
        deputy = getattr(actor, "deputy", None)
        signature = motion.cosignatures.filter(deputy=deputy).first() if deputy else None
        if signature is None or deputy is None:
            raise DomainError(
                "not_invited", _("Only a deputy invited by the lead deputy can co-sign (M§12)."), status=403
            )
        workflow.require("confirm", motion.status)
        _check_active(deputy)
        if signature.confirmed_version != motion.text_version:
            signature.confirmed_at = timezone.now()
            signature.confirmed_version = motion.text_version
            signature.save(update_fields=["confirmed_at", "confirmed_version"])
            _record(motion, actor, "confirm", data={"deputy": deputy.name, "version": motion.text_version})
    return signature


def motion_decline(*, motion: Motion, actor: User) -> None:
    """An invited deputy declines to co-sign."""
    with transaction.atomic():
        motion = _lock(motion)
        deputy = getattr(actor, "deputy", None)
        workflow.require("confirm", motion.status)
        deleted, _rows = motion.cosignatures.filter(deputy=deputy).delete() if deputy else (0, {})
        if not deleted or deputy is None:
            raise DomainError("not_invited", _("You were not invited to co-sign this motion."), status=403)
        _record(motion, actor, "decline", data={"deputy": deputy.name})


def motion_submit(*, motion: Motion, actor: User) -> Motion:
    """File the motion before the presidium's deadline; it takes the session's next number."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "submit")
        workflow.require("submit", motion.status)
        now = timezone.now()
        session = motion.session
        if _deadline_passed(session, now):
            raise _refuse_late(session)
        if now < dt.datetime.combine(session.opens, dt.time(0), BEIJING):
            raise DomainError(
                "session_not_sitting",
                _("Motions are filed during the session, from %(opens)s (M§2).")
                % {"opens": session.opens.isoformat()},
            )
        _check_complete(motion)
        if motion.kind == Kind.JOINT:
            _check_active(motion.lead_deputy)  # type: ignore[arg-type]  # joint motions have one (a constraint)
            signers = confirmed_signers(motion)
            if signers < MIN_SIGNERS:
                raise DomainError(
                    "insufficient_signers",
                    _(
                        "%(count)s deputies have signed the current text; a joint motion needs at least %(min)s, the lead included (M§2, M§12)."
                    )
                    % {"count": signers, "min": MIN_SIGNERS},
                )
        else:
            _check_delegation_vote(motion)
        # The number is the next in the session; the session row serialises concurrent filings.
        Session.objects.select_for_update().get(pk=session.pk)
        last = Motion.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0
        motion.number = last + 1
        motion.submitted_at = now
        _move(motion, Status.SUBMITTED, actor, "submit", fields=["number", "submitted_at"])
        notices.filed(motion)
    return motion


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
    from suggestions.services import suggestion_create

    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "edit")
        workflow.require("edit", motion.status)
        if not _deadline_passed(motion.session, timezone.now()):
            raise DomainError(
                "motion_deadline_not_passed",
                _("The motion can still be filed before the deadline (M§13)."),
            )
        if motion.lead_deputy is None:
            raise DomainError(
                "not_a_joint_motion",
                _("A delegation motion is refiled by the delegation as a delegation suggestion."),
                status=400,
            )
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
        suggestion = suggestion_create(
            actor=actor,
            lead_deputy=motion.lead_deputy,
            title=title,
            body=body,
            subject_area=subject_area,
            session=session,
            co_signers=[c.deputy for c in motion.cosignatures.select_related("deputy")],
        )
        _record(motion, actor, "refile_as_suggestion", data={"suggestion": suggestion.pk})
    return suggestion


# --- intake by the secretariat (M§14, M§17) -----------------------------------------------------


def motion_classify(
    *,
    motion: Motion,
    actor: User,
    category: str,
    subject_body: Organisation | None,
    preliminary_opinion: str = "",
) -> Motion:
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "classify")
        workflow.require("classify", motion.status)
        if subject_body is not None:
            _check_review_body(subject_body)
        if category not in Category.values:
            raise DomainError("invalid", _("Unknown category."), status=400)
        before = {"category": motion.category, "subject_body": motion.subject_body_id}
        motion.category = category
        motion.subject_body = subject_body
        motion.preliminary_opinion = preliminary_opinion
        motion.save(update_fields=["category", "subject_body", "preliminary_opinion", "changed_at"])
        _record(
            motion,
            actor,
            "classify",
            note=preliminary_opinion,
            data={"before": before, "category": category, "subject_body": str(subject_body or "")},
        )
    return motion


def motion_request_opinion(
    *, motion: Motion, actor: User, body: Organisation, question: str = ""
) -> OpinionRequest:
    """Ask a body for its opinion: at intake the secretariat asks special committees and SC
    bodies (M§17); in recess the reviewing body asks the organs concerned (M§25)."""
    with transaction.atomic():
        motion = _lock(motion)
        if motion.status == Status.REFERRED:
            _require_body_staff(actor, motion, "body_opinion")
            stage = OpinionRequest.Stage.RECESS
            workflow.require("body_opinion", motion.status)
        else:
            _require_role(actor, "request_opinion")
            workflow.require("request_opinion", motion.status)
            _check_review_body(body)
            stage = OpinionRequest.Stage.INTAKE
        if motion.opinions.filter(stage=stage, body=body).exists():
            raise DomainError(
                "opinion_already_requested",
                _("This body has already been asked for its opinion."),
                status=409,
            )
        request = OpinionRequest.objects.create(
            motion=motion, stage=stage, body=body, requested_by=actor, question=question
        )
        _record(motion, actor, "request_opinion", note=question, data={"body": body.name, "stage": stage})
    return request


def opinion_record(*, opinion: OpinionRequest, actor: User, text: str) -> OpinionRequest:
    with transaction.atomic():
        motion = _lock(opinion.motion)
        opinion = OpinionRequest.objects.select_for_update().get(pk=opinion.pk)
        if opinion.stage == OpinionRequest.Stage.RECESS:
            _require_body_staff(actor, motion, "body_opinion")
        elif (
            not (actor.is_superuser or actor.has_role(*workflow.SECRETARIAT))
            and actor.organisation_id != opinion.body_id
        ):
            raise DomainError("permission_denied", status=403)
        if not text.strip():
            raise DomainError("invalid", _("Write the opinion."), status=400)
        opinion.opinion = text
        opinion.answered_at = timezone.now()
        opinion.recorded_by = actor
        opinion.save(update_fields=["opinion", "answered_at", "recorded_by"])
        _record(motion, actor, "record_opinion", note=text, data={"body": opinion.body.name})
    return opinion


def motion_send_to_review(*, motion: Motion, actor: User) -> Motion:
    """The secretariat puts the motion before the motion-review committee (M§17)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "send_to_review")
        workflow.require("send_to_review", motion.status)
        _move(motion, Status.UNDER_REVIEW, actor, "send_to_review")
    return motion


def motions_send_all_to_review(*, session: Session, actor: User) -> int:
    """Every motion filed so far goes before the committee at once (the usual case)."""
    count = 0
    for motion in Motion.objects.filter(session=session, status=Status.SUBMITTED).order_by("number"):
        motion_send_to_review(motion=motion, actor=actor)
        count += 1
    return count


# --- the motion-review committee (M§15–M§18) ----------------------------------------------------


def review_member_add(*, session: Session, user: User, position: str, actor: User) -> ReviewMember:
    """The secretariat records the committee the preparatory meeting approved (M§15)."""
    _require_role(actor, "send_to_review")
    if not user.has_role(*workflow.REVIEWERS):
        raise DomainError(
            "not_a_review_committee_user",
            _("Give the account the role of motion-review committee member first."),
            status=400,
        )
    member, _created = ReviewMember.objects.update_or_create(
        session=session, user=user, defaults={"position": position}
    )
    return member


def _require_member(actor: User, session: Session) -> ReviewMember | None:
    """The acting committee member; superusers act without being one."""
    _require_role(actor, "recommend")
    member = ReviewMember.objects.filter(session=session, user=actor).first()
    if member is None and not actor.is_superuser:
        raise DomainError(
            "not_a_review_member",
            _("Only a member of this session's motion-review committee can do this (M§15)."),
            status=403,
        )
    return member


def review_meeting_create(
    *, session: Session, actor: User, held_at: dt.datetime, convened_by: ReviewMember, place: str = ""
) -> ReviewMeeting:
    """M§16: the chair convenes the committee, or a vice-chair the chair entrusted."""
    _require_member(actor, session)
    if convened_by.session_id != session.pk or convened_by.position == ReviewMember.Position.MEMBER:
        raise DomainError(
            "meeting_convener_invalid",
            _("The committee is convened by its chair, or by a vice-chair the chair entrusted (M§16)."),
            status=400,
        )
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        last = ReviewMeeting.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0
        return ReviewMeeting.objects.create(
            session=session,
            number=last + 1,
            held_at=held_at,
            place=place,
            convened_by=convened_by,
            recorded_by=actor,
        )


def review_meeting_attendance(
    *, meeting: ReviewMeeting, actor: User, present: Iterable[int]
) -> ReviewMeeting:
    """Record who attended; every member of the committee is listed present or absent."""
    _require_member(actor, meeting.session)
    present_ids = set(present)
    with transaction.atomic():
        meeting = ReviewMeeting.objects.select_for_update().get(pk=meeting.pk)
        members = list(ReviewMember.objects.filter(session=meeting.session_id))
        strangers = present_ids - {m.pk for m in members}
        if strangers:
            raise DomainError("not_a_review_member", _("Only committee members attend."), status=400)
        meeting.attendance.all().delete()
        Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, member=m, present=m.pk in present_ids) for m in members]
        )
        meeting.members_total = len(members)
        meeting.present_count = len(present_ids)
        meeting.save(update_fields=["members_total", "present_count"])
    return meeting


def _require_quorum(meeting: ReviewMeeting) -> None:
    meeting.refresh_from_db(fields=["members_total", "present_count"])  # as recorded, not as passed in
    if not meeting.has_quorum:
        raise DomainError(
            "quorum_not_met",
            _(
                "%(present)s of %(total)s members are present: the committee acts only with more than half present (M§16)."
            )
            % {"present": meeting.present_count, "total": meeting.members_total},
        )


def _require_report_open(session: Session) -> None:
    report = ReviewReport.objects.filter(session=session).first()
    if report and report.adopted_at:
        raise DomainError(
            "review_report_already_adopted",
            _("The review report is adopted; its recommendations can no longer change (M§16)."),
        )


def motion_recommend(
    *,
    motion: Motion,
    actor: User,
    meeting: ReviewMeeting,
    kind: str,
    body: Organisation | None = None,
    reason: str = "",
) -> Recommendation:
    """The committee's opinion on one motion (M§18), at a meeting with a quorum (M§16)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_member(actor, motion.session)
        workflow.require("recommend", motion.status)
        if meeting.session_id != motion.session_id:
            raise DomainError("invalid", _("The meeting belongs to another session."), status=400)
        _require_quorum(meeting)
        _require_report_open(motion.session)
        if kind == Recommendation.Kind.RECESS_REVIEW:
            _check_review_body(body)
        else:
            body = None
        recommendation, _created = Recommendation.objects.update_or_create(
            motion=motion,
            defaults={"kind": kind, "body": body, "reason": reason, "meeting": meeting, "recorded_by": actor},
        )
        source = motion.status
        motion.status = Status.RECOMMENDED
        motion.save(update_fields=["status", "changed_at"])
        _record(
            motion,
            actor,
            "recommend",
            from_status=source,
            note=reason,
            data={"kind": kind, "body": body.name if body else "", "meeting": meeting.number},
        )
    return recommendation


def motion_merge(
    *, motion: Motion, into: Motion, actor: User, meeting: ReviewMeeting, reason: str = ""
) -> Motion:
    """Merge a motion into another of the same or similar content (M§18); both numbers stay
    visible ("0002号与0016号") and its proposers follow the merged motion."""
    with transaction.atomic():
        motion = _lock(motion)
        into = _lock(into)
        _require_member(actor, motion.session)
        workflow.require("merge", motion.status)
        if (
            into.pk == motion.pk
            or into.session_id != motion.session_id
            or into.status not in (Status.UNDER_REVIEW, Status.RECOMMENDED)
        ):
            raise DomainError(
                "merge_invalid",
                _("A motion merges into another motion of the same session that is still under review."),
                status=400,
            )
        if meeting.session_id != motion.session_id:
            raise DomainError("invalid", _("The meeting belongs to another session."), status=400)
        _require_quorum(meeting)
        _require_report_open(motion.session)
        # Motions already merged into this one follow it to the new one.
        followers = list(motion.merged_motions.all())
        Motion.objects.filter(merged_into=motion).update(merged_into=into)
        Recommendation.objects.filter(motion=motion).delete()
        motion.merged_into = into
        _move(
            motion,
            Status.MERGED,
            actor,
            "merge",
            fields=["merged_into"],
            note=reason,
            data={"into": into.number_text, "meeting": meeting.number},
        )
        _record(
            into,
            actor,
            "absorb",
            note=reason,
            data={"merged": [motion.number_text, *(m.number_text for m in followers)]},
        )
        notices.merged(motion, into)
    return motion


def review_report_vote(
    *, meeting: ReviewMeeting, actor: User, votes: Mapping[int, str]
) -> tuple[ReviewReport, bool]:
    """Record each present member's vote on the review report. It is adopted by more than
    half of ALL the committee's members, not of those present (M§16). The vote is kept
    either way; returns the report and whether this vote adopted it."""
    session = meeting.session
    _require_member(actor, session)
    with transaction.atomic():
        meeting = ReviewMeeting.objects.select_for_update().get(pk=meeting.pk)
        _require_quorum(meeting)
        _require_report_open(session)
        pending = Motion.objects.filter(
            session=session, status__in=[Status.SUBMITTED, Status.UNDER_REVIEW]
        ).count()
        if pending:
            raise DomainError(
                "recommendations_incomplete",
                _("%(count)s motions have no recommendation yet: the report covers every motion (M§17).")
                % {"count": pending},
            )
        present = set(meeting.attendance.filter(present=True).values_list("member_id", flat=True))
        if set(votes) - present:
            raise DomainError(
                "vote_member_absent", _("Only members present at the meeting vote."), status=400
            )
        if set(votes.values()) - set(ReportVote.Choice.values):
            raise DomainError("invalid", _("A vote is for, against or abstain."), status=400)
        meeting.votes.all().delete()
        ReportVote.objects.bulk_create(
            [ReportVote(meeting=meeting, member_id=member, choice=choice) for member, choice in votes.items()]
        )
        counts = {c: sum(1 for v in votes.values() if v == c) for c in ReportVote.Choice.values}
        total = ReviewMember.objects.filter(session=session).count()
        report, _created = ReviewReport.objects.select_for_update().get_or_create(session=session)
        adopted = counts["for"] * 2 > total
        report.votes_for = counts["for"]
        report.votes_against = counts["against"]
        report.abstentions = counts["abstain"]
        report.members_total = total
        if adopted:
            report.adopted_at = meeting.held_at
            report.adopted_meeting = meeting
        report.save()
    return report, adopted


def review_report_approve(*, session: Session, actor: User, approved_at: dt.datetime) -> int:
    """The presidium passes the review report (M§19): each recommended motion is decided as
    the committee recommended. Returns how many motions were decided."""
    _require_role(actor, "decide")
    with transaction.atomic():
        report = ReviewReport.objects.select_for_update().filter(session=session).first()
        if report is None or report.adopted_at is None:
            raise _not_adopted()
        if report.approved_at:
            raise DomainError(
                "review_report_already_approved", _("The presidium has already passed the report.")
            )
        report.approved_at = approved_at
        report.approved_by = actor
        report.save(update_fields=["approved_at", "approved_by"])
        decided = 0
        recommended = Motion.objects.filter(session=session, status=Status.RECOMMENDED).select_related(
            "recommendation"
        )
        for motion in recommended.order_by("number"):
            recommendation = motion.recommendation
            motion_decide(
                motion=motion,
                actor=actor,
                kind=recommendation.kind,
                body=recommendation.body,
                decided_at=approved_at,
                note=_("As the review report recommends"),
            )
            decided += 1
        notices.report_distributed(session)
    return decided


def _not_adopted() -> DomainError:
    return DomainError(
        "review_report_not_adopted",
        _("The motion-review committee has not adopted its review report yet (M§16, M§18)."),
    )


# --- the presidium (M§18–M§21, D§11) ------------------------------------------------------------

DECISION_STATUS = {
    PresidiumDecision.Kind.AGENDA: Status.ON_AGENDA,
    PresidiumDecision.Kind.RECESS_REVIEW: Status.REFERRED,
    PresidiumDecision.Kind.AS_SUGGESTION: Status.CONVERTED,
}


def motion_decide(
    *,
    motion: Motion,
    actor: User,
    kind: str,
    decided_at: dt.datetime,
    body: Organisation | None = None,
    note: str = "",
) -> PresidiumDecision:
    """Record the presidium's decision: on the agenda (M§20), referred for review in recess
    with the 6-month report clock (M§23), or handled as a suggestion (M§18(3))."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "decide")
        target = _decision_target(kind)
        workflow.require("decide", motion.status, target)
        report = ReviewReport.objects.filter(session=motion.session).first()
        if report is None or report.adopted_at is None:
            raise _not_adopted()
        return _apply_decision(motion, actor, kind, target, decided_at, body, note, action="decide")


def _decision_target(kind: str) -> Status:
    try:
        return DECISION_STATUS[PresidiumDecision.Kind(kind)]
    except (ValueError, KeyError):
        raise DomainError("invalid", _("Unknown decision."), status=400) from None


def _as_suggestion(motion: Motion, actor: User) -> Suggestion:
    """M§18(3): the motion is handled as a suggestion, entering that workflow accepted, with
    its proposers as the suggestion's deputies (they signed its final text)."""
    signers = proposers(motion)
    lead = motion.lead_deputy or (signers[0] if signers else None)
    if lead is None:
        raise DomainError("invalid_transition", _("The motion names no deputy to file the suggestion."))
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n\n".join(
            f"{label}：{text}"
            for label, text in [
                (pgettext("motion", "Reason"), motion.reason),
                (pgettext("motion", "Grounds"), motion.grounds),
                (pgettext("motion", "Solution"), motion.solution),
            ]
            if text
        )
        note = _("Motion %(number)s handled as a suggestion by the presidium's decision (M§18)") % {
            "number": motion.number_label
        }
    return suggestion_create_accepted(
        session=motion.session, lead_deputy=lead, co_signers=[d for d in signers if d.pk != lead.pk],
        title=motion.title, body=body, subject_area=None, actor=actor, note=note,
    )  # fmt: skip


def _apply_decision(
    motion: Motion,
    actor: User,
    kind: str,
    target: Status,
    decided_at: dt.datetime,
    body: Organisation | None,
    note: str,
    *,
    action: str,
) -> PresidiumDecision:
    fields = ["review_body", "report_due", "report_due_provisional"]
    if target == Status.CONVERTED:
        motion.converted_to = _as_suggestion(motion, actor)
        fields.append("converted_to")
    if target == Status.REFERRED:
        motion.review_body = _check_review_body(body)
        clock = deadline(MOTION_REPORT, motion.session.closes)  # M§23: 闭会后六个月内
        motion.report_due, motion.report_due_provisional = clock.due, clock.provisional
    else:
        body = None
        motion.review_body, motion.report_due, motion.report_due_provisional = None, None, False
    decision = PresidiumDecision.objects.create(
        motion=motion, kind=kind, body=body, decided_at=decided_at, note=note, recorded_by=actor
    )
    _move(
        motion,
        target,
        actor,
        action,
        fields=fields,
        note=note,
        data={"decision": kind, "body": body.name if body else "", "report_due": _iso(motion.report_due)},
    )
    notices.decided(motion, str(decision.get_kind_display()), body.name if body else "", motion.report_due)
    return decision


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def motion_request_reconsideration(
    *, motion: Motion, actor: User, signers: Iterable[Deputy], reason: str
) -> Reconsideration:
    """Proposers object to the review report (M§19): two thirds or more of them, in writing,
    no later than four hours before the presidium's last meeting."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "request_reconsideration")
        if not (is_filer(actor, motion) or _is_proposer(actor, motion)):
            raise DomainError("permission_denied", status=403)
        workflow.require("request_reconsideration", motion.status)
        now = timezone.now()
        cutoff = motion.session.last_presidium_meeting - RECONSIDERATION_CUTOFF
        if now > cutoff:
            raise DomainError(
                "reconsideration_too_late",
                _(
                    "A reconsideration request must arrive four hours before the presidium's last meeting, by %(cutoff)s (M§19)."
                )
                % {"cutoff": timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")},
            )
        report = ReviewReport.objects.filter(session=motion.session).first()
        if report is None or report.approved_at is None:
            raise DomainError(
                "review_report_not_approved",
                _(
                    "Reconsideration is asked of the review report the presidium passed; it has not passed it yet (M§19)."
                ),
            )
        if motion.reconsiderations.filter(answered_at__isnull=True).exists():
            raise DomainError(
                "reconsideration_pending", _("A request on this motion awaits the presidium's answer.")
            )
        all_proposers = {d.pk: d for d in proposers(motion)}
        chosen = {d.pk: d for d in signers}
        if set(chosen) - set(all_proposers):
            raise DomainError(
                "reconsideration_signer_not_proposer",
                _("Only the motion's proposers sign a reconsideration request (M§19)."),
                status=400,
            )
        if len(chosen) * 3 < len(all_proposers) * 2:
            raise DomainError(
                "reconsideration_needs_two_thirds",
                _(
                    "%(signed)s of %(total)s proposers signed: a reconsideration request needs two thirds or more of them (M§19)."
                )
                % {"signed": len(chosen), "total": len(all_proposers)},
            )
        request = Reconsideration.objects.create(
            motion=motion,
            reason=reason,
            requested_at=now,
            requested_by=actor,
            proposers_total=len(all_proposers),
        )
        request.signers.set(chosen.values())
        _record(motion, actor, "request_reconsideration", note=reason, data={"signers": len(chosen)})
    return request


def _is_proposer(actor: User, motion: Motion) -> bool:
    deputy = getattr(actor, "deputy", None)
    return bool(deputy and any(d.pk == deputy.pk for d in proposers(motion)))


def motion_answer_reconsideration(
    *,
    reconsideration: Reconsideration,
    actor: User,
    outcome: str,
    answer: str,
    answered_at: dt.datetime,
    kind: str = "",
    body: Organisation | None = None,
) -> Reconsideration:
    """The presidium reconsiders and decides; the answer goes to the proposers (M§19). A
    revised decision moves the motion, as long as its handling has not begun elsewhere."""
    with transaction.atomic():
        motion = _lock(reconsideration.motion)
        request = Reconsideration.objects.select_for_update().get(pk=reconsideration.pk)
        _require_role(actor, "answer_reconsideration")
        workflow.require("answer_reconsideration", motion.status)
        if request.answered_at:
            raise DomainError(
                "reconsideration_answered", _("The presidium has already answered this request.")
            )
        if outcome not in Reconsideration.Outcome.values or not answer.strip():
            raise DomainError("invalid", _("Record the outcome and the presidium's answer."), status=400)
        request.outcome, request.answer = outcome, answer
        request.answered_at, request.answered_by = answered_at, actor
        request.save(update_fields=["outcome", "answer", "answered_at", "answered_by"])
        if outcome == Reconsideration.Outcome.REVISED:
            target = _decision_target(kind)
            if target == motion.status or not (
                motion.status == Status.RECOMMENDED or workflow.can_move(motion.status, target)
            ):
                raise DomainError(
                    "reconsideration_revision_not_possible",
                    _("A motion that is “%(status)s” cannot be moved to “%(target)s” by a reconsideration.")
                    % {"status": Status(motion.status).label, "target": target.label},
                )
            _apply_decision(
                motion, actor, kind, target, answered_at, body, answer, action="answer_reconsideration"
            )
        else:
            _record(motion, actor, "answer_reconsideration", note=answer, data={"outcome": outcome})
        notices.reconsideration_answered(motion, str(request.get_outcome_display()), answer)
    return request


def motion_withdraw(*, motion: Motion, actor: User, reason: str) -> Motion:
    """The proposers withdraw their motion in writing. Once it is on the agenda only the
    presidium's consent ends its deliberation (D§11): the secretariat records that."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_filer(actor, motion, "withdraw")
        if motion.status == Status.ON_AGENDA:
            raise DomainError(
                "withdrawal_needs_presidium_consent",
                _("The motion is on the agenda: it is withdrawn only with the presidium's consent (D§11)."),
            )
        workflow.require("withdraw", motion.status)
        _refuse_if_others_merged(motion)
        _move(motion, Status.WITHDRAWN, actor, "withdraw", note=reason)
        notices.status_changed(motion, str(Status.WITHDRAWN.label), reason)
    return motion


def motion_withdraw_with_consent(
    *, motion: Motion, actor: User, reason: str, consented_at: dt.datetime
) -> Motion:
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "withdraw_with_consent")
        workflow.require("withdraw_with_consent", motion.status)
        _refuse_if_others_merged(motion)
        PresidiumDecision.objects.create(
            motion=motion,
            kind=PresidiumDecision.Kind.WITHDRAWAL_CONSENT,
            decided_at=consented_at,
            note=reason,
            recorded_by=actor,
        )
        _move(motion, Status.WITHDRAWN, actor, "withdraw_with_consent", note=reason)
        notices.status_changed(motion, str(Status.WITHDRAWN.label), reason)
    return motion


def _refuse_if_others_merged(motion: Motion) -> None:
    if motion.merged_motions.exists():
        raise DomainError(
            "motion_has_merged_motions",
            _("Other motions were merged into this one; their proposers have not withdrawn them (M§18)."),
        )


def motion_record_outcome(
    *,
    motion: Motion,
    actor: User,
    outcome: str,
    voted_at: dt.datetime,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    note: str = "",
) -> PlenaryResult:
    """The plenary adopted or rejected the motion (M§20), or authorized the SC (M§21)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "record_outcome")
        if outcome not in PlenaryResult.Outcome.values:
            raise DomainError("invalid", _("Unknown outcome."), status=400)
        workflow.require("record_outcome", motion.status, outcome)
        result = PlenaryResult.objects.create(
            motion=motion,
            outcome=outcome,
            voted_at=voted_at,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            note=note,
            recorded_by=actor,
        )
        _move(motion, Status(outcome), actor, "record_outcome", note=note, data={"outcome": outcome})
        notices.outcome(motion, str(result.get_outcome_display()))
    return result


# --- meetings with the proposers, recess review, conclusion (M§22–M§26) ---------------------------

HEARING_ACTIONS = {
    Hearing.Kind.DELIBERATION: "deliberate",
    Hearing.Kind.RECESS_HEARING: "hearing",
    Hearing.Kind.SC_MEETING: "sc_meeting",
}


def motion_record_hearing(
    *,
    motion: Motion,
    actor: User,
    kind: str,
    held_at: dt.datetime,
    place: str = "",
    body: Organisation | None = None,
    summary: str = "",
    attended_by: Iterable[Deputy] = (),
) -> Hearing:
    """A meeting deliberating the motion, with its proposers invited (M§22, M§24, M§26).
    Recorded ahead, it is the invitation; recorded after, its minutes."""
    with transaction.atomic():
        motion = _lock(motion)
        action = HEARING_ACTIONS.get(kind)  # type: ignore[call-overload]
        if action is None:
            raise DomainError("invalid", _("Unknown kind of meeting."), status=400)
        if action == "hearing":
            _require_body_staff(actor, motion, action)
            body = motion.review_body
        else:
            _require_role(actor, action)
        workflow.require(action, motion.status)
        attendees = list(attended_by)
        allowed = {d.pk for d in proposers(motion)}
        if {d.pk for d in attendees} - allowed:
            raise DomainError(
                "invalid", _("Only the motion's proposers are listed as attending."), status=400
            )
        hearing = Hearing.objects.create(
            motion=motion,
            kind=kind,
            body=body,
            held_at=held_at,
            place=place,
            summary=summary,
            recorded_by=actor,
        )
        hearing.attended_by.set(attendees)
        _record(motion, actor, action, note=summary, data={"held_at": held_at.isoformat(), "place": place})
        notices.meeting(motion, str(hearing.get_kind_display()), held_at, place)
    return hearing


def motion_submit_report(
    *,
    motion: Motion,
    actor: User,
    summary: str,
    file: UploadedFile,
    chairpersons_meeting_on: dt.date | None = None,
) -> RecessReport:
    """The body's review result report, due six months after the session closed (M§23)."""
    if file:
        check_document(file)
    with transaction.atomic():
        motion = _lock(motion)
        _require_body_staff(actor, motion, "report")
        workflow.require("report", motion.status)
        if not summary.strip() or not file:
            raise DomainError("report_incomplete", _("Upload the report and summarise it."), status=400)
        if motion.review_body is None:  # a constraint forbids it for a referred motion
            raise DomainError("review_body_invalid", _("The motion was referred to no body."))
        now = timezone.now()
        report = RecessReport.objects.create(
            motion=motion,
            body=motion.review_body,
            summary=summary,
            file=file,
            chairpersons_meeting_on=chairpersons_meeting_on,
            submitted_at=now,
            submitted_by=actor,
        )
        late_days = (timezone.localdate(now) - motion.report_due).days if motion.report_due else 0
        _move(motion, Status.REPORTED, actor, "report", note=summary, data={"days_late": max(late_days, 0)})
        notices.status_changed(motion, str(Status.REPORTED.label), summary)
    return report


def motion_conclude(*, motion: Motion, actor: User, sc_meeting_on: dt.date, text: str) -> Conclusion:
    """The SC deliberated the report (M§26) or decided as the plenary authorized (M§21)."""
    with transaction.atomic():
        motion = _lock(motion)
        _require_role(actor, "conclude")
        workflow.require("conclude", motion.status)
        if not text.strip():
            raise DomainError("invalid", _("Record the SC's conclusion."), status=400)
        conclusion = Conclusion.objects.create(
            motion=motion, sc_meeting_on=sc_meeting_on, text=text, recorded_by=actor
        )
        _move(
            motion,
            Status.CONCLUDED,
            actor,
            "conclude",
            note=text,
            data={"sc_meeting_on": sc_meeting_on.isoformat()},
        )
        notices.status_changed(motion, str(Status.CONCLUDED.label), text)
    return conclusion


# --- the calendar gained a year ------------------------------------------------------------------


def motion_report_due_recompute(years: frozenset[int]) -> list[MovedDeadline]:
    """Recompute provisional report clocks touching the newly approved years (M§23)."""
    moved: list[MovedDeadline] = []
    # A clock is provisional because a year between the close and the due date (or the
    # first working day after it) was missing; few are, so each is simply computed again.
    candidates = Motion.objects.filter(
        report_due_provisional=True, report_due__isnull=False, status=Status.REFERRED
    ).select_related("session", "review_body")
    for motion in candidates:
        clock = deadline(MOTION_REPORT, motion.session.closes)
        if (clock.due, clock.provisional) == (motion.report_due, motion.report_due_provisional):
            continue
        old: dt.date = motion.report_due  # type: ignore[assignment]  # filtered on above
        Motion.objects.filter(pk=motion.pk).update(
            report_due=clock.due, report_due_provisional=clock.provisional
        )
        _record(
            motion,
            None,
            "report_due_recomputed",
            data={"old": old.isoformat(), "new": clock.due.isoformat(), "provisional": clock.provisional},
        )
        if clock.due != old:
            moved.append(
                MovedDeadline(
                    label=_("Motion %(number)s · report due") % {"number": motion.number_text},
                    old_due=old,
                    new_due=clock.due,
                    link=reverse("motions:detail", args=[motion.pk]),
                    recipients=list(User.objects.filter(organisation=motion.review_body_id, is_active=True)),
                )
            )
    return moved
