"""Pages of the shared core: the public front page, and the home page per role with each person's desk (issue 16)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone

from congress.accounts.two_factor import may_use_second_factor
from congress.desk import desk_for
from congress.models import Heartbeat, User
from congress.roles import Role
from congress.selectors import current_session
from liaison_stations.forms import PublicStationFilter, TrackForm
from liaison_stations.models import Station
from liaison_stations.selectors.public import public_stations
from suggestions.reports import disclosure


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; the portal's own icon answers."""
    return redirect(static("img/favicon.svg"), permanent=True)


SINCE_KEY = "desk_since"
# The first desk ever has no last visit: it shows what happened in this many days.
FIRST_VISIT_WINDOW = dt.timedelta(days=30)


def desk_since(request: HttpRequest) -> dt.datetime:
    """The start of "since your last visit": the user's last desk before this sign-in, fixed for
    the sign-in (kept in the session) so that a reload does not empty the list."""
    user: User = request.user  # type: ignore[assignment]
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(desk_seen_at=now)
    stored = request.session.get(SINCE_KEY)
    if stored:
        return dt.datetime.fromisoformat(stored)
    since = user.desk_seen_at or now - FIRST_VISIT_WINDOW
    request.session[SINCE_KEY] = since.isoformat()
    return since


def home(request: HttpRequest) -> HttpResponse:
    """`/`: the public front page for visitors, each signed-in user's own home."""
    if not request.user.is_authenticated:
        return front_page(request)
    return _signed_in_home(request)


def front_page(request: HttpRequest) -> HttpResponse:
    """What the public comes for (USERS.md, "The public"): published replies (S§33), a station near
    them with its online opinion form and tracking (D§37), the deadline calculator, and who to call."""
    context = {
        "replies": disclosure.published_replies()[:5],
        "station_search": PublicStationFilter(queryset=public_stations()).form,
        "stations": public_stations().filter(kind=Station.Kind.STATION)[:6],
        "track_form": TrackForm(),
    }
    return render(request, "congress/front_page.html", context)


@login_required
def _signed_in_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    deputy = getattr(user, "deputy", None)
    session = current_session()
    context = {
        "deputy": deputy,
        "organisation": user.organisation,  # type: ignore[union-attr]
        "roles": [Role(r) for r in sorted(user.roles)],  # type: ignore[union-attr]
        "session": session,
        "session_sitting": bool(session and session.is_sitting_on(timezone.localdate())),
        "delegations": list(user.delegations.all()),  # type: ignore[union-attr]
        "may_use_second_factor": may_use_second_factor(user),  # type: ignore[arg-type]
        "desk": desk_for(user, since=desk_since(request)),
        "today": timezone.localdate(),
    }
    if user.is_superuser:
        context["heartbeat"] = Heartbeat.objects.filter(name="beat").first()
    return render(request, "congress/home.html", context)
