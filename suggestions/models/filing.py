"""Filing: suggestions (建议、批评和意见), their numbers, co-signers and attachments (S§13–S§16)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.cosigning import Invitation
from congress.models import Congress, Session
from deputies.models import Delegation, Deputy
from suggestions.workflow import SUGGESTION, CoSignerStatus, Kind, Status


class SubjectArea(models.Model):
    """The areas staff route by (教育, 交通, …); kept by staff."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("subject area")
        verbose_name_plural = _("subject areas")

    def __str__(self) -> str:
        return self.name


class NotAcceptedGround(models.IntegerChoices):
    """S§10: what is not handled as a suggestion, but forwarded as a deputy's letter."""

    OUTSIDE_POWERS = 1, _("Outside the powers of the province's bodies (S§10(1))")
    AGENDA_AMENDMENT = 2, _("An amendment to a motion or report on the session's agenda (S§10(2))")
    PERSONAL_MATTER = 3, _("The deputy's or relatives' personal matter (S§10(3))")
    PETITION = 4, _("A petition, complaint or accusation letter (S§10(4))")
    SPECIFIC_CASE = 5, _("A specific case before supervisory, judicial or procuratorial bodies (S§10(5))")
    ACADEMIC_OR_ADVERTISING = 6, _("Academic discussion or product promotion (S§10(6))")
    OTHER = 7, _("Other matters not handled as suggestions (S§10(7))")


def number_label(number: int | None, session_id: int | None) -> str:
    """第0012号, or 闭会期间第0012号 for a suggestion filed between sessions; (draft) unnumbered."""
    if number is None:
        return str(_("(draft)"))
    prefix = "" if session_id else str(_("Recess "))
    return str(_("%(prefix)sNo. %(number)s")) % {"prefix": prefix, "number": f"{number:04d}"}


class Suggestion(models.Model):
    Kind = Kind
    Status = Status

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="suggestions")
    # Filed during this session (S§17); none when filed in recess (S§18).
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    # Numbers run per session, or per calendar year in recess: "s12" / "r2026".
    number_scope = models.CharField(max_length=12, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"))
    subject_area = models.ForeignKey(SubjectArea, verbose_name=_("subject area"), on_delete=models.PROTECT)
    region = models.CharField(_("region"), max_length=20, blank=True)  # a city; routes with the subject area
    lead_deputy = models.ForeignKey(
        Deputy, verbose_name=_("lead deputy"), on_delete=models.PROTECT, related_name="led_suggestions"
    )
    # S§14: a delegation suggestion needs half or more of its members and the head's signature.
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    delegation_members = models.PositiveIntegerField(_("delegation members"), null=True, blank=True)
    delegation_votes_for = models.PositiveIntegerField(_("members in favour"), null=True, blank=True)
    delegation_head_signed = models.BooleanField(_("signed by the delegation head"), default=False)
    # Editing the text after confirmations voids them (S§14): confirmations name a version.
    text_version = models.PositiveIntegerField(default=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    entered_on_paper = models.BooleanField(_("entered by staff from the paper form"), default=False)  # S§13
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    # Review outcomes (S§10, S§15).
    return_message = models.TextField(_("what to improve"), blank=True)
    not_accepted_ground = models.PositiveSmallIntegerField(
        _("ground"), choices=NotAcceptedGround.choices, null=True, blank=True
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    withdrawal_letter = models.TextField(_("withdrawal in writing"), blank=True)  # S§16
    # S§30: the replies of this round are evaluated until this day; then it closes.
    reply_round = models.PositiveSmallIntegerField(default=1)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    evaluation_due = models.DateField(_("evaluation due"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [
            # The review queue and the API's default order: by status, in filing order (either way).
            # It carries `entered_by`, which staff's visibility reads (a draft is its enterer's):
            # the queue's count then comes off the index alone, 5 -> 2 ms at 11,696 (issue 15).
            models.Index(fields=["status", "submitted_at", "id"], include=["entered_by"], name="sugg_queue"),
            models.Index(fields=["lead_deputy", "-id"], name="sugg_lead"),
            models.Index(fields=["session", "number"], name="sugg_session_number"),
            models.Index(
                fields=["evaluation_due"],
                condition=SUGGESTION.running("evaluation"),
                name="sugg_evaluation_open",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["number_scope", "number"],
                condition=Q(number__isnull=False),
                name="sugg_unique_number",
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="sugg_status_valid"),
            models.CheckConstraint(
                condition=Q(kind__in=["single", "joint", "delegation"]), name="sugg_kind_valid"
            ),
            # Filed means numbered.
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | Q(number__isnull=False) | Q(status="withdrawn"),
                name="sugg_filed_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False), name="sugg_merged_has_target"
            ),
            models.CheckConstraint(
                condition=~Q(status="not_accepted")
                | Q(not_accepted_ground__gte=1, not_accepted_ground__lte=7),
                name="sugg_not_accepted_has_ground",
            ),
            models.CheckConstraint(
                condition=~Q(kind="delegation") | Q(delegation__isnull=False), name="sugg_delegation_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}"

    def get_absolute_url(self) -> str:
        return f"{_detail_prefix()}{self.pk}/"

    @property
    def number_label(self) -> str:
        return number_label(self.number, self.session_id)

    @property
    def during_session(self) -> bool:
        return self.session_id is not None


@cache
def _detail_prefix() -> str:
    # Reversed once: list pages link every row, and reverse() per row is measurable.
    return reverse("suggestions:detail", args=[0]).removesuffix("0/")


class SuggestionCounter(models.Model):
    """The last number given in a scope; locked while a number is drawn (filing order)."""

    scope = models.CharField(max_length=12, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope}: {self.last}"


class CoSigner(Invitation):
    """A deputy invited to co-sign a suggestion; they join by confirming the final text (S§14).
    The statuses and the rules are the co-signing engine's (congress/cosigning.py)."""

    Status = CoSignerStatus

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="cosigners")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="cosigned_suggestions")

    class Meta(Invitation.Meta):
        ordering = ["id"]
        constraints = [
            *Invitation.Meta.constraints,
            models.UniqueConstraint(fields=["suggestion", "deputy"], name="cosigner_unique"),
        ]
        indexes = [models.Index(fields=["deputy", "status"], name="cosigner_deputy_status")]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"suggestions/{instance.suggestion_id}/{filename}"


class Attachment(models.Model):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
