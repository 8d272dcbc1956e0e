"""The statuses and kinds of the deputies' own records (WORKFLOWS.md §5, §5a). Status names are a
public contract: the leave's `requested`, `approved`, `refused` and the deputy's `active`,
`suspended`, `terminated` come from WORKFLOWS.md; the others are added beside them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DeputyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")  # D§45
    TERMINATED = "terminated", _("Terminated")  # D§46


class DeputyGround(models.TextChoices):
    # D§45: suspension, restored when the circumstance ends.
    DETAINED = "detained", _("Detained in a criminal case (D§45(1))")
    SERVING_SENTENCE = "serving_sentence", _("Serving a sentence (D§45(2))")
    # D§46: termination of the mandate.
    MOVED_AWAY = "moved_away", _("Moved out of the province (D§46(1))")
    RESIGNED = "resigned", _("Resignation accepted (D§46(2))")
    ABSENT_TWICE = "absent_twice", _("Twice absent from sessions without leave (D§46(3))")
    RECALLED = "recalled", _("Recalled (D§46(4))")
    NATIONALITY_LOST = "nationality_lost", _("Lost PRC nationality (D§46(5))")
    RIGHTS_DEPRIVED = "rights_deprived", _("Deprived of political rights (D§46(6))")
    INCAPACITATED = "incapacitated", _("Lost legal capacity (D§46(7))")


SUSPENSION_GROUNDS = (DeputyGround.DETAINED, DeputyGround.SERVING_SENTENCE)
TERMINATION_GROUNDS = (
    DeputyGround.MOVED_AWAY,
    DeputyGround.RESIGNED,
    DeputyGround.ABSENT_TWICE,
    DeputyGround.RECALLED,
    DeputyGround.NATIONALITY_LOST,
    DeputyGround.RIGHTS_DEPRIVED,
    DeputyGround.INCAPACITATED,
)


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("leave status", "Requested")
    APPROVED = "approved", pgettext_lazy("leave status", "Approved")
    REFUSED = "refused", pgettext_lazy("leave status", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("leave status", "Withdrawn")


class DecidingBody(models.TextChoices):
    """D§8: who decides a leave, by when it was asked for."""

    CHAIRPERSONS = "chairpersons_meeting", _("SC chairpersons' meeting (before the session)")
    SECRETARIAT = "secretariat", _("Session secretariat (during the session)")


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("training status", "Planned")
    HELD = "held", pgettext_lazy("training status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("training status", "Cancelled")


class TrainingKind(models.TextChoices):
    # D§41: 远程学习、集体学习; only collective study counts for the yearly and per-term rules.
    COLLECTIVE = "collective", _("Collective study")
    REMOTE = "remote", _("Remote learning")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("inspection status", "Planned")
    REPORTED = "reported", pgettext_lazy("inspection status", "Report recorded")
    FORWARDED = "forwarded", pgettext_lazy("inspection status", "Report forwarded")
    CANCELLED = "cancelled", pgettext_lazy("inspection status", "Cancelled")


class InspectionKind(models.TextChoices):
    # WORKFLOWS.md §7 names `inspection` and `research`; D§22 adds the deputy-card inspection.
    INSPECTION = "inspection", _("Inspection")
    RESEARCH = "research", _("Research on a topic")
    CARD = "card_inspection", _("Inspection with the deputy card")


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("feedback status", "Feedback due")
    GIVEN = "given", pgettext_lazy("feedback status", "Feedback given")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("constituent report status", "Draft")
    FINAL = "final", pgettext_lazy("constituent report status", "Final")
