"""The motion lists: every motion a user may see (with the intake by category, M§17), the drafts
awaiting the deputy's signature, the recess work of the reviewing bodies (M§23), and what goes
to a session from the motions of the sessions before it (M§21, M§26)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.cosigning import signing_counts
from congress.excel import excel_response
from congress.lists import list_context, page_size
from congress.models import Session, User
from congress.roles import Role
from congress.selectors import current_session
from motions.checks import deputy_of
from motions.filters import MotionFilter
from motions.models import Category, CoSignature, Kind, Motion
from motions.selectors import (
    STAFF_ROLES,
    merge_label,
    motions_visible_to,
    owed_to_session,
    report_deadline,
    sent_to_session,
    signatures_pending_for,
)
from motions.selectors import (
    motion_list as visible_motion_list,
)
from motions.signing import MOTION_SIGNING
from motions.views.common import session_asked, user_of
from motions.workflow import DEPUTIES, IN_RECESS, MOTION, REPORT_CLOCK


def status_tone(status: str) -> str:
    """The status vocabulary: waiting on the filer amber, finished grey, in progress green."""
    if status in MOTION.sources("submit"):
        return "soon"
    return "done" if status in MOTION.done_statuses else "ok"


def _export(filename: str, motions: QuerySet[Motion]) -> HttpResponse:
    headers = [
        _("Number"),
        _("Title"),
        _("Filed by"),
        _("Proposers"),
        _("Category"),
        _("Status"),
        _("Submitted at"),
        _("Reviewing body"),
        _("Report due"),
    ]
    rows = (
        [
            merge_label(m) or m.number_label,
            m.title,
            m.get_kind_display(),
            m.delegation.name if m.delegation else (m.lead_deputy.name if m.lead_deputy else ""),
            m.get_category_display(),
            m.get_status_display(),
            m.submitted_at,
            m.review_body.name if m.review_body else "",
            m.report_due,
        ]
        for m in motions
    )
    return excel_response(filename, _("Motions"), headers, rows)


@login_required
def motion_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not (user.is_superuser or user.has_role(*DEPUTIES, *STAFF_ROLES)):
        raise PermissionDenied
    data = request.GET.copy()
    session = current_session()
    if "session" not in data and session:
        data["session"] = str(session.pk)
    base = visible_motion_list(user)
    filterset = MotionFilter(data, queryset=base, request=request)
    queryset = filterset.qs.order_by("session", "number", "-created_at")
    if request.GET.get("export") == "xlsx":
        return _export("议案.xlsx", queryset)
    context = list_context(request, filterset, queryset)
    # The intake list by category (M§17): counts for the session, whatever else is filtered.
    chosen = filterset.form.cleaned_data.get("session") if filterset.is_valid() else None
    by_category = (
        base.filter(session=chosen or None, number__isnull=False)
        .values("category")
        .annotate(n=Count("id", distinct=True))
        .order_by("category")
    )
    labels = dict(Category.choices)
    context["by_category"] = [(row["category"], labels[row["category"]], row["n"]) for row in by_category]
    context["pending"] = pending_signatures(user)
    context["may_file"] = user.has_role(*DEPUTIES)
    context["session"] = session
    rows = [_row(m) for m in context["page"].object_list]
    drafting = MOTION.sources("confirm")
    # A joint draft shows how far its co-signers are ("2 of 3 confirmed"), one query a page.
    collecting = [
        r["motion"] for r in rows if r["motion"].kind == Kind.JOINT and r["motion"].status in drafting
    ]
    counts = signing_counts(signing=MOTION_SIGNING, items=collecting)
    for row in rows:
        row["signing"] = counts.get(row["motion"].pk, (0, 0)) if row["motion"] in collecting else None
    context["rows"] = rows
    return render(request, "motions/list.html", context)


def _row(motion: Motion) -> dict[str, Any]:
    return {
        "motion": motion,
        "numbers": merge_label(motion) if motion.number else motion.number_label,
        "tone": status_tone(motion.status),
        "deadline": report_deadline(motion) if REPORT_CLOCK in MOTION.running_clocks(motion) else None,
    }


def pending_signatures(user: User) -> list[CoSignature]:
    deputy = deputy_of(user)
    return list(signatures_pending_for(deputy)) if deputy else []


@login_required
def signatures(request: HttpRequest) -> HttpResponse:
    """Drafts waiting for the deputy's confirmation."""
    user = user_of(request)
    if deputy_of(user) is None:
        raise PermissionDenied
    return render(request, "motions/signatures.html", {"pending": pending_signatures(user)})


@login_required
def recess_list(request: HttpRequest) -> HttpResponse:
    """The referred body's work: motions to report on, by due date (M§23)."""
    user = user_of(request)
    if not (user.is_superuser or user.has_role(Role.SUPERVISOR, Role.COMMITTEE_STAFF)):
        raise PermissionDenied
    motions = visible_motion_list(user).filter(status__in=IN_RECESS)
    # A reviewing body's staff follow the motions referred to their body; the committee staff all.
    if not (user.is_superuser or user.has_role(Role.COMMITTEE_STAFF)):
        motions = motions.filter(review_body=user.organisation_id)
    filterset = MotionFilter(request.GET, queryset=motions, request=request)
    queryset = filterset.qs.order_by("report_due", "session", "number")
    if request.GET.get("export") == "xlsx":
        return _export("闭会审议议案.xlsx", queryset)
    context = list_context(request, filterset, queryset)
    context["rows"] = [_row(m) for m in context["page"].object_list]
    today = timezone.localdate()
    for row in context["rows"]:
        motion = row["motion"]
        row["deadline"] = report_deadline(motion)
        row["done"] = REPORT_CLOCK not in MOTION.running_clocks(motion)
        row["overdue"] = bool(row["deadline"] and not row["done"] and row["deadline"].days_left(today) < 0)
    return render(request, "motions/recess.html", context)


@login_required
def next_session(request: HttpRequest) -> HttpResponse:
    """For a session (?session=, else the current one): the reports printed for it and the SC's
    decisions reported to it for the record (M§26, M§21), the motions submitted to it for
    deliberation (M§21), and what earlier motions still owe it."""
    user = user_of(request)
    if not (user.is_superuser or user.has_role(*DEPUTIES, *STAFF_ROLES)):
        raise PermissionDenied
    session = session_asked(request)
    visible = motions_visible_to(user)
    context: dict[str, Any] = {
        "session": session,
        "sessions": Session.objects.select_related("congress").order_by("-opens"),
        "sent": [],
        "owed": [],
    }
    if session:
        # What was sent is paged on its own (sent_page), so each list keeps its page.
        sent = sent_to_session(session).filter(motion__in=visible)
        context["sent_page"] = Paginator(sent, page_size(request)).get_page(request.GET.get("sent_page"))
        context["sent"] = list(context["sent_page"].object_list)
        sent_query = request.GET.copy()
        sent_query.pop("sent_page", None)
        context["sent_query"] = sent_query.urlencode()
        context["owed_page"], context["owed"] = _owed_page(request, session, visible)
        query = request.GET.copy()
        query.pop("page", None)
        context["owed_query"] = query.urlencode()
    return render(request, "motions/next_session.html", context)


def _owed_page(
    request: HttpRequest, session: Session, visible: QuerySet[Motion]
) -> tuple[Page[int], list[Motion]]:
    """One page of what earlier motions owe the session, with the count of all of them. Ten
    years of motions owe a session thousands of rows (11,985 on the bench data, all of them shown in
    one page before): the page's keys come first, in order, from the `motion_list_order` index alone
    (the visibility rule joined as a condition, not an IN over every motion), then that page's
    rows."""
    keys = (owed_to_session(session) & visible).values_list("pk", flat=True)
    page = Paginator(keys, page_size(request)).get_page(request.GET.get("page"))
    rows = Motion.objects.select_related("session", "review_body").in_bulk(list(page.object_list))
    return page, [rows[pk] for pk in page.object_list if pk in rows]
