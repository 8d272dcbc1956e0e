"""Assignment (交办, S§17–S§21): each unit's part of a suggestion with its statutory clocks, the
deputies' disagreements, and the routing table staff route by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from suggestions.models.filing import SubjectArea, Suggestion
from suggestions.workflow import ASSIGNMENT, AssignmentStatus, Role


class Assignment(models.Model):
    """One handling unit's part of one suggestion (交办), with its statutory clocks."""

    Status = AssignmentStatus
    Role = Role

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        Organisation, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=6, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=14, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"))
    # The day the clocks count from: delivery through the portal is receipt (S§20, S§28).
    assigned_on = models.DateField(_("assigned on"))
    objection_due = models.DateField(_("objection due"))
    reply_due = models.DateField(_("reply due"), null=True, blank=True)  # lead, sole, split
    co_opinion_due = models.DateField(_("opinion due"), null=True, blank=True)  # co units (S§26)
    reassignment_due = models.DateField(_("reassignment due"), null=True, blank=True)
    # A due date in a year not yet on the calendar is provisional and recomputed later.
    provisional = models.BooleanField(default=False)
    extended = models.BooleanField(_("extended"), default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    objected_at = models.DateTimeField(null=True, blank=True)
    objected_on = models.DateField(null=True, blank=True)
    objection_reason = models.TextField(_("reason"), blank=True)
    objection_decision = models.TextField(blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # S§30: re-handling ordered on this day, due one month later.
    rehandling_on = models.DateField(null=True, blank=True)
    rehandling_due = models.DateField(_("re-handling due"), null=True, blank=True)
    # S§37(1): a key suggestion is handled by the unit's principal or deputy leader, named here.
    leader = models.CharField(_("the unit's leader handling it"), max_length=60, blank=True)
    # S§41: after replying to a key suggestion the unit reports its handling to the supervising
    # body: due on this day (a portal policy: the article says 及时), reported then.
    key_report_due = models.DateField(_("handling report due"), null=True, blank=True)
    key_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            # A unit's inbox, soonest reply first.
            models.Index(fields=["unit", "status", "reply_due"], name="asg_unit_inbox"),
            # The inbox's default view, open work in the order it shows: its page comes off this
            # index instead of sorting a unit's 7,000 open assignments (issue 15).
            models.Index(
                fields=["unit", "objection_due", "reply_due", "co_opinion_due", "id"],
                condition=Q(status__in=ASSIGNMENT.open_statuses),
                name="asg_unit_inbox_open",
            ),
            # The same for the assigning body, which opens the inbox across every unit: 287 ms of
            # sorting all 80,000 open assignments for a page of 20 without it.
            models.Index(
                fields=["objection_due", "reply_due", "co_opinion_due", "id"],
                condition=Q(status__in=ASSIGNMENT.open_statuses),
                name="asg_inbox_open",
            ),
            models.Index(fields=["suggestion", "status"], name="asg_suggestion"),
            # The government's departments' assignments (S§43) in the order that page lists them:
            # its page comes off this index instead of sorting some 255,000 rows at ten years.
            models.Index(fields=["reply_due", "co_opinion_due", "id"], name="asg_due_order"),
            # The accountability lists (S§47) in the order they show, oldest assignment first: a
            # page of 20 comes off this index instead of sorting every overdue part (some 64,000
            # at ten years' data).
            models.Index(fields=["assigned_on", "id"], name="asg_assigned_order"),
            # Sweeps and the overdue board: one indexed query per clock finds what is due, among
            # the assignments the clock runs for (the table's states, and the roles it applies to).
            # The board counts per unit from the index alone (an index-only scan, no row read):
            # at ten years' data some 80,000 co-units' opinions are past due.
            models.Index(
                fields=["objection_due"], condition=ASSIGNMENT.running("objection"), name="asg_objection_open"
            ),
            models.Index(
                fields=["reassignment_due"],
                condition=ASSIGNMENT.running("reassignment"),
                include=["unit", "id"],
                name="asg_reassign_open",
            ),
            models.Index(
                fields=["reply_due"],
                condition=ASSIGNMENT.running("reply"),
                include=["unit", "id"],
                name="asg_reply_due_open",
            ),
            models.Index(
                fields=["co_opinion_due"],
                condition=ASSIGNMENT.running("co_opinion"),
                include=["unit", "id"],
                name="asg_co_opinion_open",
            ),
            models.Index(fields=["provisional"], condition=Q(provisional=True), name="asg_provisional"),
            models.Index(
                fields=["rehandling_due"],
                condition=ASSIGNMENT.running("rehandling"),
                include=["unit", "id"],
                name="asg_rehandling_open",
            ),
            models.Index(
                fields=["key_report_due"],
                condition=Q(key_reported_at__isnull=True),
                name="asg_key_report_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AssignmentStatus.values), name="asg_status_valid"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="asg_role_valid"),
            # A co unit owes its opinion to the lead (S§26); every other unit owes the reply.
            models.CheckConstraint(
                condition=(
                    Q(role="co", co_opinion_due__isnull=False) | (~Q(role="co") & Q(reply_due__isnull=False))
                ),
                name="asg_has_its_clock",
            ),
            models.CheckConstraint(
                condition=~Q(status="objected")
                | Q(reassignment_due__isnull=False, objected_on__isnull=False),
                name="asg_objection_has_clock",
            ),
            # One open assignment per unit and suggestion.
            models.UniqueConstraint(
                fields=["suggestion", "unit"],
                condition=Q(status__in=sorted(map(str, ASSIGNMENT.open_statuses))),
                name="asg_one_open_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion.number_label} → {self.unit}"

    @property
    def is_open(self) -> bool:
        return self.status in ASSIGNMENT.open_statuses


class Disagreement(models.Model):
    """A deputy disagrees with the assignment (S§21); the committee re-routes or explains."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="disagreements")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(resolved_at__isnull=True), name="disagreement_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.suggestion.number_label} · {self.deputy}"


class RoutingRule(models.Model):
    """Staff's routing table: a subject area (and region) to the units that usually handle it."""

    subject_area = models.ForeignKey(SubjectArea, verbose_name=_("subject area"), on_delete=models.CASCADE)
    region = models.CharField(_("region"), max_length=20, blank=True, help_text=_("A city, or empty for any"))
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("handling unit"),
        on_delete=models.CASCADE,
        limit_choices_to={"kind__in": Organisation.HANDLING_KINDS},
    )
    role = models.CharField(_("role"), max_length=6, choices=Role.choices)

    class Meta:
        ordering = ["subject_area", "region", "role"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing table")
        constraints = [
            models.UniqueConstraint(fields=["subject_area", "region", "unit"], name="routing_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_area} {self.region or '*'} → {self.unit} ({self.get_role_display()})"
