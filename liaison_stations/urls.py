"""Pages under /stations/: public first, then the working pages."""

from django.urls import path

from liaison_stations import views

app_name = "stations"

urlpatterns = [
    # Public (D§30(3), D§35, D§37)
    path("", views.station_list, name="list"),
    path("<int:pk>/", views.station_page, name="page"),
    path("<int:pk>/matters/", views.station_matters, name="matters"),
    path("<int:pk>/opinion/", views.station_opinion_form, name="opinion-form"),
    path("<int:pk>/qr/", views.station_qr, name="qr"),
    path("<int:pk>/manage/", views.station_manage, name="manage"),
    path("<int:pk>/manage/attach/", views.station_attach, name="attach"),
    path("<int:pk>/manage/detach/<int:deputy_id>/", views.station_detach, name="detach"),
    path("<int:pk>/manage/officers/", views.station_officer_add, name="officer-add"),
    path(
        "<int:pk>/manage/officers/<int:officer_id>/remove/",
        views.station_officer_remove,
        name="officer-remove",
    ),
    path("<int:pk>/qr.svg", views.station_qr_svg, name="qr-svg"),
    path("deputy/<int:pk>/opinion/", views.deputy_opinion_form, name="deputy-opinion-form"),
    path("deputy/<int:pk>/qr/", views.deputy_qr, name="deputy-qr"),
    path("deputy/<int:pk>/qr.svg", views.deputy_qr_svg, name="deputy-qr-svg"),
    path("track/", views.opinion_track, name="track"),
    # Station staff, deputies, the committee
    path("desk/", views.desk, name="desk"),
    path("opinions/", views.opinion_list, name="opinions"),
    path("opinions/new/", views.opinion_new, name="opinion-new"),
    path("opinions/<int:pk>/", views.opinion_detail, name="opinion"),
    path("opinions/<int:pk>/report/", views.opinion_report_view, name="opinion-report"),
    path("opinions/<int:pk>/classify/", views.opinion_classify_view, name="opinion-classify"),
    path("opinions/<int:pk>/forward/", views.opinion_forward_view, name="opinion-forward"),
    path("opinions/<int:pk>/answer/", views.opinion_answer_view, name="opinion-answer"),
    path("opinions/<int:pk>/feedback/", views.opinion_feedback_view, name="opinion-feedback"),
    path("opinions/<int:pk>/dismiss/", views.opinion_dismiss_view, name="opinion-dismiss"),
    path("opinions/<int:pk>/to-suggestion/", views.opinion_to_suggestion_view, name="opinion-to-suggestion"),
    path("receptions/", views.reception_list, name="receptions"),
    path("receptions/new/", views.reception_new, name="reception-new"),
    path("receptions/<int:pk>/", views.reception_detail, name="reception"),
    path("receptions/<int:pk>/hold/", views.reception_hold_view, name="reception-hold"),
    path("receptions/<int:pk>/cancel/", views.reception_cancel_view, name="reception-cancel"),
    path("reports/attendance/", views.attendance, name="attendance"),
    path("reports/missing-months/", views.missing_months, name="missing-months"),
]
