"""The login backend: Django's, loading what every page shows of the user in one go."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from congress.models import User


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        # The header names the user's organisation and the navigation depends on the roles:
        # fetch both with the user instead of one query each later.
        user = (
            User.objects.select_related("organisation")
            .prefetch_related("role_rows")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
