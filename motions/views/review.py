"""The motion-review committee's workspace (M§15–M§17): members, meetings and attendance, the
vote on the report, the presidium passing it (M§19); and the review report itself, printable
and downloadable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.documents.models import Kind
from congress.documents.sources import review_source
from congress.errors import DomainError
from congress.excel import excel_response
from congress.models import Session, User
from congress.pages import refusals
from congress.roles import Role
from motions import forms, report
from motions.models import ReviewMeeting, ReviewMember, ReviewReport
from motions.selectors import may_read_review_report, motions_visible_to, reads_votes
from motions.services.intake import motions_send_all_to_review
from motions.services.presidium import review_report_approve
from motions.services.review import (
    committee_member,
    review_meeting_attendance,
    review_meeting_create,
    review_member_add,
    review_report_vote,
)
from motions.views.common import session_asked, user_of, valid
from motions.workflow import AWAITING_RECOMMENDATION, MOTION, SECRETARIAT, Status


def _review_session(request: HttpRequest) -> Session:
    session = session_asked(request)
    if session is None:
        raise Http404
    return session


@login_required
def review_home(request: HttpRequest, action: str | None = None) -> HttpResponse:
    """`action` names the form a refused post came from (congress.pages.refusals): it is shown
    again as typed."""
    user = user_of(request)
    if not (user.is_superuser or user.has_role(Role.REVIEW_COMMITTEE, Role.SECRETARIAT)):
        raise PermissionDenied
    session = _review_session(request)
    members = list(ReviewMember.objects.filter(session=session).select_related("user"))
    meetings = list(
        ReviewMeeting.objects.filter(session=session)
        .select_related("convened_by__user")
        .prefetch_related("attendance", "votes__member__user")
    )
    may_read_votes = reads_votes(user, session.pk)
    for meeting in meetings:
        meeting.present_ids = {a.member_id for a in meeting.attendance.all() if a.present}  # type: ignore[attr-defined]
        # Each member's vote, for those who may read it; the others see the figures (M§16).
        meeting.member_votes = (  # type: ignore[attr-defined]
            [(v.member, v.get_choice_display()) for v in meeting.votes.all()] if may_read_votes else []
        )
    motions = motions_visible_to(user).filter(session=session, number__isnull=False)
    queue = list(
        motions.filter(status__in=AWAITING_RECOMMENDATION)
        .select_related("lead_deputy", "delegation", "subject_body")
        .order_by("number")
    )
    counts = {row["status"]: row["n"] for row in motions.values("status").annotate(n=Count("id"))}
    report_row = ReviewReport.objects.filter(session=session).first()
    context = {
        "session": session,
        "sessions": Session.objects.select_related("congress"),
        "members": members,
        "meetings": meetings,
        "queue": queue,
        "counts": [(Status(s).label, n) for s, n in counts.items()],
        "report": report_row,
        # The session's committee and the secretariat each see their own forms; the services
        # refuse anyone else all the same.
        "is_member": committee_member(user, session),
        "is_secretariat": user.is_superuser or user.has_role(*SECRETARIAT),
        "meeting_form": forms.MeetingForm(
            request.POST if action == "meeting" else None,
            session=session,
            initial={"held_at": timezone.localtime().replace(second=0, microsecond=0)},
        ),
        "member_form": forms.MemberForm(request.POST if action == "member" else None),
        "vote_choices": [("for", _("For")), ("against", _("Against")), ("abstain", _("Abstain"))],
        # Filed motions not yet before the committee: what "send all" would send (M§17).
        "submitted": sum(n for s, n in counts.items() if s in MOTION.sources("send_to_review")),
    }
    return render(request, "motions/review.html", context)


@login_required
@require_POST
@refusals(show=review_home)
def review_act(request: HttpRequest, action: str) -> HttpResponse:
    session = _review_session(request)
    level, text = _review_action(request, user_of(request), session, action)
    messages.add_message(request, level, text)
    return redirect(f"{reverse('motions:review')}?session={session.pk}")


def _review_action(request: HttpRequest, user: User, session: Session, action: str) -> tuple[int, str]:
    done = messages.SUCCESS
    if action == "member":
        data = valid(forms.MemberForm(request.POST))
        account = User.objects.filter(username=data["username"]).first()
        if account is None:
            raise DomainError(
                "invalid", _("No account %(username)s.") % {"username": data["username"]}, status=400
            )
        review_member_add(session=session, user=account, position=data["position"], actor=user)
        return done, _("Member recorded.")
    if action == "meeting":
        data = valid(forms.MeetingForm(request.POST, session=session))
        meeting = review_meeting_create(session=session, actor=user, **data)
        return done, _("Meeting %(number)s created. Record who is present.") % {"number": meeting.number}
    if action == "send-all":
        count = motions_send_all_to_review(session=session, actor=user)
        return done, _("%(n)s motions sent to the committee.") % {"n": count}
    if action == "approve":
        data = valid(forms.ApproveForm(request.POST))
        decided = review_report_approve(session=session, actor=user, approved_at=data["approved_at"])
        return done, _("The presidium passed the report; %(n)s motions decided as recommended.") % {
            "n": decided
        }
    meeting_pk = request.POST.get("meeting", "")
    if not meeting_pk.isdigit():
        raise Http404
    meeting = get_object_or_404(ReviewMeeting, session=session, pk=meeting_pk)
    if action == "attendance":
        present = [_member_id(pk) for pk in request.POST.getlist("present")]
        meeting = review_meeting_attendance(meeting=meeting, actor=user, present=present)
        if meeting.has_quorum:
            return done, _("%(present)s of %(total)s members present: the committee may act (M§16).") % {
                "present": meeting.present_count,
                "total": meeting.members_total,
            }
        return messages.WARNING, _("%(present)s of %(total)s members present: no quorum (M§16).") % {
            "present": meeting.present_count,
            "total": meeting.members_total,
        }
    if action == "vote":
        votes = {
            _member_id(key.removeprefix("vote-")): str(value)
            for key, value in request.POST.items()
            if key.startswith("vote-") and value
        }
        report_row, adopted = review_report_vote(meeting=meeting, actor=user, votes=votes)
        if adopted:
            return done, _("The report is adopted: %(n)s of %(total)s members voted for (M§16).") % {
                "n": report_row.votes_for,
                "total": report_row.members_total,
            }
        return messages.WARNING, _(
            "Not adopted: %(n)s of %(total)s members voted for; more than half of all members are needed (M§16)."
        ) % {"n": report_row.votes_for, "total": report_row.members_total}
    raise Http404


def _member_id(posted: str) -> int:
    """A member as the page's form names them; anything else is refused, never a server error."""
    if not posted.isdigit():
        raise DomainError("not_a_review_member", _("Only committee members attend and vote."), status=400)
    return int(posted)


@login_required
def review_report_page(request: HttpRequest, session_id: int) -> HttpResponse:
    """Printable; ?format=xlsx downloads its table. Every deputy receives it (M§19). The Word
    and PDF papers are the documents machinery's (GB/T 9704), made from the same counts."""
    if not may_read_review_report(user_of(request)):
        raise PermissionDenied
    session = get_object_or_404(Session.objects.select_related("congress"), pk=session_id)
    data = report.build(session)
    title = report.title(session)
    source = review_source(session.pk)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return excel_response(
            f"{title}.xlsx", _("Review report"), report.excel_headers(), report.excel_rows(data)
        )
    if fmt == "docx":  # the address the page's Word link had before the paper: kept for bookmarks
        return redirect("documents:now", Kind.REVIEW_REPORT, source)
    context = {
        "data": data,
        "title": title,
        "paragraphs": report.summary_paragraphs(data),
        "session": session,
        "paper_source": source,
    }
    return render(request, "motions/report.html", context)
