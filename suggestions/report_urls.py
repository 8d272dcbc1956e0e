"""Follow-up pages under /suggestions/ (in the suggestions namespace): key suggestions and
their supervision, the S§47 lists and the SC's orders to put the handling right, commitments."""

from django.urls import path

from suggestions.views import accountability, commitments, follow_up

urlpatterns = [
    path("key/", follow_up.key_list, name="key-list"),
    path("key/<int:pk>/", follow_up.key_detail, name="key-detail"),
    path("key/<int:pk>/comment/", follow_up.key_comment, name="key-comment"),
    path("key/<int:pk>/report/", follow_up.key_report, name="key-report"),
    path("accountability/", accountability.accountability, name="accountability"),
    path("accountability/items/", accountability.accountability_items, name="accountability-items"),
    path("accountability/rectifications/", accountability.rectifications, name="rectifications"),
    path(
        "accountability/rectifications/new/<int:unit_id>/",
        accountability.rectification_new,
        name="rectification-new",
    ),
    path("accountability/rectifications/<int:pk>/", accountability.rectification, name="rectification"),
    path("commitments/", commitments.commitments, name="commitments"),
    path("commitments/items/", commitments.commitment_items, name="commitment-items"),
    path("commitments/<int:pk>/", commitments.commitment_detail, name="commitment"),
    path(
        "commitments/<int:commitment_id>/progress/",
        commitments.commitment_progress,
        name="commitment-progress",
    ),
]
