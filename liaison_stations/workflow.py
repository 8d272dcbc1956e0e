"""The liaison stations' two tables in the engine's shape (congress/workflow.py): a visitor's
opinion and a reception. Pure Python: no database (a `who` check follows the record's
relations, see liaison_stations/permissions.py).

A record made at a station, or sent online, starts `pending`; one made at a point starts
`registered` (D§31: points report to the station). Summarising and classifying moves nothing:
the station may correct the summary while it handles the matter. A matter may be forwarded
again, elsewhere, while it waits for the answer: that closes the first forwarding and starts
the answer clock again (the clock's due date is stored on each Forwarding row). Forwarded again
to the body that has it, it is a double submit, refused (`already_forwarded`, in the service:
the rule needs the body asked for, which the table's guards do not see).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.errors import DomainError
from congress.roles import Role
from congress.workflow import Clock, State, Workflow, move, record
from liaison_stations.permissions import may_dismiss, may_handle, may_run_venue, received_it


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
    # D§31: a regular reception every month, deputies receiving the public for at least half a
    # working day; thematic ones besides, of any length (selectors.monthly_receptions).
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


# --- The refusals of this app: stable codes (WORKFLOWS.md §7), messages quoting the rule ------

MESSAGES: dict[str, Promise] = {
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
    "body_missing": _("Name the unit or body the matter is forwarded to (D§31: 转办)."),
    "already_forwarded": _(
        "The matter is already with %(body)s, awaiting its answer: it is forwarded again only on to another unit or body (D§31, D§35)."
    ),
    "reason_missing": _("Give the reason."),
    "date_in_future": _("The date cannot be in the future."),
    "point_reports_to_station": _(
        "A liaison point sends its records to the station, which forwards and answers them (D§31)."
    ),
    "not_your_station": _("You work for another station."),
    "station_inactive": _("This station is closed."),
    "one_addressee": _("Send the opinion to a station or to a deputy, one of the two (D§37)."),
    "challenge_failed": _("The answer to the check question is wrong or has expired. Please try again."),
    "rate_limited": _("Too many submissions from your connection. Please try again later."),
    "no_subject_area": _("No subject areas are set up for suggestions yet."),
    "already_suggested": _("This matter has already been turned into a suggestion."),
    "not_your_opinion": _("Only a deputy who received this matter, or to whom it was sent, can do this."),
}


def message(code: str, **values: object) -> str:
    text = str(MESSAGES[code])
    return text % values if values else text


def refusal(code: str, status: int = 409, **values: object) -> DomainError:
    return DomainError(code, message(code, **values), status=status)


def may_classify(opinion: Any, user: Any) -> bool:
    """Whoever holds it now: the handling station, or the point that registered it (D§31).

    The point holds its record until it sends it up to the station."""
    at_the_point = opinion.status == OpinionStatus.REGISTERED and may_run_venue(opinion, user)
    return at_the_point or may_handle(opinion, user)


# --- Guards: rules of the record's own, beyond its status ------------------------------------


def at_the_station(opinion: Any) -> DomainError | None:
    """D§31: a point's record goes up to the station, which forwards and answers it. Said in
    so many words: the bare `invalid_transition` would not tell the point what to do."""
    return refusal("point_reports_to_station") if opinion.status == OpinionStatus.REGISTERED else None


def summarised(opinion: Any) -> DomainError | None:
    """D§31: 汇总、梳理、分类 come before 转办 and 反馈."""
    if not opinion.summary.strip() or not opinion.category:
        return refusal("opinion_not_summarised")
    return None


def ready_to_handle(opinion: Any) -> DomainError | None:
    return at_the_station(opinion) or summarised(opinion)


def not_yet_suggested(opinion: Any) -> DomainError | None:
    return refusal("already_suggested") if opinion.suggestion_id else None


def has_started(reception: Any) -> DomainError | None:
    return refusal("reception_in_future", status=400) if reception.starts_at > timezone.now() else None


# --- The tables ------------------------------------------------------------------------------

S = OpinionStatus
R = ReceptionStatus
# Station staff run their stations; the committee guides every station (D§36) and handles a
# deputy's online mail that reaches no station. Superusers pass; `who` still decides.
STAFF = frozenset({Role.STATION_STAFF, Role.COMMITTEE_STAFF})

OPINION = Workflow(
    model="liaison_stations.Opinion",
    noun=_("constituent opinion"),
    statuses=OpinionStatus,
    states={
        S.REGISTERED: State(_("Registered at a liaison point; the point sends it to its station"), "D§31"),
        S.PENDING: State(_("At the station, to summarise, classify, forward or answer"), "D§31"),
        S.FORWARDED: State(_("Forwarded to a unit or body, whose answer is due"), "D§31", clocks=("answer",)),
        # Still open: the station owes the visitor the outcome (D§35 及时、主动向群众反馈).
        S.ANSWERED: State(_("Answered and published unless secret; the visitor is to be told"), "D§35"),
        S.CLOSED: State(_("The visitor was told the outcome"), "D§35", done=True),
        S.DISMISSED: State(_("Not a matter for the station; kept with the reason"), "D§37", done=True),
    },
    actions=[
        move(
            "report",
            [S.REGISTERED],
            S.PENDING,
            roles=STAFF,
            who=may_run_venue,
            article="D§31",
            label=_("sent to the station"),
        ),
        record(
            "classify",
            [S.REGISTERED, S.PENDING, S.FORWARDED, S.ANSWERED],
            roles=STAFF,
            who=may_classify,
            article="D§31",
            label=_("summarised and classified"),
        ),
        move(
            "forward",
            [S.PENDING, S.FORWARDED],
            S.FORWARDED,
            roles=STAFF,
            who=may_handle,
            guard=ready_to_handle,
            article="D§31",
            label=_("forwarded"),
        ),
        move(
            "answer",
            [S.PENDING, S.FORWARDED],
            S.ANSWERED,
            roles=STAFF,
            who=may_handle,
            guard=ready_to_handle,
            article="D§35",
            label=pgettext_lazy("station action", "answered"),
        ),
        move(
            "feedback",
            [S.ANSWERED],
            S.CLOSED,
            roles=STAFF,
            who=may_handle,
            article="D§35",
            label=pgettext_lazy("station action", "reported back to the visitor"),
        ),
        move(
            "dismiss",
            [S.REGISTERED, S.PENDING],
            S.DISMISSED,
            roles=STAFF,
            who=may_dismiss,
            article="D§37",
            label=_("set aside"),
        ),
        # A deputy turns the matter into a suggestion once the station has it (D§20(4); S§13).
        record(
            "to_suggestion",
            [S.PENDING, S.FORWARDED, S.ANSWERED, S.CLOSED],
            roles={Role.DEPUTY},
            who=received_it,
            guard=not_yet_suggested,
            article="D§20(4)",
            label=_("turned into a suggestion"),
            denied=lambda: refusal("not_your_opinion", status=403),
        ),
    ],
    # policy_rule("station_forward"): the forwarded-to body's answer. It runs exactly while the
    # matter is forwarded: forward opens a Forwarding and answer closes it (one open at most,
    # the constraint `forwarding_one_open`); the due date and the sweep read that row.
    clocks={"answer": Clock("station_forward")},
    aliases=("wrong_status",),
    denied=lambda: refusal("not_your_station", status=403),
)

RECEPTION = Workflow(
    model="liaison_stations.Reception",
    noun=_("reception"),
    statuses=ReceptionStatus,
    states={
        R.SCHEDULED: State(_("Scheduled; the deputies on it are told"), "D§31"),
        R.HELD: State(_("Held, with the deputies who came and its record"), "D§31", done=True),
        R.CANCELLED: State(_("Cancelled; the deputies on it are told"), "D§31", done=True),
    },
    actions=[
        move(
            "hold",
            [R.SCHEDULED],
            R.HELD,
            roles=STAFF,
            who=may_run_venue,
            guard=has_started,
            article="D§31",
            label=_("recorded as held"),
        ),
        move(
            "cancel",
            [R.SCHEDULED],
            R.CANCELLED,
            roles=STAFF,
            who=may_run_venue,
            article="D§31",
            label=_("cancelled"),
        ),
        # The visitors a reception received are registered with it (D§34), not with one cancelled.
        record(
            "register",
            [R.SCHEDULED, R.HELD],
            roles=STAFF,
            who=may_run_venue,
            article="D§34",
            label=_("used to register visitors"),
        ),
    ],
    aliases=("wrong_status",),
    denied=lambda: refusal("not_your_station", status=403),
)


# --- Sets of opinion statuses, read from the table --------------------------------------------


def in_table_order(statuses: Iterable[str]) -> tuple[str, ...]:
    """In the order the statuses are declared: a set's order changes from run to run, and the
    models' constraints and index conditions (and so their migrations) must not."""
    chosen = set(statuses)
    return tuple(s for s in OpinionStatus.values if s in chosen)


def reached_by(*actions: str) -> tuple[str, ...]:
    return in_table_order(t for name in actions for t in OPINION.action(name).targets)


# On the public board (D§35): matters the station took up, forwarded or answered, and how they
# were handled. No table notion says "published", so it is named here, once; secret ones never.
PUBLIC = reached_by("forward", "answer", "feedback")
# With an answer recorded.
WITH_ANSWER = reached_by("answer", "feedback")
# Waiting on the station itself: open, and not yet taken up (to send up, summarise, forward
# or answer).
WAITING = in_table_order(set(OPINION.open_statuses) - set(PUBLIC))


def initial_status(*, at_point: bool, online: bool) -> str:
    """Records made at a point wait to be reported to the station (D§31); others are there."""
    return S.REGISTERED if at_point and not online else S.PENDING


def is_published(status: str, is_secret: bool) -> bool:
    """D§35: matters raised and how they were handled are published, except state secrets."""
    return status in PUBLIC and not is_secret


# The history's words: the tables' actions, and the events that create a record.
ACTION_LABELS: dict[str, str | Promise] = {
    "register": _("registered"),
    "submit_online": _("sent online"),
    "schedule": _("scheduled"),
    **{name: action.label for name, action in OPINION.actions.items()},
    **{name: action.label for name, action in RECEPTION.actions.items() if name != "register"},
}
