"""The OpenAPI schema, honest about errors: every operation documents the refusals it can
answer, all in the one `{"code", "detail"}` shape (WORKFLOWS.md §7).

drf-spectacular documents what a view returns when it succeeds; the refusals come from the
one exception handler (congress/api/exceptions.py), so they are added here, once, by rule.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "A refusal: a stable code for programs and a message for people.",
    "properties": {
        "code": {"type": "string", "description": "Stable, e.g. invalid_transition, permission_denied."},
        "detail": {"type": "string", "description": "Chinese by default, English with Accept-Language: en."},
        "aliases": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Codes the same refusal had in the previous release (kept for one release).",
        },
        "errors": {
            "type": "object",
            "description": "Per-field messages of an invalid request (400).",
            "additionalProperties": True,
        },
    },
    "required": ["code", "detail"],
}

WHY = {
    "400": "The request is invalid: a field, a filter or the body (code `invalid`, `parse_error`, …).",
    "401": "Not signed in, or the token expired or was ended.",
    "403": "Signed in, but this role or person may not do this.",
    "404": "No such record, or not one this user may see; on a list, a page beyond the last.",
    "409": "A rule of the workflow refuses it now (code `invalid_transition` for a step asked twice, or the rule's own).",
    "413": "The request is too large.",
    "414": "The address is too long (answered by the web server in front of the portal, not in this shape).",
    "429": "Too many attempts: wait for the cool-off (`too_many_attempts`).",
    "503": "The request took longer than the database allows a web request and was stopped (`query_timeout`); retry later (Retry-After).",
}
WRITES = {"post", "put", "patch", "delete"}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook (SPECTACULAR_SETTINGS): document each operation's refusals."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in WRITES | {"get", "head", "options"}:
                continue
            responses = operation.setdefault("responses", {})
            for status in _statuses(path, method, operation):
                responses.setdefault(
                    status,
                    {"description": WHY[status], "content": {"application/json": {"schema": reference}}},
                )
            responses.setdefault("414", {"description": WHY["414"]})
    return result


def _statuses(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    # 401 and 403 for every operation: a public one still refuses a bad or expired token; 404
    # for every one too: a record not found, or a list's page beyond the last; 503 for every
    # one: any query may meet the statement timeout (congress.middleware).
    statuses = ["400", "401", "403", "404", "503"]
    if method in WRITES:
        statuses += ["409", "413"]
    if path.endswith("/auth/token/") or "/public/" in path:
        statuses.append("429")
    return statuses
