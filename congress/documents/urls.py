from django.urls import path

from congress.documents import views

app_name = "documents"

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:report_id>/", views.report_page, name="report"),
    path("notices/", views.notices, name="notices"),
    path("new/", views.document_new, name="new"),
    path("<int:document_id>/", views.document_page, name="document"),
    path("<int:document_id>/status/", views.document_status, name="status"),
    path("<int:document_id>/file/", views.document_file, name="file"),
    path("now/<str:kind>/<str:source>.docx", views.document_now, name="now"),
]
