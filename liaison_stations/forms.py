"""Forms of the station pages: phone-first, one question per field, plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.deadlines.forms import DateInput
from congress.deadlines.periods import BEIJING
from congress.lists import PortalFilterSet
from congress.models import Organisation
from congress.widgets import OptionChoice
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.abuse import Sender, challenge_passed, new_challenge
from liaison_stations.models import Attachment, LiaisonOfficer, Opinion, Reception, Station
from liaison_stations.selectors import opinions_matching, opinions_overdue
from suggestions.models import SubjectArea


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def deputies_of(venue: Station, reception: Reception | None = None) -> QuerySet[Deputy]:
    """The deputies a form offers: attached to the venue (or its station, for a point), and
    those on the reception."""
    ids = [venue.pk] + ([venue.parent_id] if venue.parent_id else [])
    scope = Q(attachments__station_id__in=ids)
    if reception is not None:
        scope |= Q(receptions=reception)
    return Deputy.objects.filter(scope, status=Deputy.Status.ACTIVE).distinct().order_by("name")


def _choices(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class DeputiesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


# --- Public (D§37) ------------------------------------------------------------------------


class AnswerInput(forms.TextInput):
    """The form shown again asks a new question: the answer to the last one is not filled in."""

    def format_value(self, value: Any) -> None:
        return None


class PublicOpinionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=50)
    contact = forms.CharField(
        label=_("Phone or email"),
        max_length=100,
        help_text=_("Only the station sees it, to reply to you. It is never published."),
    )
    matter = forms.CharField(
        label=_("Your opinion or suggestion"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is the matter, where, since when, and what you would like done."),
    )
    challenge_token = forms.CharField(widget=forms.HiddenInput)
    challenge_answer = forms.CharField(label=_("Check question"), max_length=4, widget=AnswerInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submitted_token = str(self.data.get("challenge_token", "")) if self.is_bound else ""
        # Every showing of the form asks a fresh question, also after a mistake or a refusal: a
        # question is good for one accepted opinion (liaison_stations.abuse).
        challenge = new_challenge()
        self.question = challenge.question
        self.initial["challenge_token"] = challenge.token
        if isinstance(self.data, QueryDict):
            self.data = self.data.copy()
            self.data["challenge_token"] = challenge.token
        answer = self.fields["challenge_answer"]
        answer.label = _("Check question: %(question)s") % {"question": challenge.question}
        answer.help_text = _("Type the result. It keeps automated mail out.")
        answer.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not challenge_passed(self.submitted_token, data.get("challenge_answer") or ""):
            self.add_error("challenge_answer", workflow.message("challenge_failed"))
        return data

    def sender(self, address: str) -> Sender:
        """Who sends it: the address, and the question answered (not the new one shown)."""
        return Sender(address, self.submitted_token, self.cleaned_data["challenge_answer"])


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("The code you were given when you sent your opinion, e.g. K7QH-3MZP-X2AB."),
    )


# --- Station staff ------------------------------------------------------------------------


class ReceptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=workflow.ReceptionKind.choices, initial="regular")
    theme = forms.CharField(
        label=_("Theme"), max_length=200, required=False, help_text=_("For a thematic reception.")
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("From"), widget=TimeInput(), initial=dt.time(8, 30))
    ends = forms.TimeField(label=_("To"), widget=TimeInput(), initial=dt.time(12, 30))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    deputies = DeputiesField(label=_("Deputies present"), queryset=Deputy.objects.none(), required=False)
    other_deputies = forms.CharField(
        label=_("Deputies of other congresses"),
        max_length=500,
        required=False,
        help_text=_("Deputies of the city, county and township congresses, by name."),
    )
    other_attendees = forms.CharField(
        label=_("Other attendees"),
        max_length=500,
        required=False,
        help_text=_("Staff, officials of the units concerned."),
    )

    def __init__(self, *args: Any, venue: Station, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "deputies").queryset = deputies_of(venue)
        self.fields["place"].initial = venue.address

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("starts") and data.get("ends"):
            data["starts_at"] = dt.datetime.combine(data["date"], data["starts"], BEIJING)
            data["ends_at"] = dt.datetime.combine(data["date"], data["ends"], BEIJING)
        return data


class HoldForm(forms.Form):
    deputies = DeputiesField(label=_("Deputies who came"), queryset=Deputy.objects.none(), required=False)
    other_deputies = forms.CharField(
        label=_("Deputies of other congresses who came"),
        max_length=500,
        required=False,
        help_text=_(
            "By name. A reception counts for the month only with a deputy present (D§31: 安排代表接待群众)."
        ),
    )
    summary = forms.CharField(
        label=_("Record of the reception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How many people came and what was raised, in a few lines."),
    )

    def __init__(self, *args: Any, reception: Reception, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "deputies").queryset = deputies_of(reception.venue, reception)
        self.fields["deputies"].initial = list(reception.deputies.values_list("pk", flat=True))
        self.fields["other_deputies"].initial = reception.other_deputies


class StationInfoForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["address", "opening_hours", "duties", "head_name", "contact_phone"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 4})}


class AttachForm(forms.Form):
    deputy = forms.ModelChoiceField(
        label=_("Deputy"),
        queryset=Deputy.objects.filter(status=Deputy.Status.ACTIVE)
        .select_related("delegation")
        .order_by("delegation__sort_order", "name"),
        widget=OptionChoice,  # every active deputy of the province: written in one pass
    )
    basis = forms.ChoiceField(label=_("Ground (D§21)"), choices=Attachment.Basis.choices)


class OfficerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    background = forms.ChoiceField(label=_("Background (D§33)"), choices=LiaisonOfficer.Background.choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class RegistrationForm(forms.Form):
    """人大代表进站接待群众登记表 (D§34), on a phone."""

    visitor_name = forms.CharField(label=_("Visitor"), max_length=50)
    visitor_contact = forms.CharField(label=_("Contact"), max_length=100)
    visitor_address = forms.CharField(label=_("Address"), max_length=200, required=False)
    matter = forms.CharField(label=_("Matter raised"), widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *workflow.Category.choices], required=False
    )
    received_by = DeputiesField(
        label=_("Deputies who received the visitor"), queryset=Deputy.objects.none(), required=False
    )
    received_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args: Any, venue: Station, reception: Reception | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deputies = deputies_of(venue, reception)
        if reception is not None:
            self.fields["received_by"].initial = list(reception.deputies.values_list("pk", flat=True))
            self.fields["received_on"].initial = timezone.localtime(reception.starts_at).date()
        else:
            self.fields["received_on"].initial = timezone.localdate()
        _choices(self, "received_by").queryset = deputies
        self.fields["visitor_contact"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})


class ClassifyForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for publication"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The matter in a sentence or two, without the visitor's name, phone or address: it is published."
        ),
    )
    category = forms.ChoiceField(label=_("Category"), choices=workflow.Category.choices)
    is_secret = forms.BooleanField(label=_("Involves state secrets: do not publish (D§35)"), required=False)


class ForwardForm(forms.Form):
    body_name = forms.CharField(
        label=_("Unit or body"),
        max_length=100,
        required=False,
        help_text=_("e.g. 小店区住房和城乡建设局, 坞城街道办事处"),
    )
    unit = forms.ModelChoiceField(
        label=_("or a provincial unit"), queryset=Organisation.objects.none(), required=False
    )
    note = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    forwarded_on = forms.DateField(label=_("Forwarded on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "unit").queryset = Organisation.objects.filter(
            Q(kind__in=Organisation.HANDLING_KINDS) | Q(kind=Organisation.Kind.CITY_SC), is_active=True
        )
        self.fields["forwarded_on"].initial = timezone.localdate()


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("How it was handled"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The answer as the visitor and the public will read it."),
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()


class ToSuggestionForm(forms.Form):
    title = forms.CharField(label=_("Title of the suggestion"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    subject_area = forms.ModelChoiceField(label=_("Subject area"), queryset=SubjectArea.objects.all())


class FeedbackForm(forms.Form):
    way = forms.ChoiceField(label=_("How the visitor was told"), choices=Opinion.FeedbackWay.choices)
    fed_back_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fed_back_on"].initial = timezone.localdate()


# --- List filters -------------------------------------------------------------------------

YES_NO = [("", "—"), ("true", _("yes")), ("false", _("no"))]


class StationChoiceFilter(django_filters.ModelChoiceFilter):
    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        return qs.filter(Q(station=value) | Q(point=value))


class OpinionListFilter(PortalFilterSet):
    station = StationChoiceFilter(label=_("Station"), queryset=Station.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=workflow.OpinionStatus.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=workflow.Category.choices)
    overdue = django_filters.BooleanFilter(label=_("Answer overdue"), method="is_overdue")
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Opinion
        fields = ["station", "status", "category", "overdue", "q"]

    def __init__(self, *args: Any, stations: QuerySet[Station], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["station"].queryset = stations
        self.form.fields["overdue"].widget = forms.Select(choices=YES_NO)

    def is_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset if value is None else opinions_overdue(queryset, value)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return opinions_matching(queryset, value)


class ReceptionListFilter(PortalFilterSet):
    station = StationChoiceFilter(label=_("Station"), queryset=Station.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=workflow.ReceptionStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=workflow.ReceptionKind.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="starts_at", lookup_expr="year")

    class Meta:
        model = Reception
        fields = ["station", "status", "kind", "year"]

    def __init__(self, *args: Any, stations: QuerySet[Station], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["station"].queryset = stations


class PublicStationFilter(PortalFilterSet):
    city = django_filters.ChoiceFilter(label=_("City"), choices=[])
    q = django_filters.CharFilter(label=_("Name, district or address"), method="search")

    class Meta:
        model = Station
        fields = ["city", "q"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cities = (
            Station.objects.filter(is_active=True).values_list("city", flat=True).distinct().order_by("city")
        )
        self.filters["city"].extra["choices"] = [(c, c) for c in cities]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value) | Q(county__icontains=value) | Q(address__icontains=value)
        )
