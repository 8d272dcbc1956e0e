from django.urls import include, path

from suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("", views.my_suggestions, name="mine"),
    path("new/", views.suggestion_new, name="new"),
    path("enter/", views.staff_entry, name="staff-entry"),
    path("review/", views.review_queue, name="review"),
    path("review/bulk/", views.review_bulk, name="review-bulk"),
    path("objections/", views.objections, name="objections"),
    path("inbox/", views.unit_inbox, name="inbox"),
    path("routing/", views.routing_table, name="routing"),
    path("import/", views.import_batch, name="import"),
    path("", include("suggestions.report_urls")),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/edit/", views.suggestion_edit, name="edit"),
    path("<int:pk>/submit/", views.suggestion_submit, name="submit"),
    path("<int:pk>/invite/", views.cosigner_invite, name="invite"),
    path("<int:pk>/cosigners/<int:deputy_id>/remove/", views.cosigner_remove, name="cosigner-remove"),
    path("<int:pk>/confirm/", views.cosigner_confirm, name="confirm"),
    path("<int:pk>/decline/", views.cosigner_decline, name="decline"),
    path("<int:pk>/withdraw/", views.suggestion_withdraw, name="withdraw"),
    path("<int:pk>/disagree/", views.suggestion_disagree, name="disagree"),
    path("<int:pk>/accept/", views.suggestion_accept, name="accept"),
    path("<int:pk>/return/", views.suggestion_return, name="return"),
    path("<int:pk>/not-accept/", views.suggestion_not_accept, name="not-accept"),
    path("<int:pk>/merge/", views.suggestion_merge, name="merge"),
    path("<int:pk>/assign/", views.suggestion_assign, name="assign"),
    path(
        "<int:pk>/disagreements/<int:disagreement_id>/answer/",
        views.disagreement_answer,
        name="disagreement-answer",
    ),
    path("assignments/<int:assignment_id>/acknowledge/", views.assignment_acknowledge, name="acknowledge"),
    path("assignments/<int:assignment_id>/object/", views.assignment_object, name="object"),
    path("assignments/<int:assignment_id>/reassign/", views.assignment_reassign, name="reassign"),
    path(
        "assignments/<int:assignment_id>/reject-objection/",
        views.assignment_reject_objection,
        name="reject-objection",
    ),
]
