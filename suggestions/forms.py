"""Forms of the suggestion pages. They validate input; the services decide the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.deadlines.forms import DateInput
from congress.models import Organisation, Session
from deputies.models import Deputy
from suggestions.models import (
    Assignment,
    Communication,
    KeySuggestion,
    NotAcceptedGround,
    Rectification,
    Reply,
    ReplyTemplate,
    RoutingRule,
    SubjectArea,
    Suggestion,
    SupervisionRequest,
    WithheldGround,
)
from suggestions.workflow import Role

NAME_SPLIT = re.compile(r"[\s,，、;；]+")
WITH_DELEGATION = re.compile(r"^(.+?)[（(](.+?)[)）]$")  # 李明（太原代表团）
MAX_ATTACHMENT = 10 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf", ".doc", ".docx", ".jpg", ".jpeg", ".png", ".xls", ".xlsx"}


def resolve_deputies(text: str, congress_id: int) -> tuple[list[Deputy], list[str]]:
    """Names typed as on the paper form ('李明、王芳') → deputies, and what could not be matched."""
    found, problems = [], []
    for token in filter(None, NAME_SPLIT.split(text.strip())):
        match = WITH_DELEGATION.match(token)
        name, delegation = (match.group(1), match.group(2)) if match else (token, "")
        deputies = Deputy.objects.filter(congress_id=congress_id, name=name)
        if delegation:
            deputies = deputies.filter(delegation__name__startswith=delegation.removesuffix("代表团"))
        matches = list(deputies.select_related("delegation")[:3])
        if len(matches) == 1:
            found.append(matches[0])
        elif not matches:
            problems.append(str(_("no deputy is named “%(name)s”") % {"name": name}))
        else:
            problems.append(
                str(_("several deputies are named “%(name)s”: write it as 姓名（代表团）") % {"name": name})
            )
    return found, problems


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("One matter per suggestion (S§13), e.g. 关于加快太原市老旧小区加装电梯的建议"),
    )
    body = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "State the matter, the facts, and the measures you propose to improve the work or solve the problem (S§13)."
        ),
    )
    subject_area = forms.ModelChoiceField(label=_("Subject area"), queryset=SubjectArea.objects.all())
    session = forms.ModelChoiceField(
        label=_("Filed during a session"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("No: in recess (received by the committee)"),
        help_text=_(
            "During a session the secretariat receives suggestions (S§17); in recess the committee (S§18)."
        ),
    )
    co_signers = forms.CharField(
        label=_("Co-signers"),
        required=False,
        help_text=_(
            "Names of the deputies invited to co-sign, separated by 、 or commas. Each confirms the final text (S§14)."
        ),
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    attachment = forms.FileField(
        label=_("Attachment"), required=False, help_text=_("PDF, Word, Excel or images, at most 10 MB.")
    )

    def __init__(self, *args: Any, congress_id: int, sessions: QuerySet[Session], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.congress_id = congress_id
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]

    def clean_co_signers(self) -> list[Deputy]:
        deputies, problems = resolve_deputies(self.cleaned_data.get("co_signers") or "", self.congress_id)
        if problems:
            raise forms.ValidationError("；".join(problems))
        return deputies

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload:
            if upload.size > MAX_ATTACHMENT:
                raise forms.ValidationError(_("The attachment is larger than 10 MB."))
            suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if suffix not in ATTACHMENT_TYPES:
                raise forms.ValidationError(_("Attach a PDF, Word, Excel or image file."))
        return upload


class StaffEntryForm(SuggestionForm):
    """Staff or delegation staff enter a suggestion from the paper form (S§13)."""

    lead_deputy = forms.CharField(label=_("Lead deputy"), help_text=_("The name as on the paper form."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Suggestion.Kind.choices)
    delegation_members = forms.IntegerField(label=_("Delegation members"), required=False, min_value=1)
    delegation_votes_for = forms.IntegerField(label=_("Members in favour"), required=False, min_value=0)
    delegation_head_signed = forms.BooleanField(label=_("Signed by the delegation head"), required=False)

    field_order = ["lead_deputy", "kind", "title", "body", "subject_area", "session", "co_signers"]

    def clean_lead_deputy(self) -> Deputy:
        deputies, problems = resolve_deputies(self.cleaned_data["lead_deputy"], self.congress_id)
        if problems or len(deputies) != 1:
            raise forms.ValidationError("；".join(problems) or _("Name one lead deputy."))
        return deputies[0]


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))


class NotAcceptForm(forms.Form):
    ground = forms.TypedChoiceField(label=_("Ground (S§10)"), choices=NotAcceptedGround.choices, coerce=int)
    forwarded_to = forms.CharField(label=_("Forwarded as a deputy's letter to"), max_length=200)
    note = forms.CharField(
        label=_("Explanation to the deputy"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


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


class WithdrawForm(forms.Form):
    letter = forms.CharField(
        label=_("Withdrawal in writing"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A suggestion is withdrawn by its proposer in writing (S§16)."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the template as an .xlsx file."))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = ["subject_area", "region", "unit", "role"]


# --- Handling (issue 5) ---------------------------------------------------------------------


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

    def __init__(self, *args: Any, assignment: Assignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignment.suggestion.kind != Suggestion.Kind.DELEGATION:
            del self.fields["party"]

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


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["category", "name", "body"]


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
