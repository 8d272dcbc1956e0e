from django.urls import path

from motions import views

app_name = "motions"

urlpatterns = [
    path("", views.motion_list, name="list"),
    path("new/", views.motion_new, name="new"),
    path("signatures/", views.signatures, name="signatures"),
    path("recess/", views.recess_list, name="recess"),
    path("review/", views.review_home, name="review"),
    path("review/<str:action>/", views.review_act, name="review-act"),
    path("report/<int:session_id>/", views.review_report_page, name="report"),
    path("public/", views.public_list, name="public"),
    path("public/<int:pk>/", views.public_detail, name="public-detail"),
    path("public/<int:pk>/report-file/", views.public_report_file, name="public-report-file"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/", views.motion_detail, name="detail"),
    path("<int:pk>/edit/", views.motion_edit, name="edit"),
    path("<int:pk>/report-file/", views.report_file, name="report-file"),
    path("<int:pk>/act/<str:action>/", views.motion_act, name="act"),
]
