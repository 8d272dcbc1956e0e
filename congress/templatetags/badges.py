"""Fast tags for list rows, rendered in Python: a list page shows dozens of rows, and the
generic paths (`get_FOO_display`, the `date` filter, `{% url %}`) cost more than the row.

{% status_badge obj %}: a status in words and colour.  {{ moment|minute }}: 2026-11-29 08:46.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django import template
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@cache
def _labels(model: Any) -> dict[str, Any]:
    # Lazy labels, translated when shown; the choices dict is built once per model.
    field: models.Field[Any, Any] = model._meta.get_field("status")
    return dict(field.flatchoices)


@register.simple_tag
def status_badge(obj: Any) -> SafeString:
    model: Any = type(obj)
    label = _labels(model).get(obj.status, obj.status)
    return format_html('<span class="badge badge--status badge--{}">{}</span>', obj.status, label)


@register.filter
def minute(value: dt.datetime | None) -> str:
    """A moment as Beijing time to the minute, ISO style (lists and exports)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
