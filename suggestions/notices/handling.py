"""Who is told of handling (S§24–S§31): the lead unit of a co unit's opinion, the assigning body
and the unit of an extension, the head of a draft, the deputies and the copies of a reply, the
committee of an unsatisfied rating, all of re-handling.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from congress.models import Organisation, User
from congress.roles import Role
from suggestions.models import Assignment, Evaluation, ExtensionRequest, RehandlingDecision, Reply, Suggestion
from suggestions.notices.common import (
    assigning_staff,
    general_office_users,
    in_chinese,
    link,
    send,
    unit_users,
    users_of,
)
from suggestions.workflow import ASSIGNMENT, AssignmentStatus
from suggestions.workflow import Role as UnitRole
from suggestions.workflow.who import deputies_of


def _reply_link(reply_id: int) -> str:
    return f"/suggestions/replies/{reply_id}/"


@in_chinese
def co_opinion_sent(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    lead = (
        a.suggestion.assignments.filter(role=UnitRole.LEAD)
        .exclude(status__in=ASSIGNMENT.terminal_statuses)
        .first()
    )
    if lead:
        send(
            unit_users(lead.unit_id), "co_opinion_received",
            _("%(unit)s sent its opinion on %(number)s") % {"unit": a.unit.name, "number": a.suggestion.number_label},
            a.co_opinion.body, link(a.suggestion),
        )  # fmt: skip


@in_chinese
def extension_requested(request_id: int) -> None:

    row = ExtensionRequest.objects.select_related("assignment__suggestion", "assignment__unit").get(
        pk=request_id
    )
    a = row.assignment
    send(
        assigning_staff(a.suggestion), "extension_requested",
        _("%(unit)s asks to extend the reply to %(number)s (S§28)") % {"unit": a.unit.name, "number": a.suggestion.number_label},
        row.reason, link(a.suggestion),
    )  # fmt: skip


@in_chinese
def extension_decided(request_id: int) -> None:

    row = ExtensionRequest.objects.select_related("assignment__suggestion", "assignment__unit").get(
        pk=request_id
    )
    a = row.assignment
    if row.approved:
        subject = _("The reply to %(number)s is extended to %(due)s (S§28)") % {
            "number": a.suggestion.number_label, "due": a.reply_due.isoformat() if a.reply_due else ""}  # fmt: skip
        # S§28: the deputies are told of the extension.
        send(
            users_of(deputies_of(a.suggestion)), "extension_approved", subject, row.reason, link(a.suggestion)
        )
    else:
        subject = _("The extension for %(number)s was refused") % {"number": a.suggestion.number_label}
    send(unit_users(a.unit_id), "extension_decided", subject, row.decision_reason, link(a.suggestion))


@in_chinese
def reply_drafted(reply_id: int) -> None:

    reply = Reply.objects.select_related("assignment__suggestion", "assignment__unit").get(pk=reply_id)
    heads = User.objects.filter(
        organisation_id=reply.assignment.unit_id, role_rows__role=Role.UNIT_HEAD, is_active=True
    )
    send(
        heads.exclude(pk=reply.drafted_by_id), "reply_to_approve",
        _("A reply to %(number)s awaits your sign-off") % {"number": reply.assignment.suggestion.number_label},
        reply.assignment.suggestion.title, _reply_link(reply.pk),
    )  # fmt: skip


@in_chinese
def reply_delivered(reply_id: int) -> None:
    """S§27: to every deputy of the suggestion (co-signers, the delegation's members and its
    city SC, the deputies of merged suggestions); S§31: copies to the committee and, for
    government units, the government's general office."""

    reply = Reply.objects.select_related("assignment__suggestion__delegation", "assignment__unit").get(
        pk=reply_id
    )
    s, unit = reply.assignment.suggestion, reply.assignment.unit
    deputies = deputies_of(s)  # a delegation suggestion's every member among them
    extra: list[User] = []
    if s.kind == Suggestion.Kind.DELEGATION and s.delegation and s.delegation.city_sc_id:
        extra += list(User.objects.filter(organisation_id=s.delegation.city_sc_id, is_active=True))
    subject = _("%(unit)s replied to %(number)s: %(title)s") % {
        "unit": unit.name,
        "number": s.number_label,
        "title": s.title,
    }
    body = _("Read the reply and rate it: satisfied, basically satisfied or unsatisfied (S§30).")
    send([*users_of(deputies), *extra], "reply_delivered", subject, body, _reply_link(reply.pk))
    copies = list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True))
    if unit.kind == Organisation.Kind.GOVERNMENT:
        copies += general_office_users()
    send(copies, "reply_copy", subject, _("Copy of the reply (S§31)."), _reply_link(reply.pk))


@in_chinese
def unsatisfied(evaluation_id: int) -> None:

    row = Evaluation.objects.select_related("suggestion", "deputy").get(pk=evaluation_id)
    send(
        [u for u in assigning_staff(row.suggestion) if u.has_role(Role.COMMITTEE_STAFF)], "evaluation_unsatisfied",
        _("%(deputy)s is unsatisfied with the reply to %(number)s") % {"deputy": row.deputy.name, "number": row.suggestion.number_label},
        _("Decide: handle it again within one month, or explain to the deputy (S§30). %(comment)s") % {"comment": row.comment},
        link(row.suggestion),
    )  # fmt: skip


@in_chinese
def rehandling_decided(decision_id: int) -> None:

    row = RehandlingDecision.objects.select_related("suggestion").get(pk=decision_id)
    s = row.suggestion
    if row.rehandle:
        subject = _("%(number)s is to be handled again within one month (S§30)") % {"number": s.number_label}
        for a in s.assignments.filter(status=AssignmentStatus.REHANDLING):
            send(unit_users(a.unit_id), "rehandling_ordered", subject, row.explanation, link(s))
    else:
        subject = _("The committee's answer on %(number)s") % {"number": s.number_label}
    send(users_of(deputies_of(s)), "rehandling_decided", subject, row.explanation, link(s))
