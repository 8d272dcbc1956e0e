"""Public pages under /public/, no sign-in (S§33)."""

from django.urls import path

from suggestions.views import public

app_name = "public"
urlpatterns = [
    path("replies/", public.reply_list, name="replies"),
    path("replies/<int:pk>/", public.reply_page, name="reply"),
    path("units/", public.unit_league, name="units"),
]
