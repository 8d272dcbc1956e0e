"""The objects the access matrix fills URL kwargs from: the demo province (seed_demo) plus the
few rows the demo does not make (an attachment, a disagreement, a key suggestion...).

Each matrix role is one demo account; objects are chosen so the role's account is the one
involved where the role naturally is (deputy1 leads the suggestion and the motion, unit2's
unit handles the suggestion, station1 runs the station), so an "own" cell reads 200 and a
cross-tenant cell shows the refusal."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

# Role name -> demo account (None: anonymous). The column order of every table row.
ACCOUNTS: dict[str, str | None] = {
    "anonymous": None,
    "deputy": "deputy1",
    "delegation_staff": "dele1",
    "committee_staff": "staff1",
    "secretariat": "sec1",
    "review_committee": "review1",
    "supervisor": "super1",
    "unit_handler": "unit2",
    "unit_head": "unit2head",
    "station_staff": "station1",
    "superuser": "admin",
}
ROLES = list(ACCOUNTS)


def build_world() -> dict[str, Any]:
    """Seed the demo and return object key -> URL kwarg value (a pk, a year, a code...)."""
    from congress.accounts.tokens import token_issue
    from congress.deadlines.statutory import RULES
    from congress.models import Organisation, Session, User
    from congress.notifications.models import Notification
    from deputies.models import (
        Attendance,
        ConstituentReport,
        Deputy,
        Feedback,
        Leave,
        OfficialMeeting,
        Sitting,
        Training,
    )
    from liaison_stations.models import Attachment as StationAttachment
    from liaison_stations.models import LiaisonOfficer, Opinion, Reception, Station
    from motions.models import Attachment as MotionAttachment
    from motions.models import Motion, ReviewMeeting, ReviewMember, ReviewReport
    from motions.workflow import PUBLISHED
    from suggestions.models import (
        Assignment,
        Attachment,
        Commitment,
        Disagreement,
        KeySuggestion,
        Rectification,
        Reply,
        Suggestion,
        SupervisionRequest,
    )

    call_command("seed_demo", password="demo-pass-1", stdout=io.StringIO())
    users = {u.username: u for u in User.objects.filter(username__in=[a for a in ACCOUNTS.values() if a])}
    deputy = Deputy.objects.get(user__username="deputy1")
    unit = users["unit2"].organisation
    assert unit is not None
    now = timezone.now()

    assignment = Assignment.objects.filter(unit=unit, suggestion__lead_deputy=deputy).get()
    suggestion = assignment.suggestion
    draft = Suggestion.objects.filter(lead_deputy=deputy, status="draft").first()
    assert draft is not None
    reply = Reply.objects.filter(assignment=assignment).get()
    attachment = Attachment.objects.create(
        suggestion=suggestion,
        file=ContentFile(b"%PDF-1.4\n", name="a.pdf"),
        name="a.pdf",
        uploaded_by=users["deputy1"],
    )
    disagreement = Disagreement.objects.create(suggestion=suggestion, deputy=deputy, reason="-")
    supervision = SupervisionRequest.objects.create(
        suggestion=suggestion, deputy=deputy, kind="progress", message="-", created=now
    )
    key = KeySuggestion.objects.create(
        suggestion=suggestion,
        ground=1,
        grounds_text="-",
        channel="session",
        proposed_by=users["staff1"],
        proposed_at=now,
    )
    rectification = Rectification.objects.create(
        unit=unit,
        ground=2,
        finding="-",
        due=dt.date(2026, 12, 31),
        ordered_by=users["staff1"],
        ordered_at=now,
    )
    rectification.assignments.add(assignment)

    station = Station.objects.filter(staff=users["station1"], kind=Station.Kind.STATION).first()
    assert station is not None
    officer = LiaisonOfficer.objects.filter(station=station).first()
    assert officer is not None
    station_deputy = StationAttachment.objects.filter(station=station).exclude(deputy=None).first()
    opinion = Opinion.objects.filter(station=station).first()
    reception = Reception.objects.filter(station=station).first()

    # deputy1's draft for the next session (private to its author), and a motion of the 4th
    # session the presidium decided on (published, M§19).
    motion = Motion.objects.filter(lead_deputy=deputy, status="draft").first()
    published = Motion.objects.filter(status__in=PUBLISHED).order_by("pk").first()
    assert motion is not None and published is not None
    motion_attachment = MotionAttachment.objects.create(
        motion=motion,
        kind="other",
        file=ContentFile(b"%PDF-1.4\n", name="m.pdf"),
        name="m.pdf",
        uploaded_by=users["deputy1"],
    )
    meeting = OfficialMeeting.objects.select_related("inspection").first()
    assert meeting is not None
    token, _key = token_issue(user=users["deputy1"], name="matrix")
    instruments = _instruments(deputy)
    documents = _documents(users, reply)
    notification = Notification.objects.filter(recipient=users["deputy1"]).first()

    return {
        "suggestion": suggestion.pk,
        "draft": draft.pk,
        "cosigner": draft.cosigners.values_list("deputy_id", flat=True).first(),
        "assignment": assignment.pk,
        "reply": reply.pk,
        "attachment": attachment.pk,
        "disagreement": disagreement.pk,
        "supervision": supervision.pk,
        "key": key.pk,
        "rectification": rectification.pk,
        "commitment": Commitment.objects.filter(reply=reply).values_list("pk", flat=True).first(),
        "unit": unit.pk,
        "year": 2026,
        "rule": next(iter(RULES)),
        "station": station.pk,
        "point": Station.objects.filter(parent=station).values_list("pk", flat=True).first(),
        "officer": officer.pk,
        "station_deputy": station_deputy.deputy_id if station_deputy else 0,
        "opinion": opinion.pk if opinion else 0,
        "tracking_code": opinion.tracking_code if opinion else "x",
        "reception": reception.pk if reception else 0,
        "motion": motion.pk,
        "motion_attachment": motion_attachment.pk,
        "published_motion": published.pk,
        "motion_action": "submit",
        "review_action": "vote",
        "session": Session.objects.get(number=4).pk,
        "review_member": ReviewMember.objects.values_list("pk", flat=True).first(),
        "review_meeting": ReviewMeeting.objects.values_list("pk", flat=True).first(),
        # The API addresses a review report by its session (the ids coincide only by chance).
        "review_report": ReviewReport.objects.values_list("session_id", flat=True).first(),
        "deputy": deputy.pk,
        "delegation": deputy.delegation_id,
        "constituent_report": ConstituentReport.objects.create(
            deputy=deputy, year=2026, title="-", body="-"
        ).pk,
        "leave": (Leave.objects.filter(deputy=deputy).first() or Leave.objects.first()).pk,  # type: ignore[union-attr]
        "sitting": Sitting.objects.values_list("pk", flat=True).first(),
        "attendance": Attendance.objects.filter(deputy=deputy).values_list("pk", flat=True).first(),
        "training": Training.objects.values_list("pk", flat=True).first(),
        "inspection": meeting.inspection_id,
        "meeting": meeting.pk,
        "feedback": Feedback.objects.values_list("pk", flat=True).first(),
        "notification": notification.pk if notification else 0,
        "token": token.pk,
        "organisation": Organisation.objects.values_list("pk", flat=True).first(),
        **instruments,
        **documents,
    }


def _instruments(deputy: Any) -> dict[str, Any]:
    """deputy1's drafts of the three joint instruments (D§14–D§16), written while the 4th session
    sat (they are filed during a session only), each with one co-signer invited; a draft is
    read by its proposers and their delegation's staff only, as a motion's draft is."""
    from congress.demo import BEIJING
    from congress.models import Organisation, Session
    from deputies.models import Deputy
    from motions.models.instruments import INTERPELLATION_TARGETS
    from motions.services.interpellations import interpellation_create
    from motions.services.recalls import investigation_create, recall_create
    from tests.helpers import user_of

    session = Session.objects.get(number=4)
    lead = user_of(deputy)
    cosigner = (
        Deputy.objects.filter(congress_id=session.congress_id, status=Deputy.Status.ACTIVE)
        .exclude(pk=deputy.pk)
        .exclude(user=None)
        .order_by("pk")
        .first()
    )
    target = Organisation.objects.filter(kind__in=INTERPELLATION_TARGETS).order_by("pk").first()
    assert cosigner is not None and target is not None
    with time_machine.travel(dt.datetime.combine(session.opens, dt.time(10), BEIJING), tick=False):
        interpellation = interpellation_create(
            session=session,
            actor=lead,
            kind="joint",
            title="关于高速公路收费问题的质询案",
            target=target,
            questions="收费标准为何连续上调？",
            co_signers=[cosigner],
        )
        recall = recall_create(
            session=session,
            actor=lead,
            title="罢免案",
            person_name="某某",
            person_office="某厅厅长",
            reasons="-",
            co_signers=[cosigner],
        )
        investigation = investigation_create(
            session=session, actor=lead, title="关于组织调查委员会的提议", question="-", co_signers=[cosigner]
        )
    return {
        "interpellation": interpellation.pk,
        "recall": recall.pk,
        "investigation": investigation.pk,
        # The lead's next step on a draft: a form (invite) and a button (submit).
        "instrument_form_action": "invite",
        "instrument_act_action": "submit",
    }


def _documents(users: dict[str, Any], reply: Any) -> dict[str, Any]:
    """The committee's yearly report (S§45) opened by staff1, and the reply letter (S§29) of
    deputy1's suggestion as a generated DOCX, made here as the worker would make it."""
    from congress.documents import services, sources
    from congress.documents.models import GeneratedDocument, Kind

    report = services.report_open(kind=Kind.YEARLY_REPORT, actor=users["staff1"], year=2026)
    source = sources.reply_source(reply.pk)
    document = services.document_request(
        kind=Kind.REPLY_LETTER, source=source, fmt=GeneratedDocument.Format.DOCX, actor=users["deputy1"]
    )
    services.document_generate(document_id=document.pk)
    return {
        "report": report.pk,
        "document": document.pk,
        "document_kind": Kind.REPLY_LETTER.value,
        "document_source": source,
    }
