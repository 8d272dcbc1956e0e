"""The statuses of suggestions, assignments, replies and co-signers, the kinds of suggestion,
the units' roles, and with whom and how they communicate (WORKFLOWS.md §2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.cosigning import InvitationStatus


class Kind(models.TextChoices):
    """Who files it (S§2): one deputy, deputies jointly, or a delegation (S§14)."""

    SINGLE = "single", _("By one deputy")
    JOINT = "joint", _("Joint")
    DELEGATION = "delegation", _("By a delegation")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    RETURNED = "returned", _("Returned for revision")
    NOT_ACCEPTED = "not_accepted", _("Not accepted (forwarded as a letter)")
    MERGED = "merged", _("Merged")
    ACCEPTED = "accepted", _("Accepted, awaiting assignment")
    ASSIGNED = "assigned", _("Assigned, being handled")
    REPLIED = "replied", _("Replied")
    REHANDLING = "rehandling", _("Being handled again")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Delivered: objection window open")
    OBJECTED = "objected", _("Objected: awaiting reassignment")
    REASSIGNED = "reassigned", _("Reassigned to another unit")
    HANDLING = "handling", _("Being handled")
    OPINION_SENT = "opinion_sent", _("Opinion sent to the lead unit")
    REPLIED = "replied", _("Replied")
    REHANDLING = "rehandling", _("Being handled again")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Signed off and delivered")


class RectificationStatus(models.TextChoices):
    ORDERED = "ordered", _("Ordered to put it right by a date")
    REPORTED = "reported", _("The unit reported the result")


# The co-signing engine's statuses (invited, confirmed, declined, lapsed).
CoSignerStatus = InvitationStatus


class Role(models.TextChoices):
    """A unit's part in handling one suggestion (S§19)."""

    SOLE = "sole", _("Sole handling")
    SPLIT = "split", _("Split handling")
    LEAD = "lead", _("Lead unit")
    CO = "co", _("Co-handling unit")


class Party(models.TextChoices):
    """With whom a handling unit communicates before it replies (S§24): the deputies, and for a
    delegation's suggestion the SC of the delegation's city as well."""

    DEPUTY = "deputy", _("The deputies")
    CITY_SC = "city_sc", _("The city people's congress SC")


class Way(models.TextChoices):
    """How a unit hears the deputies (S§24); a forum or research with them is how a key
    suggestion is handled (S§37, S§38)."""

    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Telephone call")
    ONLINE = "online", _("Online")
    FORUM = "forum", _("Forum with the deputies")
    RESEARCH = "research", _("Research with the deputies")


# 面对面 (S§37(2)): the ways the unit meets the deputies in person.
FACE_TO_FACE = frozenset({Way.VISIT, Way.MEETING, Way.FORUM, Way.RESEARCH})


# The units that owe the deputy the reply (S§19, S§26); a co unit sends its opinion to the lead.
REPLYING_ROLES = frozenset({Role.SOLE, Role.SPLIT, Role.LEAD})


def check_roles(roles: list[str]) -> str | None:
    """S§19: one sole unit; or two or more split units; or one lead with one or more co units.

    Returns the reason a combination is wrong, or None when it is right.
    """
    if not roles:
        return "no_units"
    kinds = set(roles)
    if kinds == {Role.SOLE}:
        return None if len(roles) == 1 else "one_sole_unit"
    if kinds == {Role.SPLIT}:
        return None if len(roles) >= 2 else "split_needs_two"
    if kinds == {Role.LEAD, Role.CO}:
        return None if roles.count(Role.LEAD) == 1 else "one_lead_unit"
    return "roles_mixed"
