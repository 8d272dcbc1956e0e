"""The form of the supervision pages: a supervisor's comment, a unit's handling report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}))
