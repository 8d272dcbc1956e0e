"""API tokens: issued for a username and password, valid for a limited time, ended by a new
password, by "log out everywhere", or revoked one by one by their owner.

Only a hash of each key is stored: a stolen database backup holds no usable key. A token
keeps the user's session-auth hash of the day it was issued (User._get_session_auth_hash);
once the password or the user's auth generation changes, the two differ and the token is
dead, exactly as Django ends the sessions.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import user_logged_out
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from congress.errors import DomainError
from congress.models import ApiToken, User

KEYWORD = "Token"
# last_used is written at most this often per token: reading the API must not write a row
# on every request.
TOUCH_EVERY_SECONDS = 60


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; the key is returned once and never stored."""
    key = secrets.token_hex(20)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:60],
        key_hash=_hash(key),
        prefix=key[:8],
        auth_hash=user.get_session_auth_hash(),
        created=now,
        expires=now + settings.API_TOKEN_LIFETIME,
    )
    return token, key


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(
        user=user, expires__gt=timezone.now(), auth_hash=user.get_session_auth_hash()
    ).order_by("-created")


def token_revoke(*, token: ApiToken, actor: User) -> None:
    if token.user_id != actor.pk:
        raise DomainError("not_found", _("No such token."), status=404)
    token.delete()


def logout_everywhere(*, user: User) -> int:
    """End every session and every token of the user, this browser's included."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(auth_generation=F("auth_generation") + 1)
        user.refresh_from_db(fields=["auth_generation"])
        revoked, _rows = ApiToken.objects.filter(user=user).delete()
    return revoked


def _forget_dead_tokens(sender: Any, user: User | None = None, **kwargs: Any) -> None:
    # Tokens ended by a password change are already dead; dropping them on the next logout
    # keeps the list of tokens honest.
    if user is not None:
        ApiToken.objects.filter(user=user).exclude(auth_hash=user.get_session_auth_hash()).delete()


user_logged_out.connect(_forget_dead_tokens, dispatch_uid="congress.accounts.tokens.forget_dead")


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` (WORKFLOWS.md §7), with expiry and revocation."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from None
        token = (
            ApiToken.objects.select_related("user__organisation")
            .prefetch_related("user__role_rows")
            .filter(key_hash=_hash(key))
            .first()
        )
        now = timezone.now()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.expires <= now:
            raise exceptions.AuthenticationFailed(_("The token has expired: ask for a new one."))
        if not constant_time_compare(token.auth_hash, token.user.get_session_auth_hash()):
            raise exceptions.AuthenticationFailed(
                _("The token was ended by a new password or by logging out everywhere.")
            )
        if token.last_used is None or (now - token.last_used).total_seconds() > TOUCH_EVERY_SECONDS:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD
