"""Pages under /stations/: public first, then the working pages."""

from django.urls import path

from liaison_stations.views import desk, manage, opinions, public, receptions, reports

app_name = "stations"

urlpatterns = [
    # Public (D§30(3), D§35, D§37)
    path("", public.station_list, name="list"),
    path("<int:pk>/", public.station_page, name="page"),
    path("<int:pk>/matters/", public.station_matters, name="matters"),
    path("<int:pk>/opinion/", public.station_opinion_form, name="opinion-form"),
    path("<int:pk>/qr/", public.station_qr, name="qr"),
    path("<int:pk>/manage/", manage.station_manage, name="manage"),
    path("<int:pk>/manage/attach/", manage.station_attach, name="attach"),
    path("<int:pk>/manage/detach/<int:deputy_id>/", manage.station_detach, name="detach"),
    path("<int:pk>/manage/officers/", manage.station_officer_add, name="officer-add"),
    path(
        "<int:pk>/manage/officers/<int:officer_id>/remove/",
        manage.station_officer_remove,
        name="officer-remove",
    ),
    path("<int:pk>/qr.svg", public.station_qr_svg, name="qr-svg"),
    path("deputy/<int:pk>/opinion/", public.deputy_opinion_form, name="deputy-opinion-form"),
    path("deputy/<int:pk>/qr/", public.deputy_qr, name="deputy-qr"),
    path("deputy/<int:pk>/qr.svg", public.deputy_qr_svg, name="deputy-qr-svg"),
    path("track/", public.opinion_track, name="track"),
    # Station staff, deputies, the committee
    path("desk/", desk.desk, name="desk"),
    path("opinions/", opinions.opinion_list, name="opinions"),
    path("opinions/new/", opinions.opinion_new, name="opinion-new"),
    path("opinions/<int:pk>/", opinions.opinion_detail, name="opinion"),
    path("opinions/<int:pk>/report/", opinions.opinion_report_view, name="opinion-report"),
    path("opinions/<int:pk>/classify/", opinions.opinion_classify_view, name="opinion-classify"),
    path("opinions/<int:pk>/forward/", opinions.opinion_forward_view, name="opinion-forward"),
    path("opinions/<int:pk>/answer/", opinions.opinion_answer_view, name="opinion-answer"),
    path("opinions/<int:pk>/feedback/", opinions.opinion_feedback_view, name="opinion-feedback"),
    path("opinions/<int:pk>/dismiss/", opinions.opinion_dismiss_view, name="opinion-dismiss"),
    path(
        "opinions/<int:pk>/to-suggestion/", opinions.opinion_to_suggestion_view, name="opinion-to-suggestion"
    ),
    path("receptions/", receptions.reception_list, name="receptions"),
    path("receptions/new/", receptions.reception_new, name="reception-new"),
    path("receptions/<int:pk>/", receptions.reception_detail, name="reception"),
    path("receptions/<int:pk>/hold/", receptions.reception_hold_view, name="reception-hold"),
    path("receptions/<int:pk>/cancel/", receptions.reception_cancel_view, name="reception-cancel"),
    path("reports/attendance/", reports.attendance, name="attendance"),
    path("reports/missing-months/", reports.missing_months, name="missing-months"),
]
