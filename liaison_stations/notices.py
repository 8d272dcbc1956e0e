"""Who is told what at a station. Services call these inside their transaction; notify() writes
the inbox and outbox rows there and delivers after the commit (email, SMS by each user's choice).

The deputies on a reception are told when it is scheduled or cancelled (D§31); the station's
staff and the deputy an online opinion was sent to learn of it at once (D§37); the deputies who
received a matter, or to whom it was sent, hear its answer (D§35).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress.models import User
from congress.notifications.services import notify
from deputies.models import Deputy
from liaison_stations.models import Opinion, Reception


def users_of(deputies: Iterable[Deputy]) -> list[User]:
    return [d.user for d in deputies if d.user_id and d.user is not None]


def _when(reception: Reception) -> str:
    starts, ends = timezone.localtime(reception.starts_at), timezone.localtime(reception.ends_at)
    return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"


def _reception_values(reception: Reception) -> dict[str, str]:
    return {"station": reception.venue.name, "when": _when(reception), "place": reception.place}


def reception_scheduled(reception: Reception, deputies: Iterable[Deputy]) -> None:
    recipients = users_of(deputies)
    if not recipients:
        return
    # Notifications are stored in the portal's language, whoever triggered them.
    with translation.override(settings.LANGUAGE_CODE):
        values = _reception_values(reception)
        subject = _("You are on a reception: %(station)s, %(when)s") % values
        body = _("You are to receive constituents at %(station)s, %(place)s, on %(when)s (D§31).") % values
    notify(
        recipients=recipients,
        kind="station_reception",
        subject=subject,
        body=body,
        link=reverse("stations:reception", args=[reception.pk]),
        dedupe_key=f"reception:{reception.pk}:scheduled",
    )


def reception_cancelled(reception: Reception, reason: str) -> None:
    recipients = users_of(reception.deputies.select_related("user"))
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = _reception_values(reception)
        subject = _("Reception cancelled: %(station)s, %(when)s") % values
        body = _("The reception at %(station)s on %(when)s is cancelled.") % values + (
            f" {reason}" if reason else ""
        )
    notify(
        recipients=recipients,
        kind="station_reception_cancelled",
        subject=subject,
        body=body,
        link=reverse("stations:reception", args=[reception.pk]),
        dedupe_key=f"reception:{reception.pk}:cancelled",
    )


def opinion_sent_online(opinion: Opinion) -> None:
    """The station's staff (who handle it) and the deputy it was sent to learn of it at once."""
    staff = list(opinion.station.staff.all()) if opinion.station else []
    deputy_users = users_of([opinion.deputy]) if opinion.deputy else []
    if not (staff or deputy_users):
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New opinion sent online: %(code)s") % {"code": opinion.tracking_code}
    notify(
        recipients=[*staff, *deputy_users],
        kind="station_opinion_online",
        subject=subject,
        body=opinion.matter[:500],
        link=reverse("stations:opinion", args=[opinion.pk]),
    )


def opinion_answered(opinion: Opinion) -> None:
    """D§35: the deputies who received the matter, or to whom it was sent, hear the answer."""
    deputies = list(opinion.received_by.select_related("user"))
    if opinion.deputy is not None and opinion.deputy not in deputies:
        deputies.append(opinion.deputy)
    recipients = users_of(deputies)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Answered: %(summary)s") % {"summary": opinion.summary[:60]}
    notify(
        recipients=recipients,
        kind="station_opinion_answered",
        subject=subject,
        body=opinion.answer,
        link=reverse("stations:opinion", args=[opinion.pk]),
        dedupe_key=f"opinion:{opinion.pk}:answered",
    )
