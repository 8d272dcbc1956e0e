"""The checks the instrument tables (motions/workflow/instruments.py) name: who may act (the
user's relation to an interpellation, recall motion or investigation proposal) and the guards
(the instrument's own rules beyond its status).

Duck-typed, no model imported: each instrument has `session`, `lead_deputy`, `created_by_id`,
`text_version` and its invitations as `signers`; an interpellation may come from a delegation
(`delegation_id`, `head_signed_by`).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError

INVITED, CONFIRMED, DECLINED, LAPSED = "invited", "confirmed", "declined", "lapsed"


def deputy_of(user: Any) -> Any:
    return getattr(user, "deputy", None)


def _staff_of(user: Any, delegation_id: int | None) -> bool:
    return bool(delegation_id and user.delegations.filter(pk=delegation_id).exists())


def author(item: Any, user: Any) -> bool:
    """the lead deputy, or the delegation staff who entered the draft (D§14, D§15, D§16)"""
    if user.is_superuser:
        return True
    lead = item.lead_deputy
    if lead is None:  # a delegation's interpellation: its staff enter it (D§14)
        return _staff_of(user, getattr(item, "delegation_id", None))
    if lead.user_id == user.pk:
        return True
    return item.created_by_id == user.pk and _staff_of(user, lead.delegation_id)


def invited(item: Any, user: Any) -> bool:
    """a deputy the lead invited to sign, whose invitation has not lapsed"""
    deputy = deputy_of(user)
    return deputy is not None and item.signers.filter(deputy=deputy).exclude(status=LAPSED).exists()


def not_invited() -> DomainError:
    return DomainError("not_invited", _("Only a deputy invited by the lead deputy can co-sign."), status=403)


def proposers(item: Any) -> list[Any]:
    """Who proposed the filed instrument: the lead and the co-signers who confirmed the text as
    filed; for a delegation's interpellation its head, who signed for it (D§14)."""
    if item.lead_deputy_id is None:
        return [item.head_signed_by] if getattr(item, "head_signed_by_id", None) else []
    signed = [
        s.deputy
        for s in item.signers.select_related("deputy__user")
        if s.status == CONFIRMED and s.confirmed_version == item.text_version
    ]
    return [item.lead_deputy, *signed]


def proposer(item: Any, user: Any) -> bool:
    """a proposer: the lead, a co-signer of the text as filed, the delegation's head (D§14)"""
    deputy = deputy_of(user)
    return deputy is not None and any(d.pk == deputy.pk for d in proposers(item))


# --- guards ----------------------------------------------------------------------------------------


def in_session(item: Any) -> DomainError | None:
    """D§14, D§15, D§16: 会议期间 — filed while the session sits, from its opening to its close."""
    session = item.session
    if session.is_sitting_on(timezone.localdate()):
        return None
    return DomainError(
        "not_in_session",
        _("This is filed during the session only (%(opens)s to %(closes)s) (D§14, D§15, D§16).")
        % {"opens": session.opens.isoformat(), "closes": session.closes.isoformat()},
    )


def unsatisfied_half(item: Any) -> DomainError | None:
    """D§14: 提出质询案的代表半数以上对答复不满意的 — half or more (exactly half included) of the
    proposers are not satisfied with the answer; and the new answer is asked once."""
    answer = item.current_answer
    if answer is None or answer.round > 1:
        return DomainError(
            "reanswer_not_available",
            _("A new answer can be asked once, after the first answer (D§14)."),
        )
    everyone = len(proposers(item))
    unsatisfied = answer.evaluations.filter(satisfied=False).count()
    if everyone and unsatisfied * 2 >= everyone:
        return None
    return DomainError(
        "not_enough_unsatisfied",
        _(
            "%(unsatisfied)s of %(everyone)s proposers are not satisfied: a new answer needs half or more of them (D§14)."
        )
        % {"unsatisfied": unsatisfied, "everyone": everyone},
    )


def after_the_session(item: Any) -> DomainError | None:
    """Published after the session, as the congress decides (D§14), and once."""
    if item.published_at is not None:
        return DomainError("already_published", _("This interpellation is already public."))
    if timezone.localdate() <= item.session.closes:
        return DomainError(
            "session_not_closed", _("An interpellation is made public after the session closes (D§14).")
        )
    return None
