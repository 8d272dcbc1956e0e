"""The motions app's workflow tables on the engine (congress/workflow.py): the motion of
WORKFLOWS.md §3 (motion.py) and the joint instruments of §5b a deputy files to the presidium
during a session (instruments.py: interpellations D§14, recall motions D§15, proposals for an
investigation committee D§16). `from motions.workflow import MOTION` keeps working."""

from motions.workflow.instruments import INTERPELLATION, INVESTIGATION, RECALL
from motions.workflow.motion import (
    AWAITING_RECOMMENDATION,
    BODY,
    COMMITTEE,
    DECISIONS,
    DEPUTIES,
    HAS_REVIEW_BODY,
    IN_RECESS,
    MOTION,
    OWED_TO_NEXT_SESSION,
    PUBLISHED,
    REPORT_CLOCK,
    REVIEWERS,
    SECRETARIAT,
    SET_ASIDE,
    S,
    Status,
    revisions,
)

__all__ = [
    "AWAITING_RECOMMENDATION",
    "BODY",
    "COMMITTEE",
    "DECISIONS",
    "DEPUTIES",
    "HAS_REVIEW_BODY",
    "INTERPELLATION",
    "INVESTIGATION",
    "IN_RECESS",
    "MOTION",
    "OWED_TO_NEXT_SESSION",
    "PUBLISHED",
    "RECALL",
    "REPORT_CLOCK",
    "REVIEWERS",
    "SECRETARIAT",
    "SET_ASIDE",
    "S",
    "Status",
    "revisions",
]
