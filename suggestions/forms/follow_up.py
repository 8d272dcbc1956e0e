"""Forms of the follow-up (S§32–S§47): key handling, the deputies' requests, commitments'
progress, supervisors' notes, the SC's orders to put the handling right."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.deadlines.forms import DateInput
from congress.models import Organisation, User
from congress.widgets import CheckboxList
from deputies.models import Deputy
from suggestions.models import Assignment, KeySuggestion, Rectification, SupervisionRequest
from suggestions.models.filing import number_label


class KeyForm(forms.Form):
    ground = forms.TypedChoiceField(
        label=_("Ground (S§34)"), choices=KeySuggestion.Ground.choices, coerce=int
    )
    grounds_text = forms.CharField(
        label=pgettext_lazy("key suggestion", "Grounds"), widget=forms.Textarea(attrs={"rows": 3})
    )
    approved_on = forms.DateField(
        label=_("Chairpersons' meeting approval (S§35)"),
        widget=DateInput(),
        required=False,
        help_text=_("A session's suggestion: the date of the chairpersons' meeting that agreed."),
    )
    approval_reference = forms.CharField(
        label=_("Reference of the approval (S§35)"),
        max_length=100,
        required=False,
        help_text=_("The minutes or document number of that meeting."),
    )
    supervising_body = forms.ModelChoiceField(
        label=_("Supervising body (S§39)"),
        queryset=Organisation.objects.filter(
            kind__in=[Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_BODY]
        ),
        required=False,
    )
    supervising_leader = forms.CharField(
        label=_("Supervising leader (S§39)"),
        max_length=60,
        required=False,
        help_text=_("The member of the chairpersons' meeting who supervises it, by name and post."),
    )
    leading_official = forms.CharField(
        label=_("Leading official (S§39)"),
        max_length=60,
        required=False,
        help_text=_(
            "The leader of the provincial government, high court or procuratorate who leads the handling."
        ),
    )


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
        # A unit's listed suggestions run to thousands over a term: its boxes are written in one pass.
        widget=CheckboxList,
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
        field.queryset = cases  # type: ignore[attr-defined]  # what a submitted box is checked against
        # The boxes' labels from four columns, not two whole model rows a box (thousands of them).
        rows = cases.values_list("pk", "suggestion__number", "suggestion__session_id", "suggestion__title")
        field.widget.choices = [
            (pk, f"{number_label(number, session)} {title}") for pk, number, session, title in rows
        ]


class RectificationReportForm(forms.Form):
    report = forms.CharField(label=_("What the unit put right"), widget=forms.Textarea(attrs={"rows": 6}))


class ReportForm(forms.Form):
    """The unit's handling report to the supervising body (S§41)."""

    text = forms.CharField(label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}))
    leader_informed = forms.CharField(
        label=_("Also reported to the provincial government's leader in charge"),
        max_length=60,
        required=False,
        help_text=_("A government department names the leader in charge it reported to (S§41)."),
    )


class ResponsibleForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Responsible person"), queryset=User.objects.none())

    def __init__(self, *args: Any, body_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = (
            User.objects.filter(organisation_id=body_id, is_active=True) if body_id else User.objects.none()
        )
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    """The responsible person's face-to-face meeting with the deputies (S§7(3))."""

    met_on = forms.DateField(label=_("Date"), widget=DateInput())
    deputies = forms.ModelMultipleChoiceField(
        label=_("Deputies present"), queryset=Deputy.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("What the deputies said"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, deputies: list[Deputy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = Deputy.objects.filter(pk__in=[d.pk for d in deputies])  # type: ignore[attr-defined]


class FollowOnForm(forms.Form):
    """Follow-on handling handed back to a unit that replied (S§40(4))."""

    assignment = forms.ModelChoiceField(label=_("Handling unit"), queryset=Assignment.objects.none())
    text = forms.CharField(label=_("What to follow up"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, replied: QuerySet[Assignment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignment"]
        field.queryset = replied  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: a.unit.name  # type: ignore[attr-defined]
