"""The co-signer picker's search (deputies/static/deputies/picker.js): a small JSON answer for
signed-in deputies and staff. Without JavaScript the invite forms take typed names."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse

from congress.selectors import current_session
from deputies.selectors.search import deputies_matching


@login_required
def deputy_search(request: HttpRequest) -> JsonResponse:
    user = request.user
    if not user.roles and not user.is_superuser:  # type: ignore[union-attr]
        raise PermissionDenied
    deputy = getattr(user, "deputy", None)
    session = None if deputy else current_session()
    congress_id = deputy.congress_id if deputy else (session.congress_id if session else 0)
    rows = deputies_matching(request.GET.get("q", "")[:50], congress_id=congress_id)
    return JsonResponse(
        {
            "results": [
                {
                    "id": d.pk,
                    "name": d.name,
                    "delegation": d.delegation.name,
                    # What the invite field takes: a namesake is told apart by the delegation.
                    "label": f"{d.name}（{d.delegation.name}）",
                }
                for d in rows
            ]
        }
    )
