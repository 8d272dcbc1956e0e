"""Trainings (D§41): the SC's collective study, at least once a year; each deputy attends at
least once a term."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Congress
from deputies import workflow
from deputies.models.deputy import Deputy


class Training(models.Model):
    Status = workflow.TrainingStatus
    Kind = workflow.TrainingKind

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="trainings")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COLLECTIVE)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(_("record of the training"), blank=True)
    deputies = models.ManyToManyField(
        Deputy, through="TrainingInvitation", related_name="trainings", verbose_name=_("deputies invited")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=workflow.TrainingStatus.values), name="training_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=workflow.TrainingKind.values), name="training_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["congress", "status", "date"], name="training_term")]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class TrainingInvitation(models.Model):
    """A deputy invited to a training, and whether they attended (recorded when it is held)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="invitations")
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="training_invitations"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["training", "id"]
        verbose_name = _("training invitation")
        verbose_name_plural = _("training invitations")
        constraints = [
            models.UniqueConstraint(fields=["training", "deputy"], name="training_invitation_unique")
        ]
        indexes = [models.Index(fields=["deputy", "attended"], name="training_invitation_deputy")]

    def __str__(self) -> str:
        return f"{self.training} · {self.deputy}"
