"""Deputies (代表), their delegations and their own record: status (D§45–D§49), leave and
attendance (D§8), trainings (D§41), inspections and the bodies' feedback (D§22, D§27), the
archive's publication and the report to constituents (D§43).

One module per kind of record; Django and the rest of the portal import them from here.
"""

from deputies.models.archive import ArchivePublication, ConstituentReport
from deputies.models.deputy import (
    SUSPENSION_GROUNDS,
    TERMINATION_GROUNDS,
    Delegation,
    Deputy,
    DeputyGround,
    DeputyStatus,
)
from deputies.models.events import Event
from deputies.models.inspections import Feedback, Inspection, OfficialMeeting
from deputies.models.sessions import Attendance, Leave, Sitting
from deputies.models.trainings import Training, TrainingInvitation

__all__ = [
    "SUSPENSION_GROUNDS", "TERMINATION_GROUNDS", "ArchivePublication", "Attendance", "ConstituentReport",
    "Delegation", "Deputy", "DeputyGround", "DeputyStatus", "Event", "Feedback", "Inspection", "Leave",
    "OfficialMeeting", "Sitting", "Training", "TrainingInvitation",
]  # fmt: skip
