"""Who may reach which route: the access matrix's one table (tests/congress/test_access_matrix.py).

One row per route name (a route without a name: its pattern). A row gives the status each role
gets, in the column order of ROLES below, and the object whose key fills the route's `pk`
(`year`, `code`) from tests/congress/access_world.py. Other URL kwargs are filled by name
(DEFAULT_KWARGS) unless the row names another object.

    "motions:detail": at("302 200 200 404 404 404 404 404 404 404 404", "motion"),

A new route fails the matrix until it has a row here; deciding the row is deciding who may reach
it. Page actions are asked with an empty POST (`post=True`): 302 for the anonymous visitor (to
the sign-in), then the refusal (403, 404: never a leak, 409: not in this state) or, for who may
act, the form shown again (200) or the action's redirect (302). API routes take their method from
the view (GET when it reads, otherwise its POST/DELETE action); an API action may validate the
empty body (400) before it asks who acts, which the row then shows.

Columns: anonymous, deputy (deputy1), delegation_staff (dele1), committee_staff (staff1),
secretariat (sec1), review_committee (review1), supervisor (super1), unit_handler (unit2),
unit_head (unit2head), station_staff (station1), superuser (admin).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Anyone, signed in or not.
PUBLIC = "200 200 200 200 200 200 200 200 200 200 200"
# Any signed-in user; the anonymous visitor is sent to the sign-in page.
SIGNED_IN = "302 200 200 200 200 200 200 200 200 200 200"
# Any signed-in user of the API; anonymous: 401 with {"code", "detail"}.
API_SIGNED_IN = "401 200 200 200 200 200 200 200 200 200 200"

# URL kwargs other than pk/year/code, filled from the world object of the same meaning.
DEFAULT_KWARGS = {
    "assignment_id": "assignment",
    "reply_id": "reply",
    "request_id": "supervision",
    "attachment_id": "attachment",
    "disagreement_id": "disagreement",
    "commitment_id": "commitment",
    "unit_id": "unit",
    "session_id": "session",
    "officer_id": "officer",
    "meeting": "meeting",
    "rule": "rule",
    "report_id": "report",
    "document_id": "document",
}


@dataclass(frozen=True)
class Row:
    expected: tuple[int, ...]
    obj: str | None = None
    method: str = "get"
    kwargs: dict[str, str] = field(default_factory=dict)
    # Roles asked (all unless given): for a route whose answer cannot depend on the user.
    askers: tuple[str, ...] | None = None


def at(
    codes: str,
    obj: str | None = None,
    *,
    post: bool = False,
    askers: tuple[str, ...] | None = None,
    **kwargs: str,
) -> Row:
    """A row: the statuses in ROLES order, the object filling `pk`, POST for a page action."""
    expected = tuple(int(code) for code in codes.split())
    assert len(expected) == 11, codes
    return Row(expected, obj, "post" if post else "get", {**DEFAULT_KWARGS, **kwargs}, askers)


TABLE: dict[str, Row] = {
    # Pages, grouped by their first path segment; the API after them.
    # The public front page for a visitor (published replies, stations, tracking); a signed-in
    # user's own home with their desk.
    "home": at(PUBLIC),
    "healthz": at(PUBLIC),
    "favicon.ico": at("301 301 301 301 301 301 301 301 301 301 301"),
    # /accounts/
    "login": at("200 302 302 302 302 302 302 302 302 302 302"),
    "login-verify": at("302 302 302 302 302 302 302 302 302 302 302"),
    "account-two-factor": at("302 403 200 200 200 200 200 200 200 200 200"),
    "logout": at("302 302 302 302 302 302 302 302 302 302 302", post=True),
    "password_change": at(SIGNED_IN),
    "account-tokens": at(SIGNED_IN),
    "account-token-delete": at("302 302 404 404 404 404 404 404 404 404 404", "token", post=True),
    "account-logout-everywhere": at("302 302 302 302 302 302 302 302 302 302 302", post=True),
    "password_change_done": at(SIGNED_IN),
    # /suggestions/
    "suggestions:mine": at(SIGNED_IN),
    "suggestions:new": at("302 200 302 302 302 200 403 403 403 403 302"),
    "suggestions:staff-entry": at("302 403 200 200 200 403 403 403 403 403 200"),
    "suggestions:review": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:review-bulk": at("302 403 403 302 302 403 403 403 403 403 302", post=True),
    "suggestions:objections": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:inbox": at("302 403 403 200 200 403 403 200 200 403 200"),
    "suggestions:government": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:routing": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:import": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:key-list": at("302 403 403 200 200 403 200 403 403 403 200"),
    "suggestions:key-detail": at("302 404 404 404 404 404 404 404 404 404 404", "key"),
    "suggestions:key-comment": at("302 404 404 404 404 404 404 404 404 404 404", "key"),
    "suggestions:key-report": at("302 404 404 404 404 404 404 404 404 404 404", "key"),
    "suggestions:key-responsible": at("302 404 404 404 404 404 404 404 404 404 404", "key"),
    "suggestions:key-meeting": at("302 404 404 404 404 404 404 404 404 404 404", "key"),
    "suggestions:key-follow-on": at("302 404 404 404 404 404 404 404 404 404 404", "key"),
    "suggestions:accountability": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:accountability-items": at("302 403 403 200 200 403 403 403 403 403 200"),
    "suggestions:rectifications": at("302 403 403 200 200 403 403 200 200 403 200"),
    "suggestions:rectification-new": at("302 403 403 200 200 403 403 403 403 403 200", "rectification"),
    "suggestions:rectification": at("302 403 403 200 200 403 403 200 200 403 200", "rectification"),
    "suggestions:commitments": at("302 200 403 200 200 200 200 200 200 403 200"),
    "suggestions:commitment-items": at("302 200 403 200 200 200 200 200 200 403 200"),
    "suggestions:commitment": at("302 200 403 200 200 404 404 200 200 403 200", "commitment"),
    "suggestions:commitment-progress": at("302 403 404 403 403 404 404 200 200 404 403", "commitment"),
    "suggestions:detail": at("302 200 200 200 200 404 404 200 200 404 200", "suggestion"),
    "suggestions:attachment": at("302 200 200 200 200 404 404 200 200 404 200", "suggestion"),
    "suggestions:edit": at("302 200 404 404 404 404 404 404 404 404 404", "draft"),
    "suggestions:submit": at("302 409 404 404 404 404 404 404 404 404 404", "draft", post=True),
    "suggestions:invite": at("302 302 404 404 404 404 404 404 404 404 404", "draft", post=True),
    "suggestions:cosigner-remove": at(
        "302 302 404 404 404 404 404 404 404 404 404", "draft", post=True, deputy_id="cosigner"
    ),
    "suggestions:confirm": at("302 403 404 404 404 404 404 404 404 404 404", "draft", post=True),
    "suggestions:decline": at("302 403 404 404 404 404 404 404 404 404 404", "draft", post=True),
    "suggestions:withdraw": at("302 200 403 403 403 404 404 403 403 404 403", "suggestion"),
    "suggestions:disagree": at("302 200 403 403 403 404 404 403 403 404 403", "suggestion"),
    "suggestions:accept": at("302 403 403 409 409 404 404 403 403 404 409", "suggestion", post=True),
    "suggestions:return": at("302 400 400 400 400 404 404 400 400 404 400", "suggestion", post=True),
    "suggestions:not-accept": at("302 403 403 200 200 404 404 403 403 404 200", "suggestion"),
    "suggestions:merge": at("302 400 400 400 400 404 404 400 400 404 400", "suggestion", post=True),
    "suggestions:assign": at("302 403 403 200 200 404 404 403 403 404 200", "suggestion"),
    "suggestions:reroute": at("302 403 403 200 200 404 404 403 403 404 200", "suggestion"),
    "suggestions:disagreement-answer": at("302 403 403 200 200 404 404 403 403 404 200", "suggestion"),
    "suggestions:acknowledge": at("302 403 403 403 403 404 404 409 409 404 403", "suggestion", post=True),
    "suggestions:object": at("302 403 403 403 403 404 404 200 200 404 403", "suggestion"),
    "suggestions:reassign": at("302 403 403 200 200 404 404 403 403 404 200", "suggestion"),
    "suggestions:reject-objection": at("302 403 403 200 200 404 404 403 403 404 200", "suggestion"),
    "suggestions:evaluate": at("302 400 400 400 400 404 404 400 400 404 400", "suggestion", post=True),
    "suggestions:rehandling": at("302 403 403 200 403 404 404 403 403 404 200", "suggestion"),
    "suggestions:mark-key": at("302 403 403 200 403 404 404 403 403 404 200", "suggestion"),
    "suggestions:ask": at("302 200 403 403 403 404 404 403 403 404 403", "suggestion"),
    "suggestions:communicate": at("302 403 403 403 403 404 404 200 200 404 403", "suggestion"),
    "suggestions:name-leader": at("302 403 403 403 403 404 404 200 200 404 403", "suggestion"),
    "suggestions:send-opinion": at("302 403 403 403 403 404 404 200 200 404 403", "suggestion"),
    "suggestions:request-extension": at("302 403 403 403 403 404 404 200 200 404 403", "suggestion"),
    "suggestions:decide-extension": at("302 403 403 404 404 404 404 403 403 404 404", "suggestion"),
    "suggestions:draft-reply": at("302 403 403 403 403 404 404 200 200 404 403", "suggestion"),
    "suggestions:reply": at("302 200 200 200 200 404 404 200 200 404 200", "suggestion"),
    "suggestions:reply-letter": at("302 200 200 200 200 404 404 200 200 404 200", "suggestion"),
    "suggestions:reply-scan": at("302 200 200 200 200 404 404 200 200 404 200", "suggestion"),
    "suggestions:approve-reply": at("302 403 403 403 403 404 404 403 409 404 403", "suggestion", post=True),
    "suggestions:withhold-reply": at("302 400 400 400 400 404 404 400 400 404 400", "suggestion", post=True),
    "suggestions:arrange": at("302 403 403 200 403 403 403 403 403 403 200", "suggestion"),
    "suggestions:templates": at("302 403 403 403 403 403 403 200 200 403 403"),
    # /public/
    "public:replies": at(PUBLIC),
    "public:reply": at(PUBLIC, "reply"),
    "public:units": at(PUBLIC),
    # /calendar/
    "calendar-index": at("302 403 403 200 200 403 403 403 403 403 200"),
    "calendar-new": at("302 403 403 200 200 403 403 403 403 403 200"),
    "calendar-import": at("302 403 403 200 200 403 403 403 403 403 200"),
    "calendar-year": at("302 403 403 200 200 403 403 403 403 403 200", "year"),
    "calendar-approve": at("302 403 403 302 302 403 403 403 403 403 302", "year", post=True),
    "calendar-delete": at("302 403 403 302 302 403 403 403 403 403 302", "year", post=True),
    # /deadline/
    "deadline-calculator": at(PUBLIC),
    # /overdue/
    "overdue": at("302 403 403 200 200 403 403 403 403 403 200"),
    "overdue-items": at("302 403 403 200 200 403 403 403 403 403 200"),
    # /reminders/
    "reminder-schedules": at("302 403 403 200 403 403 403 403 403 403 200"),
    "reminder-schedule-edit": at("302 403 403 200 403 403 403 403 403 403 200", "rule"),
    "reminder-schedule-reset": at("302 403 403 302 403 403 403 403 403 403 302", "rule", post=True),
    # /stations/
    "stations:list": at(PUBLIC),
    "stations:page": at(PUBLIC, "station"),
    "stations:matters": at(PUBLIC, "station"),
    "stations:opinion-form": at(PUBLIC, "station"),
    "stations:qr": at(PUBLIC, "station"),
    "stations:manage": at("302 403 403 200 403 403 403 403 403 200 200", "station"),
    "stations:attach": at("302 403 403 200 403 403 403 403 403 200 200", "station", post=True),
    "stations:detach": at(
        "302 403 403 302 403 403 403 403 403 302 302", "station", post=True, deputy_id="station_deputy"
    ),
    "stations:officer-add": at("302 403 403 200 403 403 403 403 403 200 200", "station", post=True),
    "stations:officer-remove": at("302 403 403 302 403 403 403 403 403 302 302", "station", post=True),
    "stations:qr-svg": at(PUBLIC, "station"),
    "stations:deputy-opinion-form": at(PUBLIC, "deputy"),
    "stations:deputy-qr": at(PUBLIC, "deputy"),
    "stations:deputy-qr-svg": at(PUBLIC, "deputy"),
    "stations:track": at(PUBLIC),
    "stations:desk": at("302 200 403 200 403 200 403 403 403 200 200"),
    "stations:opinions": at("302 200 403 200 403 200 403 403 403 200 200"),
    "stations:opinion-new": at("302 403 403 200 403 403 403 403 403 200 200"),
    "stations:opinion": at("302 200 404 200 404 404 404 404 404 200 200", "opinion"),
    "stations:opinion-report": at("302 403 404 409 404 404 404 404 404 409 409", "opinion", post=True),
    "stations:opinion-classify": at("302 200 404 200 404 404 404 404 404 200 200", "opinion", post=True),
    "stations:opinion-forward": at("302 200 404 200 404 404 404 404 404 200 200", "opinion", post=True),
    "stations:opinion-answer": at("302 200 404 200 404 404 404 404 404 200 200", "opinion", post=True),
    "stations:opinion-feedback": at("302 200 404 200 404 404 404 404 404 200 200", "opinion", post=True),
    "stations:opinion-dismiss": at("302 200 404 200 404 404 404 404 404 200 200", "opinion", post=True),
    "stations:opinion-to-suggestion": at("302 200 404 200 404 404 404 404 404 200 200", "opinion", post=True),
    "stations:receptions": at("302 200 403 200 403 200 403 403 403 200 200"),
    "stations:reception-new": at("302 403 403 200 403 403 403 403 403 200 200"),
    "stations:reception": at("302 200 404 200 404 404 404 404 404 200 200", "reception"),
    "stations:reception-hold": at("302 403 404 400 404 404 404 404 404 400 400", "reception", post=True),
    "stations:reception-cancel": at("302 200 404 200 404 404 404 404 404 200 200", "reception", post=True),
    "stations:attendance": at("302 403 403 200 403 403 403 403 403 200 200"),
    "stations:missing-months": at("302 403 403 200 403 403 403 403 403 200 200"),
    # /motions/
    "motions:list": at("302 200 200 200 200 200 200 403 403 403 200"),
    "motions:new": at("302 200 200 403 403 403 403 403 403 403 200"),
    "motions:signatures": at("302 200 403 403 403 200 403 403 403 403 403"),
    "motions:recess": at("302 403 403 200 403 403 200 403 403 403 200"),
    "motions:next-session": at("302 200 200 200 200 200 200 403 403 403 200"),
    "motions:review": at("302 403 403 403 200 200 403 403 403 403 200"),
    "motions:review-act": at(
        "302 404 404 404 404 404 404 404 404 404 404", post=True, action="review_action"
    ),
    "motions:report": at("302 200 200 200 200 200 200 403 403 403 200", "motion"),
    "motions:public": at(PUBLIC),
    "motions:public-detail": at(PUBLIC, "published_motion"),
    "motions:public-report-file": at(PUBLIC, "published_motion"),
    "motions:attachment": at("302 200 200 404 404 404 404 404 404 404 404", "motion_attachment"),
    "motions:detail": at("302 200 200 404 404 404 404 404 404 404 404", "motion"),
    "motions:edit": at("302 200 403 404 404 404 404 404 404 404 404", "motion"),
    "motions:report-file": at("302 404 404 404 404 404 404 404 404 404 404", "motion"),
    "motions:act": at(
        "302 409 409 404 404 404 404 404 404 404 404", "motion", post=True, action="motion_action"
    ),
    # The joint instruments (D§14–D§16): deputy1's drafts, each with a co-signer invited; a draft
    # is read by its proposers and their delegation's staff. The lead's invite form; the submit
    # button answers a refusal (here: not during the session) on the item's page (302).
    "motions:interpellation-list": at("302 200 200 200 200 403 403 403 403 403 200"),
    "motions:interpellation-new": at("302 200 200 403 403 403 403 403 403 403 200"),
    "motions:interpellation": at("302 200 200 404 404 404 404 404 404 404 404", "interpellation"),
    "motions:interpellation-form": at(
        "302 200 403 404 404 404 404 404 404 404 404", "interpellation", action="instrument_form_action"
    ),
    "motions:interpellation-act": at(
        "302 302 302 404 404 404 404 404 404 404 404",
        "interpellation",
        post=True,
        action="instrument_act_action",
    ),
    "motions:recall-list": at("302 200 200 200 200 403 403 403 403 403 200"),
    "motions:recall-new": at("302 200 200 403 403 403 403 403 403 403 200"),
    "motions:recall": at("302 200 200 404 404 404 404 404 404 404 404", "recall"),
    "motions:recall-form": at(
        "302 200 403 404 404 404 404 404 404 404 404", "recall", action="instrument_form_action"
    ),
    "motions:recall-act": at(
        "302 302 302 404 404 404 404 404 404 404 404", "recall", post=True, action="instrument_act_action"
    ),
    "motions:investigation-list": at("302 200 200 200 200 403 403 403 403 403 200"),
    "motions:investigation-new": at("302 200 200 403 403 403 403 403 403 403 200"),
    "motions:investigation": at("302 200 200 404 404 404 404 404 404 404 404", "investigation"),
    "motions:investigation-form": at(
        "302 200 403 404 404 404 404 404 404 404 404", "investigation", action="instrument_form_action"
    ),
    "motions:investigation-act": at(
        "302 302 302 404 404 404 404 404 404 404 404",
        "investigation",
        post=True,
        action="instrument_act_action",
    ),
    # /deputies/
    # The co-signer picker: names and delegations of the deputies in office, for any role.
    "deputies:search": at(SIGNED_IN),
    "deputies:list": at("302 403 200 200 200 403 403 403 403 403 200"),
    "deputies:mine": at("302 302 404 404 404 302 404 404 404 404 404"),
    "deputies:detail": at("302 200 200 200 200 404 404 404 404 404 200", "deputy"),
    "deputies:suspend": at("302 200 200 200 200 404 404 404 404 404 200", "deputy", post=True),
    "deputies:restore": at("302 200 200 200 200 404 404 404 404 404 200", "deputy", post=True),
    "deputies:terminate": at("302 200 200 200 200 404 404 404 404 404 200", "deputy", post=True),
    "deputies:needs": at("302 302 302 302 403 404 404 404 404 404 302", "deputy", post=True),
    "deputies:archive": at("302 200 200 200 404 404 404 404 404 404 200", "deputy"),
    "deputies:archive-print": at("404 200 200 200 404 404 404 404 404 404 200", "deputy"),
    # Addressed by the deputy (its report's id matched the deputy's only by chance on a fresh database).
    "deputies:report-new": at("302 409 403 403 403 403 403 403 403 403 403", "deputy", post=True),
    "deputies:archives": at("302 403 403 200 403 403 403 403 403 403 200"),
    "deputies:report": at("302 200 200 200 404 404 404 404 404 404 200", "constituent_report"),
    "deputies:report-edit": at(
        "302 200 200 200 404 404 404 404 404 404 200", "constituent_report", post=True
    ),
    "deputies:report-finalise": at(
        "302 302 403 403 404 404 404 404 404 404 403", "constituent_report", post=True
    ),
    "deputies:report-reopen": at(
        "302 409 403 403 404 404 404 404 404 404 403", "constituent_report", post=True
    ),
    "deputies:report-print": at("302 200 200 200 404 404 404 404 404 404 200", "constituent_report"),
    "deputies:leaves": at(SIGNED_IN),
    "deputies:leave-new": at("302 200 200 200 200 403 403 403 403 403 200"),
    "deputies:leave": at("302 404 200 200 200 404 404 404 404 404 200", "leave"),
    "deputies:leave-decide": at("302 404 200 200 200 404 404 404 404 404 200", "leave", post=True),
    "deputies:leave-withdraw": at("302 404 302 302 302 404 404 404 404 404 302", "leave", post=True),
    "deputies:sittings": at("302 403 403 200 200 403 403 403 403 403 200"),
    "deputies:sitting": at("302 403 403 200 200 403 403 403 403 403 200", "sitting"),
    "deputies:sitting-import": at("302 403 403 403 302 403 403 403 403 403 302", "sitting", post=True),
    "deputies:absences": at("302 403 403 200 403 403 403 403 403 403 200"),
    "deputies:trainings": at(SIGNED_IN),
    "deputies:training-new": at("302 403 403 200 403 403 403 403 403 403 200"),
    "deputies:trainings-missing": at("302 403 200 200 403 403 403 403 403 403 200"),
    "deputies:training": at("302 200 200 200 200 404 404 404 404 404 200", "training"),
    "deputies:training-invite": at("302 403 403 302 403 404 404 404 404 404 302", "training", post=True),
    "deputies:training-hold": at("302 403 403 409 403 404 404 404 404 404 409", "training", post=True),
    "deputies:training-cancel": at("302 403 403 302 403 404 404 404 404 404 302", "training", post=True),
    "deputies:inspections": at(SIGNED_IN),
    "deputies:inspection-new": at("302 403 403 200 403 403 200 403 403 403 200"),
    "deputies:inspection": at("302 200 404 200 404 404 404 404 404 404 200", "inspection"),
    "deputies:inspection-edit": at("302 200 404 200 404 404 404 404 404 404 200", "inspection", post=True),
    "deputies:inspection-report": at("302 200 404 200 404 404 404 404 404 404 200", "inspection", post=True),
    "deputies:inspection-forward": at("302 200 404 200 404 404 404 404 404 404 200", "inspection", post=True),
    "deputies:inspection-cancel": at("302 403 404 409 404 404 404 404 404 404 409", "inspection", post=True),
    "deputies:inspection-request-meeting": at(
        "302 200 404 200 404 404 404 404 404 404 200", "inspection", post=True
    ),
    "deputies:inspection-arrange-meeting": at(
        "302 200 404 200 404 404 404 404 404 404 200", "inspection", post=True
    ),
    "deputies:feedbacks": at("302 403 403 200 403 403 403 200 200 403 200"),
    "deputies:feedback": at("302 200 404 200 404 404 404 404 404 404 200", "feedback"),
    "deputies:feedback-give": at("302 200 404 200 404 404 404 404 404 404 200", "feedback", post=True),
    # /documents/: the yearly report (the committee's, S§45); a report list for who writes one
    # (the secretariat: the session analysis); a reply letter read as its reply is.
    "documents:reports": at("302 404 404 200 200 404 404 404 404 404 200"),
    "documents:report": at("302 404 404 200 404 404 404 404 404 404 200", "report"),
    "documents:notices": at("302 404 404 200 200 404 404 200 200 404 200"),
    "documents:new": at("302 404 404 404 404 404 404 404 404 404 404", post=True),
    "documents:document": at("302 200 200 200 200 404 404 200 200 404 200", "document"),
    "documents:status": at("302 200 200 200 200 404 404 200 200 404 200", "document"),
    "documents:file": at("302 200 200 200 200 404 404 200 200 404 200", "document"),
    "documents:now": at(
        "302 200 200 200 200 404 404 200 200 404 200", kind="document_kind", source="document_source"
    ),
    # /reports/statistics/: the assigning and supervising bodies, a unit's head (its own unit);
    # the items behind a figure ask which figure (400 without one).
    "statistics:index": at("302 403 403 200 200 403 200 403 200 403 200"),
    "statistics:items": at("302 403 403 400 400 403 400 403 400 403 400"),
    # /notifications/
    "notifications:inbox": at(SIGNED_IN),
    "notifications:open": at("302 302 404 404 404 404 404 404 404 404 404", "notification", post=True),
    "notifications:read_all": at("302 302 302 302 302 302 302 302 302 302 302", post=True),
    "notifications:preferences": at(SIGNED_IN),
    # /i18n/
    "set_language": at("302 302 302 302 302 302 302 302 302 302 302"),
    # /api/v1/ and the schema
    "api-token": at("400 400 400 400 400 400 400 400 400 400 400"),
    "api-logout-everywhere": at("401 204 204 204 204 204 204 204 204 204 204"),
    "api-me": at(API_SIGNED_IN),
    "api-deadline": at("400 400 400 400 400 400 400 400 400 400 400"),
    "api-public-opinion": at(PUBLIC),
    "api-public-tracking": at(PUBLIC, "tracking_code"),
    "session-list": at(API_SIGNED_IN),
    "session-detail": at(API_SIGNED_IN, "session"),
    "unit-list": at(API_SIGNED_IN),
    "unit-detail": at(API_SIGNED_IN, "unit"),
    "deputy-list": at(API_SIGNED_IN),
    "deputy-detail": at(API_SIGNED_IN, "deputy"),
    "deputy-archive": at("404 200 200 200 404 404 404 404 404 404 200", "deputy"),
    "deputy-record-needs": at("401 200 200 200 403 403 403 403 403 403 200", "deputy"),
    "deputy-restore": at("401 400 400 400 400 400 400 400 400 400 400", "deputy"),
    "deputy-suspend": at("401 400 400 400 400 400 400 400 400 400 400", "deputy"),
    "deputy-terminate": at("401 400 400 400 400 400 400 400 400 400 400", "deputy"),
    "delegation-list": at(API_SIGNED_IN),
    "delegation-detail": at(API_SIGNED_IN, "delegation"),
    "leave-list": at(API_SIGNED_IN),
    "leave-detail": at("401 404 200 200 200 404 404 404 404 404 200", "leave"),
    "leave-decide": at("401 404 403 400 403 404 404 404 404 404 400", "leave"),
    "leave-withdraw": at("401 404 200 200 200 404 404 404 404 404 200", "leave"),
    "sitting-list": at(API_SIGNED_IN),
    "sitting-detail": at(API_SIGNED_IN, "sitting"),
    "sitting-attendance": at("401 403 403 403 200 403 403 403 403 403 200", "sitting"),
    "sitting-import-roll-call": at("401 400 400 400 400 400 400 400 400 400 400", "sitting"),
    "attendance-list": at(API_SIGNED_IN),
    "attendance-detail": at("401 200 200 200 200 404 404 404 404 404 200", "attendance"),
    "training-list": at(API_SIGNED_IN),
    "training-detail": at("401 200 200 200 200 404 404 404 404 404 200", "training"),
    "training-cancel": at("401 403 403 200 403 404 404 404 404 404 200", "training"),
    "training-hold": at("401 403 403 409 403 404 404 404 404 404 409", "training"),
    "training-invite": at("401 403 403 200 403 404 404 404 404 404 200", "training"),
    "inspection-list": at(API_SIGNED_IN),
    "inspection-detail": at("401 200 404 200 404 404 404 404 404 404 200", "inspection"),
    "inspection-arrange-meeting": at("401 400 400 400 400 400 400 400 400 400 400", "inspection"),
    "inspection-cancel": at("401 403 404 409 404 404 404 404 404 404 409", "inspection"),
    "inspection-edit": at("401 400 400 400 400 400 400 400 400 400 400", "inspection"),
    "inspection-forward": at("401 400 404 400 404 404 404 404 404 404 400", "inspection"),
    "inspection-report": at("401 400 400 400 400 400 400 400 400 400 400", "inspection"),
    "inspection-request-meeting": at("401 400 400 400 400 400 400 400 400 400 400", "inspection"),
    "feedback-list": at(API_SIGNED_IN),
    "feedback-detail": at("401 200 404 200 404 404 404 404 404 404 200", "feedback"),
    "feedback-give": at("401 400 400 400 400 400 400 400 400 400 400", "feedback"),
    "suggestion-list": at(API_SIGNED_IN),
    "suggestion-detail": at("401 200 200 200 200 404 404 200 200 404 200", "suggestion"),
    "suggestion-accept": at("401 403 403 409 409 404 404 403 403 404 409", "suggestion"),
    "suggestion-assign": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-confirm": at("401 403 403 403 403 404 404 403 403 404 403", "suggestion"),
    "suggestion-decide-rehandling": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-decline": at("401 403 403 403 403 404 404 403 403 404 403", "suggestion"),
    "suggestion-disagree": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-evaluate": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-mark-key": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-merge": at("401 400 400 400 400 404 404 400 400 404 400", "suggestion"),
    "suggestion-not-accept": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-reroute": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-return-": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "suggestion-submit": at("401 409 403 403 403 404 404 403 403 404 403", "suggestion"),
    "suggestion-withdraw": at("401 400 400 400 400 400 400 400 400 400 400", "suggestion"),
    "assignment-list": at(API_SIGNED_IN),
    "assignment-detail": at("401 200 200 200 200 404 404 200 200 404 200", "assignment"),
    "assignment-acknowledge": at("401 403 403 403 403 404 404 409 409 404 403", "assignment"),
    "assignment-approve-reply": at("401 403 403 403 403 404 404 403 409 404 403", "assignment"),
    "assignment-communicate": at("401 400 400 400 400 400 400 400 400 400 400", "assignment"),
    "assignment-decide-extension": at("401 403 403 409 409 404 404 403 403 404 409", "assignment"),
    "assignment-draft-reply": at("401 400 400 400 400 404 404 400 400 404 400", "assignment"),
    "assignment-object": at("401 400 400 400 400 400 400 400 400 400 400", "assignment"),
    "assignment-reassign": at("401 400 400 400 400 400 400 400 400 400 400", "assignment"),
    "assignment-reject-objection": at("401 400 400 400 400 400 400 400 400 400 400", "assignment"),
    "assignment-request-extension": at("401 400 400 400 400 400 400 400 400 400 400", "assignment"),
    "assignment-send-opinion": at("401 400 400 400 400 400 400 400 400 400 400", "assignment"),
    "commitment-list": at(API_SIGNED_IN),
    "commitment-detail": at("401 200 200 200 200 404 404 200 200 404 200", "commitment"),
    "commitment-progress": at("401 400 400 400 400 404 404 400 400 404 400", "commitment"),
    "calendar-day-list": at(API_SIGNED_IN),
    "calendar-year-list": at(API_SIGNED_IN),
    "calendar-year-detail": at(API_SIGNED_IN, "year"),
    "calendar-year-approve": at("401 403 403 409 409 403 403 403 403 403 409", "year"),
    "station-list": at(API_SIGNED_IN),
    "station-detail": at(API_SIGNED_IN, "station"),
    "point-list": at(API_SIGNED_IN),
    "point-detail": at(API_SIGNED_IN, "point"),
    "reception-list": at(API_SIGNED_IN),
    "reception-detail": at("401 200 404 200 404 404 404 404 404 200 200", "reception"),
    "reception-cancel": at("401 400 400 400 400 400 400 400 400 400 400", "reception"),
    "reception-hold": at("401 403 404 400 404 404 404 404 404 400 400", "reception"),
    "opinion-list": at(API_SIGNED_IN),
    "opinion-detail": at("401 200 404 200 404 404 404 404 404 200 200", "opinion"),
    "opinion-answer": at("401 400 400 400 400 400 400 400 400 400 400", "opinion"),
    "opinion-classify": at("401 400 400 400 400 400 400 400 400 400 400", "opinion"),
    "opinion-dismiss": at("401 400 400 400 400 400 400 400 400 400 400", "opinion"),
    "opinion-feedback": at("401 400 400 400 400 400 400 400 400 400 400", "opinion"),
    "opinion-forward": at("401 403 404 409 404 404 404 404 404 409 409", "opinion"),
    "opinion-report": at("401 403 404 409 404 404 404 404 404 409 409", "opinion"),
    "opinion-to-suggestion": at("401 201 404 403 404 404 404 404 404 403 403", "opinion"),
    "public-station-list": at(PUBLIC),
    "public-station-detail": at(PUBLIC, "station"),
    "public-station-matters": at(PUBLIC, "station"),
    "public-reply-list": at(PUBLIC),
    "public-reply-detail": at(PUBLIC, "reply"),
    "motion-list": at(API_SIGNED_IN),
    "motion-detail": at("401 200 200 404 404 404 404 404 404 404 404", "motion"),
    "motion-answer-reconsideration": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-attachments": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-classify": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-conclude": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-confirm": at("401 403 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-decide": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-decline": at("401 403 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-distribute": at("401 403 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-hearing": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-history": at("401 200 200 404 404 404 404 404 404 404 404", "motion"),
    "motion-invite": at("401 200 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-merge": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-not-to-vote": at("401 403 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-recommend": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-record-opinion": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-record-outcome": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-refile-as-suggestion": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-report": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-request-opinion": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-request-reconsideration": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-responsible-person": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "motion-send-to-review": at("401 403 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-submit": at("401 409 409 404 404 404 404 404 404 404 404", "motion"),
    "motion-submit-to-next-session": at("401 403 403 404 404 404 404 404 404 404 404", "motion"),
    "motion-withdraw": at("401 400 400 400 400 400 400 400 400 400 400", "motion"),
    "api-stats-suggestions": at("401 403 403 200 200 403 200 403 200 403 200"),
    "interpellation-list": at(API_SIGNED_IN),
    "interpellation-detail": at("401 200 200 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-confirm": at("401 403 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-decline": at("401 403 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-invite": at("401 200 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-submit": at("401 409 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-close": at("401 403 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-decide-form": at("401 400 400 400 400 400 400 400 400 400 400", "interpellation"),
    "interpellation-decide-reanswer": at("401 403 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-evaluate": at("401 409 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-publish": at("401 403 403 404 404 404 404 404 404 404 404", "interpellation"),
    "interpellation-record-answer": at("401 400 400 400 400 400 400 400 400 400 400", "interpellation"),
    "interpellation-record-speech": at("401 400 400 400 400 400 400 400 400 400 400", "interpellation"),
    "interpellation-record-vote": at("401 400 400 400 400 400 400 400 400 400 400", "interpellation"),
    "interpellation-request-reanswer": at("401 409 403 404 404 404 404 404 404 404 404", "interpellation"),
    "recall-list": at(API_SIGNED_IN),
    "recall-detail": at("401 200 200 404 404 404 404 404 404 404 404", "recall"),
    "recall-confirm": at("401 403 403 404 404 404 404 404 404 404 404", "recall"),
    "recall-decline": at("401 403 403 404 404 404 404 404 404 404 404", "recall"),
    "recall-invite": at("401 200 403 404 404 404 404 404 404 404 404", "recall"),
    "recall-submit": at("401 409 403 404 404 404 404 404 404 404 404", "recall"),
    "recall-put-to-plenary": at("401 403 403 404 404 404 404 404 404 404 404", "recall"),
    "recall-record-outcome": at("401 400 400 400 400 400 400 400 400 400 400", "recall"),
    "recall-record-defence": at("401 400 400 400 400 400 400 400 400 400 400", "recall"),
    "investigation-proposal-list": at(API_SIGNED_IN),
    "investigation-proposal-detail": at("401 200 200 404 404 404 404 404 404 404 404", "investigation"),
    "investigation-proposal-confirm": at("401 403 403 404 404 404 404 404 404 404 404", "investigation"),
    "investigation-proposal-decline": at("401 403 403 404 404 404 404 404 404 404 404", "investigation"),
    "investigation-proposal-invite": at("401 200 403 404 404 404 404 404 404 404 404", "investigation"),
    "investigation-proposal-submit": at("401 409 403 404 404 404 404 404 404 404 404", "investigation"),
    "investigation-proposal-put-to-plenary": at(
        "401 403 403 404 404 404 404 404 404 404 404", "investigation"
    ),
    "investigation-proposal-record-outcome": at(
        "401 400 400 400 400 400 400 400 400 400 400", "investigation"
    ),
    "review-member-list": at(API_SIGNED_IN),
    "review-meeting-list": at(API_SIGNED_IN),
    "review-meeting-detail": at(API_SIGNED_IN, "review_meeting"),
    "review-meeting-attendance": at("401 400 400 400 400 400 400 400 400 400 400", "review_meeting"),
    "review-meeting-vote": at("401 400 400 400 400 400 400 400 400 400 400", "review_meeting"),
    "review-report-detail": at(API_SIGNED_IN, "review_report"),
    "review-report-approve": at("401 403 403 403 409 403 403 403 403 403 409", "review_report"),
    "notification-list": at(API_SIGNED_IN),
    "notification-read-all": at(API_SIGNED_IN),
    "notification-detail": at("401 200 404 404 404 404 404 404 404 404 404", "notification"),
    "notification-read": at("401 200 404 404 404 404 404 404 404 404 404", "notification"),
    "auth-token-list": at(API_SIGNED_IN),
    "auth-token-detail": at("401 204 404 404 404 404 404 404 404 404 404", "token"),
    "api-root": at(API_SIGNED_IN),
    # The schema is generated from the code alone, the same for everyone and slow to build.
    "api-schema": at(PUBLIC, askers=("anonymous", "deputy")),
    "api-docs": at(PUBLIC),
}

# Every route of the Django admin, one rule: only is_staff passes the admin's own gate (of the
# demo accounts, the superuser), anyone else is sent to its sign-in page. The gate is one wrapper
# (AdminSite.admin_view) around every admin view, so each admin route is asked by the anonymous
# visitor and by a signed-in user who is not is_staff (the deputy), not by every role; what the
# superuser sees inside is Django's admin.
ADMIN_ASKERS = ("anonymous", "deputy")
ADMIN = at("302 302 302 302 302 302 302 302 302 302 302", askers=ADMIN_ASKERS)
# The admin routes outside the gate.
TABLE["admin:login"] = at(PUBLIC, askers=ADMIN_ASKERS)
