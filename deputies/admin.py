from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from deputies.models import Delegation, Deputy


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
    list_filter = ["congress", "delegation", "status", "gender"]
    search_fields = ["name", "constituency", "occupation", "phone"]
    autocomplete_fields = ["user"]
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
                    "occupation",
                )
            },
        ),
        (_("Contact"), {"fields": ("phone", "email", "address", "user")}),
        (_("Status"), {"fields": ("status", "status_ground", "status_since", "status_until")}),
    )
