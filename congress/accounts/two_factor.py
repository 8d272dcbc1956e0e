"""The optional second factor (TOTP, an authenticator app) for staff accounts.

A staff member who turns it on signs in with the password and then a six-digit code; the
API's token endpoint asks for the code too. Devices and their throttle (each wrong code
doubles the wait) are django-otp's; this module holds the portal's rules around them.
"""

from __future__ import annotations

import io

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.errors import DomainError
from congress.models import User
from congress.roles import Role

# Deputies sign in from phones in many places; the second factor is offered to the staff
# who act on other people's items (WORKFLOWS.md §6).
STAFF_ROLES = frozenset(Role) - {Role.DEPUTY}


def may_use_second_factor(user: User) -> bool:
    return bool(user.is_superuser or user.roles & STAFF_ROLES)


def device_of(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if the second factor is on."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The device being set up (not yet confirmed by a first code): one per user."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


def check_code(user: User, device: TOTPDevice, code: str) -> None:
    if not verify_token(user, device.persistent_id, code.strip().replace(" ", "")):
        raise DomainError(
            "otp_invalid",
            _("The code is wrong or has expired. Enter the six digits your authenticator app shows now."),
            status=400,
        )


def second_factor_confirm(*, user: User, code: str) -> TOTPDevice:
    """Turn the second factor on once the app shows the right code."""
    if not may_use_second_factor(user):
        raise DomainError("permission_denied", status=403)
    with transaction.atomic():
        device = pending_device(user)
        check_code(user, device, code)
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def second_factor_disable(*, user: User, code: str) -> None:
    """Turn it off: only with a current code, so a borrowed open session cannot."""
    device = device_of(user)
    if device is None:
        return
    check_code(user, device, code)
    TOTPDevice.objects.filter(user=user).delete()


def qr_svg(device: TOTPDevice) -> str:
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False, svgclass="qr"
    )
    return buffer.getvalue().decode()


def secret_text(device: TOTPDevice) -> str:
    """The key for typing into an app that cannot scan: base32 in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
