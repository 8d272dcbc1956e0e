from django.urls import include, path

from suggestions.views import assignment, detail, filing, follow_up, handling, key_handling, review

app_name = "suggestions"
urlpatterns = [
    path("", filing.my_suggestions, name="mine"),
    path("new/", filing.suggestion_new, name="new"),
    path("enter/", filing.staff_entry, name="staff-entry"),
    path("review/", review.review_queue, name="review"),
    path("review/bulk/", review.review_bulk, name="review-bulk"),
    path("objections/", assignment.objections, name="objections"),
    path("inbox/", assignment.unit_inbox, name="inbox"),
    path("routing/", review.routing_table, name="routing"),
    path("import/", review.import_batch, name="import"),
    path("", include("suggestions.report_urls")),
    path("<int:pk>/", detail.suggestion_detail, name="detail"),
    path("<int:pk>/edit/", filing.suggestion_edit, name="edit"),
    path("<int:pk>/submit/", filing.suggestion_submit, name="submit"),
    path("<int:pk>/invite/", filing.cosigner_invite, name="invite"),
    path("<int:pk>/cosigners/<int:deputy_id>/remove/", filing.cosigner_remove, name="cosigner-remove"),
    path("<int:pk>/confirm/", filing.cosigner_confirm, name="confirm"),
    path("<int:pk>/decline/", filing.cosigner_decline, name="decline"),
    path("<int:pk>/withdraw/", filing.suggestion_withdraw, name="withdraw"),
    path("<int:pk>/disagree/", assignment.suggestion_disagree, name="disagree"),
    path("<int:pk>/accept/", review.suggestion_accept, name="accept"),
    path("<int:pk>/return/", review.suggestion_return, name="return"),
    path("<int:pk>/not-accept/", review.suggestion_not_accept, name="not-accept"),
    path("<int:pk>/merge/", review.suggestion_merge, name="merge"),
    path("<int:pk>/assign/", assignment.suggestion_assign, name="assign"),
    path("<int:pk>/reroute/", assignment.suggestion_reroute, name="reroute"),
    path(
        "<int:pk>/disagreements/<int:disagreement_id>/answer/",
        assignment.disagreement_answer,
        name="disagreement-answer",
    ),
    path(
        "assignments/<int:assignment_id>/acknowledge/", assignment.assignment_acknowledge, name="acknowledge"
    ),
    path("assignments/<int:assignment_id>/object/", assignment.assignment_object, name="object"),
    path("assignments/<int:assignment_id>/reassign/", assignment.assignment_reassign, name="reassign"),
    path(
        "assignments/<int:assignment_id>/reject-objection/",
        assignment.assignment_reject_objection,
        name="reject-objection",
    ),
    # Handling after assignment (issue 5)
    path("<int:pk>/evaluate/", handling.evaluate, name="evaluate"),
    path("<int:pk>/rehandling/", handling.decide_rehandling, name="rehandling"),
    path("<int:pk>/key/", key_handling.mark_key, name="mark-key"),
    path("<int:pk>/ask/", follow_up.ask, name="ask"),
    path("assignments/<int:assignment_id>/communicate/", handling.communicate, name="communicate"),
    path("assignments/<int:assignment_id>/leader/", key_handling.name_leader, name="name-leader"),
    path("assignments/<int:assignment_id>/opinion/", handling.send_opinion, name="send-opinion"),
    path("assignments/<int:assignment_id>/extension/", handling.request_extension, name="request-extension"),
    path(
        "assignments/<int:assignment_id>/extension/decide/",
        handling.decide_extension,
        name="decide-extension",
    ),
    path("assignments/<int:assignment_id>/reply/", handling.draft_reply, name="draft-reply"),
    path("replies/<int:reply_id>/", handling.reply_page, name="reply"),
    path("replies/<int:reply_id>/letter/", handling.reply_letter, name="reply-letter"),
    path("replies/<int:reply_id>/approve/", handling.approve_reply, name="approve-reply"),
    path("replies/<int:reply_id>/publication/", handling.withhold_reply, name="withhold-reply"),
    path("requests/<int:request_id>/arrange/", follow_up.arrange, name="arrange"),
    path("templates/", handling.reply_templates, name="templates"),
]
