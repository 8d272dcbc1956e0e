"""发文字号 given from the register (IssuedNumber): the next sequence of the prefix and year,
once per document. Two requests at once cannot take the same number: the register's unique
key refuses the second, which then takes the one after."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from congress.documents import paper as p
from congress.documents.models import IssuedNumber


def number_for(kind: str, source: str | None) -> str:
    """The document's number, given on first asking and the same ever after; "" for none."""
    if source is None:
        return ""
    existing = IssuedNumber.objects.filter(kind=kind, source=source).first()
    if existing is not None:
        return str(existing)
    prefix, year = settings.DOCUMENT_NUMBER_PREFIX, timezone.localdate().year
    for _attempt in range(5):
        last = IssuedNumber.objects.filter(prefix=prefix, year=year).aggregate(n=Max("sequence"))["n"] or 0
        try:
            with transaction.atomic():
                issued = IssuedNumber.objects.create(
                    prefix=prefix, year=year, sequence=last + 1, kind=kind, source=source
                )
        except IntegrityError:
            # Another request took this sequence, or numbered this very document meanwhile.
            existing = IssuedNumber.objects.filter(kind=kind, source=source).first()
            if existing is not None:
                return str(existing)
            continue
        return p.document_number(issued.prefix, issued.year, issued.sequence)
    raise RuntimeError("no document number after five attempts")
