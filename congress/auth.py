"""The login backend: Django's, loading what every page shows of the user in one go."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from congress.models import User
from congress.notifications.models import Notification


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
