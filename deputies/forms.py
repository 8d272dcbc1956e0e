"""Forms of the deputies' pages: one question per field, plain words; list filters on the
portal's FilterSet. Forms decide nothing: the services do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import django_filters
from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.deadlines.forms import DateInput
from congress.lists import PortalFilterSet, cached_choices
from congress.models import Organisation, Session
from congress.widgets import OptionChoice, OptionList
from deputies.models import (
    SUSPENSION_GROUNDS,
    TERMINATION_GROUNDS,
    Delegation,
    Deputy,
    Feedback,
    Inspection,
    Leave,
    Training,
)
from deputies.models.inspections import ORGANISER_KINDS


class NamedDeputies(ModelChoiceIterator):
    """A deputy picker's choices read as three columns: building every deputy of the congress
    (552 on the bench data) with its delegation to show its name was most of the time an
    inspection's page took to write its pickers."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, delegation in self.queryset.values_list("pk", "name", "delegation__name"):
            yield (pk, f"{name}（{delegation}）")


class DeputyChoice(forms.ModelChoiceField):
    widget = OptionChoice  # every deputy of the congress: options written in one pass
    iterator = NamedDeputies


class DeputiesChoice(forms.ModelMultipleChoiceField):
    iterator = NamedDeputies


def active_deputies() -> QuerySet[Deputy]:
    return (
        Deputy.objects.filter(status=Deputy.Status.ACTIVE)
        .select_related("delegation")
        .order_by("delegation__sort_order", "name")
    )


def choices(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def _tall(rows: int = 10) -> forms.SelectMultiple:
    # Rendered in one pass: a picker lists every deputy of the congress (congress.widgets).
    return OptionList(attrs={"size": rows})


# --- Status (D§45–D§49) and needs (D§42) -------------------------------------------------------


class StatusChangeForm(forms.Form):
    effective_on = forms.DateField(label=_("Effective on"), widget=DateInput())
    decision = forms.CharField(label=_("Decision (reference)"), max_length=200)
    announced_on = forms.DateField(label=_("Announced on"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SuspendForm(StatusChangeForm):
    ground = forms.ChoiceField(
        label=_("Ground (D§45)"), choices=[(g.value, g.label) for g in SUSPENSION_GROUNDS]
    )
    field_order = ["ground"]


class TerminateForm(StatusChangeForm):
    ground = forms.ChoiceField(
        label=_("Ground (D§46)"), choices=[(g.value, g.label) for g in TERMINATION_GROUNDS]
    )
    field_order = ["ground"]


class NeedsForm(forms.Form):
    language_needs = forms.CharField(
        label=_("Language needs"),
        max_length=200,
        required=False,
        help_text=_("e.g. materials in Mongolian script"),
    )
    custom_needs = forms.CharField(
        label=_("Custom needs"), max_length=200, required=False, help_text=_("e.g. halal meals")
    )


class DeputyFilter(PortalFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    delegation = django_filters.ChoiceFilter(label=_("Delegation"), choices=[])

    class Meta:
        model = Deputy
        fields = ["q", "delegation", "status", "directly_elected"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["delegation"].extra["choices"] = cached_choices(
            "deputies:delegations", lambda: [(d.pk, d.name) for d in Delegation.objects.all()]
        )


# --- Leave and attendance (D§8) -----------------------------------------------------------------


def session_choices() -> list[tuple[Any, str]]:
    return cached_choices(
        "deputies:sessions", lambda: [(s.pk, s.name) for s in Session.objects.select_related("congress")]
    )


class LeaveForm(forms.Form):
    deputy = DeputyChoice(label=_("Deputy"), queryset=Deputy.objects.none(), required=False)
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.select_related("congress"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("D§8: health or another special reason."),
    )

    def __init__(self, *args: Any, deputies: QuerySet[Deputy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self, "deputy").queryset = deputies.select_related("delegation").order_by(
            "delegation__sort_order", "name"
        )
        if not deputies.exists():
            del self.fields["deputy"]  # the deputy asks for themself


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("true", _("Approve")), ("false", _("Refuse"))],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LeaveFilter(PortalFilterSet):
    session = django_filters.ChoiceFilter(label=_("Session"), choices=session_choices)

    class Meta:
        model = Leave
        fields = ["session", "status", "deciding_body"]


class SittingForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.select_related("congress"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    name = forms.CharField(label=_("Sitting"), max_length=100, help_text=_("e.g. 第一次全体会议"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roll-call sheet (.xlsx)"), help_text=_("Headers: 代表编号, 姓名, 出席 (是/否).")
    )


# --- Trainings (D§41) ---------------------------------------------------------------------------


class InviteForm(forms.Form):
    delegations = forms.ModelMultipleChoiceField(
        label=_("Every deputy of these delegations"),
        queryset=Delegation.objects.all(),
        required=False,
        widget=_tall(6),
    )
    deputies = DeputiesChoice(
        label=_("Deputies"), queryset=Deputy.objects.none(), required=False, widget=_tall()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self, "deputies").queryset = active_deputies()

    def chosen(self) -> list[Deputy]:
        data = self.cleaned_data
        chosen = list(data.get("deputies") or [])
        if data.get("delegations"):
            chosen += list(active_deputies().filter(delegation__in=data["delegations"]))
        return list(dict.fromkeys(chosen))


class TrainingForm(InviteForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Training.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    field_order = ["title", "kind", "date", "place", "delegations", "deputies"]


class HoldForm(forms.Form):
    attended = DeputiesChoice(
        label=_("Deputies who attended"), queryset=Deputy.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    summary = forms.CharField(
        label=_("Record of the training"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, training: Training, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self, "attended").queryset = training.deputies.select_related("delegation").order_by("name")
        self.fields["attended"].initial = list(training.invitations.values_list("deputy_id", flat=True))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class TrainingFilter(PortalFilterSet):
    class Meta:
        model = Training
        fields = ["status", "kind"]


# --- Inspections (D§22–D§27) --------------------------------------------------------------------


def organisers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind__in=ORGANISER_KINDS)


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Inspection.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser = forms.ModelChoiceField(label=_("Organised by"), queryset=organisers())
    date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput(), required=False)
    places = forms.CharField(label=_("Places"), max_length=500, required=False)
    deputies = DeputiesChoice(label=_("Deputies"), queryset=Deputy.objects.none(), widget=_tall())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self, "deputies").queryset = active_deputies()


class InspectionEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), widget=DateInput(), required=False)
    places = forms.CharField(label=_("Places"), max_length=500, required=False)
    deputies = DeputiesChoice(label=_("Deputies"), queryset=Deputy.objects.none(), widget=_tall())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self, "deputies").queryset = active_deputies()


class ReportForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    opinions = forms.CharField(
        label=_("Opinions and suggestions raised"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    report = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 8}))


class ForwardForm(forms.Form):
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies concerned"), queryset=Organisation.objects.filter(is_active=True), widget=_tall()
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: today. The 3 months run from it (D§27)."),
    )


class MeetingForm(forms.Form):
    official = forms.CharField(label=_("Official (name and post)"), max_length=100)
    body = forms.ModelChoiceField(label=_("Body"), queryset=Organisation.objects.all(), required=False)
    note = forms.CharField(label=_("Note"), required=False)


class ArrangeForm(forms.Form):
    held_on = forms.DateField(label=_("Meeting held on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False)


class InspectionFilter(PortalFilterSet):
    class Meta:
        model = Inspection
        fields = ["status", "kind"]


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Feedback"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("How the report's opinions were studied and handled (D§27)."),
    )


class FeedbackFilter(PortalFilterSet):
    overdue = django_filters.BooleanFilter(method="late", label=_("Overdue"))

    class Meta:
        model = Feedback
        fields = ["status", "overdue"]

    def late(self, queryset: QuerySet[Feedback], name: str, value: bool) -> QuerySet[Feedback]:
        late = queryset.filter(status=Feedback.Status.PENDING, feedback_due__lt=timezone.localdate())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


# --- The report to constituents (D§43) ----------------------------------------------------------


class ConstituentReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 24}))


def picker_attrs() -> dict[str, str]:
    """Attributes that turn a co-signer names field into the picker (static/js/deputy-picker.js):
    the search URL and the words it shows. Without JavaScript the field takes typed names."""
    return {
        "data-deputy-picker": reverse("deputies:search"),
        "data-picker-label": str(_("Find a deputy: name, delegation or pinyin initials (lm finds 李明)")),
        "data-picker-none": str(_("No deputy in office matches.")),
        "autocomplete": "off",
    }
