"""Forms of handling after assignment (S§24–S§30): communications, opinions, extensions, replies,
publication, re-handling, the units' reply templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.deadlines.forms import DateInput
from congress.models import Organisation
from suggestions.models import Assignment, Communication, Reply, ReplyTemplate, Suggestion, WithheldGround
from suggestions.workflow import Role


class CommunicationForm(forms.Form):
    """A communication of the unit (S§24). With whom is asked only for a delegation's
    suggestion, where the unit also keeps in touch with the city's SC."""

    party = forms.ChoiceField(
        label=_("With"), choices=Communication.Party.choices, initial=Communication.Party.DEPUTY
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    way = forms.ChoiceField(label=_("Way"), choices=Communication.Way.choices)
    participants = forms.CharField(label=_("Who took part"), max_length=200, required=False)
    summary = forms.CharField(label=_("What was said"), widget=forms.Textarea(attrs={"rows": 4}))
    understanding = forms.BooleanField(
        label=_("The deputies understand how their suggestion is handled"),
        required=False,
        help_text=_("The unit replies in writing once it has the deputies' understanding (S§24)."),
    )
    leader_present = forms.BooleanField(
        label=_("The unit's leader handling it took part in person"),
        required=False,
        help_text=_("A key suggestion's leader hears the deputies face to face (S§37)."),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-handling units taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a key suggestion the lead unit researches it with its co units and the deputies (S§38)."
        ),
    )

    def __init__(self, *args: Any, assignment: Assignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suggestion = assignment.suggestion
        if suggestion.kind != Suggestion.Kind.DELEGATION:
            del self.fields["party"]
        if not assignment.leader:
            del self.fields["leader_present"]
        co_units = Organisation.objects.filter(
            assignments__suggestion=suggestion, assignments__role=Role.CO
        ).distinct()
        if assignment.role == Role.LEAD and co_units.exists():
            self.fields["co_units"].queryset = co_units  # type: ignore[attr-defined]
        else:
            del self.fields["co_units"]

    def clean_party(self) -> str:
        return self.cleaned_data.get("party") or Communication.Party.DEPUTY


class OpinionForm(forms.Form):
    body = forms.CharField(
        label=_("Written opinion for the lead unit"), widget=forms.Textarea(attrs={"rows": 8})
    )


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve: the reply is due six months after assignment")), ("no", _("Refuse"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReplyForm(forms.Form):
    category = forms.ChoiceField(label=_("Category (S§25)"), choices=Reply.Category.choices)
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 12}))
    plan = forms.CharField(
        label=_("Plan (category B)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    path = forms.CharField(
        label=_("Path (category B)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    completion_date = forms.DateField(
        label=_("Completion date (category B)"), widget=DateInput(), required=False
    )
    contact = forms.CharField(label=_("Contact person and telephone"), max_length=100, required=False)
    scan = forms.FileField(
        label=_("Sealed scan (PDF)"),
        required=False,
        help_text=_("The signed and sealed reply, scanned as PDF (S§29)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # S§25(2): plan, path and date belong to a category-B reply; the page shows them only when
        # B is chosen (templates/includes/field.html, data-shown-when in static/js/portal.js).
        for name in ("plan", "path", "completion_date"):
            self.fields[name].shown_when = "category=B"  # type: ignore[attr-defined]


class ApproveReplyForm(forms.Form):
    scan = forms.FileField(label=_("Sealed scan (PDF)"), required=False)


class WithholdForm(forms.Form):
    ground = forms.ChoiceField(label=_("Not published because (S§33)"), choices=WithheldGround.choices)


class RehandlingForm(forms.Form):
    rehandle = forms.TypedChoiceField(
        label=_("Decision (S§30)"),
        choices=[
            ("yes", _("Handle it again within one month")),
            ("no", _("Explain to the deputy and close")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explanation to the deputy"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["category", "name", "body"]


class LeaderForm(forms.Form):
    leader = forms.CharField(
        label=_("The unit's leader handling it"),
        max_length=60,
        help_text=_("The unit's principal or deputy leader, with the post, e.g. 王强（副厅长）(S§37)."),
    )
