"""API of the deputies' own record (WORKFLOWS.md §7): deputies (with status changes and the
archive), delegations, leaves, sittings and attendance, trainings, inspections and feedbacks.
congress/urls.py registers the views named here."""

from deputies.api.activities import FeedbackViewSet, InspectionViewSet, TrainingViewSet
from deputies.api.deputies import DelegationViewSet, DeputyViewSet
from deputies.api.sessions import AttendanceViewSet, LeaveViewSet, SittingViewSet

__all__ = [
    "AttendanceViewSet", "DelegationViewSet", "DeputyViewSet", "FeedbackViewSet", "InspectionViewSet",
    "LeaveViewSet", "SittingViewSet", "TrainingViewSet",
]  # fmt: skip
