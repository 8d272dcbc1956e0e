"""The navigation each role sees. One list, filtered by the user's roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congress.roles import ASSIGNING_ROLES, UNIT_ROLES, Role

ANY = frozenset[str]()


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] = ANY  # empty: every signed-in user
    superuser_only: bool = False
    unit_only: bool = False  # a page about the user's own handling unit
    organisation_kind: str = ""  # a page for the people of one kind of organisation

    def visible_to(self, user: Any) -> bool:
        if self.superuser_only:
            return bool(user.is_superuser)
        if self.unit_only:
            return user.unit_id_for_work() is not None
        if self.organisation_kind:
            return getattr(user.organisation, "kind", None) == self.organisation_kind
        return not self.roles or user.is_superuser or user.has_role(*self.roles)


NAV: list[NavItem] = [
    NavItem(_("Home"), "home"),
    NavItem(_("My suggestions"), "suggestions:mine", roles=frozenset({Role.DEPUTY, Role.DELEGATION_STAFF})),
    NavItem(_("Review queue"), "suggestions:review", roles=frozenset(ASSIGNING_ROLES)),
    NavItem(_("Decisions waiting"), "suggestions:objections", roles=frozenset(ASSIGNING_ROLES)),
    NavItem(_("Assignment inbox"), "suggestions:inbox", roles=frozenset(UNIT_ROLES)),
    NavItem(_("Reply templates"), "suggestions:templates", unit_only=True),
    # S§43: the government's general office follows its departments' handling.
    NavItem(
        _("Government departments' handling"), "suggestions:government", organisation_kind="general_office"
    ),
    NavItem(_("Routing table"), "suggestions:routing", roles=frozenset(ASSIGNING_ROLES)),
    NavItem(_("Overdue board"), "overdue", roles=frozenset(ASSIGNING_ROLES)),
    NavItem(
        _("Key suggestions"), "suggestions:key-list", roles=frozenset({Role.SUPERVISOR, *ASSIGNING_ROLES})
    ),
    NavItem(
        _("Commitments"),
        "suggestions:commitments",
        roles=frozenset({Role.DEPUTY, Role.SUPERVISOR, *UNIT_ROLES, *ASSIGNING_ROLES}),
    ),
    NavItem(_("Accountability (S§47)"), "suggestions:accountability", roles=frozenset(ASSIGNING_ROLES)),
    # Issue 19: the figures leaders read; a unit's head reads the unit's own.
    NavItem(
        _("Statistics"),
        "statistics:index",
        roles=frozenset({Role.SUPERVISOR, Role.UNIT_HEAD, *ASSIGNING_ROLES}),
    ),
    NavItem(_("Assignment notices"), "documents:notices", roles=frozenset({*ASSIGNING_ROLES, *UNIT_ROLES})),
    NavItem(_("Reports"), "documents:reports", roles=frozenset({Role.COMMITTEE_STAFF, Role.SECRETARIAT})),
    NavItem(_("Official calendar"), "calendar-index", roles=frozenset(ASSIGNING_ROLES)),
    NavItem(_("Reminder schedules"), "reminder-schedules", roles=frozenset({Role.COMMITTEE_STAFF})),
    NavItem(
        _("Motions"),
        "motions:list",
        roles=frozenset(
            {
                Role.DEPUTY,
                Role.DELEGATION_STAFF,
                Role.SECRETARIAT,
                Role.REVIEW_COMMITTEE,
                Role.COMMITTEE_STAFF,
                Role.SUPERVISOR,
            }
        ),
    ),
    # The joint instruments of a session (D§14–D§16); the list links the three kinds.
    NavItem(
        _("Interpellations and recalls"),
        "motions:interpellation-list",
        roles=frozenset({Role.DEPUTY, Role.DELEGATION_STAFF, Role.SECRETARIAT, Role.COMMITTEE_STAFF}),
    ),
    NavItem(_("Motion review"), "motions:review", roles=frozenset({Role.REVIEW_COMMITTEE, Role.SECRETARIAT})),
    NavItem(
        _("Motions in recess review"),
        "motions:recess",
        roles=frozenset({Role.SUPERVISOR, Role.COMMITTEE_STAFF}),
    ),
    NavItem(
        _("Station desk"),
        "stations:desk",
        roles=frozenset({Role.STATION_STAFF, Role.COMMITTEE_STAFF, Role.DEPUTY}),
    ),
    NavItem(
        _("Constituent opinions"),
        "stations:opinions",
        roles=frozenset({Role.STATION_STAFF, Role.COMMITTEE_STAFF}),
    ),
    NavItem(
        _("Receptions"), "stations:receptions", roles=frozenset({Role.STATION_STAFF, Role.COMMITTEE_STAFF})
    ),
    NavItem(_("Liaison stations"), "stations:list"),
    # The deputies' own record (D§8, D§22–D§27, D§41, D§43, D§45–D§49).
    NavItem(_("My record"), "deputies:mine", roles=frozenset({Role.DEPUTY})),
    NavItem(
        _("Deputies"),
        "deputies:list",
        roles=frozenset({Role.COMMITTEE_STAFF, Role.SECRETARIAT, Role.DELEGATION_STAFF}),
    ),
    NavItem(
        _("Leave"),
        "deputies:leaves",
        roles=frozenset({Role.DEPUTY, Role.DELEGATION_STAFF, Role.COMMITTEE_STAFF, Role.SECRETARIAT}),
    ),
    NavItem(_("Roll call"), "deputies:sittings", roles=frozenset({Role.SECRETARIAT, Role.COMMITTEE_STAFF})),
    NavItem(
        _("Trainings"),
        "deputies:trainings",
        roles=frozenset({Role.COMMITTEE_STAFF, Role.DELEGATION_STAFF, Role.DEPUTY}),
    ),
    NavItem(
        _("Inspections"),
        "deputies:inspections",
        roles=frozenset({Role.COMMITTEE_STAFF, Role.SUPERVISOR, Role.DEPUTY}),
    ),
    NavItem(_("Inspection feedback"), "deputies:feedbacks", unit_only=True),
    NavItem(_("Performance archives"), "deputies:archives", roles=frozenset({Role.COMMITTEE_STAFF})),
    NavItem(_("Published replies"), "public:replies"),
    NavItem(_("Deadline calculator"), "deadline-calculator"),
    NavItem(_("Notifications"), "notifications:inbox"),
    NavItem(_("API docs"), "api-docs"),
    NavItem(_("Administration"), "admin:index", superuser_only=True),
]


@cache
def _url(name: str) -> str:
    # The navigation is on every page; its URLs never change while the process runs.
    return reverse(name)


def nav_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for item in NAV:
        if not item.visible_to(user):
            continue
        url = _url(item.url_name)
        matches = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": matches})
    # Only the most specific match is current: /stations/desk/ is the desk, not /stations/.
    longest = max((len(i["url"]) for i in items if i["active"]), default=0)
    for i in items:
        i["active"] = i["active"] and len(i["url"]) == longest
    return items
