import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mainland mobile numbers, as people write them: spaces, dashes and +86 are dropped.
MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")


class PreferencesForm(forms.Form):
    EACH = "each"
    DAILY = "daily"

    email_enabled = forms.BooleanField(label=_("Send me an email"), required=False)
    email_mode = forms.ChoiceField(
        label=_("How often"),
        choices=[
            (EACH, _("One email for each notification, as it arrives")),
            (DAILY, _("One email a day listing the day's notifications")),
        ],
        widget=forms.RadioSelect,
    )
    sms_enabled = forms.BooleanField(label=_("Send me a text message (SMS)"), required=False)
    phone = forms.CharField(
        label=_("Mobile phone for SMS"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        raw = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if not raw:
            return ""
        match = MOBILE.match(raw)
        if not match:
            raise ValidationError(_("Enter an 11-digit mobile number, such as 13812345678."))
        return match.group(1)
