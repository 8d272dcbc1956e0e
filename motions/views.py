"""Pages of the motion workflow, for every role. Thin: forms parse, services decide, and a
refusal is shown with its rule and article."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from congress.errors import DomainError
from congress.excel import excel_response
from congress.lists import list_context
from congress.models import Organisation, Session, User
from congress.roles import Role
from congress.selectors import current_session
from motions import forms, report, services, workflow
from motions.api import search_motions
from motions.models import (
    REVIEW_BODY_KINDS,
    Attachment,
    Category,
    Hearing,
    Kind,
    Motion,
    OpinionRequest,
    ReviewMeeting,
    ReviewMember,
    ReviewReport,
)
from motions.selectors import (
    STAFF_ROLES,
    confirmed_signers,
    is_filer,
    merge_label,
    motions_visible_to,
    proposers,
    report_deadline,
    review_member,
    signatures_pending_for,
)
from motions.selectors import (
    motion_list as visible_motion_list,
)
from motions.workflow import Status

FILING_ROLES = (Role.DEPUTY, Role.DELEGATION_STAFF)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def status_tone(status: str) -> str:
    """The status vocabulary: in progress green, waiting on the filer amber, finished grey."""
    if status == Status.DRAFT:
        return "soon"
    return "done" if status in workflow.TERMINAL else "ok"


# --- lists -----------------------------------------------------------------------------------


class MotionFilter(django_filters.FilterSet):
    session = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Session"), queryset=Session.objects.select_related("congress")
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("Category"), choices=Category.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Filed by"), choices=Kind.choices)
    review_body = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Reviewing body"), queryset=Organisation.objects.filter(kind__in=REVIEW_BODY_KINDS)
    )
    mine = django_filters.BooleanFilter(
        label=gettext_lazy("Only mine"), method="filter_mine", widget=django_forms.CheckboxInput
    )
    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="search")

    class Meta:
        model = Motion
        fields = ["session", "status", "category", "kind", "review_body", "mine", "q"]

    def filter_mine(self, queryset: QuerySet[Motion], name: str, value: bool) -> QuerySet[Motion]:
        if not value:
            return queryset
        user = self.request.user if self.request else None
        deputy = getattr(user, "deputy", None)
        mine = Q(created_by=user)
        if deputy:
            mine |= Q(lead_deputy=deputy) | Q(cosignatures__deputy=deputy)
        return queryset.filter(mine).distinct()

    def search(self, queryset: QuerySet[Motion], name: str, value: str) -> QuerySet[Motion]:
        return search_motions(queryset, value)


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
    user = _user(request)
    if not (user.is_superuser or user.has_role(*FILING_ROLES, *STAFF_ROLES)):
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
        base.filter(session=chosen, number__isnull=False)
        .values("category")
        .annotate(n=Count("id", distinct=True))
        .order_by("category")
    )
    labels = dict(Category.choices)
    context["by_category"] = [(row["category"], labels[row["category"]], row["n"]) for row in by_category]
    context["pending"] = _pending_signatures(user)
    context["may_file"] = user.has_role(*FILING_ROLES)
    context["session"] = session
    context["rows"] = [_row(m) for m in context["page"].object_list]
    return render(request, "motions/list.html", context)


def _row(motion: Motion) -> dict[str, Any]:
    return {
        "motion": motion,
        "numbers": merge_label(motion) if motion.number else motion.number_label,
        "tone": status_tone(motion.status),
        "deadline": report_deadline(motion) if motion.status == Status.REFERRED else None,
    }


def _pending_signatures(user: User) -> list[Any]:
    deputy = getattr(user, "deputy", None)
    return list(signatures_pending_for(deputy)) if deputy else []


@login_required
def signatures(request: HttpRequest) -> HttpResponse:
    """Drafts waiting for the deputy's confirmation."""
    user = _user(request)
    if not hasattr(user, "deputy"):
        raise PermissionDenied
    return render(request, "motions/signatures.html", {"pending": _pending_signatures(user)})


@login_required
def recess_list(request: HttpRequest) -> HttpResponse:
    """The referred body's work: motions to report on, by due date (M§23)."""
    user = _user(request)
    if not (user.is_superuser or user.has_role(Role.SUPERVISOR, Role.COMMITTEE_STAFF)):
        raise PermissionDenied
    motions = visible_motion_list(user).filter(
        status__in=[Status.REFERRED, Status.REPORTED, Status.AUTHORIZED, Status.CONCLUDED]
    )
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
        row["done"] = motion.status != Status.REFERRED
        row["overdue"] = bool(row["deadline"] and not row["done"] and row["deadline"].days_left(today) < 0)
    return render(request, "motions/recess.html", context)


# --- filing ------------------------------------------------------------------------------------


def _filing_session() -> Session | None:
    """The session motions are drafted for: the next one whose deadline has not passed."""
    return (
        Session.objects.select_related("congress")
        .filter(motion_deadline__gt=timezone.now())
        .order_by("motion_deadline")
        .first()
    )


@login_required
def motion_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (user.is_superuser or user.has_role(*FILING_ROLES)):
        raise PermissionDenied
    session = _filing_session()
    form = forms.MotionForm(request.POST or None)
    delegations = list(user.delegations.all())
    if not delegations:
        form.fields["kind"].choices = [(Kind.JOINT.value, Kind.JOINT.label)]  # type: ignore[attr-defined]
    deputies_choice = None
    if user.has_role(Role.DELEGATION_STAFF) and delegations:
        deputies_choice = [
            d for delegation in delegations for d in delegation.deputies.filter(status="active")
        ]
    if request.method == "POST" and form.is_valid() and session:
        data = form.cleaned_data
        lead = None
        if data["kind"] == Kind.JOINT and deputies_choice is not None and request.POST.get("lead_deputy"):
            lead = next((d for d in deputies_choice if str(d.pk) == request.POST["lead_deputy"]), None)
        try:
            motion = services.motion_create(
                session=session,
                actor=user,
                kind=data["kind"],
                title=data["title"],
                reason=data["reason"],
                grounds=data["grounds"],
                solution=data["solution"],
                category=data["category"],
                regulation_action=data["regulation_action"],
                lead_deputy=lead,
                delegation=delegations[0] if data["kind"] == Kind.DELEGATION else None,
            )
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            messages.success(request, _("The draft is saved. Invite the co-signers next."))
            return redirect("motions:detail", pk=motion.pk)
    return render(
        request,
        "motions/form.html",
        {"form": form, "session": session, "deputies_choice": deputies_choice, "creating": True},
    )


@login_required
def motion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _visible(request, pk)
    user = _user(request)
    initial = {f: getattr(motion, f) for f in ("kind", *services.TEXT_FIELDS)}
    form = forms.MotionForm(request.POST or None, initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in services.TEXT_FIELDS}
        try:
            services.motion_update(motion=motion, actor=user, **changes)
        except DomainError as error:
            form.add_error(None, str(error.detail))
        else:
            if motion.cosignatures.exists():
                messages.warning(
                    request, _("The text changed: every co-signer must read and confirm it again (M§12).")
                )
            return redirect("motions:detail", pk=motion.pk)
    return render(request, "motions/form.html", {"form": form, "motion": motion, "session": motion.session})


# --- detail and actions ------------------------------------------------------------------------


def _visible(request: HttpRequest, pk: int) -> Motion:
    return get_object_or_404(
        motions_visible_to(request.user).select_related(
            "session__congress", "lead_deputy__delegation", "delegation", "subject_body", "review_body"
        ),
        pk=pk,
    )


def _may(user: User, motion: Motion, action: str) -> bool:
    """Whether the page offers an action: the table allows it now and the role fits."""
    step = workflow.ACTIONS[action]
    if motion.status not in step.sources:
        return False
    return bool(user.is_superuser or user.has_role(*step.roles))


@login_required
def motion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _visible(request, pk)
    user = _user(request)
    deputy = getattr(user, "deputy", None)
    filer = is_filer(user, motion) if user.has_role(*FILING_ROLES) or user.is_superuser else False
    signatures = list(motion.cosignatures.select_related("deputy__delegation"))
    my_signature = next((s for s in signatures if deputy and s.deputy_id == deputy.pk), None)
    motion_proposers = proposers(motion) if motion.number else []
    member = review_member(user, motion.session_id)
    review_report = ReviewReport.objects.filter(session=motion.session).first()
    is_body = bool(
        user.has_role(Role.COMMITTEE_STAFF)
        or user.is_superuser
        or (user.has_role(Role.SUPERVISOR) and user.organisation_id == motion.review_body_id)
    )
    adopted = bool(review_report and review_report.adopted_at)
    can = {
        "edit": filer and motion.status == Status.DRAFT,
        "submit": filer and motion.status == Status.DRAFT,
        "confirm": bool(my_signature) and motion.status == Status.DRAFT,
        "withdraw": filer and _may(user, motion, "withdraw"),
        "reconsider": (filer or any(d.pk == getattr(deputy, "pk", None) for d in motion_proposers))
        and bool(review_report and review_report.approved_at)
        and motion.status in workflow.ACTIONS["request_reconsideration"].sources,
        "classify": _may(user, motion, "classify"),
        "send_to_review": _may(user, motion, "send_to_review"),
        "recommend": bool(member or user.is_superuser) and _may(user, motion, "recommend") and not adopted,
        "decide": _may(user, motion, "decide") and adopted,
        "answer": _may(user, motion, "answer_reconsideration")
        and motion.reconsiderations.filter(answered_at__isnull=True).exists(),
        "consent_withdrawal": _may(user, motion, "withdraw_with_consent"),
        "deliberate": _may(user, motion, "deliberate"),
        "outcome": _may(user, motion, "record_outcome"),
        "recess": is_body and _may(user, motion, "hearing"),
        "sc": _may(user, motion, "conclude"),
    }
    context: dict[str, Any] = {
        "motion": motion,
        "numbers": merge_label(motion) if motion.number else motion.number_label,
        "tone": status_tone(motion.status),
        "signatures": signatures,
        "signed": confirmed_signers(motion),
        "needed": services.MIN_SIGNERS,
        "my_signature": my_signature,
        "my_signature_current": bool(my_signature and my_signature.confirmed_version == motion.text_version),
        "proposers": motion_proposers,
        "attachments": motion.attachments.all(),
        "events": [_event(e) for e in motion.events.select_related("actor")],
        "opinions": motion.opinions.select_related("body"),
        "recommendation": getattr(motion, "recommendation", None),
        "decisions": motion.decisions.select_related("body"),
        "reconsiderations": motion.reconsiderations.prefetch_related("signers"),
        "hearings": motion.hearings.select_related("body").prefetch_related("attended_by"),
        "plenary_result": getattr(motion, "plenary_result", None),
        "recess_report": getattr(motion, "recess_report", None),
        "conclusion": getattr(motion, "conclusion", None),
        "merged_into": motion.merged_into,
        "deadline": report_deadline(motion),
        "deadline_done": motion.status not in (Status.REFERRED,),
        "review_report": review_report,
        "can": can,
        "is_filer": filer,
        "late": motion.status == Status.DRAFT and timezone.now() >= motion.session.motion_deadline,
        "refile_form": forms.RefileForm() if filer and motion.kind == Kind.JOINT else None,
    }
    context.update(_forms(motion, can, motion_proposers))
    return render(request, "motions/detail.html", context)


EVENT_LABELS = {
    "create": pgettext_lazy("motion event", "Draft created"),
    "edit": pgettext_lazy("motion event", "Text edited"),
    "attach": pgettext_lazy("motion event", "File attached"),
    "detach": pgettext_lazy("motion event", "File removed"),
    "invite": pgettext_lazy("motion event", "Co-signers invited"),
    "uninvite": pgettext_lazy("motion event", "Invitation withdrawn"),
    "confirm": pgettext_lazy("motion event", "Co-signed"),
    "decline": pgettext_lazy("motion event", "Declined to co-sign"),
    "submit": pgettext_lazy("motion event", "Filed"),
    "classify": pgettext_lazy("motion event", "Classified"),
    "request_opinion": pgettext_lazy("motion event", "Opinion requested"),
    "record_opinion": pgettext_lazy("motion event", "Opinion received"),
    "send_to_review": pgettext_lazy("motion event", "Sent to the review committee"),
    "recommend": pgettext_lazy("motion event", "Recommendation recorded"),
    "merge": pgettext_lazy("motion event", "Merged into another motion"),
    "absorb": pgettext_lazy("motion event", "Another motion merged into this one"),
    "decide": pgettext_lazy("motion event", "Presidium decision"),
    "request_reconsideration": pgettext_lazy("motion event", "Reconsideration requested"),
    "answer_reconsideration": pgettext_lazy("motion event", "Reconsideration answered"),
    "withdraw": pgettext_lazy("motion event", "Withdrawn"),
    "withdraw_with_consent": pgettext_lazy("motion event", "Withdrawn with the presidium's consent"),
    "deliberate": pgettext_lazy("motion event", "Deliberation meeting"),
    "record_outcome": pgettext_lazy("motion event", "Plenary decision"),
    "hearing": pgettext_lazy("motion event", "Meeting with the proposers"),
    "sc_meeting": pgettext_lazy("motion event", "SC meeting"),
    "report": pgettext_lazy("motion event", "Report submitted"),
    "conclude": pgettext_lazy("motion event", "Concluded by the SC"),
    "report_due_recomputed": pgettext_lazy("motion event", "Report due date recomputed on the new calendar"),
    "refile_as_suggestion": pgettext_lazy("motion event", "Refiled as a suggestion"),
}


def _event(event: Any) -> dict[str, Any]:
    def label(status: str) -> str:
        return str(Status(status).label) if status in Status.values else ""

    return {
        "at": event.at,
        "actor": event.actor,
        "label": EVENT_LABELS.get(event.action, event.action),
        "moved": event.from_status != event.to_status,
        "from": label(event.from_status),
        "to": label(event.to_status),
        "note": event.note,
        "who": ", ".join(str(d) for d in (event.data.get("deputies") or [])) or event.data.get("deputy", ""),
    }


def _forms(motion: Motion, can: dict[str, bool], motion_proposers: list[Any]) -> dict[str, Any]:
    now = timezone.localtime().replace(second=0, microsecond=0)
    built: dict[str, Any] = {}
    if can["edit"]:
        built["invite_form"] = forms.InviteForm(congress_id=motion.session.congress_id)
        built["attachment_form"] = forms.AttachmentForm()
        if motion.kind == Kind.DELEGATION:
            built["vote_form"] = forms.DelegationVoteForm(
                initial={
                    "plenary_date": motion.plenary_date,
                    "member_count": motion.member_count
                    or (
                        motion.delegation.deputies.filter(status="active").count()
                        if motion.delegation
                        else None
                    ),
                    "votes_for": motion.votes_for,
                    "head_signed": bool(motion.head_signed_by_id),
                }
            )
    if can["withdraw"]:
        built["withdraw_form"] = forms.ReasonForm()
    if can["reconsider"]:
        built["reconsider_form"] = forms.ReconsiderationRequestForm(proposers=motion_proposers)
    if can["classify"]:
        built["classify_form"] = forms.ClassifyForm(
            initial={
                "category": motion.category,
                "subject_body": motion.subject_body_id,
                "preliminary_opinion": motion.preliminary_opinion,
            }
        )
        built["opinion_form"] = forms.OpinionRequestForm(intake=True)
    if can["recommend"]:
        recommendation = getattr(motion, "recommendation", None)
        built["recommend_form"] = forms.RecommendForm(
            session=motion.session,
            initial={
                "meeting": ReviewMeeting.objects.filter(session=motion.session).order_by("-number").first(),
                "kind": recommendation.kind if recommendation else None,
                "body": recommendation.body_id if recommendation else motion.subject_body_id,
            },
        )
        built["merge_form"] = forms.MergeForm(motion=motion)
    if can["decide"]:
        recommendation = getattr(motion, "recommendation", None)
        built["decide_form"] = forms.DecideForm(
            initial={
                "kind": recommendation.kind if recommendation else None,
                "body": recommendation.body_id if recommendation else None,
                "decided_at": now,
            }
        )
    if can["answer"]:
        pending = motion.reconsiderations.filter(answered_at__isnull=True).first()
        built["answer_form"] = forms.ReconsiderationAnswerForm(
            initial={"reconsideration": pending.pk if pending else None, "answered_at": now}
        )
    if can["consent_withdrawal"]:
        built["consent_form"] = forms.ConsentWithdrawalForm(initial={"consented_at": now})
    if can["deliberate"]:
        built["deliberation_form"] = forms.HearingForm(
            proposers=motion_proposers, kind=Hearing.Kind.DELIBERATION, initial={"held_at": now}
        )
    if can["outcome"]:
        built["outcome_form"] = forms.OutcomeForm(initial={"voted_at": now})
    if can["recess"]:
        built["hearing_form"] = forms.HearingForm(
            proposers=motion_proposers, kind=Hearing.Kind.RECESS_HEARING, initial={"held_at": now}
        )
        built["body_opinion_form"] = forms.OpinionRequestForm(intake=False)
        built["report_form"] = forms.ReportForm()
    if can["sc"]:
        built["sc_form"] = forms.HearingForm(
            proposers=motion_proposers, kind=Hearing.Kind.SC_MEETING, initial={"held_at": now}
        )
        built["conclude_form"] = forms.ConcludeForm(initial={"sc_meeting_on": now.date()})
    if motion.opinions.filter(answered_at__isnull=True).exists():
        built["opinion_answer_form"] = forms.OpinionAnswerForm()
    return built


Handler = Callable[[HttpRequest, Motion, User], str]


def _valid(form: django_forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        problems = "；".join(
            f"{form.fields[f].label if f in form.fields else ''} {' '.join(str(m) for m in e)}".strip()
            for f, e in form.errors.items()
        )
        raise DomainError("invalid", problems, status=400)
    return form.cleaned_data


def _invite(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.InviteForm(request.POST, congress_id=motion.session.congress_id))
    created = services.motion_invite(motion=motion, actor=user, deputies=data["names"])
    return _("%(n)s co-signers invited.") % {"n": len(created)}


def _uninvite(request: HttpRequest, motion: Motion, user: User) -> str:
    signature = get_object_or_404(motion.cosignatures, pk=request.POST.get("signature"))
    services.motion_uninvite(motion=motion, actor=user, deputy=signature.deputy)
    return _("Invitation withdrawn.")


def _attach(request: HttpRequest, motion: Motion, user: User) -> str:
    form = forms.AttachmentForm(request.POST, request.FILES)
    data = _valid(form)
    services.motion_attach(motion=motion, actor=user, kind=data["kind"], file=data["file"])
    return _("File attached.")


def _detach(request: HttpRequest, motion: Motion, user: User) -> str:
    attachment = get_object_or_404(motion.attachments, pk=request.POST.get("attachment"))
    services.motion_detach(attachment=attachment, actor=user)
    return _("File removed.")


def _delegation_vote(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.DelegationVoteForm(request.POST))
    head = motion.delegation.head if motion.delegation and data["head_signed"] else None
    services.motion_update(
        motion=motion,
        actor=user,
        plenary_date=data["plenary_date"],
        member_count=data["member_count"],
        votes_for=data["votes_for"],
        head_signed_by=head,
    )
    return _("The delegation's vote is recorded.")


def _confirm(request: HttpRequest, motion: Motion, user: User) -> str:
    services.motion_confirm(motion=motion, actor=user)
    return _("You co-signed the motion.")


def _decline(request: HttpRequest, motion: Motion, user: User) -> str:
    services.motion_decline(motion=motion, actor=user)
    return _("You declined to co-sign.")


def _submit(request: HttpRequest, motion: Motion, user: User) -> str:
    motion = services.motion_submit(motion=motion, actor=user)
    return _("Motion filed as %(number)s.") % {"number": motion.number_label}


def _withdraw(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ReasonForm(request.POST))
    services.motion_withdraw(motion=motion, actor=user, reason=data["reason"])
    return _("The motion is withdrawn.")


def _consent_withdrawal(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ConsentWithdrawalForm(request.POST))
    services.motion_withdraw_with_consent(
        motion=motion, actor=user, reason=data["reason"], consented_at=data["consented_at"]
    )
    return _("The motion is withdrawn with the presidium's consent.")


def _classify(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ClassifyForm(request.POST))
    services.motion_classify(motion=motion, actor=user, **data)
    return _("Classification saved.")


def _request_opinion(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.OpinionRequestForm(request.POST, intake=motion.status != Status.REFERRED))
    services.motion_request_opinion(motion=motion, actor=user, body=data["body"], question=data["question"])
    return _("Opinion requested from %(body)s.") % {"body": data["body"]}


def _record_opinion(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.OpinionAnswerForm(request.POST))
    opinion = get_object_or_404(OpinionRequest, pk=data["opinion"], motion=motion)
    services.opinion_record(opinion=opinion, actor=user, text=data["text"])
    return _("Opinion recorded.")


def _send_to_review(request: HttpRequest, motion: Motion, user: User) -> str:
    services.motion_send_to_review(motion=motion, actor=user)
    return _("Sent to the motion-review committee.")


def _recommend(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.RecommendForm(request.POST, session=motion.session))
    services.motion_recommend(motion=motion, actor=user, **data)
    return _("Recommendation recorded.")


def _merge(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.MergeForm(request.POST, motion=motion))
    services.motion_merge(motion=motion, actor=user, **data)
    return _("Merged into %(number)s.") % {"number": data["into"].number_label}


def _decide(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.DecideForm(request.POST))
    services.motion_decide(motion=motion, actor=user, **data)
    return _("The presidium's decision is recorded.")


def _reconsider(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ReconsiderationRequestForm(request.POST, proposers=proposers(motion)))
    services.motion_request_reconsideration(
        motion=motion, actor=user, signers=data["signers"], reason=data["reason"]
    )
    return _("The reconsideration request is filed with the presidium.")


def _answer(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ReconsiderationAnswerForm(request.POST))
    pending = get_object_or_404(motion.reconsiderations, pk=data.pop("reconsideration"))
    services.motion_answer_reconsideration(reconsideration=pending, actor=user, **data)
    return _("The presidium's answer is recorded.")


def _hearing(kind: str) -> Handler:
    def handle(request: HttpRequest, motion: Motion, user: User) -> str:
        data = _valid(forms.HearingForm(request.POST, proposers=proposers(motion), kind=kind))
        services.motion_record_hearing(motion=motion, actor=user, kind=kind, **data)
        return _("Meeting recorded; the proposers are invited.")

    return handle


def _outcome(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.OutcomeForm(request.POST))
    services.motion_record_outcome(motion=motion, actor=user, **data)
    return _("The plenary's decision is recorded.")


def _report(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ReportForm(request.POST, request.FILES))
    services.motion_submit_report(motion=motion, actor=user, **data)
    return _("The report is submitted.")


def _conclude(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.ConcludeForm(request.POST))
    services.motion_conclude(motion=motion, actor=user, **data)
    return _("The SC's conclusion is recorded and published.")


def _refile(request: HttpRequest, motion: Motion, user: User) -> str:
    data = _valid(forms.RefileForm(request.POST))
    suggestion = services.motion_refile_as_suggestion(
        motion=motion, actor=user, subject_area=data["subject_area"]
    )
    request.session["refiled_to"] = reverse("suggestions:detail", args=[suggestion.pk])
    return _("The text is now a draft suggestion; the co-signers are asked to confirm it.")


ACTIONS: dict[str, Handler] = {
    "refile-as-suggestion": _refile,
    "invite": _invite,
    "uninvite": _uninvite,
    "attach": _attach,
    "detach": _detach,
    "delegation-vote": _delegation_vote,
    "confirm": _confirm,
    "decline": _decline,
    "submit": _submit,
    "withdraw": _withdraw,
    "consent-withdrawal": _consent_withdrawal,
    "classify": _classify,
    "request-opinion": _request_opinion,
    "record-opinion": _record_opinion,
    "send-to-review": _send_to_review,
    "recommend": _recommend,
    "merge": _merge,
    "decide": _decide,
    "request-reconsideration": _reconsider,
    "answer-reconsideration": _answer,
    "deliberate": _hearing(Hearing.Kind.DELIBERATION),
    "hearing": _hearing(Hearing.Kind.RECESS_HEARING),
    "sc-meeting": _hearing(Hearing.Kind.SC_MEETING),
    "record-outcome": _outcome,
    "report": _report,
    "conclude": _conclude,
}


@login_required
@require_POST
def motion_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    motion = _visible(request, pk)
    try:
        messages.success(request, handler(request, motion, _user(request)))
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.detail))
        if error.code == "motion_deadline_passed":
            messages.info(
                request, _("After the deadline a deputy's proposal is filed as a suggestion (S§2).")
            )
    return redirect(reverse("motions:detail", args=[motion.pk]) + f"#{action}")


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk, motion__in=motions_visible_to(request.user))
    return _file(attachment.file, attachment.name)


@login_required
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    motion = _visible(request, pk)
    recess = getattr(motion, "recess_report", None)
    if recess is None:
        raise Http404
    return _file(recess.file, f"{motion.number_text}号议案审议结果报告{_suffix(recess.file.name)}")


def _suffix(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""


def _file(file: Any, name: str) -> FileResponse:
    response = FileResponse(file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    return response


# --- the review committee's workspace -------------------------------------------------------------


def _review_session(request: HttpRequest) -> Session:
    pk = request.GET.get("session") or request.POST.get("session")
    if pk:
        return get_object_or_404(Session.objects.select_related("congress"), pk=pk)
    session = current_session()
    if session is None:
        raise Http404
    return session


@login_required
def review_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (user.is_superuser or user.has_role(Role.REVIEW_COMMITTEE, Role.SECRETARIAT)):
        raise PermissionDenied
    session = _review_session(request)
    members = list(ReviewMember.objects.filter(session=session).select_related("user"))
    meetings = list(
        ReviewMeeting.objects.filter(session=session)
        .select_related("convened_by__user")
        .prefetch_related("attendance", "votes")
    )
    for meeting in meetings:
        meeting.present_ids = {a.member_id for a in meeting.attendance.all() if a.present}  # type: ignore[attr-defined]
        meeting.vote_of = {v.member_id: v.choice for v in meeting.votes.all()}  # type: ignore[attr-defined]
    motions = Motion.objects.filter(session=session, number__isnull=False)
    queue = list(
        motions.filter(status__in=[Status.SUBMITTED, Status.UNDER_REVIEW])
        .select_related("lead_deputy", "delegation", "subject_body")
        .order_by("number")
    )
    counts = {row["status"]: row["n"] for row in motions.values("status").annotate(n=Count("id"))}
    report_row = ReviewReport.objects.filter(session=session).first()
    is_member = any(m.user_id == user.pk for m in members) or user.is_superuser
    context = {
        "session": session,
        "sessions": Session.objects.select_related("congress"),
        "members": members,
        "meetings": meetings,
        "queue": queue,
        "counts": [(Status(s).label, n) for s, n in counts.items()],
        "report": report_row,
        "is_member": is_member,
        "is_secretariat": user.is_superuser or user.has_role(Role.SECRETARIAT),
        "meeting_form": forms.MeetingForm(
            session=session, initial={"held_at": timezone.localtime().replace(second=0, microsecond=0)}
        ),
        "member_form": forms.MemberForm(),
        "vote_choices": [("for", _("For")), ("against", _("Against")), ("abstain", _("Abstain"))],
        "submitted": counts.get(Status.SUBMITTED, 0),
    }
    return render(request, "motions/review.html", context)


@login_required
@require_POST
def review_act(request: HttpRequest, action: str) -> HttpResponse:
    user = _user(request)
    session = _review_session(request)
    try:
        level, text = _review_action(request, user, session, action)
        messages.add_message(request, level, text)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, str(error.detail))
    return redirect(f"{reverse('motions:review')}?session={session.pk}")


def _review_action(request: HttpRequest, user: User, session: Session, action: str) -> tuple[int, str]:
    done = messages.SUCCESS
    if action == "member":
        data = _valid(forms.MemberForm(request.POST))
        account = User.objects.filter(username=data["username"]).first()
        if account is None:
            raise DomainError(
                "invalid", _("No account %(username)s.") % {"username": data["username"]}, status=400
            )
        services.review_member_add(session=session, user=account, position=data["position"], actor=user)
        return done, _("Member recorded.")
    if action == "meeting":
        data = _valid(forms.MeetingForm(request.POST, session=session))
        meeting = services.review_meeting_create(session=session, actor=user, **data)
        return done, _("Meeting %(number)s created. Record who is present.") % {"number": meeting.number}
    if action == "send-all":
        count = services.motions_send_all_to_review(session=session, actor=user)
        return done, _("%(n)s motions sent to the committee.") % {"n": count}
    if action == "approve":
        data = _valid(forms.ApproveForm(request.POST))
        decided = services.review_report_approve(session=session, actor=user, approved_at=data["approved_at"])
        return done, _("The presidium passed the report; %(n)s motions decided as recommended.") % {
            "n": decided
        }
    meeting = get_object_or_404(ReviewMeeting, session=session, pk=request.POST.get("meeting"))
    if action == "attendance":
        present = [int(pk) for pk in request.POST.getlist("present")]
        meeting = services.review_meeting_attendance(meeting=meeting, actor=user, present=present)
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
            int(key.removeprefix("vote-")): str(value)
            for key, value in request.POST.items()
            if key.startswith("vote-") and value
        }
        report_row, adopted = services.review_report_vote(meeting=meeting, actor=user, votes=votes)
        if adopted:
            return done, _("The report is adopted: %(n)s of %(total)s members voted for (M§16).") % {
                "n": report_row.votes_for,
                "total": report_row.members_total,
            }
        return messages.WARNING, _(
            "Not adopted: %(n)s of %(total)s members voted for; more than half of all members are needed (M§16)."
        ) % {"n": report_row.votes_for, "total": report_row.members_total}
    raise Http404


# --- the review report --------------------------------------------------------------------------


@login_required
def review_report_page(request: HttpRequest, session_id: int) -> HttpResponse:
    """Printable; ?format=xlsx or ?format=docx downloads it. Every deputy receives it (M§19)."""
    user = _user(request)
    if not (user.is_superuser or user.has_role(*FILING_ROLES, *STAFF_ROLES)):
        raise PermissionDenied
    session = get_object_or_404(Session.objects.select_related("congress"), pk=session_id)
    data = report.build(session)
    title = _("Report of the motion-review committee on the motions of deputies to %(session)s") % {
        "session": session.name
    }
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return excel_response(
            f"{title}.xlsx", _("Review report"), report.excel_headers(), report.excel_rows(data)
        )
    if fmt == "docx":
        response = HttpResponse(
            report.docx_bytes(data, title),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(title)}.docx"
        return response
    return render(
        request,
        "motions/report.html",
        {"data": data, "title": title, "paragraphs": report.summary_paragraphs(data), "session": session},
    )


# --- public: concluded reports (M§26) --------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    concluded = (
        Motion.objects.filter(status=Status.CONCLUDED)
        .select_related(
            "session__congress", "review_body", "conclusion", "recess_report", "lead_deputy", "delegation"
        )
        .order_by("-conclusion__sc_meeting_on", "number")
    )
    return render(request, "motions/public_list.html", {"motions": concluded[:200]})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    motion = get_object_or_404(
        Motion.objects.select_related(
            "session__congress", "review_body", "conclusion", "lead_deputy", "delegation"
        ),
        pk=pk,
        status=Status.CONCLUDED,
    )
    return render(
        request,
        "motions/public_detail.html",
        {
            "motion": motion,
            "recess_report": getattr(motion, "recess_report", None),
            "numbers": merge_label(motion),
        },
    )


def public_report_file(request: HttpRequest, pk: int) -> FileResponse:
    motion = get_object_or_404(Motion, pk=pk, status=Status.CONCLUDED)
    recess = getattr(motion, "recess_report", None)
    if recess is None:
        raise Http404
    return _file(recess.file, f"{motion.number_text}号议案审议结果报告{_suffix(recess.file.name)}")
