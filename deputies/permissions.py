"""Who sees which of the deputies' records (WORKFLOWS.md §6): every refusal is a 404 or 403.

The archive (D§43): a deputy sees their own; committee staff every deputy's; the delegation's
staff their deputies'; anyone what the congress published (a year's figures).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from congress.roles import Role
from deputies.models import ArchivePublication, Deputy, Feedback, Inspection, Leave, Training

# The staff who serve every deputy: the committee in recess, the secretariat at sessions.
SERVING_ALL = (Role.COMMITTEE_STAFF, Role.SECRETARIAT)


def _all(user: Any, *roles: str) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(*roles)))


def own_deputy_id(user: Any) -> int | None:
    deputy = getattr(user, "deputy", None) if user.is_authenticated else None
    return deputy.pk if deputy is not None else None


def serves_deputies(user: Any) -> bool:
    """The staff who keep deputies' records: the committee, the secretariat, delegation staff."""
    return _all(user, *SERVING_ALL, Role.DELEGATION_STAFF)


def deputies_served_by(user: Any) -> QuerySet[Deputy]:
    """The deputies whose records the user keeps: every one, their delegation's, or none."""
    if _all(user, *SERVING_ALL):
        return Deputy.objects.all()
    if user.is_authenticated and user.has_role(Role.DELEGATION_STAFF):
        return Deputy.objects.filter(delegation__staff=user)
    return Deputy.objects.none()


def may_see_archive(user: Any, deputy: Deputy) -> bool:
    """The whole archive, with its drill-down and leave (D§43)."""
    if own_deputy_id(user) == deputy.pk or _all(user, Role.COMMITTEE_STAFF):
        return True
    return bool(user.is_authenticated and user.has_role(Role.DELEGATION_STAFF)) and (
        user.delegations.filter(pk=deputy.delegation_id).exists()
    )


def published_years(congress_id: int) -> set[int]:
    return set(ArchivePublication.objects.filter(congress_id=congress_id).values_list("year", flat=True))


def leaves_visible_to(user: Any) -> QuerySet[Leave]:
    if _all(user, *SERVING_ALL):
        return Leave.objects.all()
    return Leave.objects.filter(Q(deputy__in=deputies_served_by(user)) | Q(deputy_id=own_deputy_id(user)))


def trainings_visible_to(user: Any) -> QuerySet[Training]:
    if _all(user, *SERVING_ALL, Role.DELEGATION_STAFF):
        return Training.objects.all()
    own = own_deputy_id(user)
    return Training.objects.filter(invitations__deputy_id=own).distinct() if own else Training.objects.none()


def inspections_visible_to(user: Any) -> QuerySet[Inspection]:
    """The committee: all; an organising body: its own; a body the report went to: that one;
    a deputy: those they took part in."""
    if _all(user, Role.COMMITTEE_STAFF):
        return Inspection.objects.all()
    if not user.is_authenticated:
        return Inspection.objects.none()
    scope = Q(deputies__id=own_deputy_id(user)) if own_deputy_id(user) else Q(pk__in=[])
    if user.has_role(Role.SUPERVISOR) and user.organisation_id:
        scope |= Q(organiser_id=user.organisation_id)
    unit = user.unit_id_for_work()
    if unit is not None:
        scope |= Q(feedbacks__body_id=unit)
    return Inspection.objects.filter(pk__in=Inspection.objects.filter(scope).values("pk"))


def feedbacks_visible_to(user: Any) -> QuerySet[Feedback]:
    if _all(user, Role.COMMITTEE_STAFF):
        return Feedback.objects.all()
    if not user.is_authenticated:
        return Feedback.objects.none()
    # A body sees its own feedback, never another body's; the organiser and the deputies all.
    own = own_deputy_id(user)
    scope = Q(inspection__deputies__id=own) if own else Q(pk__in=[])
    if user.has_role(Role.SUPERVISOR) and user.organisation_id:
        scope |= Q(inspection__organiser_id=user.organisation_id)
    unit = user.unit_id_for_work()
    if unit is not None:
        scope |= Q(body_id=unit)
    return Feedback.objects.filter(pk__in=Feedback.objects.filter(scope).values("pk"))


def feedbacks_owed_by(user: Any) -> QuerySet[Feedback]:
    """A unit's inbox: the reports forwarded to it (D§27)."""
    unit = user.unit_id_for_work() if user.is_authenticated else None
    return Feedback.objects.filter(body_id=unit) if unit is not None else Feedback.objects.none()
