"""Who is told what, when a suggestion moves. Called by the service, inside its transaction.

Each function loads what it needs and hands the message to congress's notify(), which
writes the inbox and the outbox in the same transaction and delivers after the commit, with
retries: a step that rolls back tells nobody, and a delivery that fails later never undoes
the step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from congress.models import User
from congress.notifications.services import notify
from congress.roles import Role
from deputies.models import Deputy
from suggestions.models import Assignment, CoSigner, Disagreement, Suggestion
from suggestions.workflow import ASSIGNMENT, AssignmentStatus
from suggestions.workflow import Role as UnitRole
from suggestions.workflow.who import deputies_of


def _link(suggestion: Suggestion) -> str:
    return f"/suggestions/{suggestion.pk}/"


def _users(deputies: Iterable[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user and d.user.is_active]


def _unit_users(unit_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=unit_id, is_active=True, role_rows__role__in=[Role.UNIT_HANDLER, Role.UNIT_HEAD]
        ).distinct()
    )


def _assigning_staff(suggestion: Suggestion) -> list[User]:
    roles = [Role.COMMITTEE_STAFF] + ([Role.SECRETARIAT] if suggestion.session_id else [])
    return list(User.objects.filter(is_active=True, role_rows__role__in=roles).distinct())


def _send(recipients: Iterable[User], kind: str, subject: str, body: str, link: str) -> None:
    recipients = list({u.pk: u for u in recipients}.values())
    if recipients:
        notify(recipients=recipients, kind=kind, subject=subject, body=body, link=link)


def _load(pk: int) -> Suggestion:
    return Suggestion.objects.select_related("lead_deputy__user", "session").get(pk=pk)


# Messages are written in Chinese, the portal's language: they are stored and emailed,
# read later by people whose interface is Chinese.
def _zh(function: Callable[..., None]) -> Callable[..., None]:
    def wrapper(*args: Any) -> None:
        with translation.override("zh-hans"):
            function(*args)

    wrapper.__name__ = function.__name__
    return wrapper


@_zh
def cosigners_invited(suggestion_id: int, cosigner_ids: list[int]) -> None:
    s = _load(suggestion_id)
    rows = CoSigner.objects.select_related("deputy__user").filter(pk__in=cosigner_ids)
    _send(
        _users(r.deputy for r in rows), "cosign_invitation",
        _("%(lead)s invites you to co-sign a suggestion: %(title)s") % {"lead": s.lead_deputy.name, "title": s.title},
        _("Read the final text and confirm it to join (S§14), or decline."), _link(s),
    )  # fmt: skip


@_zh
def confirmations_voided(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    rows = s.cosigners.select_related("deputy__user").filter(status=CoSigner.Status.INVITED)
    _send(
        _users(r.deputy for r in rows), "cosign_text_changed",
        _("The text you co-signed has changed: %(title)s") % {"title": s.title},
        _("Your earlier confirmation no longer counts. Read the new text and confirm again (S§14)."), _link(s),
    )  # fmt: skip


@_zh
def submitted(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    _send(
        _users(deputies_of(s)), "suggestion_submitted",
        _("Suggestion filed as %(number)s: %(title)s") % {"number": s.number_label, "title": s.title},
        _("It now awaits review (S§15)."), _link(s),
    )  # fmt: skip


@_zh
def returned(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    _send(
        [*_users([s.lead_deputy]), s.entered_by], "suggestion_returned",
        _("Suggestion %(number)s was returned for revision") % {"number": s.number_label},
        s.return_message, _link(s),
    )  # fmt: skip


@_zh
def not_accepted(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    _send(
        _users(deputies_of(s)), "suggestion_not_accepted",
        _("Suggestion %(number)s is handled as a deputy's letter") % {"number": s.number_label},
        _("%(ground)s It was forwarded to %(body)s.") % {"ground": s.get_not_accepted_ground_display(), "body": s.forwarded_to},
        _link(s),
    )  # fmt: skip


@_zh
def merged(suggestion_ids: list[int]) -> None:
    for s in Suggestion.objects.select_related("merged_into", "lead_deputy__user").filter(
        pk__in=suggestion_ids
    ):
        if s.merged_into is None:
            continue
        _send(
            _users(deputies_of(s)), "suggestion_merged",
            _("Suggestion %(number)s was merged into %(target)s") % {"number": s.number_label, "target": s.merged_into.number_label},
            _("Same or similar suggestions are handled together (S§15); you will receive the reply (S§27)."),
            _link(s.merged_into),
        )  # fmt: skip


@_zh
def assigned(suggestion_id: int, new_assignment_ids: list[int] | None = None) -> None:
    """The deputies learn every unit now handling it (S§21); units learn of their new work."""
    s = _load(suggestion_id)
    open_rows = list(s.assignments.select_related("unit").exclude(status__in=ASSIGNMENT.terminal_statuses))
    units = "、".join(f"{a.unit.name}（{a.get_role_display()}）" for a in open_rows)
    _send(
        _users(deputies_of(s)), "suggestion_assigned",
        _("Suggestion %(number)s was assigned") % {"number": s.number_label},
        _("Handling units: %(units)s. If you disagree, say so on the suggestion's page (S§21).") % {"units": units},
        _link(s),
    )  # fmt: skip
    for a in open_rows:
        if new_assignment_ids is not None and a.pk not in new_assignment_ids:
            continue
        _send(
            _unit_users(a.unit_id), "assignment_new",
            _("New suggestion to handle: %(number)s %(title)s") % {"number": s.number_label, "title": s.title},
            _("If it is not your unit's responsibility, say so in writing by %(due)s (S§20).") % {"due": a.objection_due.isoformat()},
            _link(s),
        )  # fmt: skip


@_zh
def withdrawn(suggestion_id: int) -> None:
    s = _load(suggestion_id)
    unit_users = [u for a in s.assignments.all() for u in _unit_users(a.unit_id)]
    _send(
        [*unit_users, *_users(deputies_of(s))], "suggestion_withdrawn",
        _("Suggestion %(number)s was withdrawn by its proposer") % {"number": s.number_label},
        s.withdrawal_letter, _link(s),
    )  # fmt: skip


@_zh
def disagreed(disagreement_id: int) -> None:
    row = Disagreement.objects.select_related("suggestion", "deputy").get(pk=disagreement_id)
    _send(
        _assigning_staff(row.suggestion), "assignment_disagreement",
        _("%(deputy)s disagrees with the assignment of %(number)s") % {"deputy": row.deputy.name, "number": row.suggestion.number_label},
        row.reason, _link(row.suggestion),
    )  # fmt: skip


@_zh
def disagreement_answered(disagreement_id: int) -> None:
    row = Disagreement.objects.select_related("suggestion", "deputy__user").get(pk=disagreement_id)
    _send(
        _users([row.deputy]), "assignment_disagreement_answered",
        _("Your disagreement about %(number)s was answered") % {"number": row.suggestion.number_label},
        row.resolution, _link(row.suggestion),
    )  # fmt: skip


@_zh
def objected(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    if a.reassignment_due is None:
        return
    _send(
        _assigning_staff(a.suggestion), "assignment_objected",
        _("%(unit)s says %(number)s is not its responsibility") % {"unit": a.unit.name, "number": a.suggestion.number_label},
        _("Reassign it or reject the objection by %(due)s (S§20). Reason: %(reason)s")
        % {"due": a.reassignment_due.isoformat(), "reason": a.objection_reason},
        _link(a.suggestion),
    )  # fmt: skip


@_zh
def reassigned(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit", "replaced_by__unit").get(pk=assignment_id)
    if a.replaced_by is None:
        return
    _send(
        _unit_users(a.unit_id), "assignment_reassigned",
        _("%(number)s was reassigned to %(unit)s") % {"number": a.suggestion.number_label, "unit": a.replaced_by.unit.name},
        a.objection_decision, _link(a.suggestion),
    )  # fmt: skip
    assigned(a.suggestion_id, [a.replaced_by.pk])


@_zh
def objection_rejected(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    _send(
        _unit_users(a.unit_id), "assignment_objection_rejected",
        _("Your objection about %(number)s was not upheld: please handle it") % {"number": a.suggestion.number_label},
        a.objection_decision, _link(a.suggestion),
    )  # fmt: skip


# --- Handling (issue 5) ---------------------------------------------------------------------------


def _reply_link(reply_id: int) -> str:
    return f"/suggestions/replies/{reply_id}/"


def _general_office_users() -> list[User]:
    return list(User.objects.filter(organisation__kind="general_office", is_active=True))


@_zh
def co_opinion_sent(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    lead = (
        a.suggestion.assignments.filter(role=UnitRole.LEAD)
        .exclude(status__in=ASSIGNMENT.terminal_statuses)
        .first()
    )
    if lead:
        _send(
            _unit_users(lead.unit_id), "co_opinion_received",
            _("%(unit)s sent its opinion on %(number)s") % {"unit": a.unit.name, "number": a.suggestion.number_label},
            a.co_opinion.body, _link(a.suggestion),
        )  # fmt: skip


@_zh
def extension_requested(request_id: int) -> None:
    from suggestions.models import ExtensionRequest

    row = ExtensionRequest.objects.select_related("assignment__suggestion", "assignment__unit").get(
        pk=request_id
    )
    a = row.assignment
    _send(
        _assigning_staff(a.suggestion), "extension_requested",
        _("%(unit)s asks to extend the reply to %(number)s (S§28)") % {"unit": a.unit.name, "number": a.suggestion.number_label},
        row.reason, _link(a.suggestion),
    )  # fmt: skip


@_zh
def extension_decided(request_id: int) -> None:
    from suggestions.models import ExtensionRequest

    row = ExtensionRequest.objects.select_related("assignment__suggestion", "assignment__unit").get(
        pk=request_id
    )
    a = row.assignment
    if row.approved:
        subject = _("The reply to %(number)s is extended to %(due)s (S§28)") % {
            "number": a.suggestion.number_label, "due": a.reply_due.isoformat() if a.reply_due else ""}  # fmt: skip
        # S§28: the deputies are told of the extension.
        _send(
            _users(deputies_of(a.suggestion)), "extension_approved", subject, row.reason, _link(a.suggestion)
        )
    else:
        subject = _("The extension for %(number)s was refused") % {"number": a.suggestion.number_label}
    _send(_unit_users(a.unit_id), "extension_decided", subject, row.decision_reason, _link(a.suggestion))


@_zh
def reply_drafted(reply_id: int) -> None:
    from suggestions.models import Reply

    reply = Reply.objects.select_related("assignment__suggestion", "assignment__unit").get(pk=reply_id)
    heads = User.objects.filter(
        organisation_id=reply.assignment.unit_id, role_rows__role=Role.UNIT_HEAD, is_active=True
    )
    _send(
        heads.exclude(pk=reply.drafted_by_id), "reply_to_approve",
        _("A reply to %(number)s awaits your sign-off") % {"number": reply.assignment.suggestion.number_label},
        reply.assignment.suggestion.title, _reply_link(reply.pk),
    )  # fmt: skip


@_zh
def reply_delivered(reply_id: int) -> None:
    """S§27: to every deputy of the suggestion (co-signers, the delegation's members and its
    city SC, the deputies of merged suggestions); S§31: copies to the committee and, for
    government units, the government's general office."""
    from deputies.models import Deputy
    from suggestions.models import Reply

    reply = Reply.objects.select_related("assignment__suggestion__delegation", "assignment__unit").get(
        pk=reply_id
    )
    s, unit = reply.assignment.suggestion, reply.assignment.unit
    deputies = deputies_of(s)
    extra: list[User] = []
    if s.kind == Suggestion.Kind.DELEGATION and s.delegation_id:
        deputies += list(Deputy.objects.filter(delegation_id=s.delegation_id).select_related("user"))
        if s.delegation and s.delegation.city_sc_id:
            extra += list(User.objects.filter(organisation_id=s.delegation.city_sc_id, is_active=True))
    subject = _("%(unit)s replied to %(number)s: %(title)s") % {
        "unit": unit.name,
        "number": s.number_label,
        "title": s.title,
    }
    body = _("Read the reply and rate it: satisfied, basically satisfied or unsatisfied (S§30).")
    _send([*_users(deputies), *extra], "reply_delivered", subject, body, _reply_link(reply.pk))
    copies = list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True))
    if unit.kind == "government":
        copies += _general_office_users()
    _send(copies, "reply_copy", subject, _("Copy of the reply (S§31)."), _reply_link(reply.pk))


@_zh
def unsatisfied(evaluation_id: int) -> None:
    from suggestions.models import Evaluation

    row = Evaluation.objects.select_related("suggestion", "deputy").get(pk=evaluation_id)
    _send(
        [u for u in _assigning_staff(row.suggestion) if u.has_role(Role.COMMITTEE_STAFF)], "evaluation_unsatisfied",
        _("%(deputy)s is unsatisfied with the reply to %(number)s") % {"deputy": row.deputy.name, "number": row.suggestion.number_label},
        _("Decide: handle it again within one month, or explain to the deputy (S§30). %(comment)s") % {"comment": row.comment},
        _link(row.suggestion),
    )  # fmt: skip


@_zh
def rehandling_decided(decision_id: int) -> None:
    from suggestions.models import RehandlingDecision

    row = RehandlingDecision.objects.select_related("suggestion").get(pk=decision_id)
    s = row.suggestion
    if row.rehandle:
        subject = _("%(number)s is to be handled again within one month (S§30)") % {"number": s.number_label}
        for a in s.assignments.filter(status=AssignmentStatus.REHANDLING):
            _send(_unit_users(a.unit_id), "rehandling_ordered", subject, row.explanation, _link(s))
    else:
        subject = _("The committee's answer on %(number)s") % {"number": s.number_label}
    _send(_users(deputies_of(s)), "rehandling_decided", subject, row.explanation, _link(s))


@_zh
def commitment_progress(progress_id: int) -> None:
    from suggestions.models import CommitmentProgress

    row = CommitmentProgress.objects.select_related(
        "commitment__reply__assignment__suggestion", "commitment__reply__assignment__unit"
    ).get(pk=progress_id)
    a = row.commitment.reply.assignment
    subject = _("Progress on a commitment in the reply to %(number)s") % {"number": a.suggestion.number_label}
    staff = list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True))
    _send(
        [*_users(deputies_of(a.suggestion)), *staff],
        "commitment_progress",
        subject,
        row.text,
        _link(a.suggestion),
    )


@_zh
def key_note_added(note_id: int) -> None:
    from suggestions.models import KeyNote

    note = KeyNote.objects.select_related("key__suggestion").get(pk=note_id)
    s = note.key.suggestion
    if note.kind == "comment":
        handling = s.assignments.exclude(status__in=ASSIGNMENT.terminal_statuses)
        recipients = [u for a in handling for u in _unit_users(a.unit_id)]
        subject = _("The supervising body commented on %(number)s") % {"number": s.number_label}
    else:
        body = note.key.supervising_body_id
        recipients = list(User.objects.filter(organisation_id=body, is_active=True)) if body else []
        subject = _("Handling report on key suggestion %(number)s (S§41)") % {"number": s.number_label}
    _send(recipients, "key_note", subject, note.text, _link(s))


@_zh
def supervision_requested(request_id: int) -> None:
    from suggestions.models import SupervisionRequest

    row = SupervisionRequest.objects.select_related("suggestion", "deputy").get(pk=request_id)
    _send(
        list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True)), "supervision_request",
        _("%(deputy)s: %(kind)s (%(number)s, S§44)") % {"deputy": row.deputy.name, "kind": row.get_kind_display(), "number": row.suggestion.number_label},
        row.message, _link(row.suggestion),
    )  # fmt: skip


@_zh
def supervision_arranged(request_id: int) -> None:
    from suggestions.models import SupervisionRequest

    row = SupervisionRequest.objects.select_related("suggestion", "deputy__user").get(pk=request_id)
    _send(
        _users([row.deputy]), "supervision_arranged",
        _("The committee arranged your request about %(number)s") % {"number": row.suggestion.number_label},
        row.arrangement, _link(row.suggestion),
    )  # fmt: skip
