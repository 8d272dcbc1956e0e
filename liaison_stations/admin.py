from django.contrib import admin
from django.http import HttpRequest

from liaison_stations.models import (
    Attachment,
    Event,
    Forwarding,
    LiaisonOfficer,
    Opinion,
    Reception,
    Station,
)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    autocomplete_fields = ["deputy"]
    extra = 0


class OfficerInline(admin.TabularInline):
    model = LiaisonOfficer
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "city", "county", "head_name", "is_active"]
    list_filter = ["kind", "host_kind", "city", "is_active"]
    search_fields = ["name", "address", "host_body"]
    autocomplete_fields = ["parent", "staff"]
    inlines = [AttachmentInline, OfficerInline]


@admin.register(Reception)
class ReceptionAdmin(admin.ModelAdmin):
    list_display = ["station", "point", "kind", "starts_at", "ends_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["station__name", "theme"]
    autocomplete_fields = ["station", "point", "deputies"]
    date_hierarchy = "starts_at"


FORWARDING_FIELDS: list[str] = [
    "body_name",
    "unit",
    "forwarded_on",
    "reply_due",
    "reply_due_provisional",
    "outcome",
    "closed_on",
]


class ForwardingInline(admin.TabularInline):
    model = Forwarding
    extra = 0
    fields = tuple(FORWARDING_FIELDS)
    readonly_fields = FORWARDING_FIELDS


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    """Read-mostly: the history is written by the services, not here."""

    list_display = ["tracking_code", "station", "point", "category", "status", "received_on"]
    list_filter = ["status", "category", "source", "is_secret"]
    search_fields = ["tracking_code", "summary"]
    autocomplete_fields = ["station", "point", "deputy", "reception", "received_by"]
    readonly_fields = ["tracking_code", "status", "created_by", "created_at"]
    inlines = [ForwardingInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "opinion", "reception", "actor", "from_status", "to_status"]
    list_filter = ["action"]

    def has_change_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False
