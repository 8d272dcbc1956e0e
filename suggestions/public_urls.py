"""Public pages under /public/, no sign-in (S§33)."""

from django.urls import path

from suggestions import public_views

app_name = "public"
urlpatterns = [
    path("replies/", public_views.reply_list, name="replies"),
    path("replies/<int:pk>/", public_views.reply_page, name="reply"),
    path("units/", public_views.unit_league, name="units"),
]
