"""The motion models, by the stage of the workflow they record (the status table is
motions/workflow.py). Every model is importable from `motions.models`, as Django expects."""

from motions.models.motion import (
    DRAFT_TEXT_ACTIONS,
    REVIEW_BODY_KINDS,
    Attachment,
    Category,
    CoSignature,
    Kind,
    Motion,
    MotionEvent,
    OpinionRequest,
    RegulationAction,
)
from motions.models.presidium import DECISION_KINDS, PlenaryResult, PresidiumDecision, Reconsideration
from motions.models.recess import Conclusion, Hearing, NextSessionReport, RecessReport
from motions.models.review import (
    Attendance,
    Recommendation,
    ReportVote,
    ReviewMeeting,
    ReviewMember,
    ReviewReport,
)

__all__ = [
    "DECISION_KINDS",
    "DRAFT_TEXT_ACTIONS",
    "REVIEW_BODY_KINDS",
    "Attachment",
    "Attendance",
    "Category",
    "CoSignature",
    "Conclusion",
    "Hearing",
    "Kind",
    "Motion",
    "MotionEvent",
    "NextSessionReport",
    "OpinionRequest",
    "PlenaryResult",
    "PresidiumDecision",
    "RecessReport",
    "Recommendation",
    "Reconsideration",
    "RegulationAction",
    "ReportVote",
    "ReviewMeeting",
    "ReviewMember",
    "ReviewReport",
]
