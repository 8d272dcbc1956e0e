"""Deputies (代表) and their delegations (代表团)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import Congress, Organisation


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


class DeputyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")  # D§45
    TERMINATED = "terminated", _("Terminated")  # D§46


class DeputyGround(models.TextChoices):
    # D§45: suspension, restored when the circumstance ends.
    DETAINED = "detained", _("Detained in a criminal case (D§45(1))")
    SERVING_SENTENCE = "serving_sentence", _("Serving a sentence (D§45(2))")
    # D§46: termination of the mandate.
    MOVED_AWAY = "moved_away", _("Moved out of the province (D§46(1))")
    RESIGNED = "resigned", _("Resignation accepted (D§46(2))")
    ABSENT_TWICE = "absent_twice", _("Twice absent from sessions without leave (D§46(3))")
    RECALLED = "recalled", _("Recalled (D§46(4))")
    NATIONALITY_LOST = "nationality_lost", _("Lost PRC nationality (D§46(5))")
    RIGHTS_DEPRIVED = "rights_deprived", _("Deprived of political rights (D§46(6))")
    INCAPACITATED = "incapacitated", _("Lost legal capacity (D§46(7))")


SUSPENSION_GROUNDS = (DeputyGround.DETAINED, DeputyGround.SERVING_SENTENCE)
TERMINATION_GROUNDS = (
    DeputyGround.MOVED_AWAY,
    DeputyGround.RESIGNED,
    DeputyGround.ABSENT_TWICE,
    DeputyGround.RECALLED,
    DeputyGround.NATIONALITY_LOST,
    DeputyGround.RIGHTS_DEPRIVED,
    DeputyGround.INCAPACITATED,
)


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

    @property
    def is_active(self) -> bool:
        """Only a deputy in office may file or sign (D§45, D§46)."""
        return self.status == self.Status.ACTIVE
