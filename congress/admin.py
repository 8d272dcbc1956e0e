from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from congress.deadlines.calendar import calendar_changed
from congress.deadlines.forms import ReminderScheduleAdminForm
from congress.deadlines.reminders import RULE_NAMES
from congress.deadlines.services import reminder_schedule_reset, reminder_schedule_set
from congress.models import (
    CalendarDay,
    CalendarYear,
    Congress,
    Heartbeat,
    Organisation,
    ReminderSchedule,
    ReminderScheduleChange,
    Session,
    User,
    UserRole,
)
from congress.roles import UNIT_ROLES


class UserRoleFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        roles = {
            form.cleaned_data.get("role")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        organisation = self.instance.organisation
        if roles & UNIT_ROLES and not (organisation and organisation.is_handling_unit):
            raise ValidationError(_("A unit clerk or unit head must belong to a handling unit."))


class UserRoleInline(admin.TabularInline):
    model = UserRole
    formset = UserRoleFormSet
    extra = 1
    fields = ["role", "granted_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [UserRoleInline]
    list_display = ["username", "name", "organisation", "is_active", "last_login"]
    list_filter = ["role_rows__role", "organisation__kind", "is_active", "is_superuser"]
    search_fields = ["username", "name", "phone", "email"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("name", "phone", "email", "organisation")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "name", "organisation", "password1", "password2")},
        ),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Congress)
class CongressAdmin(admin.ModelAdmin):
    list_display = ["number", "starts", "ends"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opens", "closes", "motion_deadline", "last_presidium_meeting"]
    list_filter = ["congress"]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "seen_at"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ["date", "kind", "name", "note"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """For corrections by the administrator; staff use the calendar pages with approval."""

    list_display = ["year", "status", "notice", "source", "approved_by", "approved_at"]
    list_filter = ["status"]
    inlines = [CalendarDayInline]
    readonly_fields = ["changed_at"]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Every process reloads the calendar before its next request or task.
        transaction.on_commit(calendar_changed)

    def delete_model(self, request: Any, obj: CalendarYear) -> None:
        super().delete_model(request, obj)
        transaction.on_commit(calendar_changed)


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    """Staff use /reminders/schedules/; here the same rules apply, and every change is recorded."""

    form = ReminderScheduleAdminForm
    list_display = [
        "rule",
        "rule_name",
        "days_before",
        "on_the_day",
        "overdue_every",
        "updated_by",
        "updated_at",
    ]

    @admin.display(description=_("statutory rule"))
    def rule_name(self, obj: ReminderSchedule) -> str:
        return str(RULE_NAMES.get(obj.rule, obj.rule))

    def get_readonly_fields(self, request: Any, obj: ReminderSchedule | None = None) -> list[str]:
        return ["rule"] if obj else []

    def save_model(self, request: Any, obj: ReminderSchedule, form: Any, change: bool) -> None:
        reminder_schedule_set(rule=obj.rule, schedule=form.cleaned_data["schedule"], actor=request.user)
        saved = ReminderSchedule.objects.get(rule=obj.rule)
        obj.pk, obj.updated_by, obj.updated_at = saved.pk, saved.updated_by, saved.updated_at

    def delete_model(self, request: Any, obj: ReminderSchedule) -> None:
        reminder_schedule_reset(rule=obj.rule, actor=request.user)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            reminder_schedule_reset(rule=obj.rule, actor=request.user)


@admin.register(ReminderScheduleChange)
class ReminderScheduleChangeAdmin(admin.ModelAdmin):
    """The history is written by the services only."""

    list_display = ["at", "rule", "action", "actor"]
    list_filter = ["rule", "action"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
