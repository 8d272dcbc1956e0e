"""The statistics pages, under /reports/statistics/ (namespace `statistics`)."""

from django.urls import path

from suggestions.views import statistics

app_name = "statistics"
urlpatterns = [
    path("", statistics.statistics_page, name="index"),
    path("items/", statistics.statistics_items, name="items"),
]
