"""The forms of the joint instruments' pages (D§14–D§16): the drafts, and the details the
secretariat enters for the presidium's and the plenary's decisions. Forms check the input's
shape; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Deputy
from motions.forms import DATE, DATETIME, SHORT_TEXT, TEXT
from motions.models import INTERPELLATION_TARGETS, InterpellationAnswer, RecallDefence


class InterpellationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    target = forms.ModelChoiceField(
        label=_("Body questioned"),
        queryset=Organisation.objects.filter(kind__in=INTERPELLATION_TARGETS, is_active=True),
    )
    questions = forms.CharField(label=_("Questions"), widget=TEXT)
    content = forms.CharField(label=_("Content"), widget=TEXT, required=False)


class RecallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    person_name = forms.CharField(label=_("Person named"), max_length=50)
    person_office = forms.CharField(label=_("Office held"), max_length=200)
    reasons = forms.CharField(label=_("Reasons"), widget=TEXT)


class InvestigationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(label=_("Question to investigate"), widget=TEXT)
    reasons = forms.CharField(label=_("Reasons"), widget=TEXT, required=False)


class AnswerFormForm(forms.Form):
    form = forms.ChoiceField(label=_("Form of answer"), choices=InterpellationAnswer.Form.choices)
    meeting_at = forms.DateTimeField(label=_("Meeting time"), widget=DATETIME, required=False)
    place = forms.CharField(label=_("Meeting place"), max_length=200, required=False)


class ReanswerForm(AnswerFormForm):
    approve = forms.TypedChoiceField(
        label=_("The presidium's decision"),
        choices=[("yes", _("The body answers again")), ("no", _("No new answer"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(label=_("Reason"), widget=SHORT_TEXT, required=False)

    field_order = ["approve", "form", "meeting_at", "place", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].required = False
        self.fields["form"].choices = [("", "—"), *InterpellationAnswer.Form.choices]  # type: ignore[attr-defined]


class SpeechForm(forms.Form):
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=Deputy.objects.none())
    summary = forms.CharField(label=_("What was said"), widget=TEXT)

    def __init__(self, *args: Any, proposers: list[Deputy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = Deputy.objects.filter(pk__in=[d.pk for d in proposers])  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=TEXT)
    answered_by = forms.CharField(label=_("Answered by (name and office)"), max_length=200, required=False)


class NoteForm(forms.Form):
    reason = forms.CharField(label=_("Note"), widget=SHORT_TEXT, required=False)


class DefenceForm(forms.Form):
    form = forms.ChoiceField(label=_("Form"), choices=RecallDefence.Form.choices)
    text = forms.CharField(label=_("Defence"), widget=TEXT)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)


class PlenaryOutcomeForm(forms.Form):
    adopted = forms.TypedChoiceField(
        label=_("The plenary's decision"),
        choices=[("yes", _("Adopted")), ("no", _("Rejected"))],
        coerce=lambda value: value == "yes",
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    note = forms.CharField(label=_("Note"), widget=SHORT_TEXT, required=False)
