"""Motions (议案): filing, review by the motion-review committee, the presidium's decisions and
the review in recess (M§8–M§26). The status table is motions/workflow.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation, Session
from deputies.models import Delegation, Deputy
from motions.workflow import Status

REVIEW_BODY_KINDS = (Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_BODY)


class Category(models.TextChoices):
    # M§9(1)–(4)
    LEGISLATION = "legislation", _("Local regulation")
    MAJOR_MATTER = "major_matter", _("Major matter")
    SUPERVISION = "supervision", _("Supervision")
    OTHER = "other", _("Other matter")


class RegulationAction(models.TextChoices):
    # M§9(1): 制定、修改、废止或者解释地方性法规
    MAKE = "make", _("Make a regulation")
    AMEND = "amend", _("Amend a regulation")
    REPEAL = "repeal", _("Repeal a regulation")
    INTERPRET = "interpret", _("Interpret a regulation")


# M§8(3): a motion to make or amend a regulation carries the draft text and its explanation.
DRAFT_TEXT_ACTIONS = frozenset({RegulationAction.MAKE, RegulationAction.AMEND})


class Kind(models.TextChoices):
    JOINT = "joint", _("Ten or more deputies jointly")
    DELEGATION = "delegation", _("A delegation")


class Motion(models.Model):
    Status = Status
    Category = Category
    Kind = Kind
    RegulationAction = RegulationAction

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="motions"
    )
    # Given at submission, in filing order within the session (0001, 0002, ...).
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    kind = models.CharField(_("filed by"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAFT)

    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("reason (案由)"), blank=True)  # M§8(3)
    grounds = models.TextField(_("grounds (案据)"), blank=True)
    solution = models.TextField(_("proposed solution (方案)"), blank=True)
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    regulation_action = models.CharField(
        _("regulation action"), max_length=10, choices=RegulationAction.choices, blank=True
    )
    # Editing the text voids co-signers' confirmations; they confirm a version (M§12).
    text_version = models.PositiveIntegerField(_("text version"), default=1)

    # Joint motions: the lead deputy (counts toward the ten). Delegation motions: none.
    lead_deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("lead deputy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_motions",
    )
    # Delegation motions (M§12): the delegation's plenary meeting, its members, the votes for,
    # and the head's signature.
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
    )
    plenary_date = models.DateField(_("delegation plenary meeting"), null=True, blank=True)
    member_count = models.PositiveSmallIntegerField(_("delegation members"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("members voting for"), null=True, blank=True)
    head_signed_by = models.ForeignKey(
        Deputy,
        verbose_name=_("signed by the delegation head"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    # Intake (M§17): the secretariat classifies and names the committee whose field it is.
    subject_body = models.ForeignKey(
        Organisation,
        verbose_name=_("field (committee)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind__in": REVIEW_BODY_KINDS},
        related_name="+",
    )
    preliminary_opinion = models.TextField(_("preliminary review opinion"), blank=True)  # M§14(1)

    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_motions",
    )

    # Recess review (M§23): the body it was referred to and the 6-month report clock.
    review_body = models.ForeignKey(
        Organisation,
        verbose_name=_("reviewing body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind__in": REVIEW_BODY_KINDS},
        related_name="reviewed_motions",
    )
    report_due = models.DateField(_("report due"), null=True, blank=True)
    report_due_provisional = models.BooleanField(_("report due date provisional"), default=False)

    # M§18(3): a motion the presidium decides to handle as a suggestion continues as this one.
    converted_to = models.OneToOneField(
        "suggestions.Suggestion",
        verbose_name=_("handled as suggestion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="converted_from_motion",
    )

    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["session", "number", "id"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        indexes = [
            models.Index(fields=["session", "status"], name="motion_session_status"),
            # The sweep's reminders look up open report clocks by date.
            models.Index(
                fields=["report_due"], name="motion_report_due_open", condition=Q(status="referred")
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"], name="motion_unique_number", condition=Q(number__isnull=False)
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="motion_status_valid"),
            models.CheckConstraint(condition=Q(category__in=Category.values), name="motion_category_valid"),
            # A filed motion has its number; a draft has none.
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | (~Q(status="draft") & Q(number__isnull=False, submitted_at__isnull=False)),
                name="motion_number_when_filed",
            ),
            # Joint motions have a lead deputy; delegation motions have a delegation (M§2).
            models.CheckConstraint(
                condition=Q(kind="joint", lead_deputy__isnull=False, delegation__isnull=True)
                | Q(kind="delegation", lead_deputy__isnull=True, delegation__isnull=False),
                name="motion_kind_proposer",
            ),
            # A filed delegation motion passed by more than half of all members (M§12).
            models.CheckConstraint(
                condition=Q(kind="joint")
                | Q(status="draft")
                | Q(
                    plenary_date__isnull=False,
                    head_signed_by__isnull=False,
                    member_count__gt=0,
                    votes_for__lte=F("member_count"),
                    votes_for__gt=F("member_count") / 2,
                ),
                name="motion_delegation_majority",
            ),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="motion_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(converted_to__isnull=True) | Q(status="converted"),
                name="motion_suggestion_link_when_converted",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["referred", "reported"])
                | Q(review_body__isnull=False, report_due__isnull=False),
                name="motion_referred_has_clock",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}"

    @property
    def number_label(self) -> str:
        """'0016号' — how a congress writes a motion's number."""
        if self.number is None:
            return str(_("(draft)"))
        return _("No. %(number)s") % {"number": f"{self.number:04d}"}

    @property
    def number_text(self) -> str:
        return f"{self.number:04d}" if self.number is not None else ""


class Attachment(models.Model):
    class Kind(models.TextChoices):
        DRAFT_TEXT = "draft_text", _("Draft regulation text")
        EXPLANATION = "explanation", _("Explanation of the draft")
        OTHER = "other", _("Other material")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="motions/attachments/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class CoSignature(models.Model):
    """A deputy invited to co-sign a joint motion; they join by confirming the final text (M§12)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="cosignatures")
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="motion_signatures"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["motion", "deputy"], name="cosignature_unique"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True, confirmed_version__isnull=True)
                | Q(confirmed_at__isnull=False, confirmed_version__isnull=False),
                name="cosignature_confirmed_has_version",
            ),
        ]
        indexes = [
            models.Index(
                fields=["deputy"], name="cosignature_pending", condition=Q(confirmed_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.deputy}"


class MotionEvent(models.Model):
    """The history of a motion: who did what, when, from which status to which, and why."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=15, blank=True)
    to_status = models.CharField(max_length=15, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("motion event")
        verbose_name_plural = _("motion history")
        indexes = [models.Index(fields=["motion", "at"], name="motionevent_motion_at")]

    def __str__(self) -> str:
        return f"{self.motion_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class OpinionRequest(models.Model):
    """A committee's or body's opinion on a motion: asked at intake (M§17) or in recess (M§25)."""

    class Stage(models.TextChoices):
        INTAKE = "intake", _("At intake (M§17)")
        RECESS = "recess", _("In recess review (M§25)")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="opinions")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    body = models.ForeignKey(
        Organisation, verbose_name=_("asked body"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("what is asked"), blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("opinion request")
        verbose_name_plural = _("opinion requests")
        constraints = [
            models.UniqueConstraint(fields=["motion", "stage", "body"], name="opinion_unique_per_body"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(opinion=""), name="opinion_answer_has_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.body}"


# --- The motion-review committee (M§15–M§18) ---------------------------------------------------


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


# --- The presidium ------------------------------------------------------------------------------


class PresidiumDecision(models.Model):
    """What the presidium decided on a motion (M§18–M§21, D§11), as the secretariat recorded it."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Put on the agenda")
        RECESS_REVIEW = "recess_review", _("Referred for recess review")
        AS_SUGGESTION = "as_suggestion", _("Handled as a suggestion")
        WITHDRAWAL_CONSENT = "withdrawal_consent", _("Consented to withdrawal")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=20, choices=Kind.choices)
    body = models.ForeignKey(
        Organisation,
        verbose_name=_("reviewing body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("presidium meeting"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("presidium decision")
        verbose_name_plural = _("presidium decisions")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.kind}"


class PlenaryResult(models.Model):
    """The plenary's vote on a motion on the agenda (M§20), or its authorization to the SC (M§21)."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        AUTHORIZED = "authorized", _("Authorized to the SC")

    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="plenary_result")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    voted_at = models.DateTimeField(_("plenary meeting"))
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("plenary result")
        verbose_name_plural = _("plenary results")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.outcome}"


class Reconsideration(models.Model):
    """A written request of 2/3 or more of a motion's proposers against the review report (M§19)."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("The decision stands")
        REVISED = "revised", _("The decision was revised")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="reconsiderations")
    signers = models.ManyToManyField(Deputy, verbose_name=_("signed by"), related_name="+")
    reason = models.TextField(_("reason"))
    requested_at = models.DateTimeField(_("received"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposers_total = models.PositiveSmallIntegerField(_("proposers in all"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("reconsideration request")
        verbose_name_plural = _("reconsideration requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, outcome="")
                | Q(answered_at__isnull=False, outcome__in=["upheld", "revised"]),
                name="reconsideration_answer_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.requested_at:%Y-%m-%d %H:%M}"


# --- Meetings with the proposers, the recess report, the SC's conclusion -------------------------


class Hearing(models.Model):
    """A meeting that deliberates a motion, to which its proposers are invited (M§22, M§24, M§26)."""

    class Kind(models.TextChoices):
        DELIBERATION = "deliberation", _("Deliberation in session (M§22)")
        RECESS_HEARING = "recess_hearing", _("Meeting, research or discussion in recess (M§24)")
        SC_MEETING = "sc_meeting", _("SC meeting deliberating the report (M§26)")

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
