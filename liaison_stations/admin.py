from django.contrib import admin

from liaison_stations.models import Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "city", "county", "head_name", "is_active"]
    list_filter = ["kind", "city", "is_active"]
    search_fields = ["name", "address", "host_body"]
    autocomplete_fields = ["parent", "deputies", "staff"]
