"""Pages under /deputies/: the register, leave and attendance, trainings, inspections and their
feedback, the archive and the report to constituents."""

from django.urls import path

from deputies.views import archive, deputies, inspections, search, sessions, trainings

app_name = "deputies"

urlpatterns = [
    path("", deputies.deputy_list, name="list"),
    path("me/", deputies.my_record, name="mine"),
    path("search/", search.deputy_search, name="search"),
    path("<int:pk>/", deputies.deputy_detail, name="detail"),
    path("<int:pk>/suspend/", deputies.deputy_suspend_view, name="suspend"),
    path("<int:pk>/restore/", deputies.deputy_restore_view, name="restore"),
    path("<int:pk>/terminate/", deputies.deputy_terminate_view, name="terminate"),
    path("<int:pk>/needs/", deputies.deputy_needs_view, name="needs"),
    # The performance archive (D§43)
    path("<int:pk>/archive/", archive.archive, name="archive"),
    path("<int:pk>/archive/print/", archive.archive_print, name="archive-print"),
    path("<int:pk>/reports/new/", archive.report_new, name="report-new"),
    path("archives/", archive.archives, name="archives"),
    path("reports/<int:pk>/", archive.report_detail, name="report"),
    path("reports/<int:pk>/edit/", archive.report_edit_view, name="report-edit"),
    path("reports/<int:pk>/finalise/", archive.report_finalise_view, name="report-finalise"),
    path("reports/<int:pk>/reopen/", archive.report_reopen_view, name="report-reopen"),
    path("reports/<int:pk>/print/", archive.report_print, name="report-print"),
    # Leave and attendance (D§8, D§46(3))
    path("leaves/", sessions.leave_list, name="leaves"),
    path("leaves/new/", sessions.leave_new, name="leave-new"),
    path("leaves/<int:pk>/", sessions.leave_detail, name="leave"),
    path("leaves/<int:pk>/decide/", sessions.leave_decide_view, name="leave-decide"),
    path("leaves/<int:pk>/withdraw/", sessions.leave_withdraw_view, name="leave-withdraw"),
    path("sittings/", sessions.sitting_list, name="sittings"),
    path("sittings/<int:pk>/", sessions.sitting_detail, name="sitting"),
    path("sittings/<int:pk>/import/", sessions.sitting_import, name="sitting-import"),
    path("absences/", sessions.absences, name="absences"),
    # Trainings (D§41)
    path("trainings/", trainings.training_list, name="trainings"),
    path("trainings/new/", trainings.training_new, name="training-new"),
    path("trainings/missing/", trainings.trainings_missing, name="trainings-missing"),
    path("trainings/<int:pk>/", trainings.training_detail, name="training"),
    path("trainings/<int:pk>/invite/", trainings.training_invite_view, name="training-invite"),
    path("trainings/<int:pk>/hold/", trainings.training_hold_view, name="training-hold"),
    path("trainings/<int:pk>/cancel/", trainings.training_cancel_view, name="training-cancel"),
    # Inspections and research (D§22–D§27), and the bodies' feedback
    path("inspections/", inspections.inspection_list, name="inspections"),
    path("inspections/new/", inspections.inspection_new, name="inspection-new"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/edit/", inspections.inspection_edit_view, name="inspection-edit"),
    path("inspections/<int:pk>/report/", inspections.inspection_report_view, name="inspection-report"),
    path("inspections/<int:pk>/forward/", inspections.inspection_forward_view, name="inspection-forward"),
    path("inspections/<int:pk>/cancel/", inspections.inspection_cancel_view, name="inspection-cancel"),
    path(
        "inspections/<int:pk>/request-meeting/",
        inspections.inspection_request_meeting_view,
        name="inspection-request-meeting",
    ),
    path(
        "inspections/<int:pk>/meetings/<int:meeting>/arrange/",
        inspections.inspection_arrange_meeting_view,
        name="inspection-arrange-meeting",
    ),
    path("feedback/", inspections.feedback_inbox, name="feedbacks"),
    path("feedback/<int:pk>/", inspections.feedback_detail, name="feedback"),
    path("feedback/<int:pk>/give/", inspections.feedback_give_view, name="feedback-give"),
]
