"""Every page and API endpoint, one client at a time, on the bench database.

    python -m bench.walk                   (after bench.suggestions has built portal_bench)

Walks the URL resolver: every route that answers GET (list, detail, report, form page, API),
signed in as the role that works from it (ROLES), with the ids in its path taken from the
bench data as that role sees them (IDS; an API detail takes the first row of its own list).
Routes that only take POST are skipped, by name, in POST_ONLY: a route answering 405 to GET
that is not on that list is reported, so the list cannot go stale unnoticed.

In process (Django's test client, no network, DEBUG off), for each endpoint: the median and
p95 server time of REQUESTS requests after one warm-up (its time is reported too: a cache
kept until the data changes does not hide what a request after a change costs), the queries
of one request, and the queries at page_size 10 and 50 (they must not differ). Prints a markdown table, saves it to
bench/results/walk-<date>.md (WALK_OUT to change), and exits 1 when an endpoint is over
LIMIT_MS at p95, grows its queries with the page, or fails with a server error.
WALK_ONLY=<substring>[,<substring>…] walks only the routes whose path or name contains one.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.suggestions import ENV, ensure_database

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = int(os.environ.get("WALK_REQUESTS", "15"))
LIMIT_MS = float(os.environ.get("WALK_LIMIT_MS", "150"))
SLOW_MS = 3000  # one warm-up over this: 2 requests are enough to say it is slow
ONLY = [part for part in os.environ.get("WALK_ONLY", "").split(",") if part]

# Routes that take only POST (actions and the API's action routes). Routes not reached by
# GET for another reason are in NOT_WALKED with the reason.
POST_ONLY = {
    "account-token-delete", "account-logout-everywhere", "logout", "set_language",
    "suggestions:review-bulk", "suggestions:key-comment", "suggestions:key-report",
    "suggestions:key-responsible", "suggestions:key-meeting", "suggestions:key-follow-on",
    "suggestions:commitment-progress", "suggestions:submit", "suggestions:invite",
    "suggestions:cosigner-remove", "suggestions:confirm", "suggestions:decline",
    "suggestions:withdraw", "suggestions:disagree", "suggestions:accept", "suggestions:return",
    "suggestions:not-accept", "suggestions:merge", "suggestions:assign", "suggestions:reroute",
    "suggestions:disagreement-answer", "suggestions:acknowledge", "suggestions:object",
    "suggestions:reassign", "suggestions:reject-objection", "suggestions:evaluate",
    "suggestions:rehandling", "suggestions:mark-key", "suggestions:ask", "suggestions:communicate",
    "suggestions:name-leader", "suggestions:send-opinion", "suggestions:request-extension",
    "suggestions:decide-extension", "suggestions:draft-reply", "suggestions:approve-reply",
    "suggestions:withhold-reply", "suggestions:arrange",
    "calendar-approve", "calendar-delete", "reminder-schedule-reset",
    "stations:attach", "stations:detach", "stations:officer-add", "stations:officer-remove",
    "stations:opinion-report", "stations:opinion-classify", "stations:opinion-forward",
    "stations:opinion-answer", "stations:opinion-feedback", "stations:opinion-dismiss",
    "stations:opinion-to-suggestion", "stations:reception-hold", "stations:reception-cancel",
    "motions:review-act", "motions:act",
    "deputies:suspend", "deputies:restore", "deputies:terminate", "deputies:report-finalise",
    "deputies:report-reopen", "deputies:leave-decide", "deputies:leave-withdraw",
    "deputies:training-invite", "deputies:training-hold", "deputies:training-cancel",
    "deputies:inspection-report", "deputies:inspection-forward", "deputies:inspection-cancel",
    "deputies:inspection-request-meeting", "deputies:inspection-arrange-meeting",
    "deputies:feedback-give", "notifications:open", "notifications:read_all",
    "deputies:needs", "deputies:report-new", "deputies:inspection-edit", "deputies:sitting-import",
    "api-token", "api-logout-everywhere", "auth-token-detail",
    "documents:new", "motions:interpellation-act", "motions:recall-act", "motions:investigation-act",
}  # fmt: skip
NOT_WALKED = {
    "healthz": "no database work",
    "favicon.ico": "a static file",
    "login-verify": "needs a sign-in in progress",
    "account-two-factor": "only during a sign-in that asks for a second factor",
    "api-deadline": "a calculator: needs a rule and a start day",
    "api-root": "the API's links, no data",
    "deputies:mine": "redirects to the deputy's archive, walked as deputies:archive",
    "api-schema": "generated once per process (drf-spectacular), not a working page",
    "api-docs": "static HTML around the schema",
    "statistics:items": "the list behind one figure: needs a level and a figure, reached from statistics:index",
    "documents:now": "makes a DOCX in the request: timed in tests/documents, not a working page",
}

# Who works from a route: the first pattern (fnmatch on the route name, or on the path when the
# route has no name) that matches.
ROLES: list[tuple[str, str]] = [
    ("suggestions:mine", "deputy1"), ("suggestions:new", "deputy1"), ("suggestions:edit", "deputy1"),
    ("suggestions:inbox", "unit1"),
    ("suggestions:draft-reply", "unit1"), ("suggestions:reply*", "unit1"),
    ("suggestions:rectification*", "staff1"), ("suggestions:accountability*", "staff1"),
    ("suggestions:commitment*", "staff1"), ("suggestions:templates", "unit1"), ("suggestions:*", "staff1"),
    ("public:*", ""), ("stations:list", ""), ("stations:page", ""), ("stations:matters", ""),
    ("stations:*opinion-form", ""), ("stations:*qr*", ""), ("stations:track", ""),
    ("stations:manage", "admin"), ("stations:*", "station1"),
    ("motions:public*", ""), ("motions:list", "deputy1"), ("motions:new", "deputy1"), ("motions:*-new", "deputy1"),
    ("motions:signatures", "deputy1"), ("motions:edit", "deputy1"), ("motions:review", "review1"), ("motions:recess", "staff1"),
    ("motions:*", "sec1"), ("deputies:mine", "deputy1"), ("deputies:archive", "deputy1"), ("deputies:archive-print", "deputy1"), ("deputies:*", "staff1"),
    ("calendar*", "staff1"), ("deadline-calculator", "staff1"), ("overdue*", "staff1"),
    ("reminder*", "admin"), ("notifications:*", "deputy1"),
    ("home", "deputy1"), ("account-*", "deputy1"), ("password_change*", "deputy1"), ("login", ""),
    # API
    ("suggestion-*", "deputy1"), ("assignment-*", "unit1"), ("commitment-*", "staff1"),
    ("motion-*", "deputy1"), ("review-*", "sec1"), ("public-*", ""), ("api-public-*", ""),
    ("station-*", "station1"), ("point-*", "station1"), ("reception-*", "station1"),
    ("opinion-*", "station1"), ("notification-*", "deputy1"), ("auth-token-*", "deputy1"),
    ("calendar-*", "staff1"), ("leave-*", "staff1"), ("sitting-*", "staff1"),
    ("attendance-*", "staff1"), ("training-*", "staff1"), ("inspection-*", "staff1"),
    ("feedback-*", "staff1"), ("deputy-*", "staff1"), ("delegation-*", "staff1"), ("*", "staff1"),
]  # fmt: skip


def _first(model_path: str, **filters: Any) -> int:
    from django.apps import apps

    app, name = model_path.split(".")
    value = (
        apps.get_model(app, name).objects.filter(**filters).order_by("-pk").values_list("pk", flat=True)[:1]
    )
    if not value:
        raise LookupError(f"no {model_path} {filters or ''} in the bench data")
    return value[0]


def _deputy1_id() -> int:
    return _first("deputies.Deputy", user__username="deputy1")


def _year() -> int:
    from congress.models import CalendarYear

    return CalendarYear.objects.order_by("-year").values_list("year", flat=True)[0]


def _suggestion_attachment() -> dict[str, int]:
    from suggestions.models import Attachment

    attachment = Attachment.objects.latest("pk")
    return {"pk": attachment.suggestion_id, "attachment_id": attachment.pk}


def _tracking_code() -> str:
    from liaison_stations.models import Opinion

    return Opinion.objects.order_by("-pk").values_list("tracking_code", flat=True)[0]


def _reminder_rule() -> str:
    from congress.models import ReminderSchedule

    return ReminderSchedule.objects.values_list("rule", flat=True)[0]


# Ids in HTML paths, by route name: a row the route's role works with.
IDS: dict[str, Callable[[], dict[str, Any]]] = {
    "suggestions:key-detail": lambda: {"pk": _first("suggestions.KeySuggestion")},
    "suggestions:rectification-new": lambda: {"unit_id": _first("congress.Organisation", name="省教育厅")},
    "suggestions:rectification": lambda: {"pk": _first("suggestions.Rectification")},
    "suggestions:commitment": lambda: {"pk": _first("suggestions.Commitment")},
    "suggestions:detail": lambda: {"pk": _first("suggestions.Suggestion", status="assigned")},
    "suggestions:edit": lambda: {"pk": _first("suggestions.Suggestion", lead_deputy__user__username="deputy1",
                                               status="draft")},
    "suggestions:attachment": lambda: _suggestion_attachment(),
    "suggestions:reply": lambda: {"reply_id": _first("suggestions.Reply", assignment__unit__name="省教育厅")},
    "suggestions:reply-letter": lambda: {"reply_id": _first("suggestions.Reply", assignment__unit__name="省教育厅")},
    "suggestions:reply-scan": lambda: {"reply_id": _first("suggestions.Reply", assignment__unit__name="省教育厅")},
    "public:reply": lambda: {"pk": _first("suggestions.Reply", status="approved", public=True)},
    "calendar-year": lambda: {"year": _year()},
    "reminder-schedule-edit": lambda: {"rule": _reminder_rule()},
    "stations:opinion": lambda: {"pk": _first("liaison_stations.Opinion", station__staff__username="station1")},
    "stations:reception": lambda: {"pk": _first("liaison_stations.Reception", station__staff__username="station1")},
    "api-public-tracking": lambda: {"code": _tracking_code()},
    # The review report is addressed by its session (motions.api.review.ReviewReportViewSet).
    "review-report-detail": lambda: {"pk": _first("congress.Session", review_report__isnull=False)},
    "stations:deputy-opinion-form": lambda: {"pk": _deputy1_id()},
    "stations:deputy-qr": lambda: {"pk": _deputy1_id()},
    "stations:deputy-qr-svg": lambda: {"pk": _deputy1_id()},
    "motions:report": lambda: {"session_id": _first("congress.Session", number=3)},
    "motions:public-detail": lambda: {"pk": _first("motions.Motion", status="concluded")},
    "motions:public-report-file": lambda: {"pk": _first("motions.Motion", status="concluded")},
    "motions:attachment": lambda: {"pk": _first("motions.Attachment")},
    "motions:detail": lambda: {"pk": _first("motions.Motion", status="concluded")},
    "motions:edit": lambda: {"pk": _first("motions.Motion", status="draft", lead_deputy__user__username="deputy1")},
    "motions:report-file": lambda: {"pk": _first("motions.Motion", status="concluded")},
    "deputies:detail": lambda: {"pk": _deputy1_id()},
    "deputies:needs": lambda: {"pk": _deputy1_id()},
    "deputies:archive": lambda: {"pk": _deputy1_id()},
    "deputies:archive-print": lambda: {"pk": _deputy1_id()},
    "deputies:report-new": lambda: {"pk": _deputy1_id()},
    "deputies:report": lambda: {"pk": _first("deputies.ConstituentReport")},
    "deputies:report-edit": lambda: {"pk": _first("deputies.ConstituentReport")},
    "deputies:report-print": lambda: {"pk": _first("deputies.ConstituentReport")},
    "deputies:leave": lambda: {"pk": _first("deputies.Leave")},
    "deputies:sitting": lambda: {"pk": _first("deputies.Sitting")},
    "deputies:sitting-import": lambda: {"pk": _first("deputies.Sitting")},
    "deputies:training": lambda: {"pk": _first("deputies.Training")},
    "deputies:inspection": lambda: {"pk": _first("deputies.Inspection")},
    "deputies:inspection-edit": lambda: {"pk": _first("deputies.Inspection")},
    "deputies:feedback": lambda: {"pk": _first("deputies.Feedback")},
}  # fmt: skip
STATION_ROUTES = ("stations:page", "stations:matters", "stations:opinion-form", "stations:qr", "stations:manage",
                  "stations:qr-svg")  # fmt: skip


@dataclass
class Route:
    name: str
    path: str  # the pattern, for the table
    api: bool
    url: str = ""
    role: str = ""


@dataclass
class Result:
    route: Route
    status: int = 0
    first_ms: float = 0  # the warm-up: what a cache kept until the data changes does not hide
    median_ms: float = 0
    p95_ms: float = 0
    queries: int = 0
    queries_10: int | None = None
    queries_50: int | None = None
    note: str = ""

    @property
    def grows(self) -> bool:
        return (
            self.queries_10 is not None and self.queries_50 is not None and self.queries_50 > self.queries_10
        )

    @property
    def failed(self) -> bool:
        return self.p95_ms > LIMIT_MS or self.grows or self.status >= 500


def routes() -> Iterator[Route]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str, URLPattern]]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, prefix + str(pattern.pattern), inner)
            else:
                yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern

    for path, name, pattern in walk(get_resolver(), "", ""):
        if path.startswith(("admin/", "bench/", "static/", "media/")) or "(?P<format>" in path:
            continue
        callback = pattern.callback
        actions = getattr(callback, "actions", None)
        view_class = getattr(callback, "view_class", None)
        if actions is not None and "get" not in actions:
            continue  # a DRF action route taking only POST/DELETE: the router says so
        if actions is None and view_class is not None and not hasattr(view_class, "get"):
            continue
        if name in POST_ONLY or (name or path) in NOT_WALKED:
            continue
        yield Route(
            name=name or path, path=path.replace("^", "").replace("$", ""), api=path.startswith("api/")
        )


def role_of(route: Route) -> str:
    for pattern, role in ROLES:
        if fnmatch.fnmatchcase(route.name, pattern):
            return role
    return "staff1"


def clients() -> dict[str, Any]:
    """One signed-in test client per role (the API ones with a token)."""
    from django.test import Client

    from congress.accounts.tokens import token_issue
    from congress.models import User

    made: dict[tuple[str, bool], Any] = {}

    def client(role: str, api: bool) -> Any:
        key = (role, api)
        if key not in made:
            headers: dict[str, Any] = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_LANGUAGE": "en"}
            if role and api:
                _token, secret = token_issue(user=User.objects.get(username=role), name="bench.walk")
                headers["HTTP_AUTHORIZATION"] = f"Token {secret}"
            made[key] = Client(**headers)
            if role and not api:
                made[key].force_login(User.objects.get(username=role))
        return made[key]

    return {"get": client}


def machine_yardstick(client: Any) -> float:
    """The bare view's median in process (ms), over 200 requests: how fast this machine is now
    (the shared machines here differ by more than twice from one day to the next)."""
    times = []
    for _ in range(201):
        started = time.perf_counter()
        client.get("/bench/bare/", secure=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[1:])


def resolve_url(route: Route, client: Any) -> str:
    """The route's URL with its ids filled in; an API detail takes its list's first row."""
    import re

    from django.urls import reverse

    if "<" not in route.path and "(?P<" not in route.path:
        return "/" + route.path
    if route.name in IDS:
        return reverse(route.name, kwargs=IDS[route.name]())
    if route.api:
        list_path = "/" + re.sub(r"\(\?P<\w+>[^)]*\)/.*$", "", route.path)
        response = client.get(list_path, secure=True)
        rows = response.json() if response.status_code == 200 else []
        rows = rows.get("results", rows) if isinstance(rows, dict) else rows
        if not rows:
            raise LookupError(f"{list_path} lists nothing for this role")
        first = rows[0]
        value = first.get("id", first.get("year", first.get("tracking_code")))
        return "/" + re.sub(r"\(\?P<\w+>[^)]*\)", str(value), route.path, count=1)
    if route.name in STATION_ROUTES:
        return reverse(route.name, kwargs={"pk": _first("liaison_stations.Station", name__startswith="Z")})
    raise LookupError(f"no ids for {route.name} in bench.walk.IDS")


def measure(route: Route, client: Any) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = Result(route)
    started = time.perf_counter()
    response = client.get(route.url, secure=True)
    first_ms = result.first_ms = (time.perf_counter() - started) * 1000
    result.status = response.status_code
    if response.status_code == 405:
        result.note = "405 to GET: add to POST_ONLY"
        return result
    runs = 2 if first_ms > SLOW_MS else REQUESTS
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(route.url, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    result.median_ms = statistics.median(times)
    result.p95_ms = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    if runs != REQUESTS:
        result.note = f"{runs} requests (slow)"
    with CaptureQueriesContext(connection) as queries:
        client.get(route.url, secure=True)
    result.queries = len(queries)
    if runs == REQUESTS and (
        response.status_code == 200
        and "?" not in route.url
        and "xlsx" not in response.get("Content-Type", "")
    ):
        sizes = []
        for size in (10, 50):
            with CaptureQueriesContext(connection) as queries:
                client.get(f"{route.url}?page_size={size}", secure=True)
            sizes.append(len(queries))
        result.queries_10, result.queries_50 = sizes
    return result


def table(results: list[Result]) -> str:
    lines = [
        "| endpoint | role | status | first ms | median ms | p95 ms | queries | queries at 10 → 50 | |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        growth = "" if r.queries_10 is None else f"{r.queries_10} → {r.queries_50}"
        flags = []
        if r.p95_ms > LIMIT_MS:
            flags.append(f"**over {LIMIT_MS:.0f} ms**")
        if r.grows:
            flags.append("**grows with the page**")
        if r.status >= 500:
            flags.append("**server error**")
        if r.note:
            flags.append(r.note)
        lines.append(
            f"| `{r.route.url}` | {r.route.role or 'anonymous'} | {r.status} | {r.first_ms:.0f} | {r.median_ms:.0f} | "
            f"{r.p95_ms:.0f} | {r.queries} | {growth} | {'; '.join(flags)} |"
        )
    return "\n".join(lines)


def main() -> int:
    ensure_database()
    os.environ.update({**ENV, "DB_STATEMENT_TIMEOUT_MS": "0"})
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.core.exceptions import ObjectDoesNotExist

    settings.ALLOWED_HOSTS = ["*"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the table says 403/404/500
    get = clients()["get"]
    results: list[Result] = []
    problems: list[str] = []
    for route in routes():
        if ONLY and not any(part in route.path or part in route.name for part in ONLY):
            continue
        route.role = role_of(route)
        client = get(route.role, route.api)
        try:
            route.url = resolve_url(route, client)
        except (LookupError, IndexError, ValueError, ObjectDoesNotExist) as error:
            problems.append(f"- `{route.path}` ({route.name}): not walked, {error}")
            continue
        result = measure(route, client)
        print(
            f"{result.p95_ms:8.0f} ms p95 {result.queries:4} q  {result.status}  {route.url}", file=sys.stderr
        )
        results.append(result)
    failed = [r for r in results if r.failed]
    yardstick = machine_yardstick(get("", False))
    when = dt.datetime.now(dt.UTC)
    text = "\n".join([
        f"# bench.walk, {when:%Y-%m-%d %H:%M} UTC",
        "",
        f"One client, in process, on {settings.DATABASES['default']['NAME']}; {REQUESTS} requests after a warm-up "
        f"(2 and no page-size comparison when the warm-up took over {SLOW_MS} ms); limit {LIMIT_MS:.0f} ms at p95; queries at "
        f"page_size 10 and 50 must be equal. {len(results)} endpoints, {len(failed)} failing.",
        "",
        f"This machine's yardstick: the bare 20-row view (`bench/bare/`) took {yardstick:.1f} ms median in "
        "process. The limit is absolute: compare runs on different machines through it.",
        "",
        table(results),
        "",
        *(["Not walked:", "", *problems, ""] if problems else []),
        "Skipped: POST-only routes (`bench.walk.POST_ONLY`), and "
        + "; ".join(f"{k}: {v}" for k, v in NOT_WALKED.items()) + ".",
        "",
    ])  # fmt: skip
    print(text)
    out = Path(os.environ.get("WALK_OUT", ROOT / "bench" / "results" / f"walk-{when:%Y-%m-%d}.md"))
    if not ONLY or "WALK_OUT" in os.environ:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"saved {out}", file=sys.stderr)
    return 1 if failed or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
