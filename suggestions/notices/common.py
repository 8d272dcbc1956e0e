"""What every notice shares: who the people are, the link, sending through notify(), and the
portal's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import translation

from congress.models import Organisation, User
from congress.notifications.services import notify
from congress.roles import Role
from deputies.models import Deputy
from suggestions.models import Suggestion


def link(suggestion: Suggestion) -> str:
    return f"/suggestions/{suggestion.pk}/"


def users_of(deputies: Iterable[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user and d.user.is_active]


def unit_users(unit_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=unit_id, is_active=True, role_rows__role__in=[Role.UNIT_HANDLER, Role.UNIT_HEAD]
        ).distinct()
    )


def assigning_staff(suggestion: Suggestion) -> list[User]:
    roles = [Role.COMMITTEE_STAFF] + ([Role.SECRETARIAT] if suggestion.session_id else [])
    return list(User.objects.filter(is_active=True, role_rows__role__in=roles).distinct())


def general_office_users() -> list[User]:
    """The provincial government's general office: copies of its units' replies (S§31); it
    follows their handling (S§43)."""
    return list(User.objects.filter(organisation__kind=Organisation.Kind.GENERAL_OFFICE, is_active=True))


def send(recipients: Iterable[User], kind: str, subject: str, body: str, link: str) -> None:
    recipients = list({u.pk: u for u in recipients}.values())
    if recipients:
        notify(recipients=recipients, kind=kind, subject=subject, body=body, link=link)


def load(pk: int) -> Suggestion:
    return Suggestion.objects.select_related("lead_deputy__user", "session").get(pk=pk)


# Messages are written in Chinese, the portal's language: they are stored and emailed,
# read later by people whose interface is Chinese.
def in_chinese(function: Callable[..., None]) -> Callable[..., None]:
    def wrapper(*args: Any) -> None:
        with translation.override("zh-hans"):
            function(*args)

    wrapper.__name__ = function.__name__
    return wrapper
