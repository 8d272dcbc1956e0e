"""The forms of the joint instruments' pages (D§14–D§16): the drafts, and the details the
secretariat enters for the presidium's and the plenary's decisions. Forms check the input's
shape; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation
from deputies.models import Delegation, Deputy
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

    def __init__(self, *args: Any, delegations: Any = None, **kwargs: Any) -> None:
        """Delegation staff may enter their delegation's own interpellation (D§14: 代表团)."""
        super().__init__(*args, **kwargs)
        if delegations is not None and delegations.exists():
            self.fields["kind"] = forms.ChoiceField(
                label=_("Proposed by"),
                choices=[("joint", _("Ten or more deputies")), ("delegation", _("A delegation"))],
            )
            self.fields["delegation"] = forms.ModelChoiceField(
                label=_("Delegation"), queryset=delegations, required=False
            )
            self.order_fields(["kind", "delegation"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "delegation" and not data.get("delegation"):
            self.add_error("delegation", _("Choose the delegation."))
        return data


class DelegationVoteForm(forms.Form):
    """A delegation's interpellation: passed at its plenary meeting by more than half of all its
    members and signed by its head (D§14)."""

    plenary_date = forms.DateField(label=_("Plenary meeting on"), widget=DATE)
    member_count = forms.IntegerField(label=_("Members of the delegation"), min_value=1)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0)
    head_signed_by = forms.ModelChoiceField(
        label=_("Signed by the head"), queryset=Deputy.objects.none(), required=False
    )

    def __init__(self, *args: Any, delegation: Delegation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head_signed_by"].queryset = Deputy.objects.filter(delegation=delegation)  # type: ignore[attr-defined]


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
