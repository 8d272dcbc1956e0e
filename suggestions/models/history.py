"""A suggestion's history: who did what, when, from which status to which, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

from suggestions.models.assignment import Assignment
from suggestions.models.filing import Suggestion
from suggestions.workflow import AssignmentStatus, Status

# How each recorded action reads in the history.
ACTION_LABELS = {
    "create": pgettext_lazy("history", "created"),
    "create_from_motion": pgettext_lazy("history", "created from a motion handled as a suggestion"),
    "edit": pgettext_lazy("history", "edited"),
    "invite": pgettext_lazy("history", "co-signers invited"),
    "uninvite": pgettext_lazy("history", "invitation withdrawn"),
    "confirm": pgettext_lazy("history", "co-signer confirmed the text"),
    "decline": pgettext_lazy("history", "co-signer declined"),
    "submit": pgettext_lazy("history", "filed"),
    "accept": pgettext_lazy("history", "accepted"),
    "return": pgettext_lazy("history", "returned for revision"),
    "not_accept": pgettext_lazy("history", "not accepted; forwarded as a letter"),
    "merge": pgettext_lazy("history", "merged into another"),
    "merge_in": pgettext_lazy("history", "others merged into this one"),
    "withdraw": pgettext_lazy("history", "withdrawn"),
    "assign": pgettext_lazy("history", "assigned"),
    "assign_unit": pgettext_lazy("history", "unit assigned"),
    "reroute": pgettext_lazy("history", "re-routed"),
    "disagree": pgettext_lazy("history", "deputy disagreed with the assignment"),
    "disagreement_answered": pgettext_lazy("history", "disagreement answered"),
    "acknowledge": pgettext_lazy("history", "unit acknowledged"),
    "object": pgettext_lazy("history", "unit objected"),
    "reassign": pgettext_lazy("history", "reassigned"),
    "reject_objection": pgettext_lazy("history", "objection rejected"),
    "window_closed": pgettext_lazy("history", "objection window closed"),
    "communicate": pgettext_lazy("history", "communication with the deputy recorded"),
    "lead_replied": pgettext_lazy("history", "the lead unit replied for all"),
    "send_opinion": pgettext_lazy("history", "co-handling opinion sent to the lead unit"),
    "request_extension": pgettext_lazy("history", "extension requested"),
    "extension_approved": pgettext_lazy("history", "extension approved"),
    "extension_refused": pgettext_lazy("history", "extension refused"),
    "draft_reply": pgettext_lazy("history", "reply drafted"),
    "reply": pgettext_lazy("history", "reply approved and delivered"),
    "evaluate": pgettext_lazy("history", "deputy evaluated the reply"),
    "rehandle": pgettext_lazy("history", "re-handling ordered"),
    "close": pgettext_lazy("history", "closed"),
    "explain": pgettext_lazy("history", "unsatisfied rating explained"),
    "withhold_reply": pgettext_lazy("history", "reply withheld from publication"),
    "publish_reply": pgettext_lazy("history", "reply published"),
    "mark_key": pgettext_lazy("history", "made a key suggestion"),
    "key_approved": pgettext_lazy("history", "key handling approved by the chairpersons' meeting"),
    "supervisor_comment": pgettext_lazy("history", "supervising body commented"),
    "key_report": pgettext_lazy("history", "handling reported to the supervising body"),
    "follow_on": pgettext_lazy("history", "handed back to the unit for follow-on handling"),
    "name_responsible": pgettext_lazy("history", "the supervising body named its responsible person"),
    "meet_deputies": pgettext_lazy("history", "the responsible person met the deputies face to face"),
    "name_leader": pgettext_lazy("history", "the unit named its leader handling it"),
    "commitment_progress": pgettext_lazy("history", "commitment progress reported"),
    "supervision_request": pgettext_lazy("history", "deputy asked the committee"),
    "supervision_arranged": pgettext_lazy("history", "committee arranged the deputy's request"),
    "rectification_ordered": pgettext_lazy("history", "the SC ordered the unit to put its handling right"),
    "rectification_reported": pgettext_lazy("history", "the unit reported what it put right"),
}
STATUS_LABELS = dict(Status.choices) | dict(AssignmentStatus.choices)


class SuggestionEvent(models.Model):
    """History: who did what, when, from which status to which, and why."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="events")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["suggestion", "at"], name="event_suggestion_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return str(STATUS_LABELS.get(self.from_status, self.from_status))

    @property
    def to_label(self) -> str:
        return str(STATUS_LABELS.get(self.to_status, self.to_status))
