from typing import Any

from django.contrib import admin

from suggestions.models import (
    Assignment,
    CoSigner,
    Disagreement,
    RoutingRule,
    SubjectArea,
    Suggestion,
    SuggestionEvent,
)


class CoSignerInline(admin.TabularInline):
    model = CoSigner
    extra = 0
    raw_id_fields = ["deputy"]


ASSIGNMENT_COLUMNS = (
    "unit",
    "role",
    "status",
    "assigned_on",
    "objection_due",
    "reply_due",
    "co_opinion_due",
    "extended",
)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fk_name = "suggestion"
    extra = 0
    fields = ASSIGNMENT_COLUMNS
    readonly_fields = ASSIGNMENT_COLUMNS
    can_delete = False


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    """Read-mostly: changes go through the workflow pages, which keep the history."""

    list_display = ["number_label", "title", "status", "kind", "lead_deputy", "session", "submitted_at"]
    list_filter = ["status", "kind", "session", "subject_area"]
    search_fields = ["title", "lead_deputy__name", "number"]
    raw_id_fields = ["lead_deputy", "merged_into", "delegation", "entered_by"]
    inlines = [CoSignerInline, AssignmentInline]
    readonly_fields = ["status", "number", "number_scope", "text_version"]


@admin.register(SubjectArea)
class SubjectAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["subject_area", "region", "unit", "role"]
    list_filter = ["subject_area", "role"]


@admin.register(Disagreement)
class DisagreementAdmin(admin.ModelAdmin):
    list_display = ["suggestion", "deputy", "created_at", "resolved_at"]
    raw_id_fields = ["suggestion", "deputy", "resolved_by"]


@admin.register(SuggestionEvent)
class SuggestionEventAdmin(admin.ModelAdmin):
    list_display = ["at", "suggestion", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    raw_id_fields = ["suggestion", "assignment", "actor"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # history is never edited
