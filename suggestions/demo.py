"""Demo suggestions: a routing table, a few suggestions in every state for the demo
accounts, and `seed_scale` for benchmarks (100,000 suggestions in a few minutes)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from congress.deadlines.calendar import deadline
from congress.deadlines.statutory import CO_OPINION, OBJECTION, REASSIGNMENT, REPLY
from congress.models import Organisation, Session, User
from deputies.models import Deputy
from suggestions.models import (
    Assignment,
    RoutingRule,
    SubjectArea,
    Suggestion,
    SuggestionCounter,
    SuggestionEvent,
)
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import cosigner_confirm, suggestion_create, suggestion_submit
from suggestions.services.handling import assignment_communicate, assignment_draft_reply, reply_approve
from suggestions.services.review import suggestion_accept
from suggestions.workflow import ASSIGNMENT, AssignmentStatus, Role, Status

# Subject area → (lead or sole unit, co units)
ROUTING = {
    "教育": ("省教育厅", []),
    "交通运输": ("省交通运输厅", []),
    "卫生健康": ("省卫生健康委员会", ["省医疗保障局"]),
    "社会保障": ("省人力资源和社会保障厅", ["省民政厅"]),
    "农业农村": ("省农业农村厅", ["省水利厅"]),
    "生态环境": ("省生态环境厅", []),
    "城乡建设": ("省住房和城乡建设厅", []),
    "经济发展": ("省发展和改革委员会", []),
    "工业和信息化": ("省工业和信息化厅", []),
    "科技": ("省科学技术厅", []),
    "财政金融": ("省财政厅", []),
    "文化旅游": ("省文化和旅游厅", []),
    "政法": ("省公安厅", ["省司法厅"]),
    "市场监管": ("省市场监督管理局", []),
    "自然资源": ("省自然资源厅", []),
    "应急管理": ("省应急管理厅", []),
    "民政": ("省民政厅", []),
}

DEMO_TOPICS = [
    ("关于加快太原市老旧小区加装电梯的建议", "城乡建设"),
    ("关于加强农村义务教育阶段学校教师队伍建设的建议", "教育"),
    ("关于完善县域医共体建设的建议", "卫生健康"),
    ("关于优化太原南站公共交通接驳的建议", "交通运输"),
    ("关于推进汾河流域生态保护修复的建议", "生态环境"),
    ("关于支持中小企业数字化转型的建议", "工业和信息化"),
]
BODY = (
    "一、问题：{title}所涉问题在我市群众中反映较为集中。\n"
    "二、事实：经走访调研，相关工作仍存在资金保障不足、部门协调不畅等情况。\n"
    "三、建议：1. 明确牵头部门和完成时限；2. 加大财政投入；3. 建立定期通报机制。"
)


def seed_routing() -> None:
    units = {o.name: o for o in Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)}
    for area in SubjectArea.objects.all():
        if area.name not in ROUTING or RoutingRule.objects.filter(subject_area=area).exists():
            continue
        lead, co = ROUTING[area.name]
        rows = [RoutingRule(subject_area=area, unit=units[lead], role=Role.LEAD if co else Role.SOLE)]
        rows += [RoutingRule(subject_area=area, unit=units[name], role=Role.CO) for name in co]
        RoutingRule.objects.bulk_create(rows)


def _account(deputy: Deputy) -> User:
    if deputy.user is None:
        raise ValueError(f"demo deputy {deputy.name} has no account")
    return deputy.user


def seed_demo_suggestions() -> None:
    """A few suggestions of deputy1 and colleagues in several states, once."""
    deputies = list(
        Deputy.objects.filter(user__username__in=[f"deputy{n}" for n in range(1, 7)]).order_by(
            "user__username"
        )
    )
    if len(deputies) < 6 or Suggestion.objects.filter(lead_deputy=deputies[0]).exists():
        return
    staff = User.objects.get(username="staff1")
    areas = {a.name: a for a in SubjectArea.objects.all()}
    session = Session.objects.filter(number=4).first()
    made = []
    for i, (title, area) in enumerate(DEMO_TOPICS):
        lead = deputies[i % 3]
        made.append(
            suggestion_create(
                actor=_account(lead),
                lead_deputy=lead,
                title=title,
                body=BODY.format(title=title),
                subject_area=areas[area],
                session=session if i % 2 else None,
                co_signers=[deputies[3 + i % 3]] if i < 3 else [],
            )
        )
    # 0: a joint draft waiting for deputy4's confirmation. 1: filed, awaiting review.
    for s in made[1:]:
        row = s.cosigners.first()
        if row:
            cosigner_confirm(suggestion=s, actor=_account(row.deputy))
        suggestion_submit(suggestion=s, actor=_account(s.lead_deputy))
    # 2: accepted. 3, 4, 5: assigned by the routing table.
    suggestion_accept(suggestion=made[2], actor=staff)
    units = {o.name: o for o in Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)}
    assigned = {}
    for s, unit in [(made[3], "省交通运输厅"), (made[4], "省生态环境厅"), (made[5], "省教育厅")]:
        [assigned[unit]] = suggestion_accept_and_assign(
            suggestion=s, units=[HandlingUnit(units[unit], Role.SOLE)], actor=staff
        )
    # 省交通运输厅 replied (category B): deputy1 has a reply to rate and a commitment to follow.
    # 省教育厅 drafted its reply: unit1head has one to sign off.
    users = {
        u.username: u for u in User.objects.filter(username__in=["unit1", "unit1head", "unit2", "unit2head"])
    }
    for unit, clerk, head, approve in [
        ("省交通运输厅", "unit2", "unit2head", True),
        ("省教育厅", "unit1", "unit1head", False),
    ]:
        a = assigned[unit]
        assignment_communicate(
            assignment=a, actor=users[clerk], date=a.assigned_on, way="call", participants=a.suggestion.lead_deputy.name,
            summary="电话沟通办理思路，代表表示理解。", understanding=True,
        )  # fmt: skip
        reply = assignment_draft_reply(
            assignment=a, actor=users[clerk], category="B", body="您提出的建议很有针对性，我们已将相关工作列入明年计划。",
            plan="新增公交接驳线路两条", path="与太原市交通局联合实施", completion_date=dt.date(2027, 6, 30),
            contact="王科长 0351-1234567", scan=ContentFile(b"%PDF-1.4\n% demo sealed reply\n", name="答复函.pdf"),
        )  # fmt: skip
        if approve:
            reply_approve(reply=reply, actor=users[head])


def seed_scale(scale: int, out: Any) -> None:
    """N generated suggestions of the 4th session with assignments in every state, in bulk."""
    session = Session.objects.filter(number=4).select_related("congress").first()
    if session is None:
        return
    rng = random.Random(scale)  # noqa: S311 - demo data
    deputies = list(Deputy.objects.filter(congress=session.congress).values_list("pk", flat=True))
    units = list(
        Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS).values_list("pk", flat=True)
    )
    areas = list(SubjectArea.objects.values_list("pk", flat=True))
    staff = User.objects.get(username="staff1")
    scope = f"s{session.pk}"
    counter, _created = SuggestionCounter.objects.get_or_create(scope=scope)
    first_number = counter.last + 1
    base = timezone.now() - dt.timedelta(days=200)
    statuses = (
        [Status.SUBMITTED] * 12
        + [Status.ACCEPTED] * 3
        + [Status.ASSIGNED] * 78
        + [Status.RETURNED] * 2
        + [Status.NOT_ACCEPTED] * 2
        + [Status.WITHDRAWN] * 3
    )
    batch = 5000
    made = 0
    clocks: dict[dt.date, tuple[dt.date, dt.date, dt.date]] = {}

    def due_dates(day: dt.date) -> tuple[dt.date, dt.date, dt.date]:
        if day not in clocks:
            clocks[day] = (
                deadline(OBJECTION, day).due,
                deadline(REPLY, day).due,
                deadline(CO_OPINION, day).due,
            )
        return clocks[day]

    while made < scale:
        size = min(batch, scale - made)
        with transaction.atomic():
            rows = []
            for i in range(size):
                filed = base + dt.timedelta(minutes=(made + i) * 2)
                status = rng.choice(statuses)
                rows.append(
                    Suggestion(
                        congress=session.congress,
                        session=session,
                        number_scope=scope,
                        number=first_number + made + i,
                        kind=Suggestion.Kind.SINGLE,
                        status=status,
                        title=f"关于{rng.choice(TOPIC_WORDS)}的建议（{made + i + 1}）",
                        body="生成的演示建议内容。",
                        subject_area_id=rng.choice(areas),
                        lead_deputy_id=rng.choice(deputies),
                        entered_by=staff,
                        submitted_at=filed,
                        reviewed_at=filed,
                        assigned_at=filed if status == Status.ASSIGNED else None,
                        not_accepted_ground=7 if status == Status.NOT_ACCEPTED else None,
                        forwarded_to="有关部门" if status == Status.NOT_ACCEPTED else "",
                        return_message="请一事一议。" if status == Status.RETURNED else "",
                        withdrawal_letter="本人书面撤回。" if status == Status.WITHDRAWN else "",
                    )
                )
            created = Suggestion.objects.bulk_create(rows, batch_size=1000)
            assignments = []
            for s in created:
                if s.status != Status.ASSIGNED:
                    continue
                filed = s.submitted_at or timezone.now()
                day = timezone.localdate(filed)
                objection_due, reply_due, co_due = due_dates(day)
                # Four units per assigned suggestion on average: 100,000 suggestions → ~300,000 assignments.
                count = rng.choice(UNITS_PER_SUGGESTION)
                picks = rng.sample(units, count)
                if count == 1:
                    roles = [Role.SOLE]
                elif rng.random() < 0.4:
                    roles = [Role.SPLIT] * count
                else:
                    roles = [Role.LEAD] + [Role.CO] * (count - 1)
                for unit, role in zip(picks, roles, strict=False):
                    state = rng.choice(ASSIGNMENT_STATES)
                    objected = state in {AssignmentStatus.OBJECTED, AssignmentStatus.REASSIGNED}
                    assignments.append(
                        Assignment(
                            suggestion=s,
                            unit_id=unit,
                            role=role,
                            status=state,
                            assigned_by=staff,
                            assigned_at=filed,
                            assigned_on=day,
                            objection_due=objection_due,
                            reply_due=None if role == Role.CO else reply_due,
                            co_opinion_due=co_due if role == Role.CO else None,
                            objected_on=day + dt.timedelta(days=2) if objected else None,
                            reassignment_due=deadline(REASSIGNMENT, day + dt.timedelta(days=2)).due
                            if objected
                            else None,
                            objection_reason="不属于本单位职责。" if objected else "",
                            closed_at=filed if state in ASSIGNMENT.done_statuses else None,
                        )
                    )
            Assignment.objects.bulk_create(assignments, batch_size=2000)
            SuggestionEvent.objects.bulk_create(
                [
                    SuggestionEvent(
                        suggestion=s,
                        at=s.submitted_at or timezone.now(),
                        action="create",
                        note="generated by seed_demo --scale",
                    )
                    for s in created
                ],
                batch_size=2000,
            )
            made += size
            SuggestionCounter.objects.filter(pk=counter.pk).update(last=first_number + made - 1)
        out.write(f"suggestions: {made:,} of {scale:,}")


UNITS_PER_SUGGESTION = [1, 2, 3, 4, 4, 5, 5, 6]
TOPIC_WORDS = [
    "老旧小区改造",
    "乡村振兴",
    "义务教育",
    "医疗保障",
    "交通拥堵治理",
    "汾河生态保护",
    "中小企业融资",
    "养老服务",
    "文旅融合",
    "煤矿安全生产",
]
ASSIGNMENT_STATES = [
    AssignmentStatus.PENDING, AssignmentStatus.HANDLING, AssignmentStatus.HANDLING, AssignmentStatus.HANDLING,
    AssignmentStatus.OBJECTED, AssignmentStatus.REASSIGNED, AssignmentStatus.OPINION_SENT, AssignmentStatus.REPLIED,
]  # fmt: skip
