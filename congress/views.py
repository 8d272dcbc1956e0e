"""Pages of the shared core: the public front page, and the home page per role."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone

from congress.accounts.two_factor import may_use_second_factor
from congress.models import Heartbeat
from congress.roles import Role
from congress.selectors import current_session
from liaison_stations.forms import PublicStationFilter, TrackForm
from liaison_stations.models import Station
from liaison_stations.selectors.public import public_stations
from suggestions.reports import disclosure


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; the portal's own icon answers."""
    return redirect(static("img/favicon.svg"), permanent=True)


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
    }
    if user.is_superuser:
        context["heartbeat"] = Heartbeat.objects.filter(name="beat").first()
    return render(request, "congress/home.html", context)
