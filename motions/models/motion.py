"""A motion (议案) as filed (M§8–M§13): its text, attachments, co-signatures, history and the
opinions asked on it. The status table is motions/workflow.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.cosigning import Invitation
from congress.models import Organisation, Session
from deputies.models import Delegation, Deputy
from motions.workflow import HAS_REVIEW_BODY, MOTION, REPORT_CLOCK, Status

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
    # M§5(3): the body names the person responsible for handling it, who meets the deputies.
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

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
            # The lists page motions by session and number, then filter by who may see them: the
            # keys of a page come from this index alone (issue 15), not a scan of every text.
            models.Index(
                fields=["session", "number", "id"],
                name="motion_list_order",
                include=["created_by", "lead_deputy", "status"],
            ),
            # The sweep's reminders look up open report clocks by date.
            models.Index(
                fields=["report_due"], name="motion_report_due_open", condition=MOTION.running(REPORT_CLOCK)
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
                condition=Q(status=Status.DRAFT, number__isnull=True)
                | (~Q(status=Status.DRAFT) & Q(number__isnull=False, submitted_at__isnull=False)),
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
                | Q(status=Status.DRAFT)
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
                condition=Q(status=Status.MERGED, merged_into__isnull=False)
                | (~Q(status=Status.MERGED) & Q(merged_into__isnull=True)),
                name="motion_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(converted_to__isnull=True) | Q(status=Status.CONVERTED),
                name="motion_suggestion_link_when_converted",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(HAS_REVIEW_BODY))
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


class CoSignature(Invitation):
    """A deputy invited to co-sign a joint motion; they join by confirming the final text (M§12).
    The statuses and the rules are the co-signing engine's (congress/cosigning.py)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="cosignatures")
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="motion_signatures"
    )

    class Meta(Invitation.Meta):
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            *Invitation.Meta.constraints,
            models.UniqueConstraint(fields=["motion", "deputy"], name="cosignature_unique"),
        ]
        indexes = [models.Index(fields=["deputy"], name="cosignature_pending", condition=Q(status="invited"))]

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
