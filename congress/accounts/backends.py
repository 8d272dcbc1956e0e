"""The login backends: the throttle first (django-axes), then Django's, loading what every
page shows of the user in one go."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from congress.models import User
from congress.notifications.models import Notification


class ThrottleBackend(AxesStandaloneBackend):
    """Refuses a login for an account at an address with too many failures (cool-off).

    Every login form and the token endpoint pass the request. Code that authenticates
    without one (Django's test client) is no login attempt from anywhere: it is not counted.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        # Every page's header names the user's organisation and unread count, and the
        # navigation depends on the roles: fetch them with the user, not one query each later.
        unread = (
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(n=Count("pk"))
            .values("n")
        )
        user = (
            User.objects.select_related("organisation")
            .prefetch_related("role_rows")
            .annotate(unread_at_load=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
