"""Each person's desk (issue 16): the home page as a task list, one section per role the user
holds, most urgent first, each task one tap from its action.

The apps say what each role owes (`suggestions/desk.py`, `motions/desk.py`, `deputies/desk.py`,
`liaison_stations/desk.py`); this module gathers them. Clocks are the workflow tables' own
deadlines (`congress/deadlines/`), never recomputed here. Every list is cut at `LIMIT` rows,
with its full count and a link to the page that lists them all, so a desk costs the same
number of queries with ten rows or ten thousand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.deadlines.periods import Deadline
from congress.models import CalendarYear
from congress.roles import ASSIGNING_ROLES, UNIT_ROLES, Role

LIMIT = 10  # tasks of one kind shown on a desk; the rest are one tap away on their list
Label = str | Promise


# The proper name of each clock on a desk, by the rule's code (congress/deadlines/statutory.py).
CLOCK_NAMES: dict[str, Label] = {
    "objection": _("Objection window (S§20)"),
    "reassignment": _("Reassignment due (S§20)"),
    "co_opinion": _("Opinion to the lead unit due (S§26)"),
    "reply": _("Reply due (S§28)"),
    "rehandling": _("Re-handling due (S§30)"),
    "evaluation": _("Rating window ends"),
    "key_report": _("Handling report due (S§41)"),
    "inspection_feedback": _("Feedback due (D§27)"),
    "station_forward": _("Answer due (D§35)"),
    "motion_report": _("Report due (M§23)"),
}


@dataclass(frozen=True)
class Clock:
    """A running deadline of a task, under its proper name (说明情况期限, 答复期限 …)."""

    code: str
    deadline: Deadline

    @property
    def name(self) -> Label:
        return CLOCK_NAMES[self.code]


@dataclass(frozen=True)
class Task:
    """One thing the user should do: what, about which record, and the one tap to do it."""

    kind: Label  # what is owed: "Co-signature to confirm"
    title: str  # the record: "2025-0012 关于…的建议"
    url: str  # the page where it is done
    action: Label  # what the tap does: "Read and confirm"
    clocks: tuple[Clock, ...] = ()
    when: dt.date | None = None  # an appointment (a reception, a training), not a deadline
    note: str = ""

    @property
    def due(self) -> dt.date:
        """The date that orders the desk: the nearest clock, else the appointment."""
        dates = [c.deadline.due for c in self.clocks] + ([self.when] if self.when else [])
        return min(dates, default=dt.date.max)


@dataclass(frozen=True)
class Figure:
    """A figure on top of a section: how many are waiting, linking to the full list."""

    label: Label
    n: int
    url: str
    alert: bool = False  # shown red: something is late


@dataclass(frozen=True)
class News:
    """Something that happened to the user's own records since their last visit."""

    at: dt.datetime
    title: str
    what: str
    url: str


@dataclass
class Section:
    role: Label
    counts: list[Figure] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    news: list[News] = field(default_factory=list)
    since: dt.datetime | None = None  # the start of "since your last visit"
    starts: list[tuple[Label, str]] = field(default_factory=list)  # new work the role begins here

    def sort(self, today: dt.date) -> Section:
        """Most urgent first: by the nearest clock or appointment; a task with neither (confirm a
        text, forward an opinion) waits on the user now, so it ranks as due today."""
        self.tasks.sort(key=lambda t: (today if t.due == dt.date.max else t.due, str(t.kind), t.title))
        self.news.sort(key=lambda n: n.at, reverse=True)
        return self


def calendar_tasks(user: Any) -> list[Task]:
    """Draft years another staff member entered: this user may approve them (four eyes)."""
    drafts = CalendarYear.objects.filter(status=CalendarYear.Status.DRAFT).exclude(entered_by=user)
    return [
        Task(
            kind=_("Calendar year to approve"),
            title=str(c.year),
            url=reverse("calendar-year", args=[c.year]),
            action=_("Check and approve"),
        )
        for c in drafts.order_by("year")[:LIMIT]
    ]


def desk_for(user: Any, *, since: dt.datetime | None = None, today: dt.date | None = None) -> list[Section]:
    """The sections of the user's desk, one per role held, in the order a person works."""
    # Imported here: the apps' desk modules import this one for its types.
    from deputies import desk as deputies_desk
    from liaison_stations import desk as stations_desk
    from motions import desk as motions_desk
    from suggestions import desk as suggestions_desk

    today = today or timezone.localdate()
    sections: list[Section] = []
    deputy = getattr(user, "deputy", None)
    if deputy is not None and user.has_role(Role.DEPUTY):
        section = Section(Role.DEPUTY.label, since=since)
        section.starts.append((_("File a suggestion"), reverse("suggestions:new")))
        for part in (suggestions_desk, motions_desk, deputies_desk, stations_desk):
            part.for_deputy(section, deputy, since, today)
        sections.append(section)
    unit_id = user.unit_id_for_work()
    if unit_id is not None and user.roles & UNIT_ROLES:
        role = Role.UNIT_HEAD if user.has_role(Role.UNIT_HEAD) else Role.UNIT_HANDLER
        section = Section(role.label)
        suggestions_desk.for_unit(section, unit_id, today, head=role == Role.UNIT_HEAD)
        deputies_desk.for_unit(section, unit_id, today)
        sections.append(section)
    if user.roles & ASSIGNING_ROLES:
        role = Role.COMMITTEE_STAFF if user.has_role(Role.COMMITTEE_STAFF) else Role.SECRETARIAT
        section = Section(role.label)
        suggestions_desk.for_assigning_body(section, today)
        section.tasks += calendar_tasks(user)
        sections.append(section)
    if user.has_role(Role.REVIEW_COMMITTEE):
        section = Section(Role.REVIEW_COMMITTEE.label)
        motions_desk.for_review_member(section, user)
        sections.append(section)
    if user.has_role(Role.DELEGATION_STAFF):
        section = Section(Role.DELEGATION_STAFF.label)
        # S§8, M§6: the delegation's staff enter what their deputies file on paper.
        section.starts += [
            (_("Enter a suggestion for a deputy"), reverse("suggestions:staff-entry")),
            (_("Draft a motion for a deputy"), reverse("motions:new")),
        ]
        suggestions_desk.for_delegation_staff(section, user)
        motions_desk.for_delegation_staff(section, user)
        sections.append(section)
    if user.has_role(Role.STATION_STAFF):
        section = Section(Role.STATION_STAFF.label)
        stations_desk.for_station_staff(section, user, today)
        sections.append(section)
    if user.has_role(Role.SUPERVISOR) and user.organisation_id:
        section = Section(Role.SUPERVISOR.label)
        suggestions_desk.for_supervisor(section, user.organisation_id, today)
        motions_desk.for_supervisor(section, user.organisation_id, today)
        sections.append(section)
    return [s.sort(today) for s in sections]
