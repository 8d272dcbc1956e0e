"""Forms of the shared core: the calendar, the public deadline calculator, reminder schedules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.deadlines.periods import ONE_DAY, Period, PeriodError, Unit, check_date
from congress.deadlines.reminders import DEFAULT_SCHEDULES, RULE_NAMES, Schedule, parse_days
from congress.deadlines.services import DayEntry, reminder_schedule_check
from congress.deadlines.statutory import RULES
from congress.errors import DomainError
from congress.models import CalendarDay, ReminderSchedule

# The festivals of a State Council notice, in its order.
FESTIVALS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
DATE_SPLIT = re.compile(r"[\s,，、；;]+")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2199)
    notice = forms.CharField(
        label=_("State Council notice"),
        max_length=200,
        help_text=_(
            "The notice's number and title, e.g. 国办发明电〔2026〕12号 国务院办公厅关于2027年部分节假日安排的通知"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, name in enumerate(FESTIVALS):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Festival"), initial=name, max_length=40, required=False
            )
            self.fields[f"first_{i}"] = forms.DateField(
                label=_("First day off"), required=False, widget=DateInput()
            )
            self.fields[f"last_{i}"] = forms.DateField(
                label=_("Last day off"), required=False, widget=DateInput()
            )
            self.fields[f"work_{i}"] = forms.CharField(
                label=_("Adjusted workdays"),
                required=False,
                # One hint under the grid explains the whole column (templates/congress/calendar_form.html).
                widget=forms.TextInput(attrs={"aria-describedby": "workdays-hint"}),
            )

    def festival_rows(self) -> list[tuple[forms.BoundField, ...]]:
        return [
            (self[f"name_{i}"], self[f"first_{i}"], self[f"last_{i}"], self[f"work_{i}"])
            for i in range(len(FESTIVALS))
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        entries: list[DayEntry] = []
        for i in range(len(FESTIVALS)):
            name = (data.get(f"name_{i}") or "").strip()
            first, last, work = data.get(f"first_{i}"), data.get(f"last_{i}"), data.get(f"work_{i}") or ""
            if not (first or last or work.strip()):
                continue
            if not name:
                self.add_error(f"name_{i}", _("Name the festival."))
                continue
            if bool(first) != bool(last):
                self.add_error(
                    f"last_{i}" if first else f"first_{i}", _("Enter both the first and the last day off.")
                )
                continue
            if first and last:
                if last < first:
                    self.add_error(f"last_{i}", _("The last day off is before the first."))
                    continue
                day = first
                while day <= last:
                    entries.append(DayEntry(day, CalendarDay.Kind.HOLIDAY, name))
                    day += ONE_DAY
            for token in filter(None, DATE_SPLIT.split(work.strip())):
                try:
                    entries.append(
                        DayEntry(
                            dt.date.fromisoformat(token), CalendarDay.Kind.ADJUSTED_WORKDAY, f"{name}调休"
                        )
                    )
                except ValueError:
                    self.add_error(
                        f"work_{i}", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": token}
                    )
        if not entries and not self.errors:
            raise forms.ValidationError(_("Enter at least one festival's days off."))
        data["entries"] = entries
        return data


class CalendarImportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2199)
    notice = forms.CharField(label=_("State Council notice"), max_length=200)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with the header date,kind,name,note; kind is holiday (放假) or adjusted_workday (上班)."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 200_000:
            raise forms.ValidationError(_("The file is too large for a year's schedule (at most 200 KB)."))
        return upload


UNIT_CHOICES = [
    (Unit.DAYS.value, _("days")),
    (Unit.WORKING_DAYS.value, _("working days")),
    (Unit.MONTHS.value, _("months")),
]


def rule_choices() -> list[tuple[str, str]]:
    return [("", str(_("— or enter a period below —")))] + [
        (r.code, f"{r.name}（{r.period.describe()}）") for r in RULES.values()
    ]


class DeadlineForm(forms.Form):
    rule = forms.ChoiceField(label=_("Statutory rule"), required=False, choices=rule_choices)
    start = forms.DateField(label=_("Day of the event (not counted)"), widget=DateInput())
    count = forms.IntegerField(label=_("Period"), min_value=1, max_value=3660, required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=UNIT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].initial = timezone.localdate()

    def clean_start(self) -> dt.date:
        start: dt.date = self.cleaned_data["start"]
        try:
            check_date(start)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rule"):
            data["period"] = RULES[data["rule"]].period
            return data
        if not data.get("count") or not data.get("unit"):
            raise forms.ValidationError(_("Choose a statutory rule, or enter a period and its unit."))
        try:
            data["period"] = Period(int(data["count"]), Unit(data["unit"]))
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        return data


class DaysField(forms.CharField):
    """Days before a due date, typed as staff write them (30,7,1 or 30，7，1); cleans to '30,7,1'."""

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        try:
            days = parse_days(text or "")
        except ValueError:
            raise forms.ValidationError(
                _("Write whole days from 1 to 366, separated by commas, e.g. 30,7,1.")
            ) from None
        return ",".join(str(d) for d in days)


def _checked_schedule(rule: str, data: dict[str, Any]) -> Schedule | None:
    """The schedule the cleaned fields describe, refused if it would never remind."""
    if not rule or "days_before" not in data or data.get("overdue_every") is None:
        return None  # a field error is already shown
    schedule = Schedule(parse_days(data["days_before"]), bool(data.get("on_the_day")), data["overdue_every"])
    try:
        reminder_schedule_check(rule=rule, schedule=schedule)
    except DomainError as error:
        raise forms.ValidationError(str(error.detail)) from None
    return schedule


class ReminderScheduleForm(forms.Form):
    """When to remind about one rule (the staff page)."""

    days_before = DaysField(
        label=_("Days before the due date"),
        required=False,
        max_length=60,
        help_text=_("Whole days from 1 to 366, separated by commas, e.g. 30,7,1. Leave empty for none."),
    )
    on_the_day = forms.BooleanField(label=_("Remind on the due date itself"), required=False)
    overdue_every = forms.IntegerField(
        label=_("When overdue, remind every (days)"),
        min_value=0,
        max_value=366,
        help_text=_("0: no reminders once the deadline has passed."),
    )

    def __init__(self, *args: Any, rule: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule = rule

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["schedule"] = _checked_schedule(self.rule, data)
        return data

    @staticmethod
    def initial_for(schedule: Schedule) -> dict[str, Any]:
        return {
            "days_before": ",".join(str(d) for d in schedule.days_before),
            "on_the_day": schedule.on_the_day,
            "overdue_every": schedule.overdue_every,
        }


class ReminderScheduleAdminForm(forms.ModelForm):
    """The admin's form: the same rules as the staff page."""

    rule = forms.ChoiceField(label=_("rule"), choices=lambda: [(k, str(v)) for k, v in RULE_NAMES.items()])

    class Meta:
        model = ReminderSchedule
        fields = ["rule", "days_before", "on_the_day", "overdue_every"]
        field_classes = {"days_before": DaysField}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule = data.get("rule") or self.instance.rule
        data["schedule"] = schedule = _checked_schedule(rule, data)
        if schedule is not None and schedule == DEFAULT_SCHEDULES.get(rule):
            raise forms.ValidationError(_("This is the default schedule: delete this row to go back to it."))
        return data
