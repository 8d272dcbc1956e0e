"""Following the handling up: commitments of category-B replies (S§32), key suggestions and
their supervision (S§34–S§42), the deputies' requests to the committee (S§44)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from suggestions.models.filing import Suggestion
from suggestions.models.handling import Reply


class Commitment(models.Model):
    """S§32: what a category-B reply promised, tracked until done."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("promised action"))
    promised_date = models.DateField(_("promised date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["promised_date", "id"]
        indexes = [
            models.Index(fields=["promised_date"], condition=Q(done_on__isnull=True), name="commitment_open")
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
    # S§35: the chairpersons' meeting agrees; S§39: who supervises and who leads the handling.
    approved_on = models.DateField(_("chairpersons' meeting approval"), null=True, blank=True)
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

    def __str__(self) -> str:
        return str(self.suggestion)


class KeyNote(models.Model):
    """Supervisors' comments (S§40) and the units' handling reports to them (S§41)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Supervisor's comment")
        REPORT = "report", _("Handling report")

    key = models.ForeignKey(KeySuggestion, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField()

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
