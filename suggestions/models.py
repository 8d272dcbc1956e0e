"""Suggestions (建议、批评和意见), their co-signers, assignments to units and history."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import Congress, Organisation, Session
from deputies.models import Delegation, Deputy
from suggestions.workflow import (
    ASSIGNMENT,
    PUBLISHED,
    SUGGESTION,
    AssignmentStatus,
    CoSignerStatus,
    ReplyStatus,
    Role,
    Status,
)


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


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("By one deputy")
        JOINT = "joint", _("Joint")
        DELEGATION = "delegation", _("By a delegation")

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
    # S§14: a delegation suggestion needs more than half its members and the head's signature.
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
            models.Index(fields=["status", "submitted_at", "id"], name="sugg_queue"),
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
        if self.number is None:
            return str(_("(draft)"))
        prefix = "" if self.session_id else str(_("Recess "))
        return str(_("%(prefix)sNo. %(number)s")) % {"prefix": prefix, "number": f"{self.number:04d}"}

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


class CoSigner(models.Model):
    Status = CoSignerStatus

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="cosigners")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="cosigned_suggestions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    confirmed_version = models.PositiveIntegerField(null=True, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "deputy"], name="cosigner_unique"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_version__isnull=False),
                name="cosigner_confirmed_version",
            ),
        ]
        indexes = [models.Index(fields=["deputy", "status"], name="cosigner_deputy_status")]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_status_display()}"


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


class Assignment(models.Model):
    """One handling unit's part of one suggestion (交办), with its statutory clocks."""

    Status = AssignmentStatus
    Role = Role

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        Organisation, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=6, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=14, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"))
    # The day the clocks count from: delivery through the portal is receipt (S§20, S§28).
    assigned_on = models.DateField(_("assigned on"))
    objection_due = models.DateField(_("objection due"))
    reply_due = models.DateField(_("reply due"), null=True, blank=True)  # lead, sole, split
    co_opinion_due = models.DateField(_("opinion due"), null=True, blank=True)  # co units (S§26)
    reassignment_due = models.DateField(_("reassignment due"), null=True, blank=True)
    # A due date in a year not yet on the calendar is provisional and recomputed later.
    provisional = models.BooleanField(default=False)
    extended = models.BooleanField(_("extended"), default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    objected_at = models.DateTimeField(null=True, blank=True)
    objected_on = models.DateField(null=True, blank=True)
    objection_reason = models.TextField(_("reason"), blank=True)
    objection_decision = models.TextField(blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # S§30: re-handling ordered on this day, due one month later.
    rehandling_on = models.DateField(null=True, blank=True)
    rehandling_due = models.DateField(_("re-handling due"), null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            # A unit's inbox, soonest reply first.
            models.Index(fields=["unit", "status", "reply_due"], name="asg_unit_inbox"),
            models.Index(fields=["suggestion", "status"], name="asg_suggestion"),
            # Sweeps and the overdue board: one indexed query per clock finds what is due, among
            # the assignments the clock runs for (the table's states, and the roles it applies to).
            models.Index(
                fields=["objection_due"], condition=ASSIGNMENT.running("objection"), name="asg_objection_open"
            ),
            models.Index(
                fields=["reassignment_due"],
                condition=ASSIGNMENT.running("reassignment"),
                name="asg_reassign_open",
            ),
            models.Index(
                fields=["reply_due"], condition=ASSIGNMENT.running("reply"), name="asg_reply_due_open"
            ),
            models.Index(
                fields=["co_opinion_due"],
                condition=ASSIGNMENT.running("co_opinion"),
                name="asg_co_opinion_open",
            ),
            models.Index(fields=["provisional"], condition=Q(provisional=True), name="asg_provisional"),
            models.Index(
                fields=["rehandling_due"],
                condition=ASSIGNMENT.running("rehandling"),
                name="asg_rehandling_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AssignmentStatus.values), name="asg_status_valid"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="asg_role_valid"),
            # A co unit owes its opinion to the lead (S§26); every other unit owes the reply.
            models.CheckConstraint(
                condition=(
                    Q(role="co", co_opinion_due__isnull=False) | (~Q(role="co") & Q(reply_due__isnull=False))
                ),
                name="asg_has_its_clock",
            ),
            models.CheckConstraint(
                condition=~Q(status="objected")
                | Q(reassignment_due__isnull=False, objected_on__isnull=False),
                name="asg_objection_has_clock",
            ),
            # One open assignment per unit and suggestion.
            models.UniqueConstraint(
                fields=["suggestion", "unit"],
                condition=Q(status__in=sorted(map(str, ASSIGNMENT.open_statuses))),
                name="asg_one_open_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion.number_label} → {self.unit}"

    @property
    def is_open(self) -> bool:
        return self.status in ASSIGNMENT.open_statuses


class Disagreement(models.Model):
    """A deputy disagrees with the assignment (S§21); the committee re-routes or explains."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="disagreements")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(resolved_at__isnull=True), name="disagreement_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.suggestion.number_label} · {self.deputy}"


class RoutingRule(models.Model):
    """Staff's routing table: a subject area (and region) to the units that usually handle it."""

    subject_area = models.ForeignKey(SubjectArea, verbose_name=_("subject area"), on_delete=models.CASCADE)
    region = models.CharField(_("region"), max_length=20, blank=True, help_text=_("A city, or empty for any"))
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("handling unit"),
        on_delete=models.CASCADE,
        limit_choices_to={"kind__in": Organisation.HANDLING_KINDS},
    )
    role = models.CharField(_("role"), max_length=6, choices=Role.choices)

    class Meta:
        ordering = ["subject_area", "region", "role"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing table")
        constraints = [
            models.UniqueConstraint(fields=["subject_area", "region", "unit"], name="routing_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_area} {self.region or '*'} → {self.unit} ({self.get_role_display()})"


# How each recorded action reads in the history.
ACTION_LABELS = {
    "create": pgettext_lazy("history", "created"),
    "create_from_motion": pgettext_lazy("history", "created from a motion handled as a suggestion"),
    "edit": pgettext_lazy("history", "edited"),
    "invite": pgettext_lazy("history", "co-signers invited"),
    "uninvite": pgettext_lazy("history", "invitation withdrawn"),
    "confirm": pgettext_lazy("history", "co-signer confirmed the text"),
    "decline": pgettext_lazy("history", "co-signer declined"),
    "submit": pgettext_lazy("history", "filed"),
    "accept": pgettext_lazy("history", "accepted"),
    "return": pgettext_lazy("history", "returned for revision"),
    "not_accept": pgettext_lazy("history", "not accepted; forwarded as a letter"),
    "merge": pgettext_lazy("history", "merged into another"),
    "merge_in": pgettext_lazy("history", "others merged into this one"),
    "withdraw": pgettext_lazy("history", "withdrawn"),
    "assign": pgettext_lazy("history", "assigned"),
    "assign_unit": pgettext_lazy("history", "unit assigned"),
    "reroute": pgettext_lazy("history", "re-routed"),
    "disagree": pgettext_lazy("history", "deputy disagreed with the assignment"),
    "disagreement_answered": pgettext_lazy("history", "disagreement answered"),
    "acknowledge": pgettext_lazy("history", "unit acknowledged"),
    "object": pgettext_lazy("history", "unit objected"),
    "reassign": pgettext_lazy("history", "reassigned"),
    "reject_objection": pgettext_lazy("history", "objection rejected"),
    "window_closed": pgettext_lazy("history", "objection window closed"),
    "communicate": pgettext_lazy("history", "communication with the deputy recorded"),
    "lead_replied": pgettext_lazy("history", "the lead unit replied for all"),
    "send_opinion": pgettext_lazy("history", "co-handling opinion sent to the lead unit"),
    "request_extension": pgettext_lazy("history", "extension requested"),
    "extension_approved": pgettext_lazy("history", "extension approved"),
    "extension_refused": pgettext_lazy("history", "extension refused"),
    "draft_reply": pgettext_lazy("history", "reply drafted"),
    "reply": pgettext_lazy("history", "reply approved and delivered"),
    "evaluate": pgettext_lazy("history", "deputy evaluated the reply"),
    "rehandle": pgettext_lazy("history", "re-handling ordered"),
    "close": pgettext_lazy("history", "closed"),
    "explain": pgettext_lazy("history", "unsatisfied rating explained"),
    "withhold_reply": pgettext_lazy("history", "reply withheld from publication"),
    "publish_reply": pgettext_lazy("history", "reply published"),
    "mark_key": pgettext_lazy("history", "made a key suggestion"),
    "key_approved": pgettext_lazy("history", "key handling approved by the chairpersons' meeting"),
    "supervisor_comment": pgettext_lazy("history", "supervising body commented"),
    "key_report": pgettext_lazy("history", "handling reported to the supervising body"),
    "commitment_progress": pgettext_lazy("history", "commitment progress reported"),
    "supervision_request": pgettext_lazy("history", "deputy asked the committee"),
    "supervision_arranged": pgettext_lazy("history", "committee arranged the deputy's request"),
}
STATUS_LABELS = dict(Status.choices) | dict(AssignmentStatus.choices)


class SuggestionEvent(models.Model):
    """History: who did what, when, from which status to which, and why."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="events")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["suggestion", "at"], name="event_suggestion_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return str(STATUS_LABELS.get(self.from_status, self.from_status))

    @property
    def to_label(self) -> str:
        return str(STATUS_LABELS.get(self.to_status, self.to_status))


class Communication(models.Model):
    """S§24: the unit hears the deputy (visit, meeting, call) before it replies."""

    class Way(models.TextChoices):
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")
        CALL = "call", _("Telephone call")
        ONLINE = "online", _("Online")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="communications")
    date = models.DateField(_("date"))
    way = models.CharField(_("way"), max_length=10, choices=Way.choices)
    participants = models.CharField(_("who took part"), max_length=200)
    summary = models.TextField(_("what was said"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(way__in=["visit", "meeting", "call", "online"]), name="communication_way_valid"
            )
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
