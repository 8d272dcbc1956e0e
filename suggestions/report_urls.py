"""Follow-up pages under /suggestions/ (in the suggestions namespace): key suggestions and
their supervision, the S§47 lists, commitments."""

from django.urls import path

from suggestions import report_views

urlpatterns = [
    path("key/", report_views.key_list, name="key-list"),
    path("key/<int:pk>/", report_views.key_detail, name="key-detail"),
    path("key/<int:pk>/comment/", report_views.key_comment, name="key-comment"),
    path("key/<int:pk>/report/", report_views.key_report, name="key-report"),
    path("accountability/", report_views.accountability, name="accountability"),
    path("accountability/items/", report_views.accountability_items, name="accountability-items"),
    path("commitments/", report_views.commitments, name="commitments"),
    path("commitments/items/", report_views.commitment_items, name="commitment-items"),
    path("commitments/<int:pk>/", report_views.commitment_detail, name="commitment"),
]
