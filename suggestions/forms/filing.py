"""Forms of filing and the review (S§10, S§13–S§16): the deputy's suggestion, staff entry from the
paper form, return and not-accept messages, withdrawal, the Excel import. They validate input;
the services decide the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from congress.models import Session
from deputies.forms import picker_attrs
from deputies.models import Deputy
from deputies.selectors.search import WITH_DELEGATION
from suggestions.models import NotAcceptedGround, SubjectArea, Suggestion

NAME_SPLIT = re.compile(r"[\s,，、;；]+")
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
        # The co-signer picker (static/js/deputy-picker.js) searches and fills this field.
        self.fields["co_signers"].widget.attrs |= picker_attrs()

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
