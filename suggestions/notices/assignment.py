"""Who is told of assignment (S§19–S§21): the deputies and each new unit, the assigning body of a
disagreement or an objection, the unit of the decision on it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from suggestions.models import Assignment, Disagreement
from suggestions.notices.common import assigning_staff, in_chinese, link, load, send, unit_users, users_of
from suggestions.workflow import ASSIGNMENT
from suggestions.workflow.who import deputies_of


@in_chinese
def assigned(suggestion_id: int, new_assignment_ids: list[int] | None = None) -> None:
    """The deputies learn every unit now handling it (S§21); units learn of their new work."""
    s = load(suggestion_id)
    open_rows = list(s.assignments.select_related("unit").exclude(status__in=ASSIGNMENT.terminal_statuses))
    units = "、".join(f"{a.unit.name}（{a.get_role_display()}）" for a in open_rows)
    send(
        users_of(deputies_of(s)), "suggestion_assigned",
        _("Suggestion %(number)s was assigned") % {"number": s.number_label},
        _("Handling units: %(units)s. If you disagree, say so on the suggestion's page (S§21).") % {"units": units},
        link(s),
    )  # fmt: skip
    for a in open_rows:
        if new_assignment_ids is not None and a.pk not in new_assignment_ids:
            continue
        send(
            unit_users(a.unit_id), "assignment_new",
            _("New suggestion to handle: %(number)s %(title)s") % {"number": s.number_label, "title": s.title},
            _("If it is not your unit's responsibility, say so in writing by %(due)s (S§20).") % {"due": a.objection_due.isoformat()},
            link(s),
        )  # fmt: skip


@in_chinese
def disagreed(disagreement_id: int) -> None:
    row = Disagreement.objects.select_related("suggestion", "deputy").get(pk=disagreement_id)
    send(
        assigning_staff(row.suggestion), "assignment_disagreement",
        _("%(deputy)s disagrees with the assignment of %(number)s") % {"deputy": row.deputy.name, "number": row.suggestion.number_label},
        row.reason, link(row.suggestion),
    )  # fmt: skip


@in_chinese
def disagreement_answered(disagreement_id: int) -> None:
    row = Disagreement.objects.select_related("suggestion", "deputy__user").get(pk=disagreement_id)
    send(
        users_of([row.deputy]), "assignment_disagreement_answered",
        _("Your disagreement about %(number)s was answered") % {"number": row.suggestion.number_label},
        row.resolution, link(row.suggestion),
    )  # fmt: skip


@in_chinese
def objected(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    if a.reassignment_due is None:
        return
    send(
        assigning_staff(a.suggestion), "assignment_objected",
        _("%(unit)s says %(number)s is not its responsibility") % {"unit": a.unit.name, "number": a.suggestion.number_label},
        _("Reassign it or reject the objection by %(due)s (S§20). Reason: %(reason)s")
        % {"due": a.reassignment_due.isoformat(), "reason": a.objection_reason},
        link(a.suggestion),
    )  # fmt: skip


@in_chinese
def reassigned(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit", "replaced_by__unit").get(pk=assignment_id)
    if a.replaced_by is None:
        return
    send(
        unit_users(a.unit_id), "assignment_reassigned",
        _("%(number)s was reassigned to %(unit)s") % {"number": a.suggestion.number_label, "unit": a.replaced_by.unit.name},
        a.objection_decision, link(a.suggestion),
    )  # fmt: skip
    assigned(a.suggestion_id, [a.replaced_by.pk])


@in_chinese
def objection_rejected(assignment_id: int) -> None:
    a = Assignment.objects.select_related("suggestion", "unit").get(pk=assignment_id)
    send(
        unit_users(a.unit_id), "assignment_objection_rejected",
        _("Your objection about %(number)s was not upheld: please handle it") % {"number": a.suggestion.number_label},
        a.objection_decision, link(a.suggestion),
    )  # fmt: skip
