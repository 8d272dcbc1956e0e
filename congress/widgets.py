"""Widgets rendered in Python, for fields with many choices.

Django renders each option of a CheckboxSelectMultiple through its own templates (the input,
its attributes, the label): the S§47 rectification order lists a unit's suggestions, 2,211 boxes
for one department on the bench data (ten years), and spent most of its time there.
`CheckboxList` writes the same markup in one pass. `OptionList` does the same for a multiple
<select>: the deputy pickers of trainings and inspections list every deputy of the congress (552
on the bench data), and rendering their options was four fifths of an inspection's page;
`OptionChoice` is its single-choice twin.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

BLANK_LABEL = "---------"  # django.db.models.fields.BLANK_CHOICE_DASH, ModelChoiceField's empty_label


class CheckboxList(forms.CheckboxSelectMultiple):
    """A CheckboxSelectMultiple that renders its boxes in one pass: one
    `<label class="check"><input type="checkbox" …> label</label>` per choice, the markup the
    portal's field include (`templates/includes/field.html`) writes for each box, inside the
    fieldset that include gives the field (its legend, hint, error and aria-describedby).

    The same as Django's boxes: the name, the value, the id `<field id>_<n>`, `checked` for the
    values submitted or initial (so a refused form keeps what was ticked), the field's attributes
    (aria-invalid on an error, disabled); labels and values escaped. Flat choices only (a model
    field's, or a list of pairs); renders nothing when there are no choices.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        id_ = final.pop("id", None)
        final.pop("required", None)  # a box is optional; the field says whether one is needed
        rest = flatatt(final)
        selected = set(self.format_value(value))
        start = f'<label class="check"><input type="checkbox" name="{escape(name)}"'
        boxes = []
        for index, (choice, label) in enumerate(_flat(self.choices)):
            box_id = f' id="{escape(id_)}_{index}"' if id_ else ""
            checked = " checked" if choice in selected else ""
            boxes.append(
                f'{start} value="{escape(choice)}"{box_id}{rest}{checked}> {conditional_escape(label)}</label>'
            )
        return mark_safe("".join(boxes))  # noqa: S308 - every value and label is escaped above


class OptionList(forms.SelectMultiple):
    """A SelectMultiple that writes its options in one pass, as Django's templates write them:
    `<select name multiple …attributes>` and one `<option value="…" selected>label</option>` per
    choice, `selected` for the values submitted or initial (so a refused form keeps them). Flat
    choices only (a model field's, or a list of pairs)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = {"name": name, **self.build_attrs(self.attrs, attrs), "multiple": True}
        return _select(final, set(self.format_value(value)), self.choices)


class OptionChoice(forms.Select):
    """The single-choice Select in one pass, the same markup as OptionList without `multiple`:
    a form that picks one deputy of the congress (a leave, an attendance) lists all 552."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        return _select(final, set(self.format_value(value)), self.choices)


def _select(attrs: dict[str, Any], selected: set[str], choices: Iterable[Any]) -> SafeString:
    options = "".join(
        f'<option value="{escape(choice)}"{" selected" if choice in selected else ""}>{_label(choice, label)}</option>'
        for choice, label in _flat(choices)
    )
    return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))  # noqa: S308 - escaped above


def _label(choice: str, label: Any) -> str:
    # As the portal's option template: Django's "---------" empty choice reads as a prompt.
    if choice == "" and label == BLANK_LABEL:
        return str(conditional_escape(gettext("Choose…")))
    return str(conditional_escape(label))


def _flat(choices: Iterable[Any]) -> Iterable[tuple[str, Any]]:
    for value, label in choices:
        yield "" if value is None else str(value), label
