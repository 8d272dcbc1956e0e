"""Rules of a record's own beyond its status (the tables' guards): a window that closed, a
step taken once, what must come first. Each answers its refusal with its own code, or None.

Duck-typed on the records (no model imports); a guard may follow relations.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import OBJECTION, REPLY
from congress.errors import DomainError
from suggestions.workflow.statuses import FACE_TO_FACE, REPLYING_ROLES, Kind, Party, Role, Status


def unsatisfied_rating_waits(suggestion: Any) -> DomainError | None:
    """S§30: re-handling, or the explanation instead, follows an unsatisfied rating."""
    if suggestion.status != Status.REPLIED:
        return None  # in any other status the status itself refuses (409)
    if suggestion.evaluations.filter(round=suggestion.reply_round, rating="unsatisfied").exists():
        return None
    return DomainError("no_unsatisfied_rating", _("Re-handling follows an unsatisfied evaluation (S§30)."))


def objection_window_open(assignment: Any) -> DomainError | None:
    """S§20: a unit objects within five days of receipt."""
    window = deadline(OBJECTION, assignment.assigned_on)
    if not window.is_over(timezone.now()):
        return None
    return DomainError(
        "objection_window_closed",
        _(
            "The five-day window for saying a suggestion is not your unit's responsibility closed on %(due)s (S§20)."
        )
        % {"due": window.due.isoformat()},
    )


def co_unit_only(assignment: Any) -> DomainError | None:
    """S§26: a co unit sends its opinion to the lead unit."""
    if assignment.role == Role.CO:
        return None
    return DomainError(
        "not_a_co_unit", _("Only a co-handling unit sends an opinion to the lead unit (S§26).")
    )


def replying_unit_only(assignment: Any) -> DomainError | None:
    """S§26: the lead unit replies for its co units."""
    if assignment.role in REPLYING_ROLES:
        return None
    return DomainError(
        "not_a_replying_unit",
        _("A co-handling unit sends its opinion to the lead unit, which replies (S§26)."),
    )


def extension_possible(assignment: Any) -> DomainError | None:
    """S§28: asked by a unit that owes the reply, once, before the reply is due."""
    if refusal := replying_unit_only(assignment):
        return refusal
    if assignment.extended or hasattr(assignment, "extension_request"):
        return DomainError("extension_already_used", _("The reply period can be extended only once (S§28)."))
    due = deadline(REPLY, assignment.assigned_on)
    if due.is_over(timezone.now()):
        return DomainError(
            "extension_too_late",
            _("An extension is asked for before the reply is due; it was due on %(due)s (S§28).")
            % {"due": due.due.isoformat()},
        )
    return None


def extension_awaits_decision(assignment: Any) -> DomainError | None:
    """S§28: the assigning body decides a request, once."""
    request = getattr(assignment, "extension_request", None)
    if request is not None and request.approved is None:
        return None
    return DomainError("no_extension_request", _("There is no extension request awaiting a decision."))


def co_opinions_pending(assignment: Any) -> list[Any]:
    """Co units whose opinion is neither in nor past its two-month window (S§26)."""
    from suggestions.workflow import ASSIGNMENT  # the table is built from these guards

    return list(
        assignment.suggestion.assignments.filter(
            ASSIGNMENT.running("co_opinion"), co_opinion_due__gte=timezone.localdate()
        ).select_related("unit")
    )


def this_round(assignment: Any) -> list[Any]:
    """The unit's communications in the suggestion's current round of handling: after
    re-handling (S§30) those of an earlier round no longer count."""
    return list(assignment.communications.filter(round=assignment.suggestion.reply_round))


def deputies_not_heard(assignment: Any) -> DomainError | None:
    """S§24: 承办单位应当…充分听取代表对办理工作的意见和要求，取得代表理解后方可书面答复. 对代表团
    提出的建议…承办单位负责人应当与相关设区的市人大常委会加强联系. In this round of handling: the
    unit heard the deputies and recorded their understanding; for a delegation's suggestion it
    also kept in touch with the SC of the delegation's city. (WORKFLOWS.md §2 asks for "at least
    one communication"; the statute asks for the deputies' understanding, and wins.)"""
    held = this_round(assignment)
    with_deputies = [c for c in held if c.party == Party.DEPUTY]
    if not with_deputies:
        return DomainError(
            "no_communication_recorded",
            _(
                "Record at least one communication with the deputy in this round of handling before replying (S§24)."
            ),
        )
    if not any(c.understanding for c in with_deputies):
        return DomainError(
            "deputy_understanding_not_recorded",
            _(
                "The unit replies once it has the deputies' understanding: record a communication in which they gave it (S§24)."
            ),
        )
    suggestion = assignment.suggestion
    if suggestion.kind == Kind.DELEGATION and not any(c.party == Party.CITY_SC for c in held):
        return DomainError(
            "city_sc_liaison_not_recorded",
            _(
                "For a delegation's suggestion the unit's head also keeps in touch with the SC of the delegation's city: record it before replying (S§24)."
            ),
        )
    return None


def key_of(suggestion: Any) -> Any:
    """The suggestion's key handling (S§34), or None."""
    return getattr(suggestion, "key", None)


def key_suggestion_only(assignment: Any) -> DomainError | None:
    """S§37: a unit names its leader for a key suggestion."""
    if key_of(assignment.suggestion) is not None:
        return None
    return DomainError(
        "not_a_key_suggestion", _("Only a key suggestion is handled by a named leader (S§37).")
    )


def met_in_person(assignment: Any) -> list[Any]:
    """This round's face-to-face communications with the deputies (面对面, S§37(2))."""
    return [c for c in this_round(assignment) if c.party == Party.DEPUTY and c.way in FACE_TO_FACE]


def key_not_handled_in_person(assignment: Any) -> DomainError | None:
    """S§37: 主要负责人或者分管负责人负责研究办理…通过召开座谈会、邀请代表参加调研等形式，面对面听取代表
    意见. S§38: 主办单位应当会同协办单位与提出建议…的代表共同开展调查研究或者召开代表座谈会. Before the
    reply to a key suggestion: its leader is named and met the deputies in person, and a lead unit
    researched it with every co unit and the deputies."""
    suggestion = assignment.suggestion
    if key_of(suggestion) is None:
        return None
    if not assignment.leader:
        return DomainError(
            "key_leader_not_named",
            _(
                "A key suggestion is handled by the unit's principal or deputy leader: name the leader first (S§37)."
            ),
        )
    met = met_in_person(assignment)
    if not any(c.leader == assignment.leader for c in met):
        return DomainError(
            "key_leader_not_met",
            _(
                "Before replying to a key suggestion the unit's leader hears the deputies face to face, at a forum, in research or on a visit: record it (S§37)."
            ),
        )
    if assignment.role == Role.LEAD:
        from suggestions.workflow import ASSIGNMENT  # the table is built from these guards

        co_units = set(
            suggestion.assignments.filter(
                role=Role.CO, status__in=ASSIGNMENT.sources("lead_replied")
            ).values_list("unit_id", flat=True)
        )
        if co_units and not any(co_units <= {u.pk for u in c.co_units.all()} for c in met):
            return DomainError(
                "joint_research_not_recorded",
                _(
                    "The lead unit researches a key suggestion together with its co units and the deputies, or holds a forum with them, before replying: record it with every co unit taking part (S§38)."
                ),
            )
    return None


def reply_may_be_drafted(assignment: Any) -> DomainError | None:
    """S§24: the unit heard the deputies first; S§37, S§38: a key suggestion was handled in
    person; S§26: a lead unit waits for its co units."""
    if refusal := replying_unit_only(assignment):
        return refusal
    if refusal := deputies_not_heard(assignment):
        return refusal
    if refusal := key_not_handled_in_person(assignment):
        return refusal
    if assignment.role == Role.LEAD and (waiting := co_opinions_pending(assignment)):
        return DomainError(
            "co_opinions_pending",
            _(
                "The lead unit replies once every co unit's opinion is in or its two months have passed (S§26): waiting for %(units)s."
            )
            % {"units": "、".join(co.unit.name for co in waiting)},
        )
    return None


def still_public(reply: Any) -> DomainError | None:
    """S§33: a public reply is withheld, once."""
    if reply.public:
        return None
    return DomainError("already_withheld", _("This reply is already withheld from publication (S§33)."))


def withheld_now(reply: Any) -> DomainError | None:
    """S§33: a withheld reply is published again, once."""
    if not reply.public:
        return None
    return DomainError("already_public", _("This reply is already public (S§33)."))


def responsible_named(suggestion: Any) -> DomainError | None:
    """S§7(3): 确定承办建议…的负责人，…负责人应当与代表面对面沟通: the supervising body names its
    responsible person before that person meets the deputies."""
    key = key_of(suggestion)
    if key is not None and key.responsible_person_id is not None:
        return None
    return DomainError(
        "responsible_person_not_named",
        _("The supervising body first names its person responsible for the suggestion (S§7)."),
    )
