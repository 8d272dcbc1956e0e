"""The one domain error. Services raise it; the API turns it into a 4xx with its code.

Codes are a public contract (WORKFLOWS.md §7): rename none. Each message quotes the rule
and its article, in the user's language.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    "deputy_not_active": _("A suspended or terminated deputy cannot file or sign (D§45, D§46)."),
    "permission_denied": _("Your role does not allow this action."),
}


class DomainError(Exception):
    """A rule of the workflow refused an action. `code` is stable; `detail` is for people."""

    def __init__(
        self,
        code: str,
        detail: str | Promise | None = None,
        *,
        status: int = 409,
        aliases: tuple[str, ...] = (),
    ) -> None:
        self.code = code
        self.detail = detail if detail is not None else MESSAGES.get(code, code)
        self.status = status
        # Codes the same refusal answered in an earlier release, still sent beside `code` so
        # a client matching on them keeps working for one more release (WORKFLOWS.md §7).
        self.aliases = aliases
        super().__init__(f"{code}: {self.detail}")
