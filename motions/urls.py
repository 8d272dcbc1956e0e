from django.urls import path

from motions.views import actions, detail, files, filing, instruments, lists, public, review

app_name = "motions"

urlpatterns = [
    path("", lists.motion_list, name="list"),
    path("new/", filing.motion_new, name="new"),
    path("signatures/", lists.signatures, name="signatures"),
    path("recess/", lists.recess_list, name="recess"),
    path("next-session/", lists.next_session, name="next-session"),
    path("review/", review.review_home, name="review"),
    path("review/<str:action>/", review.review_act, name="review-act"),
    path("report/<int:session_id>/", review.review_report_page, name="report"),
    path("public/", public.public_list, name="public"),
    path("public/<int:pk>/", public.public_detail, name="public-detail"),
    path("public/<int:pk>/report-file/", public.public_report_file, name="public-report-file"),
    path("attachments/<int:pk>/", files.attachment_download, name="attachment"),
    path("<int:pk>/", detail.motion_detail, name="detail"),
    path("<int:pk>/edit/", filing.motion_edit, name="edit"),
    path("<int:pk>/report-file/", files.report_file, name="report-file"),
    path("<int:pk>/act/<str:action>/", actions.motion_act, name="act"),
]

# The joint instruments (D§14–D§16): /motions/interpellations/, /motions/recalls/, /motions/investigations/.
for kind in instruments.MODELS:
    urlpatterns += [
        path(f"{kind}s/", instruments.instrument_list, {"kind": kind}, name=f"{kind}-list"),
        path(f"{kind}s/new/", instruments.instrument_new, {"kind": kind}, name=f"{kind}-new"),
        path(f"{kind}s/<int:pk>/", instruments.instrument_detail, {"kind": kind}, name=kind),
        path(
            f"{kind}s/<int:pk>/do/<str:action>/",
            instruments.instrument_form,
            {"kind": kind},
            name=f"{kind}-form",
        ),
        path(
            f"{kind}s/<int:pk>/act/<str:action>/",
            instruments.instrument_act,
            {"kind": kind},
            name=f"{kind}-act",
        ),
    ]
