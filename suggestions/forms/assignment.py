"""Forms of assignment (S§19–S§21): handling units and their roles, reasons, reassignment, the
routing table."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from suggestions.models import RoutingRule
from suggestions.workflow import Role


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS, is_active=True),
            **kwargs,
        )


ROLE_CHOICES = [("", "—"), *Role.choices]


class AssignForm(forms.Form):
    """Up to six units, each with its role (S§19). The unit list is read once for all rows."""

    ROWS = 6

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS, is_active=True)
        self.units = {unit.pk: unit for unit in active}
        choices = [("", "—"), *((unit.pk, unit.name) for unit in self.units.values())]
        for i in range(self.ROWS):
            self.fields[f"unit_{i}"] = forms.TypedChoiceField(
                label=_("Handling unit"), choices=choices, coerce=int, required=False
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("Role"), choices=ROLE_CHOICES, required=False
            )
        self.fields["reason"] = forms.CharField(label=_("Reason (for re-routing)"), required=False)

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"unit_{i}"], self[f"role_{i}"]) for i in range(self.ROWS)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pairs = []
        for i in range(self.ROWS):
            unit, role = data.get(f"unit_{i}"), data.get(f"role_{i}")
            if unit and not role:
                self.add_error(f"role_{i}", _("Choose the unit's role."))
            elif unit:
                pairs.append((self.units[unit], role))
        if not pairs and not self.errors:
            raise forms.ValidationError(_("Choose at least one handling unit."))
        data["pairs"] = pairs
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 5}))


class ReassignForm(ReasonForm):
    unit = UnitChoiceField(label=_("New handling unit"))


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = ["subject_area", "region", "unit", "role"]
