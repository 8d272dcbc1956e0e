"""The shared core: the congress and its sessions, organisations and user accounts."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from congress.numerals import hanzi_number, ordinal_en
from congress.roles import UNIT_ROLES, Role


class OrganisationKind(models.TextChoices):
    # Handling units (承办单位): they receive assignments and reply.
    GOVERNMENT = "government", _("Government department")
    COURT = "court", _("Court")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    OTHER_UNIT = "other_unit", _("Other handling unit")
    # Bodies of the congress and its standing committee.
    COMMITTEE = "committee", _("Personnel-representative committee")
    SPECIAL_COMMITTEE = "special_committee", _("Special committee")
    WORKING_BODY = "working_body", _("SC working body")
    CITY_SC = "city_sc", _("City people's congress SC")
    # Receives copies of government units' replies (S§31).
    GENERAL_OFFICE = "general_office", _("Government general office")


class Organisation(models.Model):
    """A body the portal routes work to or from (handling units, committees, city SCs)."""

    Kind = OrganisationKind

    HANDLING_KINDS = (Kind.GOVERNMENT, Kind.COURT, Kind.PROCURATORATE, Kind.OTHER_UNIT)

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_handling_unit(self) -> bool:
        return self.kind in self.HANDLING_KINDS


class User(AbstractUser):
    """An account. Roles are rows of UserRole; unit users belong to their unit."""

    name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # Raised by "log out everywhere": every session and API token signed with the old value
    # stops working at once (see get_session_auth_hash).
    auth_generation = models.PositiveIntegerField(default=0)
    # The desk's "since your last visit" starts here; moved on at the first desk of each sign-in.
    desk_seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django checks this on every request of a session (and with SECRET_KEY_FALLBACKS);
        API tokens keep the value of the day they were issued. A new password or "log out
        everywhere" changes it, so both end every session and every token."""
        return salted_hmac(
            "congress.models.User.get_session_auth_hash",
            f"{self.password}:{self.auth_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        # role_rows.all() uses the rows prefetched by congress.accounts.backends.Backend when they are there.
        return frozenset(row.role for row in self.role_rows.all())

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def unit_id_for_work(self) -> int | None:
        """The handling unit this user acts for, if they hold a unit role."""
        if self.organisation_id and self.roles & UNIT_ROLES:
            return self.organisation_id
        return None


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_rows")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="userrole_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="userrole_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class Congress(models.Model):
    """One five-year term (届) of the provincial people's congress."""

    number = models.PositiveSmallIntegerField(_("term number"), unique=True)
    starts = models.DateField(_("term starts"))
    ends = models.DateField(_("term ends"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("congress term")
        verbose_name_plural = _("congress terms")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="congress_ends_after_start")
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        return str(pgettext_lazy("congress term", "%(ordinal)s Congress")) % {
            "ordinal": _ordinal(self.number)
        }


class Session(models.Model):
    """One annual plenary meeting (次会议) of a congress term."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("session number"))
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    # Set by the presidium (M§13); motions after it are refused.
    motion_deadline = models.DateTimeField(_("motion deadline"))
    # Reconsideration requests close 4 hours before it (M§19).
    last_presidium_meeting = models.DateTimeField(_("presidium's last meeting"))

    class Meta:
        ordering = ["-opens"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=Q(closes__gte=models.F("opens")), name="session_closes_after_open"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(pgettext_lazy("session", "%(congress)s, %(ordinal)s Session")) % {
            "congress": self.congress.name,
            "ordinal": _ordinal(self.number),
        }

    def is_sitting_on(self, day: dt.date) -> bool:
        """During the session (会议期间) the secretariat receives; in recess the committee."""
        return self.opens <= day <= self.closes


def _ordinal(number: int) -> str:
    # Chinese: 第十四届 / 第四次会议; the translated strings supply 第 and 届/次会议.
    if (get_language() or "zh-hans").startswith("zh"):
        return hanzi_number(number)
    return ordinal_en(number)


class Heartbeat(models.Model):
    """The last time the Celery beat + worker pipeline ran a scheduled task."""

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.seen_at:%Y-%m-%d %H:%M}"


class CalendarYear(models.Model):
    """One year's holiday schedule as the State Council published it.

    Staff enter a new year as a draft; it counts only once a second staff member approved
    it. Years seeded from the chinesecalendar package are approved on arrival.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    notice = models.CharField(_("State Council notice"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=100)
    entered_by = models.ForeignKey(
        User, verbose_name=_("entered by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        User, verbose_name=_("approved by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        constraints = [
            models.CheckConstraint(
                name="calendaryear_approved_has_approval",
                condition=Q(status="draft") | Q(status="approved", approved_at__isnull=False),
            ),
            # The four-eyes rule: whoever entered a schedule does not approve it.
            models.CheckConstraint(
                name="calendaryear_second_approver",
                condition=Q(entered_by__isnull=True) | ~Q(approved_by=models.F("entered_by")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"


class CalendarDay(models.Model):
    """A dated exception to the weekly rhythm: a statutory holiday or an adjusted workday."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Statutory holiday")
        ADJUSTED_WORKDAY = "adjusted_workday", _("Adjusted workday")

    schedule = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=40)  # 国庆节; 春节调休
    # Where the entry comes from, and for a correction of the seeded data, why.
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "date"], name="calendarday_unique_per_schedule"),
            models.CheckConstraint(
                condition=Q(kind__in=["holiday", "adjusted_workday"]), name="calendarday_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="calendarday_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class ReminderSchedule(models.Model):
    """When to remind about one statutory rule; defaults in congress.deadlines.reminders, staff edit here."""

    rule = models.CharField(_("rule"), max_length=30, unique=True)
    days_before = models.CharField(
        _("days before"),
        max_length=60,
        blank=True,
        help_text=_("Days before the due date, separated by commas, e.g. 30,7,1"),
    )
    on_the_day = models.BooleanField(_("on the day"), default=True)
    overdue_every = models.PositiveSmallIntegerField(
        _("when overdue, every (days)"), default=7, help_text=_("0: no reminders once overdue")
    )
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["rule"]
        verbose_name = _("reminder schedule")
        verbose_name_plural = _("reminder schedules")
        constraints = [
            models.CheckConstraint(condition=Q(overdue_every__lte=366), name="reminderschedule_every_a_year"),
        ]

    def __str__(self) -> str:
        return self.rule


class ReminderScheduleChange(models.Model):
    """History of the schedules: who set or reset which rule's schedule, when, from what to what."""

    class Action(models.TextChoices):
        SET = "set", pgettext_lazy("schedule change", "changed")
        RESET = "reset", pgettext_lazy("schedule change", "reset to the default")

    rule = models.CharField(_("rule"), max_length=30)
    action = models.CharField(_("action"), max_length=5, choices=Action.choices)
    # The schedule in force before and after (congress.deadlines.reminders.Schedule.as_json()).
    before = models.JSONField(_("before"))
    after = models.JSONField(_("after"))
    actor = models.ForeignKey(User, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("reminder schedule change")
        verbose_name_plural = _("reminder schedule changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["set", "reset"]), name="reminderschedulechange_action"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.action} {self.at:%Y-%m-%d}"


class Reminder(models.Model):
    """One reminder sent: the unique key (kind, item, due date, stage) makes every sweep
    send it once, however often or concurrently the sweep runs."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    due = models.DateField()
    stage = models.CharField(max_length=20)
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["kind", "object_id"], name="reminder_item")]

    def __str__(self) -> str:
        return self.key


class SweepState(models.Model):
    """The deadline sweep's lock and its last run: one row per sweep."""

    name = models.CharField(max_length=30, unique=True)
    last_swept_on = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.last_swept_on}"


class ApiToken(models.Model):
    """A REST client's key (WORKFLOWS.md §7). Only its hash is stored; it expires, and it ends
    with the password or "log out everywhere" (auth_hash no longer matches the user's)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)  # shown in the list so a user knows which is which
    auth_hash = models.CharField(max_length=64)
    created = models.DateTimeField(_("issued"), default=timezone.now)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "expires"], name="apitoken_user")]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
