"""The presidium (M§18–M§21, M§19, D§11): its decisions as the secretariat records them, the
plenary's vote, and the proposers' requests for reconsideration."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from motions.models.motion import Motion


class PresidiumDecision(models.Model):
    """What the presidium decided on a motion (M§18–M§21, D§11), as the secretariat recorded it."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Put on the agenda")
        RECESS_REVIEW = "recess_review", _("Referred for recess review")
        AS_SUGGESTION = "as_suggestion", _("Handled as a suggestion")
        WITHDRAWAL_CONSENT = "withdrawal_consent", _("Consented to withdrawal")
        NOT_TO_VOTE = "not_to_vote", _("Not put to the plenary vote")  # M§20

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


# What the secretariat records as the presidium's decision on a motion, or as a revised answer to
# a reconsideration; consent to a withdrawal is recorded by the withdrawal itself (D§11), the
# decision not to put a motion on the agenda to the vote by its own action (M§20).
DECISION_KINDS = [
    (k.value, k.label)
    for k in PresidiumDecision.Kind
    if k not in (PresidiumDecision.Kind.WITHDRAWAL_CONSENT, PresidiumDecision.Kind.NOT_TO_VOTE)
]


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
