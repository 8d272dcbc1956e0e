from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from deputies.models import (
    ArchivePublication,
    Delegation,
    Deputy,
    Feedback,
    Inspection,
    Leave,
    Sitting,
    Training,
)


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "congress", "city_sc", "head", "sort_order"]
    list_filter = ["congress"]
    search_fields = ["name"]
    autocomplete_fields = ["head", "city_sc"]
    filter_horizontal = ["staff"]


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ["name", "gender", "ethnicity", "delegation", "constituency", "status", "user"]
    list_filter = ["congress", "delegation", "status", "gender", "directly_elected"]
    search_fields = ["name", "constituency", "occupation", "phone"]
    autocomplete_fields = ["user"]
    # The status changes only through its steps (D§45–D§49), with their history and notices.
    readonly_fields = [
        "status",
        "status_ground",
        "status_since",
        "status_until",
        "status_decision",
        "status_announced_on",
    ]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "congress",
                    "delegation",
                    "name",
                    "gender",
                    "ethnicity",
                    "constituency",
                    "directly_elected",
                    "occupation",
                )
            },
        ),
        (_("Contact"), {"fields": ("phone", "email", "address", "user")}),
        (_("Needs (D§42)"), {"fields": ("language_needs", "custom_needs")}),
        (_("Status"), {"fields": tuple(readonly_fields)}),
    )


@admin.register(Leave)
class LeaveAdmin(admin.ModelAdmin):
    list_display = ["deputy", "session", "status", "deciding_body", "requested_at"]
    list_filter = ["status", "deciding_body", "session"]
    search_fields = ["deputy__name"]
    readonly_fields = ["status", "deciding_body", "decided_at", "decided_by", "entered_by"]


@admin.register(Sitting)
class SittingAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "session"]
    list_filter = ["session"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "kind", "status"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "kind", "organiser", "status"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["inspection", "body", "status", "received_on", "feedback_due"]
    list_filter = ["status"]
    readonly_fields = ["status", "feedback_due", "feedback_due_provisional"]


@admin.register(ArchivePublication)
class ArchivePublicationAdmin(admin.ModelAdmin):
    list_display = ["congress", "year", "published_at", "published_by"]
