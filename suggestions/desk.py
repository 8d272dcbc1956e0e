"""What the suggestion workflow owes each person, for their desk (congress/desk.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import policy_rule
from congress.desk import LIMIT, Clock, Figure, News, Section, Task
from deputies.models import Deputy
from suggestions import selectors
from suggestions.models import (
    Assignment,
    CoSigner,
    Evaluation,
    ExtensionRequest,
    Reply,
    Suggestion,
    SuggestionEvent,
)
from suggestions.workflow import ASSIGNMENT, SUGGESTION, CoSignerStatus, Kind, Status


def _title(suggestion: Suggestion) -> str:
    return f"{suggestion.number_label} {suggestion.title}"


def _detail(suggestion_id: int) -> str:
    return reverse("suggestions:detail", args=[suggestion_id])


# --- Deputies ----------------------------------------------------------------------------------


def rated_by(deputy: Deputy) -> Exists:
    return Exists(
        Evaluation.objects.filter(suggestion=OuterRef("pk"), round=OuterRef("reply_round"), deputy=deputy)
    )


def rateable_by(deputy: Deputy) -> Q:
    """The suggestions whose reply this deputy rates (S§30): the lead, the co-signers who
    confirmed, the members of a delegation suggestion's delegation (who.deputies_of)."""
    mine = Q(lead_deputy=deputy) | Q(
        pk__in=CoSigner.objects.filter(deputy=deputy, status=CoSignerStatus.CONFIRMED).values("suggestion")
    )
    if deputy.delegation_id and deputy.is_active and not deputy.npc_deputy:
        mine |= Q(kind=Kind.DELEGATION, delegation_id=deputy.delegation_id)
    return mine


def for_deputy(section: Section, deputy: Deputy, since: dt.datetime | None, today: dt.date) -> None:
    invited = CoSigner.objects.filter(
        deputy=deputy, status=CoSignerStatus.INVITED, suggestion__status__in=SUGGESTION.sources("submit")
    ).select_related("suggestion__lead_deputy")
    for row in invited.order_by("invited_at", "id")[:LIMIT]:
        s = row.suggestion
        section.tasks.append(
            Task(
                kind=_("Co-signature to confirm"),
                title=_title(s),
                url=_detail(s.pk),
                action=_("Read and confirm"),
                note=str(_("Invited by %(name)s")) % {"name": s.lead_deputy.name},
            )
        )
    # The deputy's own drafts and returned suggestions, with the co-signers' progress (S§13, S§14).
    for s, progress in unfiled_with_progress(Q(lead_deputy=deputy)):
        section.tasks.append(
            Task(
                kind=_("Returned for revision") if s.status == Status.RETURNED else _("Your draft"),
                title=s.title,
                url=_detail(s.pk),
                action=_("Check and file"),
                note=progress,
            )
        )
    to_rate = list(
        Suggestion.objects.filter(rateable_by(deputy), status__in=SUGGESTION.sources("evaluate"))
        .exclude(rated_by(deputy))
        .order_by("evaluation_due", "id")[:LIMIT]
    )
    # The rating buttons are on the reply's page, under the reply: one tap there (USERS.md).
    replies: dict[int, int] = {}
    delivered = Reply.objects.filter(
        assignment__suggestion__in=[s.pk for s in to_rate],
        status=Reply.Status.APPROVED,
        round=F("assignment__suggestion__reply_round"),
    ).order_by("-approved_at", "-id")
    for suggestion_id, reply_id in delivered.values_list("assignment__suggestion_id", "pk"):
        replies.setdefault(suggestion_id, reply_id)
    for s in to_rate:
        clocks: tuple[Clock, ...] = ()
        if s.replied_at:
            clocks = (
                Clock("evaluation", deadline(policy_rule("evaluation"), timezone.localdate(s.replied_at))),
            )
        reply = replies.get(s.pk)
        section.tasks.append(
            Task(
                kind=_("Reply to rate"),
                title=_title(s),
                url=reverse("suggestions:reply", args=[reply]) if reply else _detail(s.pk),
                action=_("Read and rate"),
                clocks=clocks,
            )
        )
    if since is not None:
        section.news += deputy_news(deputy, since)


def deputy_news(deputy: Deputy, since: dt.datetime) -> list[News]:
    """What others did to the deputy's own suggestions (lead or co-signer) since `since`: one
    line per suggestion, latest first, its steps in the order they happened."""
    own = Q(suggestion__lead_deputy=deputy) | Q(suggestion__cosigners__deputy=deputy)
    events = (
        SuggestionEvent.objects.filter(own, at__gt=since)
        .exclude(actor_id=deputy.user_id)
        .select_related("suggestion")
        .distinct()
        .order_by("-at", "-id")
    )
    steps: dict[int, list[str]] = {}
    latest: dict[int, SuggestionEvent] = {}
    for e in events[: LIMIT * 10]:
        if e.suggestion_id not in latest and len(latest) == LIMIT:
            continue
        latest.setdefault(e.suggestion_id, e)
        said = steps.setdefault(e.suggestion_id, [])
        if e.action_label not in said:
            said.append(e.action_label)
    return [
        News(
            at=e.at,
            title=_title(e.suggestion),
            what=" → ".join(reversed(steps[pk])) + f" · {e.suggestion.get_status_display()}",
            url=_detail(pk),
        )
        for pk, e in latest.items()
    ]


# --- Handling units ----------------------------------------------------------------------------

FAR = dt.date(9999, 12, 31)


def nearest_due() -> Case:
    """The nearest due date among the clocks the table runs in each status (`<clock>_due`), as a
    database expression, so the desk fetches only the most urgent rows. A clock that does not
    apply to the row's role has no date there (NULL), and so does not count."""
    whens = []
    for status in sorted(ASSIGNMENT.open_statuses):
        dues = [Coalesce(f"{clock}_due", Value(FAR)) for clock in ASSIGNMENT.states[status].clocks]
        if dues:
            whens.append(When(status=status, then=Least(*dues) if len(dues) > 1 else dues[0]))
    return Case(*whens, default=Value(FAR), output_field=DateField())


def for_unit(section: Section, unit_id: int, today: dt.date, *, head: bool = False) -> None:
    """Every open assignment of the unit, nearest clock first, with each running clock; the
    draft replies the head signs off (S§29): to do for the head, to follow for a clerk."""
    open_rows = Assignment.objects.filter(unit_id=unit_id, status__in=ASSIGNMENT.open_statuses)
    late = open_rows.filter(selectors.overdue_filter(today)).count()
    total = open_rows.count()
    inbox = reverse("suggestions:inbox")
    section.counts.append(Figure(_("Open assignments"), total, inbox))
    section.counts.append(Figure(_("Overdue"), late, f"{inbox}?overdue=true", alert=bool(late)))
    # The soonest of the stored due dates; they are indexed and the clocks are computed from them.
    rows = open_rows.select_related("suggestion").annotate(next_due=nearest_due())
    for a in rows.order_by("next_due", "id")[:LIMIT]:
        clocks = tuple(Clock(code, d) for code, d in selectors.assignment_clocks(a).items())
        section.tasks.append(
            Task(
                kind=_("Assignment"),
                title=_title(a.suggestion),
                url=_detail(a.suggestion_id),
                action=_("Open and handle"),
                clocks=tuple(sorted(clocks, key=lambda c: c.deadline.due)),
                note=f"{a.get_role_display()} · {a.get_status_display()}",
            )
        )
    drafts = Reply.objects.filter(
        status=Reply.Status.DRAFT,
        assignment__unit_id=unit_id,
        assignment__status__in=ASSIGNMENT.open_statuses,
    ).select_related("assignment__suggestion")
    draft_count = drafts.count()
    section.counts.append(Figure(_("Drafts waiting for the head"), draft_count, inbox))
    for reply in drafts.order_by("drafted_at", "id")[:LIMIT]:
        owner = reply.assignment
        section.tasks.append(
            Task(
                kind=_("Draft reply waiting for the head"),
                title=_title(owner.suggestion),
                url=reverse("suggestions:reply", args=[reply.pk]),
                action=_("Review and sign off") if head else _("See the draft"),
                clocks=tuple(
                    Clock(code, d)
                    for code, d in selectors.assignment_clocks(owner).items()
                    if code != "objection"
                ),
            )
        )


# --- The assigning body (committee staff, secretariat) -------------------------------------------


def for_assigning_body(section: Section, today: dt.date) -> None:
    objections = selectors.objection_queue()
    disagreements = selectors.open_disagreements()
    extensions = ExtensionRequest.objects.filter(approved__isnull=True).select_related(
        "assignment__suggestion"
    )
    unsatisfied = selectors.awaiting_rehandling_decision()
    # The assign page accepts a suggestion awaiting review and routes it in one step (S§15, S§19).
    waiting = SUGGESTION.sources("accept") | SUGGESTION.sources("assign")
    queue = selectors.review_queue(Suggestion.objects.filter(status__in=waiting))
    decisions = reverse("suggestions:objections")
    section.counts += [
        Figure(_("Review queue"), queue.count(), reverse("suggestions:review")),
        Figure(_("Objections"), objections.count(), decisions),
        Figure(_("Disagreements"), disagreements.count(), decisions),
        Figure(_("Extension requests"), extensions.count(), decisions),
        Figure(_("Unsatisfied ratings"), unsatisfied.count(), decisions),
    ]
    late_rows = Assignment.objects.filter(selectors.overdue_filter(today))
    late = late_rows.count()
    section.counts.append(Figure(_("Overdue"), late, reverse("overdue"), alert=bool(late)))
    # The longest overdue first; the overdue board has them all, per unit (USERS.md).
    for row in (
        late_rows.select_related("suggestion", "unit")
        .annotate(next_due=nearest_due())
        .order_by("next_due", "id")[:LIMIT]
    ):
        clocks = tuple(
            Clock(code, d)
            for code, d in selectors.assignment_clocks(row).items()
            if code in selectors.OVERDUE_CLOCKS
        )
        section.tasks.append(
            Task(
                kind=_("Overdue at the unit"),
                title=_title(row.suggestion),
                url=_detail(row.suggestion_id),
                action=_("Open and urge"),
                clocks=clocks,
                note=row.unit.name,
            )
        )
    for s in queue[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Suggestion to review"),
                title=_title(s),
                # The suggestion's page: read it, with the routing table's proposal filled in.
                url=_detail(s.pk) + "#assign",
                action=_("Accept and assign"),
                note=s.lead_deputy.name,
            )
        )
    for a in objections[:LIMIT]:
        clock = selectors.assignment_clocks(a).get("reassignment")
        section.tasks.append(
            Task(
                kind=_("Objection to decide"),
                title=_title(a.suggestion),
                url=reverse("suggestions:reassign", args=[a.pk]),
                action=_("Reassign or reject"),
                clocks=(Clock("reassignment", clock),) if clock else (),
                note=a.unit.name,
            )
        )
    for d in disagreements[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Deputy's disagreement"),
                title=_title(d.suggestion),
                url=reverse("suggestions:reroute", args=[d.suggestion_id]),
                action=_("Re-route or explain"),
                note=str(_("%(name)s, %(date)s"))
                % {"name": d.deputy.name, "date": timezone.localdate(d.created_at).isoformat()},
            )
        )
    for e in extensions.order_by("requested_at", "id")[:LIMIT]:
        a = e.assignment
        reply = selectors.assignment_clocks(a).get("reply")
        section.tasks.append(
            Task(
                kind=_("Extension request"),
                title=_title(a.suggestion),
                url=reverse("suggestions:decide-extension", args=[a.pk]),
                action=_("Decide"),
                clocks=(Clock("reply", reply),) if reply else (),
            )
        )
    for s in unsatisfied[:LIMIT]:
        section.tasks.append(
            Task(
                kind=_("Unsatisfied rating"),
                title=_title(s),
                url=reverse("suggestions:rehandling", args=[s.pk]),
                action=_("Order re-handling or explain"),
            )
        )


# --- Supervising bodies (S§39–S§41) ------------------------------------------------------------


def for_supervisor(section: Section, body_id: int, today: dt.date) -> None:
    keys = Suggestion.objects.filter(key__supervising_body_id=body_id)
    open_keys = keys.exclude(status__in=SUGGESTION.done_statuses)
    section.counts.append(
        Figure(_("Key suggestions supervised"), open_keys.count(), reverse("suggestions:key-list"))
    )
    reports = (
        Assignment.objects.filter(
            suggestion__key__supervising_body_id=body_id,
            key_report_due__isnull=False,
            key_reported_at__isnull=True,
        )
        .select_related("suggestion", "unit")
        .order_by("key_report_due", "id")
    )
    for a in reports[:LIMIT]:
        clocks: tuple[Clock, ...] = ()
        if a.replied_at:
            clocks = (
                Clock("key_report", deadline(policy_rule("key_report"), timezone.localdate(a.replied_at))),
            )
        section.tasks.append(
            Task(
                kind=_("Handling report due"),
                title=_title(a.suggestion),
                url=_detail(a.suggestion_id),
                action=_("Follow up"),
                clocks=clocks,
                note=a.unit.name,
            )
        )
    handling = (
        Assignment.objects.filter(
            suggestion__key__supervising_body_id=body_id, status__in=ASSIGNMENT.open_statuses
        )
        .select_related("suggestion", "unit")
        .annotate(next_due=nearest_due())
        .order_by("next_due", "id")
    )
    for a in handling[:LIMIT]:
        clocks = tuple(
            Clock(code, d) for code, d in selectors.assignment_clocks(a).items() if code != "objection"
        )
        section.tasks.append(
            Task(
                kind=_("Key suggestion in handling"),
                title=_title(a.suggestion),
                url=_detail(a.suggestion_id),
                action=_("Follow the handling"),
                clocks=clocks,
                note=a.unit.name,
            )
        )


def for_delegation_staff(section: Section, user: Any) -> None:
    """Suggestions the delegation's staff entered for their deputies, not yet filed, with the
    co-signers' progress (S§8: 各代表团应当配备工作人员为代表提出建议…做好服务工作; S§13)."""
    for s, progress in unfiled_with_progress(Q(entered_by=user)):
        section.tasks.append(
            Task(
                kind=_("Returned for revision") if s.status == Status.RETURNED else _("Draft to file"),
                title=s.title,
                url=_detail(s.pk),
                action=_("Check and file"),
                note="；".join(part for part in (s.lead_deputy.name, progress) if part),
            )
        )


def unfiled_with_progress(whose: Q) -> list[tuple[Suggestion, str]]:
    """Drafts and returned suggestions not yet filed, newest first, each with its co-signers'
    progress ("2 of 3 co-signers confirmed"; empty without co-signers), cut at LIMIT."""
    confirmed = Q(cosigners__status=CoSignerStatus.CONFIRMED, cosigners__confirmed_version=F("text_version"))
    drafts = (
        Suggestion.objects.filter(whose, status__in=SUGGESTION.sources("submit"))
        .select_related("lead_deputy")
        .annotate(invited=Count("cosigners"), confirmed=Count("cosigners", filter=confirmed))
        .order_by("-created_at", "-id")
    )
    rows: list[tuple[Suggestion, str]] = []
    for s in drafts[:LIMIT]:
        progress = ""
        if s.invited:
            progress = str(_("%(confirmed)s of %(invited)s co-signers confirmed")) % {
                "confirmed": s.confirmed,
                "invited": s.invited,
            }
        rows.append((s, progress))
    return rows
