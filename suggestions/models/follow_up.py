"""Following the handling up: commitments of category-B replies (S§32), key suggestions and
their supervision (S§34–S§42), the deputies' requests to the committee (S§44), and the SC's
orders to a unit to put its handling right (S§47)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from suggestions.models.assignment import Assignment
from suggestions.models.filing import Suggestion
from suggestions.models.handling import Reply
from suggestions.workflow import RectificationStatus


class Commitment(models.Model):
    """S§32: what a category-B reply promised, tracked until done; the unit reports its
    progress every year (S§25(2)), by `progress_due`."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("promised action"))
    promised_date = models.DateField(_("promised date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    progress_due = models.DateField(_("next progress report due"), null=True, blank=True)

    class Meta:
        ordering = ["promised_date", "id"]
        indexes = [
            models.Index(fields=["promised_date"], condition=Q(done_on__isnull=True), name="commitment_open"),
            models.Index(
                fields=["progress_due"], condition=Q(done_on__isnull=True), name="commitment_progress_open"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:40]


class CommitmentProgress(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress")
    text = models.TextField(_("progress"))
    done = models.BooleanField(_("done"), default=False)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["reported_at"]

    def __str__(self) -> str:
        return self.text[:40]


class KeySuggestion(models.Model):
    """S§34–S§42: chosen for key handling and supervision."""

    class Ground(models.IntegerChoices):
        CENTRAL_WORK = 1, _("The province's central work (S§34(1))")
        SC_PRIORITY = 2, _("A key task of the standing committee (S§34(2))")
        CONCENTRATED = 3, _("Raised by many deputies; a major matter for the people (S§34(3))")

    class Channel(models.TextChoices):
        SESSION = "session", _("Key handling of session suggestions (S§35)")
        THROUGH_TRAIN = "through_train", _("Through-train (S§36)")

    suggestion = models.OneToOneField(Suggestion, on_delete=models.CASCADE, related_name="key")
    ground = models.PositiveSmallIntegerField(_("ground"), choices=Ground.choices)
    grounds_text = models.TextField(_("grounds"))
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    # S§35: the chairpersons' meeting agrees (a session's suggestion: its date and reference);
    # S§39: who supervises and who leads the handling, named.
    approved_on = models.DateField(_("chairpersons' meeting approval"), null=True, blank=True)
    approval_reference = models.CharField(_("reference of the approval"), max_length=100, blank=True)
    supervising_body = models.ForeignKey(
        Organisation,
        verbose_name=_("supervising body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supervising_leader = models.CharField(_("supervising leader"), max_length=60, blank=True)
    leading_official = models.CharField(_("leading official"), max_length=60, blank=True)
    # S§7(3): the supervising body's person responsible for it, who meets the deputies.
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return str(self.suggestion)


class KeyNote(models.Model):
    """The supervision of a key suggestion, note by note: supervisors' comments (S§40), the units'
    handling reports (S§41), follow-on handling handed to a unit (S§40(4)), and the face-to-face
    meetings of the supervising body's responsible person with the deputies (S§7(3))."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Supervisor's comment")
        REPORT = "report", _("Handling report")
        FOLLOW_ON = "follow_on", _("Follow-on handling")
        MEETING = "meeting", _("Face-to-face meeting with the deputies")

    key = models.ForeignKey(KeySuggestion, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField()
    # The unit a report comes from, or a follow-on goes to.
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="key_notes"
    )
    # S§41: a government unit's report also goes to the provincial government's leader in charge.
    leader_informed = models.CharField(_("also reported to"), max_length=60, blank=True)
    # S§7(3): the meeting, who held it and the deputies who came.
    met_on = models.DateField(_("date"), null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attended_by = models.ManyToManyField(
        Deputy, verbose_name=_("deputies present"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created:%Y-%m-%d}"


class SupervisionRequest(models.Model):
    """S§44: a deputy asks about progress or to meet the unit's head; the committee arranges."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Ask about progress")
        MEET_HEAD = "meet_head", _("Meet the unit's head")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="supervision_requests")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    message = models.TextField(_("message"))
    created = models.DateTimeField()
    arrangement = models.TextField(_("arrangement"), blank=True)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    arranged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created"]
        indexes = [
            models.Index(fields=["created"], condition=Q(arranged_at__isnull=True), name="supervision_open")
        ]

    def __str__(self) -> str:
        return f"{self.suggestion} · {self.get_kind_display()}"


class Rectification(models.Model):
    """S§47: 责令承办单位限期整改并报告办理结果. The SC orders a handling unit to put its handling
    right by a date, on one of the article's grounds and for the suggestions concerned; the
    unit reports the result. A serious case is referred for the people responsible to be held
    to account (情节严重的，建议有关机关、组织依法追究…责任)."""

    class Ground(models.IntegerChoices):
        NEGLECT = 1, _("No leader in charge, no one responsible (S§47(1))")
        PERFUNCTORY = 2, _("Perfunctory, passed on, or left unhandled past the deadline (S§47(2))")
        LATE_WITHOUT_REASON = 3, _("Not handled in time without good reason (S§47(3))")
        RETALIATION = 4, _("Obstructing, blaming or retaliating against the deputies (S§47(4))")

    Status = RectificationStatus

    unit = models.ForeignKey(
        Organisation, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="rectifications"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.ORDERED
    )
    ground = models.PositiveSmallIntegerField(_("ground (S§47)"), choices=Ground.choices)
    finding = models.TextField(_("what the SC found"))
    assignments = models.ManyToManyField(
        Assignment, verbose_name=_("suggestions concerned"), related_name="+"
    )
    due = models.DateField(_("to be put right by"))
    referral = models.TextField(_("serious: referred to"), blank=True)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ordered_at = models.DateTimeField()
    report = models.TextField(_("the unit's report of the result"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-ordered_at", "-id"]
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(ground__gte=1, ground__lte=4), name="rectification_ground_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RectificationStatus.values), name="rectification_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="ordered") | (Q(reported_at__isnull=False) & ~Q(report="")),
                name="rectification_reported_has_report",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="rectification_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.ordered_at:%Y-%m-%d}"
