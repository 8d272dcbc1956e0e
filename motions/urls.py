from django.urls import path

from motions import views

urlpatterns = [
    path("", views.motion_list, name="motion-list"),
    path("new/", views.motion_new, name="motion-new"),
    path("signatures/", views.signatures, name="motion-signatures"),
    path("recess/", views.recess_list, name="motion-recess"),
    path("review/", views.review_home, name="motion-review"),
    path("review/<str:action>/", views.review_act, name="motion-review-act"),
    path("report/<int:session_id>/", views.review_report_page, name="motion-report"),
    path("public/", views.public_list, name="motion-public"),
    path("public/<int:pk>/", views.public_detail, name="motion-public-detail"),
    path("public/<int:pk>/report-file/", views.public_report_file, name="motion-public-report-file"),
    path("attachments/<int:pk>/", views.attachment_download, name="motion-attachment"),
    path("<int:pk>/", views.motion_detail, name="motion-detail"),
    path("<int:pk>/edit/", views.motion_edit, name="motion-edit"),
    path("<int:pk>/report-file/", views.report_file, name="motion-report-file"),
    path("<int:pk>/act/<str:action>/", views.motion_act, name="motion-act"),
]
