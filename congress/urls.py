from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from congress import health, views
from congress.accounts import api as accounts_api
from congress.accounts import views as account_views
from congress.api.calendar import CalendarDayViewSet, CalendarYearViewSet, DeadlineView
from congress.api.views import MeView, SessionViewSet, UnitViewSet, api_docs
from congress.deadlines import calendar_views, reminder_views
from congress.notifications.api import NotificationViewSet
from deputies import api as deputies_api
from liaison_stations import api as stations_api
from motions.api import MotionViewSet, ReviewMeetingViewSet, ReviewMemberViewSet, ReviewReportViewSet
from motions.api.instruments import InterpellationViewSet, InvestigationProposalViewSet, RecallViewSet
from suggestions.api.assignments import AssignmentViewSet, CommitmentViewSet
from suggestions.api.public import PublicReplyViewSet
from suggestions.api.statistics import SuggestionStatisticsView
from suggestions.api.suggestions import SuggestionViewSet

router = DefaultRouter()
router.register("interpellations", InterpellationViewSet, basename="interpellation")
router.register("recalls", RecallViewSet, basename="recall")
router.register("investigation-proposals", InvestigationProposalViewSet, basename="investigation-proposal")
router.register("sessions", SessionViewSet, basename="session")
router.register("units", UnitViewSet, basename="unit")
router.register("deputies", deputies_api.DeputyViewSet, basename="deputy")
router.register("delegations", deputies_api.DelegationViewSet, basename="delegation")
router.register("leaves", deputies_api.LeaveViewSet, basename="leave")
router.register("sittings", deputies_api.SittingViewSet, basename="sitting")
router.register("attendance", deputies_api.AttendanceViewSet, basename="attendance")
router.register("trainings", deputies_api.TrainingViewSet, basename="training")
router.register("inspections", deputies_api.InspectionViewSet, basename="inspection")
router.register("feedbacks", deputies_api.FeedbackViewSet, basename="feedback")
router.register("suggestions", SuggestionViewSet, basename="suggestion")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("calendar/days", CalendarDayViewSet, basename="calendar-day")
router.register("calendar/years", CalendarYearViewSet, basename="calendar-year")
router.register("stations", stations_api.StationViewSet, basename="station")
router.register("points", stations_api.PointViewSet, basename="point")
router.register("receptions", stations_api.ReceptionViewSet, basename="reception")
router.register("opinions", stations_api.OpinionViewSet, basename="opinion")
router.register("public/stations", stations_api.PublicStationViewSet, basename="public-station")
router.register("public/replies", PublicReplyViewSet, basename="public-reply")
router.register("motions", MotionViewSet, basename="motion")
router.register("review-members", ReviewMemberViewSet, basename="review-member")
router.register("review-meetings", ReviewMeetingViewSet, basename="review-meeting")
router.register("review-reports", ReviewReportViewSet, basename="review-report")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("auth/tokens", accounts_api.TokenViewSet, basename="auth-token")

api_v1: list[URLPattern | URLResolver] = [
    path("auth/token/", accounts_api.ObtainTokenView.as_view(), name="api-token"),
    path(
        "auth/logout-everywhere/", accounts_api.LogoutEverywhereView.as_view(), name="api-logout-everywhere"
    ),
    path("me/", MeView.as_view(), name="api-me"),
    path("calendar/deadline/", DeadlineView.as_view(), name="api-deadline"),
    path("public/opinions/", stations_api.PublicOpinionView.as_view(), name="api-public-opinion"),
    path("stats/suggestions/", SuggestionStatisticsView.as_view(), name="api-stats-suggestions"),
    path(
        "public/opinions/<str:code>/", stations_api.PublicTrackingView.as_view(), name="api-public-tracking"
    ),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says; the portal's own icon answers.
    path("favicon.ico", views.favicon),
    path("accounts/login/", account_views.SignIn.as_view(), name="login"),
    path("accounts/login/code/", account_views.login_verify, name="login-verify"),
    path("accounts/two-factor/", account_views.two_factor, name="account-two-factor"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/tokens/", account_views.tokens, name="account-tokens"),
    path("accounts/tokens/<int:pk>/revoke/", account_views.token_delete, name="account-token-delete"),
    path("accounts/logout-everywhere/", account_views.everywhere, name="account-logout-everywhere"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("suggestions/", include("suggestions.urls")),
    path("documents/", include("congress.documents.urls")),
    path("public/", include("suggestions.public_urls")),
    path("reports/statistics/", include("suggestions.statistics_urls")),
    path("calendar/", calendar_views.calendar_index, name="calendar-index"),
    path("calendar/new/", calendar_views.calendar_new, name="calendar-new"),
    path("calendar/import/", calendar_views.calendar_import, name="calendar-import"),
    path("calendar/<int:year>/", calendar_views.calendar_year, name="calendar-year"),
    path("calendar/<int:year>/approve/", calendar_views.calendar_approve, name="calendar-approve"),
    path("calendar/<int:year>/delete/", calendar_views.calendar_delete, name="calendar-delete"),
    path("deadline/", calendar_views.deadline_calculator, name="deadline-calculator"),
    path("overdue/", reminder_views.overdue_board, name="overdue"),
    path("overdue/items/", reminder_views.overdue_list, name="overdue-items"),
    path("reminders/schedules/", reminder_views.schedule_list, name="reminder-schedules"),
    path("reminders/schedules/<str:rule>/", reminder_views.schedule_edit, name="reminder-schedule-edit"),
    path(
        "reminders/schedules/<str:rule>/reset/", reminder_views.schedule_reset, name="reminder-schedule-reset"
    ),
    path("stations/", include("liaison_stations.urls", namespace="stations")),
    path("motions/", include("motions.urls")),
    path("deputies/", include("deputies.urls", namespace="deputies")),
    path("notifications/", include("congress.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
]

# Error answers: JSON under /api/, pages elsewhere (congress.health).
handler400 = health.bad_request
handler403 = health.forbidden
handler404 = health.not_found
handler500 = health.server_error
