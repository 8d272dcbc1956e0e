"""What every working page of the stations asks first: who is acting, whether they do station
work at all, which stations they work at, and which of a page's forms was posted."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from congress.models import User
from liaison_stations.models import Station
from liaison_stations.permissions import is_overseer, is_station_staff
from liaison_stations.selectors import stations_run_by


def actor(request: Any) -> User:
    """The signed-in user (login_required ensures there is one)."""
    return cast(User, request.user)


def require_station_work(request: HttpRequest) -> None:
    user = request.user
    if not (is_overseer(user) or is_station_staff(user) or getattr(user, "deputy", None)):
        raise PermissionDenied


def stations_worked_by(user: Any) -> QuerySet[Station]:
    """The stations and points whose work the user does (none for a deputy)."""
    if is_station_staff(user) or is_overseer(user):
        return stations_run_by(user)
    return Station.objects.none()


def venue_from(request: HttpRequest) -> Station:
    """The station or point a form is for: ?station=…, else the user's first."""
    stations = stations_run_by(request.user)
    chosen = request.GET.get("station") or request.POST.get("station")
    venue = stations.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else None
    venue = (
        venue or stations.filter(staff=request.user.pk).order_by("kind", "name").first() or stations.first()
    )
    if venue is None:
        raise PermissionDenied
    return venue


def posted_to(request: HttpRequest, url_name: str) -> QueryDict | None:
    """What was typed into the form that posts to `url_name`, when the page is shown again
    after that POST (congress.pages.refusals); None otherwise, so the page's other forms stay
    empty and show no errors."""
    match = request.resolver_match
    if request.POST and match is not None and match.url_name == url_name:
        return request.POST
    return None
