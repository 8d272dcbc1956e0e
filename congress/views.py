"""Pages of the shared core: the home page per role."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone

from congress.accounts.two_factor import may_use_second_factor
from congress.models import Heartbeat
from congress.roles import Role
from congress.selectors import current_session


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; the portal's own icon answers."""
    return redirect(static("img/favicon.svg"), permanent=True)


@login_required
def home(request: HttpRequest) -> HttpResponse:
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
