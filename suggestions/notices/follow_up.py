"""Who is told of the follow-up (S§32, S§40, S§41, S§44, S§47): progress on commitments,
supervisors' comments and the units' reports, the deputies' requests and their arrangement, the
SC's orders to put the handling right and the units' reports of the result.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from congress.models import User
from congress.roles import Role
from suggestions.models import CommitmentProgress, KeyNote, Rectification, SupervisionRequest
from suggestions.notices.common import general_office_users, in_chinese, link, send, unit_users, users_of
from suggestions.workflow import ASSIGNMENT
from suggestions.workflow.who import deputies_of


@in_chinese
def commitment_progress(progress_id: int) -> None:

    row = CommitmentProgress.objects.select_related(
        "commitment__reply__assignment__suggestion", "commitment__reply__assignment__unit"
    ).get(pk=progress_id)
    a = row.commitment.reply.assignment
    subject = _("Progress on a commitment in the reply to %(number)s") % {"number": a.suggestion.number_label}
    staff = list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True))
    send(
        [*users_of(deputies_of(a.suggestion)), *staff],
        "commitment_progress",
        subject,
        row.text,
        link(a.suggestion),
    )


@in_chinese
def key_note_added(note_id: int) -> None:
    """A supervisor's comment goes to the handling units (S§40), a follow-on to its unit
    (S§40(4)); a unit's handling report to the supervising body and, from a government unit,
    to the government's general office for the leader in charge it names (S§41)."""
    note = KeyNote.objects.select_related("key__suggestion", "assignment__unit").get(pk=note_id)
    s = note.key.suggestion
    if note.kind == KeyNote.Kind.COMMENT:
        handling = s.assignments.exclude(status__in=ASSIGNMENT.terminal_statuses)
        recipients = [u for a in handling for u in unit_users(a.unit_id)]
        subject = _("The supervising body commented on %(number)s") % {"number": s.number_label}
    elif note.kind == KeyNote.Kind.FOLLOW_ON and note.assignment is not None:
        recipients = unit_users(note.assignment.unit_id)
        subject = _("Follow-on handling of key suggestion %(number)s, to report on again (S§40, S§41)") % {
            "number": s.number_label
        }
    else:
        body = note.key.supervising_body_id
        recipients = list(User.objects.filter(organisation_id=body, is_active=True)) if body else []
        if note.leader_informed:
            recipients += general_office_users()
        subject = _("Handling report on key suggestion %(number)s (S§41)") % {"number": s.number_label}
    send(recipients, "key_note", subject, note.text, link(s))


@in_chinese
def supervision_requested(request_id: int) -> None:

    row = SupervisionRequest.objects.select_related("suggestion", "deputy").get(pk=request_id)
    send(
        list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True)), "supervision_request",
        _("%(deputy)s: %(kind)s (%(number)s, S§44)") % {"deputy": row.deputy.name, "kind": row.get_kind_display(), "number": row.suggestion.number_label},
        row.message, link(row.suggestion),
    )  # fmt: skip


@in_chinese
def supervision_arranged(request_id: int) -> None:

    row = SupervisionRequest.objects.select_related("suggestion", "deputy__user").get(pk=request_id)
    send(
        users_of([row.deputy]), "supervision_arranged",
        _("The committee arranged your request about %(number)s") % {"number": row.suggestion.number_label},
        row.arrangement, link(row.suggestion),
    )  # fmt: skip


def _rectification_link(row: Rectification) -> str:
    return f"/suggestions/accountability/rectifications/{row.pk}/"


@in_chinese
def rectification_ordered(rectification_id: int) -> None:
    """S§47: the unit is told what to put right, and by when."""
    row = Rectification.objects.get(pk=rectification_id)
    send(
        unit_users(row.unit_id), "rectification_ordered",
        _("The SC orders your unit to put its handling of suggestions right by %(due)s (S§47)") % {"due": row.due.isoformat()},
        row.finding, _rectification_link(row),
    )  # fmt: skip


@in_chinese
def rectification_reported(rectification_id: int) -> None:
    row = Rectification.objects.select_related("unit").get(pk=rectification_id)
    send(
        list(User.objects.filter(role_rows__role=Role.COMMITTEE_STAFF, is_active=True)), "rectification_reported",
        _("%(unit)s reported what it put right (S§47)") % {"unit": row.unit.name}, row.report, _rectification_link(row),
    )  # fmt: skip
