"""{{ field|fast }}: a <select> rendered in Python.

Django renders every <option> through a template; a list page with a dozen filters and unit
pickers spent most of its time there. Other widgets fall back to Django's own rendering.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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
    # The standard library's escape in one join: format_html's per-argument checks cost
    # more than the options themselves on a page with a few hundred of them.
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if value in selected else ""}>{escape(str(label))}</option>'
        for value, label in _flat(choices)
    )
    return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))  # noqa: S308 - escaped above


def _flat(choices: Any) -> Any:
    for value, label in choices:
        yield "" if value is None else str(value), label


@register.simple_tag
def filter_fields(form: forms.Form) -> SafeString:
    """A list page's filter fields, label and control each, in one pass in Python."""
    parts = []
    for field in form:
        widget = field.field.widget
        if widget.is_hidden:
            parts.append(
                format_html(
                    '<input type="hidden" name="{}" value="{}">', field.html_name, field.value() or ""
                )
            )
            continue
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            control = fast(field)
        elif type(widget) in {forms.TextInput, forms.NumberInput, forms.DateInput} or widget.input_type in {
            "text",
            "date",
            "number",
        }:
            value = field.value()
            control = format_html(
                '<input type="{}" name="{}" id="{}" value="{}">',
                getattr(widget, "input_type", "text"), field.html_name, field.auto_id, "" if value is None else value,
            )  # fmt: skip
        else:
            control = str(field)
        parts.append(
            format_html(
                '<div class="filters__field"><label for="{}">{}</label>{}</div>',
                field.id_for_label,
                field.label,
                control,
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts))
