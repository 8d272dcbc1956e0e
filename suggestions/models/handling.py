"""Handling after assignment (S§24–S§31): hearing the deputies, co units' opinions, the one
extension, replies and their templates, the deputies' evaluation and re-handling."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from suggestions.models.assignment import Assignment
from suggestions.models.filing import Suggestion
from suggestions.workflow import PUBLISHED, Party, ReplyStatus
from suggestions.workflow.statuses import Way


class Communication(models.Model):
    """S§24: the unit hears the deputies (visit, meeting, call) and replies once it has their
    understanding; for a delegation's suggestion its head also keeps in touch with the SC of
    the delegation's city. Each belongs to a round of handling: after re-handling (S§30) the
    unit hears the deputies again."""

    Way = Way
    Party = Party

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="communications")
    round = models.PositiveSmallIntegerField(_("round of handling"), default=1)
    party = models.CharField(_("with"), max_length=10, choices=Party.choices, default=Party.DEPUTY)
    date = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=10, choices=Way.choices)
    participants = models.CharField(_("who took part"), max_length=200)
    summary = models.TextField(_("what was said"))
    # S§24: 取得代表理解后方可书面答复.
    understanding = models.BooleanField(_("the deputies understand how it is handled"), default=False)
    # S§37: the unit's leader named to handle a key suggestion, when he met the deputies in person.
    leader = models.CharField(_("the unit's leader, in person"), max_length=60, blank=True)
    # S§38: the co units that researched a key suggestion with the lead unit and the deputies.
    co_units = models.ManyToManyField(
        Organisation, verbose_name=_("co-handling units taking part"), blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(way__in=Way.values), name="communication_way_valid"),
            models.CheckConstraint(condition=Q(party__in=Party.values), name="communication_party_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_way_display()}"


class CoOpinion(models.Model):
    """S§26: a co unit's written opinion to the lead unit, within two months of receipt."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="co_opinion")
    body = models.TextField(_("written opinion"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.assignment} · {self.sent_at:%Y-%m-%d}"


class ExtensionRequest(models.Model):
    """S§28: once, with reasons, before the reply is due; the assigning body decides."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="extension_request")
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    approved = models.BooleanField(null=True, blank=True)  # None: awaiting the decision
    decision_reason = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(approved__isnull=True, decided_at__isnull=True)
                | Q(approved__isnull=False, decided_at__isnull=False),
                name="extension_decided_has_time",
            )
        ]
        indexes = [
            models.Index(fields=["requested_at"], condition=Q(approved__isnull=True), name="extension_open")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.requested_at:%Y-%m-%d}"


class WithheldGround(models.TextChoices):
    """S§33: what may keep a reply from publication."""

    STATE_SECRET = "state_secret", _("State secret")
    WORK_SECRET = "work_secret", _("Work secret")
    COMMERCIAL_SECRET = "commercial_secret", _("Commercial secret")
    PRIVACY = "privacy", _("Personal privacy")
    SENSITIVE = "sensitive", _("Sensitive matter")


def scan_path(instance: Reply, filename: str) -> str:
    return f"replies/{instance.assignment_id}/{instance.round}/{filename}"


class Reply(models.Model):
    """A unit's written reply (S§25, S§29): drafted by a clerk, signed off by the unit's head
    with the sealed scan, then delivered (S§27, S§31)."""

    class Category(models.TextChoices):
        A = "A", _("A: solved or adopted")
        B = "B", _("B: in the work plan, with a timetable")
        C = "C", _("C: explained (cannot be solved now)")

    Status = ReplyStatus

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField(default=1)  # 2 after re-handling (S§30)
    category = models.CharField(_("category"), max_length=1, choices=Category.choices)
    body = models.TextField(_("reply"))
    # Category B (S§25(2)): the plan, the path and the completion date.
    plan = models.TextField(_("plan"), blank=True)
    path = models.TextField(_("path"), blank=True)
    completion_date = models.DateField(_("completion date"), null=True, blank=True)
    contact = models.CharField(_("contact person and telephone"), max_length=100, blank=True)
    scan = models.FileField(_("sealed scan (PDF)"), upload_to=scan_path, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # S§33: public unless withheld with a ground.
    public = models.BooleanField(_("public"), default=True)
    withheld_ground = models.CharField(_("ground"), max_length=20, choices=WithheldGround.choices, blank=True)

    class Meta:
        ordering = ["assignment", "round"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="reply_one_per_round"),
            models.CheckConstraint(condition=Q(category__in=["A", "B", "C"]), name="reply_category_valid"),
            models.CheckConstraint(
                condition=~Q(category="B") | (Q(completion_date__isnull=False) & ~Q(plan="") & ~Q(path="")),
                name="reply_b_has_plan",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(approved_by__isnull=False, approved_at__isnull=False) & ~Q(scan="")),
                name="reply_approved_is_signed",
            ),
            models.CheckConstraint(
                condition=Q(public=True, withheld_ground="") | (Q(public=False) & ~Q(withheld_ground="")),
                name="reply_withheld_has_ground",
            ),
        ]
        indexes = [models.Index(fields=["-approved_at"], condition=PUBLISHED, name="reply_published")]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_category_display()}"


class ReplyTemplate(models.Model):
    """A unit's boilerplate per category, so clerks do not retype it."""

    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reply_templates")
    category = models.CharField(_("category"), max_length=1, choices=Reply.Category.choices)
    name = models.CharField(_("name"), max_length=60)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["unit", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "category", "name"], name="reply_template_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """S§30: each deputy rates the reply of a round."""

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="evaluations")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="evaluations")
    round = models.PositiveSmallIntegerField(default=1)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    created = models.DateTimeField()

    class Meta:
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "deputy", "round"], name="evaluation_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(rating__in=["satisfied", "basically_satisfied", "unsatisfied"]),
                name="evaluation_rating_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_rating_display()}"


class RehandlingDecision(models.Model):
    """S§30: after an unsatisfied rating the committee orders re-handling or explains."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="rehandling_decisions")
    round = models.PositiveSmallIntegerField()
    rehandle = models.BooleanField()
    explanation = models.TextField(_("explanation to the deputy"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "round"], name="rehandling_decided_once")
        ]

    def __str__(self) -> str:
        return f"{self.suggestion} · {self.round}"
