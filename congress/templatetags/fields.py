"""{{ field|fast }}: a <select> rendered in Python.

Django renders every <option> through a template; a list page with a dozen filters and unit
pickers spent most of its time there. Other widgets fall back to Django's own rendering.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def fast(field: forms.BoundField) -> SafeString | str:
    widget = field.field.widget
    if not isinstance(widget, forms.Select) or isinstance(widget, forms.SelectMultiple) or widget.is_hidden:
        return str(field)
    selected = set(widget.format_value(field.value()))
    attrs: dict[str, Any] = field.build_widget_attrs(dict(widget.attrs))
    attrs["name"] = field.html_name
    if field.auto_id:
        attrs["id"] = field.auto_id
    if attrs.get("required") is False:
        del attrs["required"]
    choices: Any = getattr(field.field, "choices", [])
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value in selected else "", label) for value, label in _flat(choices)),
    )
    return format_html("<select{}>{}</select>", flatatt(attrs), options)


def _flat(choices: Any) -> Any:
    for value, label in choices:
        text = "" if value is None else str(value)
        yield text, label
