from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congress.notifications import delivery
from congress.notifications.models import Notification, NotificationPreference, OutboxMessage


class OutboxInline(admin.TabularInline):
    model = OutboxMessage
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "channel",
        "status",
        "digest",
        "attempts",
        "last_error",
        "not_before",
        "sent_at",
    )

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    # Notifications come from the workflows through delivery.notify(), which also queues
    # their email and SMS; one added here would reach the inbox only.
    list_display = ["subject", "recipient", "kind", "created", "read_at"]
    list_filter = ["kind", "created"]
    search_fields = ["subject", "recipient__username", "recipient__name", "dedupe_key"]
    date_hierarchy = "created"
    autocomplete_fields = ["recipient"]
    readonly_fields = ["created", "read_at"]
    inlines = [OutboxInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "status", "digest", "attempts", "not_before", "sent_at"]
    list_filter = ["status", "channel", "digest"]
    search_fields = ["notification__subject", "notification__recipient__username", "last_error"]
    list_select_related = ["notification"]
    raw_id_fields = ["notification"]
    readonly_fields = ["notification", "channel", "digest", "created", "sent_at", "attempts", "last_error"]
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send the selected failed messages again"))
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = delivery.retry_failed(messages=queryset)
        text = ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
        self.message_user(request, text % {"count": count}, messages.SUCCESS)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled", "email_digest", "sms_enabled", "updated"]
    list_filter = ["email_enabled", "email_digest", "sms_enabled"]
    search_fields = ["user__username", "user__name"]
    autocomplete_fields = ["user"]
