"""Follow-up pages under /suggestions/ (in the suggestions namespace): key suggestions and
their supervision, the S§47 lists and the SC's orders to put the handling right, commitments."""

from django.urls import path

from suggestions.views import accountability, commitments, key_handling

urlpatterns = [
    path("key/", key_handling.key_list, name="key-list"),
    path("key/<int:pk>/", key_handling.key_detail, name="key-detail"),
    path("key/<int:pk>/comment/", key_handling.key_comment, name="key-comment"),
    path("key/<int:pk>/report/", key_handling.key_report, name="key-report"),
    path("key/<int:pk>/responsible/", key_handling.name_responsible, name="key-responsible"),
    path("key/<int:pk>/meeting/", key_handling.meet_deputies, name="key-meeting"),
    path("key/<int:pk>/follow-on/", key_handling.follow_on, name="key-follow-on"),
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
