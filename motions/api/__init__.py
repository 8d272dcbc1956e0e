"""The motions API (WORKFLOWS.md §7): the `motions` collection with its actions, and the
review committee's members, meetings and report. The project's URLs register the viewsets
named here; the schema names the presidium's decision choices by this path."""

from motions.api.motions import MotionViewSet
from motions.api.review import ReviewMeetingViewSet, ReviewMemberViewSet, ReviewReportViewSet
from motions.models import DECISION_KINDS

__all__ = [
    "DECISION_KINDS",
    "MotionViewSet",
    "ReviewMeetingViewSet",
    "ReviewMemberViewSet",
    "ReviewReportViewSet",
]
