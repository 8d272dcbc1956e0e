"""Forms of the suggestion pages, by section of the workflow. They validate input; the
services decide the rules."""

from suggestions.forms.assignment import (
    AssignForm,
    ReasonForm,
    ReassignForm,
    RoutingRuleForm,
)
from suggestions.forms.filing import (
    ImportForm,
    MessageForm,
    NotAcceptForm,
    StaffEntryForm,
    SuggestionForm,
    WithdrawForm,
    resolve_deputies,
)
from suggestions.forms.follow_up import (
    ArrangeForm,
    KeyForm,
    NoteForm,
    ProgressForm,
    RectificationForm,
    RectificationReportForm,
    SupervisionRequestForm,
)
from suggestions.forms.handling import (
    ApproveReplyForm,
    CommunicationForm,
    ExtensionDecisionForm,
    OpinionForm,
    RehandlingForm,
    ReplyForm,
    ReplyTemplateForm,
    WithholdForm,
)

__all__ = [
    "ApproveReplyForm",
    "ArrangeForm",
    "AssignForm",
    "CommunicationForm",
    "ExtensionDecisionForm",
    "ImportForm",
    "KeyForm",
    "MessageForm",
    "NotAcceptForm",
    "NoteForm",
    "OpinionForm",
    "ProgressForm",
    "ReasonForm",
    "ReassignForm",
    "RectificationForm",
    "RectificationReportForm",
    "RehandlingForm",
    "ReplyForm",
    "ReplyTemplateForm",
    "RoutingRuleForm",
    "StaffEntryForm",
    "SuggestionForm",
    "SupervisionRequestForm",
    "WithdrawForm",
    "WithholdForm",
    "resolve_deputies",
]
