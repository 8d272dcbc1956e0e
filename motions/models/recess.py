"""Meetings with the proposers (M§5, M§22, M§24, M§26), the reviewing body's report in recess
(M§23), the SC's conclusion (M§21, M§26) and what goes from it to the next session."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation, Session
from deputies.models import Deputy
from motions.models.motion import Motion


class Hearing(models.Model):
    """A meeting that deliberates a motion, to which its proposers are invited (M§22, M§24, M§26),
    or in which the person responsible for it meets them face to face (M§5(3))."""

    class Kind(models.TextChoices):
        DELIBERATION = "deliberation", _("Deliberation in session (M§22)")
        RECESS_HEARING = "recess_hearing", _("Meeting, research or discussion in recess (M§24)")
        SC_MEETING = "sc_meeting", _("SC meeting deliberating the report (M§26)")
        FACE_TO_FACE = "face_to_face", _("Face-to-face meeting with the responsible person (M§5)")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    body = models.ForeignKey(
        Organisation,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    proposers_invited = models.BooleanField(_("proposers invited"), default=True)
    attended_by = models.ManyToManyField(
        Deputy, verbose_name=_("proposers who attended"), blank=True, related_name="+"
    )
    summary = models.TextField(_("summary"), blank=True)
    # A face-to-face meeting (M§5(3)): the person responsible for the motion who met them.
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_at", "id"]
        verbose_name = _("meeting on a motion")
        verbose_name_plural = _("meetings on motions")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.kind} {self.held_at:%Y-%m-%d}"


class RecessReport(models.Model):
    """The body's review result report (审议结果报告 / 处理情况报告), due 6 months after the close (M§23)."""

    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="recess_report")
    body = models.ForeignKey(
        Organisation, verbose_name=_("reporting body"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("summary of the report"))
    file = models.FileField(_("report (PDF or Word)"), upload_to="motions/reports/%Y/")
    # M§26: the chairpersons' meeting agreed before the SC deliberates it.
    chairpersons_meeting_on = models.DateField(_("chairpersons' meeting agreed on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("recess review report")
        verbose_name_plural = _("recess review reports")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.submitted_at:%Y-%m-%d}"


class Conclusion(models.Model):
    """The SC's conclusion (M§21, M§26): published, and printed for the next session."""

    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="conclusion")
    sc_meeting_on = models.DateField(_("SC meeting"))
    text = models.TextField(_("conclusion"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.sc_meeting_on}"


class NextSessionReport(models.Model):
    """What goes from a motion to the next session (下一次省人民代表大会会议), recorded by the
    committee staff who send it: the review result report printed for it (M§26), the SC's
    decision on an authorized motion reported for the record, or the authorized motion itself
    submitted for its deliberation (M§21)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Review result report printed for the next session (M§26)")
        RECORD = "record", _("The SC's decision reported to the next session for the record (M§21)")
        DELIBERATION = "deliberation", _("Submitted to the next session for deliberation (M§21)")

    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="next_session_report")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    session = models.ForeignKey(
        Session, verbose_name=_("next session"), on_delete=models.PROTECT, related_name="motion_reports"
    )
    sent_on = models.DateField(_("sent on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "sent_on", "id"]
        verbose_name = _("report to the next session")
        verbose_name_plural = _("reports to the next session")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.kind} → {self.session_id}"
