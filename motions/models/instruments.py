"""The joint instruments deputies file to the presidium during a session (WORKFLOWS.md §5b):
the interpellation (质询案, D§14) with its answers, speeches at the answer meeting and the
proposers' evaluations; the recall motion (罢免案, D§15) with the defence of the person named;
the proposal for a special investigation committee (D§16). Each has its invitations to
co-sign (the engine: congress/cosigning.py) and its append-only history. The status tables are
motions/workflow/instruments.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.cosigning import Invitation
from congress.models import Organisation, Session
from deputies.models import Delegation, Deputy
from motions.workflow.instruments import InterpellationStatus, PlenaryStatus

# D§14: the government, one of its departments, the court, the procuratorate. The government
# itself is reached through its general office, the organisation that answers for it.
INTERPELLATION_TARGETS = (
    Organisation.Kind.GENERAL_OFFICE,
    Organisation.Kind.GOVERNMENT,
    Organisation.Kind.COURT,
    Organisation.Kind.PROCURATORATE,
)


class Instrument(models.Model):
    """What the three share: the session, the filing number, the lead deputy and the version of
    the text the co-signers confirm (an edit voids their confirmations)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="+"
    )
    # Given at submission, in filing order within the session and the kind of instrument.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text_version = models.PositiveIntegerField(_("text version"), default=1)
    lead_deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("lead deputy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_%(class)ss",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    url_name = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(f"motions:{self.url_name}", args=[self.pk])

    @property
    def number_label(self) -> str:
        if self.number is None:
            return str(_("(draft)"))
        return _("No. %(number)s") % {"number": f"{self.number:04d}"}


def _filed_constraints(prefix: str, statuses: type[models.TextChoices]) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(
            fields=["session", "number"], name=f"{prefix}_unique_number", condition=Q(number__isnull=False)
        ),
        models.CheckConstraint(condition=Q(status__in=statuses.values), name=f"{prefix}_status_valid"),
        models.CheckConstraint(
            condition=Q(status="draft", number__isnull=True)
            | (~Q(status="draft") & Q(number__isnull=False, submitted_at__isnull=False)),
            name=f"{prefix}_number_when_filed",
        ),
    ]


class Interpellation(Instrument):
    """质询案 (D§14): by a delegation or ten or more deputies jointly, to a body, with its
    questions and their content."""

    Status = InterpellationStatus

    class Kind(models.TextChoices):
        JOINT = "joint", _("Ten or more deputies jointly")
        DELEGATION = "delegation", _("A delegation")

    status = models.CharField(
        _("status"), max_length=20, choices=InterpellationStatus.choices, default=InterpellationStatus.DRAFT
    )
    kind = models.CharField(_("filed by"), max_length=12, choices=Kind.choices)
    target = models.ForeignKey(
        Organisation,
        verbose_name=_("body questioned"),
        on_delete=models.PROTECT,
        limit_choices_to={"kind__in": INTERPELLATION_TARGETS},
        related_name="+",
    )
    questions = models.TextField(_("questions"))
    content = models.TextField(_("content"), blank=True)
    # A delegation's interpellation: its plenary meeting, members, votes for and the head's
    # signature, as for a delegation's motion (M§12).
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
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
    published_at = models.DateTimeField(_("made public"), null=True, blank=True)

    url_name = "interpellation"

    class Meta:
        ordering = ["session", "number", "id"]
        verbose_name = _("interpellation")
        verbose_name_plural = _("interpellations")
        indexes = [models.Index(fields=["session", "status"], name="interpellation_session_status")]
        constraints = [
            *_filed_constraints("interpellation", InterpellationStatus),
            models.CheckConstraint(
                condition=Q(kind="joint", lead_deputy__isnull=False, delegation__isnull=True)
                | Q(kind="delegation", lead_deputy__isnull=True, delegation__isnull=False),
                name="interpellation_kind_proposer",
            ),
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
                name="interpellation_delegation_majority",
            ),
        ]

    @property
    def current_answer(self) -> InterpellationAnswer | None:
        return self.answers.order_by("-round").first()


class InterpellationAnswer(models.Model):
    """One round of answering (D§14): the form the presidium decided and the answer given. The
    second round is the new answer the presidium decided on the proposers' request."""

    class Form(models.TextChoices):
        WRITTEN = "written", _("In writing")
        MEETING = "meeting", _("At an answer meeting")

    interpellation = models.ForeignKey(Interpellation, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField(_("round"))
    form = models.CharField(_("form of answer"), max_length=10, choices=Form.choices)
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    place = models.CharField(_("meeting place"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.CharField(_("answered by (name and office)"), max_length=200, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["interpellation", "round"]
        verbose_name = _("interpellation answer")
        verbose_name_plural = _("interpellation answers")
        constraints = [
            models.UniqueConstraint(fields=["interpellation", "round"], name="interpellation_answer_round"),
            models.CheckConstraint(condition=Q(round__in=[1, 2]), name="interpellation_answer_two_rounds"),
            models.CheckConstraint(
                condition=Q(form="written") | (Q(meeting_at__isnull=False) & ~Q(place="")),
                name="interpellation_meeting_has_time_and_place",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(text=""), name="interpellation_answer_has_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interpellation_id} #{self.round}"


class InterpellationSpeech(models.Model):
    """A proposer spoke at the answer meeting (D§14: 有权参加答复会议,发表意见)."""

    answer = models.ForeignKey(InterpellationAnswer, on_delete=models.CASCADE, related_name="speeches")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("what was said"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("speech at the answer meeting")
        verbose_name_plural = _("speeches at the answer meeting")

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.deputy_id}"


class InterpellationEvaluation(models.Model):
    """Each proposer says whether they are satisfied with an answer (D§14), once per round."""

    answer = models.ForeignKey(InterpellationAnswer, on_delete=models.CASCADE, related_name="evaluations")
    deputy = models.ForeignKey(Deputy, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+")
    satisfied = models.BooleanField(_("satisfied"))
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("interpellation evaluation")
        verbose_name_plural = _("interpellation evaluations")
        constraints = [
            models.UniqueConstraint(fields=["answer", "deputy"], name="interpellation_evaluation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.deputy_id} {self.satisfied}"


class Recall(Instrument):
    """罢免案 (D§15): by one tenth or more of all deputies, naming the person and the reasons."""

    Status = PlenaryStatus

    status = models.CharField(
        _("status"), max_length=20, choices=PlenaryStatus.choices, default=PlenaryStatus.DRAFT
    )
    person_name = models.CharField(_("person named"), max_length=50)
    person_office = models.CharField(_("office held"), max_length=200)
    reasons = models.TextField(_("reasons"))  # D§15: 罢免案应当写明罢免理由
    decided_on = models.DateField(_("plenary decision"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome"), blank=True)

    url_name = "recall"

    class Meta:
        ordering = ["session", "number", "id"]
        verbose_name = _("recall motion")
        verbose_name_plural = _("recall motions")
        indexes = [models.Index(fields=["session", "status"], name="recall_session_status")]
        constraints = [
            *_filed_constraints("recall", PlenaryStatus),
            models.CheckConstraint(condition=Q(lead_deputy__isnull=False), name="recall_has_lead"),
        ]


class RecallDefence(models.Model):
    """The person named answers (D§15): at the presidium's meeting, at the plenary, or in writing."""

    class Form(models.TextChoices):
        PRESIDIUM = "presidium", _("At the presidium's meeting")
        PLENARY = "plenary", _("At the plenary")
        WRITING = "writing", _("In writing")

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="defences")
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    text = models.TextField(_("defence"))
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["given_on", "id"]
        verbose_name = _("defence")
        verbose_name_plural = _("defences")

    def __str__(self) -> str:
        return f"{self.recall_id}: {self.form}"


class InvestigationProposal(Instrument):
    """A proposal to organise a committee of inquiry into a specific question (D§16)."""

    Status = PlenaryStatus

    status = models.CharField(
        _("status"), max_length=20, choices=PlenaryStatus.choices, default=PlenaryStatus.DRAFT
    )
    question = models.TextField(_("question to investigate"))
    reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("plenary decision"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome"), blank=True)

    url_name = "investigation"

    class Meta:
        ordering = ["session", "number", "id"]
        verbose_name = _("investigation committee proposal")
        verbose_name_plural = _("investigation committee proposals")
        indexes = [models.Index(fields=["session", "status"], name="investigation_session_status")]
        constraints = [
            *_filed_constraints("investigation", PlenaryStatus),
            models.CheckConstraint(condition=Q(lead_deputy__isnull=False), name="investigation_has_lead"),
        ]


# --- invitations to co-sign (the engine's Invitation, congress/cosigning.py) -------------------


def _unique(item: str, prefix: str) -> list[models.BaseConstraint]:
    return [
        *Invitation.Meta.constraints,
        models.UniqueConstraint(fields=[item, "deputy"], name=f"{prefix}_signer_unique"),
    ]


class InterpellationSigner(Invitation):
    interpellation = models.ForeignKey(Interpellation, on_delete=models.CASCADE, related_name="signers")

    class Meta(Invitation.Meta):
        verbose_name = _("interpellation co-signer")
        verbose_name_plural = _("interpellation co-signers")
        constraints = _unique("interpellation", "interpellation")


class RecallSigner(Invitation):
    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="signers")

    class Meta(Invitation.Meta):
        verbose_name = _("recall motion co-signer")
        verbose_name_plural = _("recall motion co-signers")
        constraints = _unique("recall", "recall")


class InvestigationSigner(Invitation):
    proposal = models.ForeignKey(InvestigationProposal, on_delete=models.CASCADE, related_name="signers")

    class Meta(Invitation.Meta):
        verbose_name = _("investigation proposal co-signer")
        verbose_name_plural = _("investigation proposal co-signers")
        constraints = _unique("proposal", "investigation")


# --- history -----------------------------------------------------------------------------------


class InstrumentEvent(models.Model):
    """One line of an instrument's history: who did what, when, from which status to which."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class InterpellationEvent(InstrumentEvent):
    item = models.ForeignKey(Interpellation, on_delete=models.CASCADE, related_name="events")

    class Meta(InstrumentEvent.Meta):
        verbose_name = _("interpellation event")
        verbose_name_plural = _("interpellation history")


class RecallEvent(InstrumentEvent):
    item = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="events")

    class Meta(InstrumentEvent.Meta):
        verbose_name = _("recall motion event")
        verbose_name_plural = _("recall motion history")


class InvestigationEvent(InstrumentEvent):
    item = models.ForeignKey(InvestigationProposal, on_delete=models.CASCADE, related_name="events")

    class Meta(InstrumentEvent.Meta):
        verbose_name = _("investigation proposal event")
        verbose_name_plural = _("investigation proposal history")
