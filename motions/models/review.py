"""The motion-review committee (M§15–M§18): its members, meetings and attendance (the quorum),
its recommendation on each motion, and its report with the vote that adopted it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation, Session
from motions.models.motion import REVIEW_BODY_KINDS, Motion


class ReviewMember(models.Model):
    """A member of a session's motion-review committee (M§15: chosen among the deputies)."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="review_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="review_memberships",
    )
    position = models.CharField(
        _("position"), max_length=12, choices=Position.choices, default=Position.MEMBER
    )

    class Meta:
        ordering = ["session", "position", "id"]
        verbose_name = _("review committee member")
        verbose_name_plural = _("review committee members")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="reviewmember_unique"),
            models.UniqueConstraint(
                fields=["session"], condition=Q(position="chair"), name="reviewmember_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_position_display()})"


class ReviewMeeting(models.Model):
    """A meeting of the committee; it may act only with more than half its members present (M§16)."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="review_meetings")
    number = models.PositiveSmallIntegerField(_("meeting number"))
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    convened_by = models.ForeignKey(
        ReviewMember, verbose_name=_("convened by"), on_delete=models.PROTECT, related_name="+"
    )
    # Filled once attendance is recorded: the members in office then, and those present.
    members_total = models.PositiveSmallIntegerField(_("members in all"), default=0)
    present_count = models.PositiveSmallIntegerField(_("members present"), default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("review committee meeting")
        verbose_name_plural = _("review committee meetings")
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="reviewmeeting_unique_number"),
            models.CheckConstraint(
                condition=Q(present_count__lte=F("members_total")), name="reviewmeeting_present_le_total"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Meeting %(number)s") % {"number": self.number})

    @property
    def has_quorum(self) -> bool:
        """M§16: 过半数组成人员出席，会议始得举行."""
        return self.members_total > 0 and self.present_count * 2 > self.members_total


class Attendance(models.Model):
    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(ReviewMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.member}: {self.present}"


class Recommendation(models.Model):
    """The committee's review opinion on one motion (M§18), made at a quorate meeting."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Put on this session's agenda")  # M§18(1)
        RECESS_REVIEW = "recess_review", _("Review in recess")  # M§18(2)
        AS_SUGGESTION = "as_suggestion", _("Handle as a suggestion")  # M§18(3)

    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="recommendation")
    kind = models.CharField(_("recommendation"), max_length=15, choices=Kind.choices)
    body = models.ForeignKey(
        Organisation,
        verbose_name=_("reviewing body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind__in": REVIEW_BODY_KINDS},
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.PROTECT, related_name="recommendations")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="recess_review", body__isnull=False)
                | (~Q(kind="recess_review") & Q(body__isnull=True)),
                name="recommendation_recess_names_body",
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.kind}"


class ReviewReport(models.Model):
    """The committee's report on all of a session's motions (M§16, M§17, M§19).

    Its content is generated from the motions (motions/report.py); this row records the
    vote that adopted it and the presidium's approval and distribution.
    """

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="review_report")
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_meeting = models.ForeignKey(
        ReviewMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    members_total = models.PositiveSmallIntegerField(_("members in all"), default=0)
    approved_at = models.DateTimeField(_("passed by the presidium"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        constraints = [
            # M§16: adopted by more than half of all the committee's members.
            models.CheckConstraint(
                condition=Q(adopted_at__isnull=True)
                | Q(votes_for__gt=F("members_total") / 2, members_total__gt=0),
                name="reviewreport_majority_of_all",
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(adopted_at__isnull=False),
                name="reviewreport_approved_after_adoption",
            ),
        ]

    def __str__(self) -> str:
        return str(self.session)


class ReportVote(models.Model):
    """One member's vote on the review report at a meeting."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(ReviewMember, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("report vote")
        verbose_name_plural = _("report votes")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="reportvote_unique")]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"
