"""Who is told of the review (S§15): the deputy of a returned suggestion, the deputies of one not
accepted or merged.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from suggestions.models import Suggestion
from suggestions.notices.common import in_chinese, link, load, send, users_of
from suggestions.workflow.who import deputies_of


@in_chinese
def returned(suggestion_id: int) -> None:
    s = load(suggestion_id)
    send(
        [*users_of([s.lead_deputy]), s.entered_by], "suggestion_returned",
        _("Suggestion %(number)s was returned for revision") % {"number": s.number_label},
        s.return_message, link(s),
    )  # fmt: skip


@in_chinese
def not_accepted(suggestion_id: int) -> None:
    s = load(suggestion_id)
    send(
        users_of(deputies_of(s)), "suggestion_not_accepted",
        _("Suggestion %(number)s is handled as a deputy's letter") % {"number": s.number_label},
        _("%(ground)s It was forwarded to %(body)s.") % {"ground": s.get_not_accepted_ground_display(), "body": s.forwarded_to},
        link(s),
    )  # fmt: skip


@in_chinese
def merged(suggestion_ids: list[int]) -> None:
    for s in Suggestion.objects.select_related("merged_into", "lead_deputy__user").filter(
        pk__in=suggestion_ids
    ):
        if s.merged_into is None:
            continue
        send(
            users_of(deputies_of(s)), "suggestion_merged",
            _("Suggestion %(number)s was merged into %(target)s") % {"number": s.number_label, "target": s.merged_into.number_label},
            _("Same or similar suggestions are handled together (S§15); you will receive the reply (S§27)."),
            link(s.merged_into),
        )  # fmt: skip
