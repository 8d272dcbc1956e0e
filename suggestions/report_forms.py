"""The small forms of the follow-up pages: a supervisor's comment, a unit's handling report,
progress on a commitment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}))


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("Progress"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done since the last report; the deputies and the committee are told (S§32)."),
    )  # fmt: skip
    done = forms.BooleanField(label=_("The promised action is fulfilled"), required=False)
