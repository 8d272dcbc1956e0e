"""Key suggestions (重点办理, S§34–S§42): chosen on their grounds — a session's by the chairpersons'
meeting (S§35), a recess one by the through-train (S§36) — with their supervising body, its
leader and the official leading the handling named (S§39). The unit's leader handles one in
person (S§37(1)); the supervising body names its responsible person, who meets the deputies
(S§7(3)), comments (S§40) and hands what needs following up back to the unit (S§40(4)); after
replying the unit reports its handling (S§41) on its own clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.models import Organisation, User
from deputies.models import Deputy
from suggestions.models import Assignment, KeyNote, KeySuggestion, Suggestion
from suggestions.notices import follow_up as notices
from suggestions.services.handling import key_report_due
from suggestions.services.steps import (
    event,
    in_portal_language,
    locked,
    locked_assignment,
    required_text,
    take,
)
from suggestions.workflow import ASSIGNMENT, SUGGESTION
from suggestions.workflow.who import deputies_of, unit_of

# S§39: 省人民代表大会专门委员会、常务委员会工作机构和办事机构负责具体督办.
SUPERVISING_KINDS = {Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_BODY}


def suggestion_mark_key(
    *,
    suggestion: Suggestion,
    actor: User,
    ground: int,
    grounds_text: str,
    supervising_body: Organisation | None = None,
    supervising_leader: str = "",
    leading_official: str = "",
    approved_on: dt.date | None = None,
    approval_reference: str = "",
) -> KeySuggestion:
    """A key suggestion with its grounds (S§34). A session's needs the chairpersons' meeting's
    approval, its date and reference (S§35); a recess one goes by the through-train (S§36). The
    supervising body, the member of the chairpersons' meeting who leads the supervision and the
    government's, court's or procuratorate's leader who leads the handling are named (S§39)."""
    if ground not in KeySuggestion.Ground.values or not grounds_text.strip():
        raise DomainError("grounds_required", _("State the grounds for key handling (S§34)."), status=400)
    if supervising_body is not None and supervising_body.kind not in SUPERVISING_KINDS:
        raise DomainError(
            "invalid_supervisor",
            _("A special committee or a working body of the SC supervises (S§39)."),
            status=400,
        )
    if supervising_body is None or not supervising_leader.strip() or not leading_official.strip():
        raise DomainError(
            "supervision_not_named",
            _(
                "Name the supervising body, the chairpersons' meeting member who supervises and the leader who leads the handling (S§39)."
            ),
            status=400,
        )
    with transaction.atomic():
        suggestion = locked(suggestion)
        step = SUGGESTION.require("mark_key", suggestion, actor)
        if suggestion.session_id:
            # S§35: 经省人民代表大会常务委员会主任会议研究同意后，交有关机关、组织重点办理.
            channel = KeySuggestion.Channel.SESSION
            if not (approved_on and approval_reference.strip()) or approved_on > timezone.localdate():
                raise DomainError(
                    "chairpersons_approval_required",
                    _(
                        "A session's suggestion is handled as a key one once the chairpersons' meeting agreed: give the date and the reference of its approval (S§35)."
                    ),
                    status=400,
                )
        else:
            channel = KeySuggestion.Channel.THROUGH_TRAIN
        key, created = KeySuggestion.objects.update_or_create(
            suggestion=suggestion,
            defaults={
                "ground": ground, "grounds_text": grounds_text.strip(), "channel": channel,
                "supervising_body": supervising_body, "supervising_leader": supervising_leader.strip(),
                "leading_official": leading_official.strip(), "approved_on": approved_on,
                "approval_reference": approval_reference.strip(), "proposed_by": actor, "proposed_at": timezone.now(),
            },
        )  # fmt: skip
        note = in_portal_language(key.get_channel_display)
        take(step, suggestion, actor=actor, note=note, recorded_as="" if created else "key_approved")
    return key


# Who writes which note: the supervising body comments (S§40), a unit that replied reports (S§41).
NOTE_ACTIONS: dict[str, str] = {KeyNote.Kind.COMMENT: "key_comment", KeyNote.Kind.REPORT: "key_report"}
NOTE_HISTORY: dict[str, str] = {KeyNote.Kind.COMMENT: "supervisor_comment", KeyNote.Kind.REPORT: "key_report"}


def key_note(*, key: KeySuggestion, actor: User, kind: str, text: str, leader_informed: str = "") -> KeyNote:
    """A supervisor's comment (S§40), or the unit's handling report after the reply (S§41),
    which stops its report clock. A government unit's report also goes to the provincial
    government's leader in charge (省人民政府分管负责人), named here."""
    text = required_text(text, "text_required", _("Write the text."))
    if kind not in NOTE_ACTIONS:
        raise DomainError("invalid_kind", _("unknown note"), status=400)
    with transaction.atomic():
        suggestion = locked(key.suggestion)
        step = SUGGESTION.require(NOTE_ACTIONS[kind], suggestion, actor)
        reporting = None
        if kind == KeyNote.Kind.REPORT:
            reporting = (
                Assignment.objects.select_for_update()
                .select_related("unit")
                .filter(suggestion=suggestion, unit_id=unit_of(actor), key_report_due__isnull=False)
                .order_by("-key_report_due", "-pk")
                .first()
            )
            if (
                reporting
                and reporting.unit.kind == Organisation.Kind.GOVERNMENT
                and not leader_informed.strip()
            ):
                raise DomainError(
                    "government_leader_required",
                    _(
                        "The provincial government's units also report to the government's leader in charge: name the leader (S§41)."
                    ),
                    status=400,
                )
        note = KeyNote.objects.create(
            key=key, kind=kind, text=text, author=actor, created=timezone.now(), assignment=reporting,
            leader_informed=leader_informed.strip() if reporting else "",
        )  # fmt: skip
        if reporting is not None:
            reporting.key_reported_at = note.created
            reporting.save(update_fields=["key_reported_at"])
        take(step, suggestion, actor=actor, note=text, recorded_as=NOTE_HISTORY[kind])
        notices.key_note_added(note.pk)
    return note


def key_follow_on(*, key: KeySuggestion, actor: User, assignment: Assignment, text: str) -> KeyNote:
    """S§40(4): 对需要进一步跟踪落实的，交由相关承办单位做好滚动办理工作. The supervising body, not
    satisfied, hands the matter back to a unit that replied; the unit handles it on and reports
    again (S§41), on a new report clock."""
    text = required_text(text, "text_required", _("Say what the unit is to follow up (S§40)."))
    with transaction.atomic():
        suggestion = locked(key.suggestion)
        step = SUGGESTION.require("follow_on", suggestion, actor)
        unit = locked_assignment(assignment)
        if unit.suggestion_id != suggestion.pk or unit.replied_at is None:
            raise DomainError(
                "invalid_assignments", _("Hand the follow-up to a unit that replied (S§40)."), status=400
            )
        note = KeyNote.objects.create(
            key=key,
            kind=KeyNote.Kind.FOLLOW_ON,
            text=text,
            author=actor,
            created=timezone.now(),
            assignment=unit,
        )
        unit.key_report_due, unit.key_reported_at = key_report_due(timezone.localdate()), None
        unit.save(update_fields=["key_report_due", "key_reported_at"])
        event(suggestion, actor=actor, action=step.action.name, assignment=unit, note=text)
        notices.key_note_added(note.pk)
    return note


def assignment_name_leader(*, assignment: Assignment, actor: User, leader: str) -> Assignment:
    """S§37(1): 主要负责人或者分管负责人负责研究办理: the unit names the leader who handles the key
    suggestion (name and post). Named again, the new leader meets the deputies."""
    leader = required_text(leader, "leader_required", _("Name the unit's leader and post (S§37)."))
    with transaction.atomic():
        assignment = locked_assignment(assignment)
        step = ASSIGNMENT.require("name_leader", assignment, actor)
        take(step, assignment, actor=actor, note=leader, leader=leader[:60])
    return assignment


def key_name_responsible(*, key: KeySuggestion, actor: User, person: User) -> KeySuggestion:
    """S§7(3): 确定承办建议…的负责人: the supervising body names its person responsible for the key
    suggestion, who meets the deputies face to face. Named again, the new person meets them."""
    with transaction.atomic():
        suggestion = locked(key.suggestion)
        step = SUGGESTION.require("name_responsible", suggestion, actor)
        key = KeySuggestion.objects.select_for_update().get(pk=key.pk)
        if not person.is_active or person.organisation_id != key.supervising_body_id:
            raise DomainError(
                "responsible_person_invalid",
                _("The responsible person is one of the supervising body's own people (S§7)."),
                status=400,
            )
        key.responsible_person = person
        key.save(update_fields=["responsible_person"])
        take(step, suggestion, actor=actor, note=person.get_full_name())
    return key


def key_meet_deputies(
    *, key: KeySuggestion, actor: User, met_on: dt.date, deputies: Sequence[Deputy], summary: str
) -> KeyNote:
    """S§7(3), S§40(2): the responsible person met the deputies face to face and heard them."""
    summary = required_text(summary, "summary_required", _("Say briefly what the deputies said."))
    if met_on > timezone.localdate():
        raise DomainError("date_in_future", _("A meeting is recorded after it took place."), status=400)
    with transaction.atomic():
        suggestion = locked(key.suggestion)
        step = SUGGESTION.require("meet_deputies", suggestion, actor)
        key = KeySuggestion.objects.get(pk=key.pk)
        present = {d.pk for d in deputies}
        if not present or not present <= {d.pk for d in deputies_of(suggestion)}:
            raise DomainError(
                "no_deputy_met",
                _(
                    "A face-to-face meeting is held with the suggestion's deputies: list those who came (S§7)."
                ),
                status=400,
            )
        note = KeyNote.objects.create(
            key=key, kind=KeyNote.Kind.MEETING, text=summary, author=actor, created=timezone.now(), met_on=met_on,
            held_by=key.responsible_person,
        )  # fmt: skip
        note.attended_by.set(present)
        take(step, suggestion, actor=actor, note=summary)
    return note
