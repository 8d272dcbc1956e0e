"""A deputy's suggestion from a constituent's matter (D§20(4); S§13): a draft prefilled from
the matter, without the visitor's personal data, linked to it."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from congress.models import User
from liaison_stations.models import Event, Opinion
from liaison_stations.rules import redact
from liaison_stations.services.opinions import locked_opinion
from liaison_stations.workflow import OPINION, refusal
from suggestions.models import SubjectArea, Suggestion
from suggestions.services.filing import suggestion_create_draft

# The station's categories and the subject areas suggestions are routed by.
SUBJECT_AREAS = {
    "urban_construction": "城乡建设",
    "transport": "交通运输",
    "education": "教育",
    "health": "卫生健康",
    "social_security": "社会保障",
    "employment": "社会保障",
    "environment": "生态环境",
    "agriculture": "农业农村",
    "economy": "经济发展",
    "public_safety": "应急管理",
    "law": "政法",
    "government": "民政",
}


def subject_area_for(category: str) -> SubjectArea | None:
    """The subject area a station category most likely belongs to; the deputy may change it."""
    name = SUBJECT_AREAS.get(category, "其他")
    return SubjectArea.objects.filter(name=name).first() or SubjectArea.objects.order_by("sort_order").first()


def suggestion_text_for(opinion: Opinion) -> tuple[str, str]:
    """The draft's title and body: the matter as raised, its source, and no personal data
    (a suggestion's text may be published, S§33)."""
    personal = [opinion.visitor_name, opinion.visitor_contact, opinion.visitor_address]
    title = redact(opinion.summary or opinion.matter, personal).strip().splitlines()[0][:80]
    return title, f"{redact(opinion.matter, personal)}\n\n{_origin(opinion)}"


def _origin(opinion: Opinion) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        source = opinion.venue.name if opinion.venue else _("online")
        return _("Raised by a constituent at %(source)s on %(date)s (tracking code %(code)s).") % {
            "source": source,
            "date": opinion.received_on.isoformat(),
            "code": opinion.tracking_code,
        }


def opinion_to_suggestion(
    *,
    opinion: Opinion,
    actor: User,
    title: str = "",
    body: str = "",
    subject_area: SubjectArea | None = None,
) -> Suggestion:
    """A deputy who received the matter, or to whom it was sent, turns it into a suggestion
    in one step: a draft prefilled from the matter and linked to it, which they then edit and
    submit (D§20(4); S§13)."""
    with transaction.atomic():
        opinion = locked_opinion(opinion)
        OPINION.require("to_suggestion", opinion, actor)
        default_title, default_body = suggestion_text_for(opinion)
        area = subject_area or subject_area_for(opinion.category)
        if area is None:
            raise refusal("no_subject_area")
        suggestion = suggestion_create_draft(
            lead_deputy=actor.deputy,
            title=title.strip() or default_title,
            body=body.strip() or default_body,
            subject_area=area,
            actor=actor,
            note=_origin(opinion),
        )
        opinion.suggestion = suggestion
        opinion.save(update_fields=["suggestion"])
        Event.objects.create(opinion=opinion, actor=actor, action="to_suggestion", note=str(suggestion.pk))
    return suggestion
