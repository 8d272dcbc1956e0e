"""Suggestions (建议、批评和意见) and everything their handling records, in the sections of the
workflow: filing, assignment, the history, handling, follow-up. Imported here, all of them
are `suggestions.models.<Name>`, as the app's models."""

from suggestions.models.assignment import Assignment, Disagreement, RoutingRule
from suggestions.models.filing import (
    Attachment,
    CoSigner,
    NotAcceptedGround,
    SubjectArea,
    Suggestion,
    SuggestionCounter,
    attachment_path,
)
from suggestions.models.follow_up import (
    Commitment,
    CommitmentProgress,
    KeyNote,
    KeySuggestion,
    Rectification,
    SupervisionRequest,
)
from suggestions.models.handling import (
    Communication,
    CoOpinion,
    Evaluation,
    ExtensionRequest,
    RehandlingDecision,
    Reply,
    ReplyTemplate,
    WithheldGround,
    scan_path,
)
from suggestions.models.history import ACTION_LABELS, STATUS_LABELS, SuggestionEvent
from suggestions.models.statistics import StatisticsChange

__all__ = [
    "ACTION_LABELS", "STATUS_LABELS", "Assignment", "Attachment", "CoOpinion", "CoSigner", "Commitment",
    "CommitmentProgress", "Communication", "Disagreement", "Evaluation", "ExtensionRequest", "KeyNote",
    "KeySuggestion", "NotAcceptedGround", "Rectification", "RehandlingDecision", "Reply", "ReplyTemplate", "RoutingRule",
    "StatisticsChange", "SubjectArea", "Suggestion", "SuggestionCounter", "SuggestionEvent", "SupervisionRequest", "WithheldGround",
    "attachment_path", "scan_path",
]  # fmt: skip
