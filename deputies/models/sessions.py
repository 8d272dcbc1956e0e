"""A deputy's attendance at the sessions (D§8): leave asked for in writing and decided by the
body of D§8, and each sitting's roll call kept by the secretariat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Session
from deputies import workflow
from deputies.models.deputy import Deputy


class Leave(models.Model):
    """A request not to attend a session (D§8), decided before the session by the SC
    chairpersons' meeting, during it by the secretariat."""

    Status = workflow.LeaveStatus
    Body = workflow.DecidingBody

    deputy = models.ForeignKey(
        Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="leaves"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="leaves"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    # Fixed when it is asked for: before the session opens, or during it (D§8).
    deciding_body = models.CharField(_("decided by"), max_length=24, choices=Body.choices)
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    # Staff who entered the written request for the deputy; none when the deputy asked here.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The chairpersons' meeting or the secretariat's reasons, and the meeting that decided.
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=workflow.LeaveStatus.values), name="leave_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(deciding_body__in=workflow.DecidingBody.values), name="leave_body_valid"
            ),
            # One standing request per deputy and session: asked for, or approved.
            models.UniqueConstraint(
                fields=["deputy", "session"],
                condition=Q(status__in=workflow.LEAVE_STANDING),
                name="leave_one_standing",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="leave_session_status")]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.session}"


class Sitting(models.Model):
    """One meeting of a session whose attendance the secretariat keeps (plenary, delegation)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="sittings"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100)  # 第一次全体会议
    deputies = models.ManyToManyField(Deputy, through="Attendance", related_name="sittings", blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        constraints = [models.UniqueConstraint(fields=["session", "name"], name="sitting_unique_name")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Attendance(models.Model):
    """A deputy present at, or absent from, one sitting: the roll call. Whether an absence was
    approved is read from the deputy's leave for the session, which may be decided later."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="attendance")
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["sitting", "deputy"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["sitting", "deputy"], name="sitting_attendance_unique")
        ]
        indexes = [models.Index(fields=["deputy", "present"], name="sitting_attendance_deputy")]

    def __str__(self) -> str:
        return f"{self.sitting} · {self.deputy}"
