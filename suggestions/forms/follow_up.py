"""Forms of the follow-up (S§32–S§47): key handling, the deputies' requests, commitments'
progress, supervisors' notes, the SC's orders to put the handling right."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.deadlines.forms import DateInput
from congress.models import Organisation
from suggestions.models import Assignment, KeySuggestion, Rectification, SupervisionRequest


class KeyForm(forms.Form):
    ground = forms.TypedChoiceField(
        label=_("Ground (S§34)"), choices=KeySuggestion.Ground.choices, coerce=int
    )
    grounds_text = forms.CharField(
        label=pgettext_lazy("key suggestion", "Grounds"), widget=forms.Textarea(attrs={"rows": 3})
    )
    approved_on = forms.DateField(
        label=_("Chairpersons' meeting approval (S§35)"), widget=DateInput(), required=False
    )
    supervising_body = forms.ModelChoiceField(
        label=_("Supervising body (S§39)"),
        queryset=Organisation.objects.filter(
            kind__in=[Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_BODY]
        ),
        required=False,
    )
    supervising_leader = forms.CharField(label=_("Supervising leader (S§39)"), max_length=60, required=False)
    leading_official = forms.CharField(label=_("Leading official (S§39)"), max_length=60, required=False)


class SupervisionRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Request"), choices=SupervisionRequest.Kind.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))


class ArrangeForm(forms.Form):
    arrangement = forms.CharField(label=_("What was arranged"), widget=forms.Textarea(attrs={"rows": 3}))


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}))
    done = forms.BooleanField(label=_("The commitment is fulfilled"), required=False)


class NoteForm(forms.Form):
    """A supervisor's comment (S§40), a unit's handling report (S§41)."""

    text = forms.CharField(label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}))


class RectificationForm(forms.Form):
    """The SC's order to put a unit's handling right (S§47), on the suggestions concerned."""

    ground = forms.TypedChoiceField(
        label=_("Ground (S§47)"), choices=Rectification.Ground.choices, coerce=int
    )
    finding = forms.CharField(label=_("What the SC found"), widget=forms.Textarea(attrs={"rows": 4}))
    assignments = forms.ModelMultipleChoiceField(
        label=_("Suggestions concerned"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    due = forms.DateField(label=_("To be put right by"), widget=DateInput())
    referral = forms.CharField(
        label=_("Serious: referred to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In a serious case, the bodies asked to hold the people responsible to account (S§47)."),
    )

    def __init__(self, *args: Any, cases: QuerySet[Assignment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignments"]
        field.queryset = cases  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: f"{a.suggestion.number_label} {a.suggestion.title}"  # type: ignore[attr-defined]


class RectificationReportForm(forms.Form):
    report = forms.CharField(label=_("What the unit put right"), widget=forms.Textarea(attrs={"rows": 6}))
