"""The motion-review committee (M§15–M§18): its members and meetings (the quorum), its
recommendation on each motion, merges, and the vote on its report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Organisation, Session, User
from motions import notices
from motions.checks import deputy_of, not_a_review_member, report_already_adopted
from motions.models import (
    Attendance,
    Motion,
    Recommendation,
    ReportVote,
    ReviewMeeting,
    ReviewMember,
    ReviewReport,
)
from motions.services.common import check_review_body, lock, move, record, require_role
from motions.services.filing import check_active
from motions.workflow import AWAITING_RECOMMENDATION, MOTION, REVIEWERS, SECRETARIAT

# M§15: 设主任委员一人、副主任委员一至二人、委员若干人.
MAX_VICE_CHAIRS = 2


def review_member_add(*, session: Session, user: User, position: str, actor: User) -> ReviewMember:
    """The secretariat records the committee the preparatory meeting approved (M§15): one chair,
    one or two vice-chairs and members, all of them deputies (其人选由常务委员会在代表中提名).
    Recording a member again changes their position."""
    require_role(actor, SECRETARIAT)
    if not user.has_role(*REVIEWERS):
        raise DomainError(
            "not_a_review_committee_user",
            _("Give the account the role of motion-review committee member first."),
            status=400,
        )
    if position not in ReviewMember.Position.values:
        raise DomainError("invalid", _("Unknown position."), status=400)
    deputy = deputy_of(user)
    if deputy is None or deputy.congress_id != session.congress_id:
        raise DomainError(
            "review_member_not_a_deputy",
            _("The committee's chair, vice-chairs and members are deputies of this congress (M§15)."),
            status=400,
        )
    check_active(deputy)
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)  # one change of the committee at a time
        others = ReviewMember.objects.filter(session=session).exclude(user=user)
        if position == ReviewMember.Position.CHAIR and others.filter(position=position).exists():
            raise DomainError(
                "review_committee_has_a_chair", _("The committee has one chair (M§15); it has one already.")
            )
        if (
            position == ReviewMember.Position.VICE_CHAIR
            and others.filter(position=position).count() >= MAX_VICE_CHAIRS
        ):
            raise DomainError(
                "review_committee_has_two_vice_chairs",
                _("The committee has one or two vice-chairs (M§15); it has two already."),
            )
        member, _created = ReviewMember.objects.update_or_create(
            session=session, user=user, defaults={"position": position}
        )
    return member


def _require_complete(session: Session) -> None:
    """M§15: the committee meets once it has its chair and at least one vice-chair."""
    positions = set(ReviewMember.objects.filter(session=session).values_list("position", flat=True))
    if not {ReviewMember.Position.CHAIR, ReviewMember.Position.VICE_CHAIR} <= positions:
        raise DomainError(
            "review_committee_incomplete",
            _("The committee meets once it has its chair and one or two vice-chairs (M§15)."),
        )


def committee_member(user: User, session: Session) -> bool:
    """The committee acts through its own members (M§15); superusers act without being one."""
    return user.is_superuser or ReviewMember.objects.filter(session=session, user=user).exists()


def _require_member(actor: User, session: Session) -> None:
    require_role(actor, REVIEWERS)
    if not committee_member(actor, session):
        raise not_a_review_member()


def review_meeting_create(
    *, session: Session, actor: User, held_at: dt.datetime, convened_by: ReviewMember, place: str = ""
) -> ReviewMeeting:
    """M§16: the chair convenes the committee, or a vice-chair the chair entrusted."""
    _require_member(actor, session)
    _require_complete(session)
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


def _check_meeting(meeting: ReviewMeeting, motion: Motion) -> None:
    if meeting.session_id != motion.session_id:
        raise DomainError("invalid", _("The meeting belongs to another session."), status=400)
    _require_quorum(meeting)


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
        motion = lock(motion)
        require_role(actor, REVIEWERS)
        step = MOTION.require("recommend", motion, actor)
        _check_meeting(meeting, motion)
        if kind == Recommendation.Kind.RECESS_REVIEW:
            check_review_body(body)
        else:
            body = None
        recommendation, _created = Recommendation.objects.update_or_create(
            motion=motion,
            defaults={"kind": kind, "body": body, "reason": reason, "meeting": meeting, "recorded_by": actor},
        )
        move(
            motion,
            step,
            actor,
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
        motion = lock(motion)
        into = lock(into)
        require_role(actor, REVIEWERS)
        step = MOTION.require("merge", motion, actor)
        # The motion it joins is one the committee could still merge itself.
        if (
            into.pk == motion.pk
            or into.session_id != motion.session_id
            or into.status not in MOTION.sources("merge")
        ):
            raise DomainError(
                "merge_invalid",
                _("A motion merges into another motion of the same session that is still under review."),
                status=400,
            )
        _check_meeting(meeting, motion)
        # Motions already merged into this one follow it to the new one.
        followers = list(motion.merged_motions.all())
        Motion.objects.filter(merged_into=motion).update(merged_into=into)
        Recommendation.objects.filter(motion=motion).delete()
        motion.merged_into = into
        move(
            motion,
            step,
            actor,
            fields=["merged_into"],
            note=reason,
            data={"into": into.number_text, "meeting": meeting.number},
        )
        record(
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
        report, _created = ReviewReport.objects.select_for_update().get_or_create(session=session)
        if report.adopted_at:
            raise report_already_adopted()
        pending = Motion.objects.filter(session=session, status__in=AWAITING_RECOMMENDATION).count()
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
