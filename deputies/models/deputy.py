"""Deputies (代表) and their delegations (代表团); a deputy's status is a table of
deputies/workflow (D§45–D§49)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Congress, Organisation
from deputies.pinyin import initials
from deputies.workflow.statuses import SUSPENSION_GROUNDS, TERMINATION_GROUNDS, DeputyGround, DeputyStatus

__all__ = [
    "SUSPENSION_GROUNDS",
    "TERMINATION_GROUNDS",
    "Delegation",
    "Deputy",
    "DeputyGround",
    "DeputyStatus",
]


class Delegation(models.Model):
    """The deputies elected by one city (设区的市) or unit, for one congress term."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="delegations")
    name = models.CharField(_("name"), max_length=60)
    # The city's SC receives the replies to the delegation's suggestions (S§27).
    city_sc = models.ForeignKey(
        Organisation,
        verbose_name=_("city people's congress SC"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.CITY_SC},
        related_name="delegations",
    )
    head = models.ForeignKey(
        "Deputy",
        verbose_name=_("delegation head"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("delegation staff"), blank=True, related_name="delegations"
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [models.UniqueConstraint(fields=["congress", "name"], name="delegation_unique_name")]

    def __str__(self) -> str:
        return self.name


class Deputy(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    Status = DeputyStatus
    Ground = DeputyGround
    SUSPENSION_GROUNDS = SUSPENSION_GROUNDS
    TERMINATION_GROUNDS = TERMINATION_GROUNDS

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="deputies")
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="deputies"
    )
    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    constituency = models.CharField(_("constituency"), max_length=100)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("mailing address"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    status_ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices, blank=True)
    status_since = models.DateField(_("since"), null=True, blank=True)
    status_until = models.DateField(_("until"), null=True, blank=True)
    # S§48: a deputy to the National People's Congress elected in the province, who attends the
    # provincial sessions or the SC's activities and files suggestions under the same measures.
    npc_deputy = models.BooleanField(_("NPC deputy elected in the province"), default=False)
    # The decision behind the present status and the day it was announced (D§45, D§48, D§49);
    # every earlier change is in the history (Event), with its own.
    status_decision = models.CharField(_("decision"), max_length=200, blank=True)
    status_announced_on = models.DateField(_("announced on"), null=True, blank=True)
    # D§43: a deputy elected directly by voters reports to them on their work.
    directly_elected = models.BooleanField(_("elected directly by voters"), default=False)
    # D§42: a minority deputy's language and custom needs, honoured in notices and activities.
    language_needs = models.CharField(_("language needs"), max_length=200, blank=True)
    custom_needs = models.CharField(_("custom needs"), max_length=200, blank=True)
    # The co-signer picker finds "lm" → 李明 with one indexed prefix query; filled on save.
    pinyin_initials = models.CharField(max_length=50, blank=True, db_index=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        indexes = [models.Index(fields=["congress", "status"], name="deputy_congress_status")]
        constraints = [
            # A deputy in office has no ground; a suspended or terminated one has the ground
            # of the article that applies and the date it took effect.
            models.CheckConstraint(
                name="deputy_status_has_ground",
                condition=(
                    Q(status="active", status_ground="")
                    | Q(
                        status="suspended",
                        status_ground__in=[g.value for g in SUSPENSION_GROUNDS],
                        status_since__isnull=False,
                    )
                    | Q(
                        status="terminated",
                        status_ground__in=[g.value for g in TERMINATION_GROUNDS],
                        status_since__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pinyin_initials = initials(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "pinyin_initials"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        """Only a deputy in office may file or sign (D§45, D§46)."""
        return self.status == self.Status.ACTIVE

    @property
    def needs(self) -> str:
        """D§42: what those who organise for the deputy are to provide, in one line."""
        return "；".join(n for n in (self.language_needs, self.custom_needs) if n)
