"""Finding deputies to invite: by name, delegation or pinyin initials ("lm" finds 李明), each
shown with the delegation that tells namesakes apart."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from deputies.models import Deputy

LIMIT = 20
# What the picker writes into an invite field, and a person may type: 李明（太原代表团）.
WITH_DELEGATION = re.compile(r"^(.+?)[（(](.+?)[)）]$")


def deputies_matching(q: str, *, congress_id: int) -> QuerySet[Deputy]:
    """Deputies in office of the congress whose name contains `q`, whose pinyin initials or
    delegation start with it: one query on (congress, status) and the initials' index."""
    q = q.strip()
    if not q:
        return Deputy.objects.none()
    condition = Q(name__contains=q) | Q(delegation__name__startswith=q)
    if q.isascii():
        condition |= Q(pinyin_initials__startswith=q.lower().replace(" ", ""))
    return (
        Deputy.objects.filter(condition, congress_id=congress_id, status=Deputy.Status.ACTIVE)
        .select_related("delegation")
        .order_by("pinyin_initials", "name", "id")[:LIMIT]
    )
