"""Writes of the shared core: the official calendar, the reminder schedules."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.deadlines.calendar import calendar_changed
from congress.deadlines.recompute import MovedDeadline, recompute_provisional
from congress.deadlines.reminders import DEFAULT_SCHEDULES, Schedule, schedule_for
from congress.errors import DomainError
from congress.models import CalendarDay, CalendarYear, ReminderSchedule, ReminderScheduleChange, User


@dataclass(frozen=True)
class DayEntry:
    date: dt.date
    kind: str  # CalendarDay.Kind
    name: str
    note: str = ""


def calendar_draft_save(*, year: int, notice: str, days: list[DayEntry], actor: User) -> CalendarYear:
    """Enter (or re-enter) a year's schedule from the State Council notice, as a draft."""
    with transaction.atomic():
        schedule = CalendarYear.objects.select_for_update().filter(year=year).first()
        if schedule and schedule.status == CalendarYear.Status.APPROVED:
            raise DomainError(
                "calendar_year_approved", _("The schedule for %(year)s is already approved.") % {"year": year}
            )
        _check_days(year, days)
        if schedule is None:
            schedule = CalendarYear.objects.create(
                year=year, notice=notice, source=_("State Council notice"), entered_by=actor
            )
        else:
            schedule.notice, schedule.entered_by = notice, actor
            schedule.save(update_fields=["notice", "entered_by", "changed_at"])
            schedule.days.all().delete()
        CalendarDay.objects.bulk_create(
            [CalendarDay(schedule=schedule, date=d.date, kind=d.kind, name=d.name, note=d.note) for d in days]
        )
    return schedule


def calendar_day_add(*, entry: DayEntry, actor: User) -> CalendarDay:
    """Add one day to its year's draft schedule (the API's POST calendar/days/)."""
    with transaction.atomic():
        schedule = CalendarYear.objects.select_for_update().filter(year=entry.date.year).first()
        if schedule and schedule.status == CalendarYear.Status.APPROVED:
            raise DomainError(
                "calendar_year_approved",
                _("The schedule for %(year)s is already approved.") % {"year": entry.date.year},
            )
        _check_days(entry.date.year, [entry])
        if schedule is None:
            schedule = CalendarYear.objects.create(
                year=entry.date.year, source=_("State Council notice"), entered_by=actor
            )
        day, _created = CalendarDay.objects.update_or_create(
            schedule=schedule,
            date=entry.date,
            defaults={"kind": entry.kind, "name": entry.name, "note": entry.note},
        )
    return day


def calendar_year_approve(*, schedule: CalendarYear, actor: User) -> list[MovedDeadline]:
    """A second staff member approves a draft; from then on it counts everywhere.

    Provisional deadlines touching the year are recomputed at once; the caller is given what
    moved (and the people concerned are told).
    """
    with transaction.atomic():
        schedule = CalendarYear.objects.select_for_update().get(pk=schedule.pk)
        if schedule.status == CalendarYear.Status.APPROVED:
            raise DomainError(
                "calendar_year_approved",
                _("The schedule for %(year)s is already approved.") % {"year": schedule.year},
            )
        if schedule.entered_by_id == actor.pk:
            raise DomainError(
                "calendar_same_approver",
                _("A schedule is approved by a second staff member, not by the one who entered it."),
                status=403,
            )
        if not schedule.days.exists():
            raise DomainError("calendar_year_empty", _("The schedule has no days yet."))
        schedule.status = CalendarYear.Status.APPROVED
        schedule.approved_by = actor
        schedule.approved_at = timezone.now()
        schedule.save(update_fields=["status", "approved_by", "approved_at", "changed_at"])
        calendar_changed()  # this process at once; others before their next request or task
        transaction.on_commit(calendar_changed)
        moved = recompute_provisional(frozenset({schedule.year}))
        _tell_moved(moved, schedule.year)
    return moved


def _tell_moved(moved: list[MovedDeadline], year: int) -> None:
    """Everyone whose provisional deadline moved when the year's schedule arrived is told."""
    from congress.notifications.services import notify

    with translation.override(settings.LANGUAGE_CODE):
        for item in moved:
            notify(
                recipients=item.recipients,
                kind="deadline_moved",
                subject=_("Deadline moved: %(label)s") % {"label": item.label},
                body=_(
                    "The %(year)s holiday schedule is now on the calendar. The deadline moved from %(old)s to "
                    "%(new)s and is no longer provisional."
                )
                % {"year": year, "old": item.old_due.isoformat(), "new": item.new_due.isoformat()},
                link=item.link,
            )


def calendar_draft_delete(*, schedule: CalendarYear) -> None:
    if schedule.status != CalendarYear.Status.DRAFT:
        raise DomainError(
            "calendar_year_approved",
            _("The schedule for %(year)s is already approved.") % {"year": schedule.year},
        )
    schedule.delete()


# The CSV may use the codes or the words of the notice.
KIND_ALIASES = {
    "holiday": "holiday",
    "adjusted_workday": "adjusted_workday",
    "放假": "holiday",
    "上班": "adjusted_workday",
}


def parse_calendar_csv(data: bytes) -> list[DayEntry]:
    """CSV with the header date,kind,name[,note]; kind is holiday or adjusted_workday.

    Every row is checked; a bad row is reported with its line number and nothing is kept.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            "csv_invalid", _("The file is not UTF-8 text. Save it from Excel as “CSV UTF-8”."), status=400
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"date", "kind", "name"} <= {f.strip() for f in reader.fieldnames}:
        raise DomainError(
            "csv_invalid", _("The first line must be the header: date,kind,name,note"), status=400
        )
    entries, errors = [], []
    for line, row in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        try:
            day = dt.date.fromisoformat(row["date"])
        except ValueError:
            errors.append(
                _("line %(line)s: “%(value)s” is not a date (YYYY-MM-DD)")
                % {"line": line, "value": row["date"]}
            )
            continue
        kind = KIND_ALIASES.get(row["kind"])
        if kind is None:
            errors.append(
                _("line %(line)s: kind must be holiday or adjusted_workday, not “%(value)s”")
                % {"line": line, "value": row["kind"]}
            )
            continue
        if not row["name"]:
            errors.append(_("line %(line)s: the name is missing") % {"line": line})
            continue
        entries.append(DayEntry(day, kind, row["name"], row.get("note", "")))
    if errors:
        raise DomainError("csv_invalid", "；".join(errors[:20]), status=400)
    if not entries:
        raise DomainError("csv_invalid", _("The file has no days."), status=400)
    return entries


def _check_days(year: int, days: list[DayEntry]) -> None:
    seen: set[dt.date] = set()
    for d in days:
        # A notice may also fix a working Saturday late in the year before (2005-12-31).
        if not (dt.date(year - 1, 12, 1) <= d.date <= dt.date(year, 12, 31)):
            raise DomainError(
                "calendar_day_outside_year",
                _("%(date)s does not belong to the %(year)s schedule.")
                % {"date": d.date.isoformat(), "year": year},
                status=400,
            )
        if d.date in seen:
            raise DomainError(
                "calendar_day_duplicate",
                _("%(date)s is entered twice.") % {"date": d.date.isoformat()},
                status=400,
            )
        if d.kind == CalendarDay.Kind.ADJUSTED_WORKDAY and d.date.weekday() < 5:
            raise DomainError(
                "calendar_workday_not_weekend",
                _("%(date)s is a weekday: only a Saturday or Sunday can be an adjusted workday.")
                % {"date": d.date.isoformat()},
                status=400,
            )
        seen.add(d.date)


def calendar_remind_missing_year(today: dt.date) -> int:
    """From November on, remind the committee's staff every week that next year's holiday
    schedule is missing (the State Council publishes it in the autumn)."""
    from congress.notifications.services import notify
    from congress.roles import Role
    from congress.selectors import calendar_missing_next_year

    year = calendar_missing_next_year(today)
    if year is None:
        return 0
    staff = User.objects.filter(is_active=True, role_rows__role=Role.COMMITTEE_STAFF).distinct()
    week = today.isocalendar().week
    with translation.override(settings.LANGUAGE_CODE):
        created = notify(
            recipients=staff,
            kind="calendar_missing_year",
            subject=_("The %(year)s holiday schedule is not on the calendar yet") % {"year": year},
            body=_(
                "Deadlines reaching into %(year)s are provisional. Enter the State Council's notice on the "
                "official calendar page; a second staff member approves it."
            )
            % {"year": year},
            link="/calendar/",
            dedupe_key=f"calendar-missing-{year}-w{week}",
        )
    return len(created)


# --- Reminder schedules (issue 6) ----------------------------------------------------------


def reminder_schedule_check(*, rule: str, schedule: Schedule) -> None:
    """A rule the sweep knows, and a schedule that reminds at least once: a statutory deadline
    must never pass unnoticed."""
    if rule not in DEFAULT_SCHEDULES:
        raise DomainError("unknown_rule", _("There is no reminder schedule for this rule."), status=404)
    if not schedule.sends_anything:
        raise DomainError(
            "schedule_sends_nothing",
            _("A schedule must remind at least once: before the day, on the day or when overdue."),
            status=400,
        )


def reminder_schedule_set(*, rule: str, schedule: Schedule, actor: User) -> bool:
    """Put `schedule` in force for `rule` from the next sweep on; False when nothing changed.

    A schedule equal to the default removes the override, so that the rule follows the code's
    default again."""
    reminder_schedule_check(rule=rule, schedule=schedule)
    with transaction.atomic():
        before = _locked_schedule(rule)
        if schedule == before:
            return False
        if schedule == DEFAULT_SCHEDULES[rule]:
            ReminderSchedule.objects.filter(rule=rule).delete()
        else:
            ReminderSchedule.objects.update_or_create(
                rule=rule,
                defaults={
                    "days_before": ",".join(str(d) for d in schedule.days_before),
                    "on_the_day": schedule.on_the_day,
                    "overdue_every": schedule.overdue_every,
                    "updated_by": actor,
                },
            )
        ReminderScheduleChange.objects.create(
            rule=rule,
            action=ReminderScheduleChange.Action.SET,
            before=before.as_json(),
            after=schedule.as_json(),
            actor=actor,
        )
    return True


def reminder_schedule_reset(*, rule: str, actor: User) -> bool:
    """Back to the default in code; False when the rule had no schedule of its own."""
    default = DEFAULT_SCHEDULES.get(rule)
    if default is None:
        raise DomainError("unknown_rule", _("There is no reminder schedule for this rule."), status=404)
    with transaction.atomic():
        before = _locked_schedule(rule)
        deleted, _rows = ReminderSchedule.objects.filter(rule=rule).delete()
        if not deleted:
            return False
        ReminderScheduleChange.objects.create(
            rule=rule,
            action=ReminderScheduleChange.Action.RESET,
            before=before.as_json(),
            after=default.as_json(),
            actor=actor,
        )
    return True


def _locked_schedule(rule: str) -> Schedule:
    """The schedule in force, with its row locked so two editors are recorded one after the other."""
    row = ReminderSchedule.objects.select_for_update().filter(rule=rule).first()
    return schedule_for(row) if row else DEFAULT_SCHEDULES[rule]
