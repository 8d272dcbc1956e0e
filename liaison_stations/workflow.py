"""The state machines of liaison stations, one table each. Pure Python: no database.

Opinions (群众意见建议), D§31, D§34, D§35, D§37:

| action   | from                  | to        | article | what happens                                         |
|----------|-----------------------|-----------|---------|------------------------------------------------------|
| report   | registered            | pending   | D§31    | a point sends its record up to the station           |
| forward  | pending, forwarded    | forwarded | D§31    | sent to a unit or body; its answer clock starts      |
| answer   | pending, forwarded    | answered  | D§35    | the answer is recorded, published unless secret      |
| feedback | answered              | closed    | D§35    | the visitor was told (the deputies are told at once) |
| dismiss  | registered, pending   | dismissed | D§37    | abuse, duplicate or no matter: not handled, with why |

A record made at a station, or sent online, starts `pending`; one made at a point starts
`registered` (D§31: points report to the station). Summarising and classifying is not a
transition: the station may correct the summary until the matter is closed.

Receptions (代表进站接待群众), D§31:

| action | from      | to        |
|--------|-----------|-----------|
| hold   | scheduled | held      |
| cancel | scheduled | cancelled |
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class OpinionStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered at the point")
    PENDING = "pending", _("At the station")
    FORWARDED = "forwarded", _("Forwarded")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Visitor told")
    DISMISSED = "dismissed", _("Not handled")


class ReceptionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ReceptionKind(models.TextChoices):
    # D§31: at least one regular reception a month; thematic ones besides.
    REGULAR = "regular", _("Regular reception")
    THEMATIC = "thematic", _("Thematic reception")


class Category(models.TextChoices):
    """How a station classifies what visitors raise (D§30(5), D§31: 分类)."""

    URBAN = "urban_construction", _("Urban construction and housing")
    TRANSPORT = "transport", _("Transport and roads")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health care")
    SOCIAL_SECURITY = "social_security", _("Social security and elderly care")
    EMPLOYMENT = "employment", _("Employment and wages")
    ENVIRONMENT = "environment", _("Environment and sanitation")
    AGRICULTURE = "agriculture", _("Agriculture and rural affairs")
    ECONOMY = "economy", _("Economy and business")
    PUBLIC_SAFETY = "public_safety", _("Public safety")
    LAW = "law", _("Law, disputes and petitions")
    GOVERNMENT = "government", _("Government services")
    OTHER = "other", _("Other")


S = OpinionStatus


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    article: str


OPINION_TRANSITIONS: dict[str, Transition] = {
    "report": Transition(frozenset({S.REGISTERED}), S.PENDING, "D§31"),
    "forward": Transition(frozenset({S.PENDING, S.FORWARDED}), S.FORWARDED, "D§31"),
    "answer": Transition(frozenset({S.PENDING, S.FORWARDED}), S.ANSWERED, "D§35"),
    "feedback": Transition(frozenset({S.ANSWERED}), S.CLOSED, "D§35"),
    "dismiss": Transition(frozenset({S.REGISTERED, S.PENDING}), S.DISMISSED, "D§37"),
}

RECEPTION_TRANSITIONS: dict[str, Transition] = {
    "hold": Transition(frozenset({ReceptionStatus.SCHEDULED}), ReceptionStatus.HELD, "D§31"),
    "cancel": Transition(frozenset({ReceptionStatus.SCHEDULED}), ReceptionStatus.CANCELLED, "D§31"),
}

# The station may write or correct its summary and classification while it handles the matter.
CLASSIFIABLE = frozenset({S.REGISTERED, S.PENDING, S.FORWARDED, S.ANSWERED})
# A deputy may turn the matter into a suggestion once the station has it (D§35 跟踪; S§2).
SUGGESTIBLE = frozenset({S.PENDING, S.FORWARDED, S.ANSWERED, S.CLOSED})
# With an answer recorded.
ANSWERED = (S.ANSWERED, S.CLOSED)
# On the public board (D§35): raised and in hand, or answered; never a secret one.
PUBLIC = (S.FORWARDED, S.ANSWERED, S.CLOSED)
OPEN = (S.REGISTERED, S.PENDING, S.FORWARDED)
# Waiting on the station: to send up, summarise, forward or answer.
WAITING = (S.REGISTERED, S.PENDING)


def opinion_target(action: str, status: str) -> str | None:
    """The status `action` leads to from `status`, or None when the table forbids it."""
    transition = OPINION_TRANSITIONS[action]
    return transition.target if status in transition.sources else None


def reception_target(action: str, status: str) -> str | None:
    transition = RECEPTION_TRANSITIONS[action]
    return transition.target if status in transition.sources else None


def initial_status(*, at_point: bool, online: bool) -> str:
    """Records made at a point wait to be reported to the station (D§31); others are there."""
    return S.REGISTERED if at_point and not online else S.PENDING


def is_published(status: str, is_secret: bool) -> bool:
    """D§35: matters raised and how they were handled are published, except state secrets."""
    return status in PUBLIC and not is_secret


# The history's words for each action.
ACTION_LABELS: dict[str, Promise] = {
    "register": _("registered"),
    "submit_online": _("sent online"),
    "report": _("sent to the station"),
    "classify": _("summarised and classified"),
    "forward": _("forwarded"),
    "answer": _("answer recorded"),
    "feedback": _("visitor told"),
    "dismiss": _("set aside"),
    "to_suggestion": _("turned into a suggestion"),
    "schedule": _("scheduled"),
    "hold": _("recorded as held"),
    "cancel": _("cancelled"),
}

# The refusals of this app: stable codes (WORKFLOWS.md §7) and messages quoting the rule.
MESSAGES: dict[str, Promise] = {
    "wrong_status": _("This step is not possible in the matter's present status."),
    "reception_too_short": _(
        "A reception lasts at least half a working day (%(hours)s hours) (D§31: 时间不少于半个工作日)."
    ),
    "reception_not_one_day": _("A reception starts and ends on the same day (D§31)."),
    "reception_theme_missing": _("A thematic reception needs its theme (D§31)."),
    "reception_in_future": _("A reception cannot be recorded as held before it has started."),
    "attachment_outside_constituency": _(
        "A provincial deputy is attached where elected only to a station in the constituency that elected them; otherwise choose where they work or live (D§21)."
    ),
    "deputy_not_active": _("A suspended or terminated deputy cannot take part (D§45, D§46)."),
    "opinion_not_summarised": _(
        "Summarise and classify the matter before it is forwarded or answered (D§31: 汇总、梳理、分类)."
    ),
    "answer_missing": _("Write the answer: how the matter was handled."),
    "reason_missing": _("Give the reason."),
    "date_in_future": _("The date cannot be in the future."),
    "point_reports_to_station": _(
        "A liaison point sends its records to the station, which forwards and answers them (D§31)."
    ),
    "not_your_station": _("You work for another station."),
    "station_inactive": _("This station is closed."),
    "challenge_failed": _("The answer to the check question is wrong or has expired. Please try again."),
    "rate_limited": _("Too many submissions from your address. Please try again later."),
    "no_subject_area": _("No subject areas are set up for suggestions yet."),
    "already_suggested": _("This matter has already been turned into a suggestion."),
    "not_your_opinion": _("Only a deputy who received this matter, or to whom it was sent, can do this."),
}


def message(code: str, **values: object) -> str:
    text = str(MESSAGES[code])
    return text % values if values else text
