"""Forms of the motion pages. They parse; the services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.models import Organisation, Session, User
from deputies.forms import picker_attrs
from deputies.models import Deputy
from deputies.selectors.search import WITH_DELEGATION
from motions.models import (
    DECISION_KINDS,
    REVIEW_BODY_KINDS,
    Attachment,
    Category,
    Kind,
    Motion,
    PlenaryResult,
    Recommendation,
    Reconsideration,
    ReviewMeeting,
    ReviewMember,
)
from motions.workflow import MOTION
from suggestions.models import SubjectArea

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 6})
SHORT_TEXT = forms.Textarea(attrs={"rows": 3})


def review_bodies() -> Any:
    return Organisation.objects.filter(kind__in=REVIEW_BODY_KINDS, is_active=True)


class MotionForm(forms.Form):
    """Drafting: M§8 asks for a title, the reason, the grounds and a concrete solution."""

    kind = forms.ChoiceField(label=_("Filed by"), choices=Kind.choices, initial=Kind.JOINT)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("One matter per motion (M§10), e.g. 关于制定《……条例》的议案"),
    )
    category = forms.ChoiceField(label=_("Category (M§9)"), choices=Category.choices)
    regulation_action = forms.ChoiceField(
        label=_("For a local regulation"),
        choices=[("", "—"), *Motion.RegulationAction.choices],
        required=False,
        help_text=_(
            "A motion to make or amend a regulation attaches the draft text and its explanation (M§8(3))."
        ),
        # Only a legislative motion names one (M§9(1)); static/js/portal.js enables it then.
        widget=forms.Select(attrs={"data-enabled-when": "category=legislation"}),
    )
    reason = forms.CharField(
        label=_("Reason (案由)"),
        widget=TEXT,
        required=False,
        help_text=_("What must be solved, stated clearly."),
    )
    grounds = forms.CharField(
        label=_("Grounds (案据)"), widget=TEXT, required=False, help_text=_("Facts and laws that show why.")
    )
    solution = forms.CharField(
        label=_("Proposed solution (方案)"),
        widget=TEXT,
        required=False,
        help_text=_("Concrete and feasible."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") != Category.LEGISLATION:
            data["regulation_action"] = ""
        return data


class DelegationVoteForm(forms.Form):
    plenary_date = forms.DateField(label=_("Delegation plenary meeting on"), widget=DATE)
    member_count = forms.IntegerField(label=_("Members of the delegation"), min_value=1)
    votes_for = forms.IntegerField(label=_("Members voting for"), min_value=0)
    head_signed = forms.BooleanField(label=_("The delegation head signed the motion"), required=False)


NAME_SPLIT = re.compile(r"[\s,，、;；]+")


class InviteForm(forms.Form):
    names = forms.CharField(
        label=_("Co-signers"),
        widget=SHORT_TEXT,
        help_text=_(
            "Names separated by 、 or spaces. Each receives the text and confirms it themselves (M§12)."
        ),
    )

    def __init__(self, *args: Any, congress_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.congress_id = congress_id
        # The co-signer picker (static/js/deputy-picker.js) searches and fills this field.
        self.fields["names"].widget.attrs |= picker_attrs()

    def clean_names(self) -> list[Deputy]:
        names = [n for n in NAME_SPLIT.split(self.cleaned_data["names"]) if n]
        found: list[Deputy] = []
        problems = []
        for token in dict.fromkeys(names):
            # A namesake is named with the delegation, as the picker writes it: 李明（太原代表团）.
            match = WITH_DELEGATION.match(token)
            name, delegation = (match.group(1), match.group(2)) if match else (token, "")
            deputies = Deputy.objects.filter(congress_id=self.congress_id, name=name)
            if delegation:
                deputies = deputies.filter(delegation__name__startswith=delegation.removesuffix("代表团"))
            matches = list(deputies.select_related("delegation"))
            if len(matches) == 1:
                found.append(matches[0])
            elif not matches:
                problems.append(_("no deputy named %(name)s") % {"name": name})
            else:
                problems.append(
                    _("%(name)s is ambiguous: %(where)s")
                    % {"name": name, "where": "、".join(str(m.delegation) for m in matches)}
                )
        if problems:
            raise forms.ValidationError("；".join(problems))
        return found


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(label=_("File"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=SHORT_TEXT)


class ConsentWithdrawalForm(ReasonForm):
    consented_at = forms.DateTimeField(label=_("Presidium meeting that consented"), widget=DATETIME)


class ClassifyForm(forms.Form):
    category = forms.ChoiceField(label=_("Category (M§9)"), choices=Category.choices)
    subject_body = forms.ModelChoiceField(
        label=_("Field (committee)"), queryset=review_bodies(), required=False
    )
    preliminary_opinion = forms.CharField(
        label=_("Preliminary review opinion (M§14)"), widget=SHORT_TEXT, required=False
    )


class OpinionRequestForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body asked"), queryset=Organisation.objects.filter(is_active=True))
    question = forms.CharField(label=_("What is asked"), widget=SHORT_TEXT, required=False)

    def __init__(self, *args: Any, intake: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if intake:  # M§17: special committees and SC bodies
            self.fields["body"].queryset = review_bodies()  # type: ignore[attr-defined]


class OpinionAnswerForm(forms.Form):
    opinion = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Opinion received"), widget=SHORT_TEXT)


class RecommendForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=ReviewMeeting.objects.none())
    kind = forms.ChoiceField(
        label=_("Recommendation (M§18)"), choices=Recommendation.Kind.choices, widget=forms.RadioSelect
    )
    body = forms.ModelChoiceField(
        label=_("Reviewing body (recess review)"), queryset=review_bodies(), required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=SHORT_TEXT, required=False)

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = ReviewMeeting.objects.filter(session=session)  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Motion.objects.none())
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=ReviewMeeting.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=SHORT_TEXT, required=False)

    def __init__(self, *args: Any, motion: Motion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (  # type: ignore[attr-defined]
            # The motions the committee could still merge: the table's sources of `merge`.
            Motion.objects.filter(session=motion.session, status__in=MOTION.sources("merge"))
            .exclude(pk=motion.pk)
            .order_by("number")
        )
        self.fields["meeting"].queryset = ReviewMeeting.objects.filter(session=motion.session)  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    kind = forms.ChoiceField(label=_("Presidium decision"), choices=DECISION_KINDS, widget=forms.RadioSelect)
    body = forms.ModelChoiceField(
        label=_("Reviewing body (recess review)"), queryset=review_bodies(), required=False
    )
    decided_at = forms.DateTimeField(label=_("Presidium meeting"), widget=DATETIME)
    note = forms.CharField(label=_("Note"), widget=SHORT_TEXT, required=False)


class ReconsiderationRequestForm(forms.Form):
    signers = forms.ModelMultipleChoiceField(
        label=_("Proposers who signed the request"),
        queryset=Deputy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Objection to the review report"), widget=TEXT)

    def __init__(self, *args: Any, proposers: list[Deputy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = Deputy.objects.filter(pk__in=[d.pk for d in proposers])  # type: ignore[attr-defined]


class ReconsiderationAnswerForm(forms.Form):
    reconsideration = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Reconsideration.Outcome.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(
        label=_("Revised decision"), choices=[("", "—"), *DECISION_KINDS], required=False
    )
    body = forms.ModelChoiceField(
        label=_("Reviewing body (recess review)"), queryset=review_bodies(), required=False
    )
    answer = forms.CharField(label=_("The presidium's answer"), widget=SHORT_TEXT)
    answered_at = forms.DateTimeField(label=_("Presidium meeting"), widget=DATETIME)


class HearingForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), required=False)
    attended_by = forms.ModelMultipleChoiceField(
        label=_("Proposers who attended"),
        queryset=Deputy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = forms.CharField(label=_("Summary"), widget=SHORT_TEXT, required=False)

    def __init__(self, *args: Any, proposers: list[Deputy], kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["attended_by"].queryset = Deputy.objects.filter(pk__in=[d.pk for d in proposers])  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=PlenaryResult.Outcome.choices, widget=forms.RadioSelect
    )
    voted_at = forms.DateTimeField(label=_("Plenary meeting"), widget=DATETIME)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    note = forms.CharField(label=_("Note"), widget=SHORT_TEXT, required=False)


class NotToVoteForm(forms.Form):
    decided_at = forms.DateTimeField(label=_("Presidium meeting"), widget=DATETIME)
    note = forms.CharField(label=_("Reason"), widget=SHORT_TEXT, required=False)


class ResponsiblePersonForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Responsible person"), queryset=User.objects.none())

    def __init__(self, *args: Any, motion: Motion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The reviewing body's own people (M§5); the service checks it all the same.
        self.fields["person"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation=motion.review_body_id, is_active=True
        ).order_by("name", "username")


class NextSessionForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    note = forms.CharField(label=_("Note"), widget=SHORT_TEXT, required=False)


class ReportForm(forms.Form):
    summary = forms.CharField(label=_("Summary of the report"), widget=TEXT)
    file = forms.FileField(label=_("Report (PDF or Word)"))
    chairpersons_meeting_on = forms.DateField(
        label=_("Chairpersons' meeting agreed on (M§26)"), widget=DATE, required=False
    )


class ConcludeForm(forms.Form):
    sc_meeting_on = forms.DateField(label=_("SC meeting"), widget=DATE)
    text = forms.CharField(label=_("Conclusion"), widget=TEXT)


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), required=False)
    convened_by = forms.ModelChoiceField(label=_("Convened by"), queryset=ReviewMember.objects.none())

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["convened_by"].queryset = ReviewMember.objects.filter(  # type: ignore[attr-defined]
            session=session
        ).exclude(position=ReviewMember.Position.MEMBER)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Account"))
    position = forms.ChoiceField(label=_("Position"), choices=ReviewMember.Position.choices)


class ApproveForm(forms.Form):
    approved_at = forms.DateTimeField(label=_("Presidium meeting that passed the report"), widget=DATETIME)


class RefileForm(forms.Form):
    subject_area = forms.ModelChoiceField(
        label=_("Subject area of the suggestion"), queryset=SubjectArea.objects.all()
    )
