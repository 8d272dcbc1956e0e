"""A small province's suggestions with every figure of the statistics non-trivial, made as rows
on fixed dates (the workflow's own tests cover how they get there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from congress.models import Organisation
from suggestions.models import Commitment, Evaluation, RehandlingDecision, SubjectArea, Suggestion
from suggestions.workflow import AssignmentStatus, Role, Status
from tests.conftest import BEIJING
from tests.suggestions.follow_up import make_assignment, make_reply, make_suggestion

D = dt.date
TODAY = D(2026, 7, 1)


def moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), BEIJING)


def build_province(
    *, lead: Any, other_lead: Any, staff: Any, units: dict[str, Any], session: Any
) -> dict[str, Any]:
    education, transport = units["education"], units["transport"]
    court = Organisation.objects.create(name="省高级人民法院", kind=Organisation.Kind.COURT)
    schools = SubjectArea.objects.get_or_create(name="教育")[0]
    roads = SubjectArea.objects.get_or_create(name="交通")[0]
    head, clerk = units["unit1head"], units["unit1"]

    def filed(
        title: str,
        area: SubjectArea,
        day: dt.date,
        status: str = Status.ASSIGNED,
        deputy: Any = lead,
        **extra: Any,
    ) -> Suggestion:
        s = make_suggestion(lead=deputy, area=area, staff=staff, title=title)
        Suggestion.objects.filter(pk=s.pk).update(status=status, submitted_at=moment(day), **extra)
        s.refresh_from_db()
        return s

    # Solved: one unit, category A on time, the deputy satisfied, closed.
    solved = filed(
        "关于乡村学校的建议",
        schools,
        D(2025, 1, 27),
        Status.CLOSED,
        session=session,
        replied_at=moment(D(2025, 4, 1)),
    )
    a = make_assignment(solved, education, staff=staff, assigned_on=D(2025, 2, 1), reply_due=D(2025, 5, 1))
    make_reply(a, approved_at=moment(D(2025, 4, 1)), head=head, clerk=clerk, category="A")
    Evaluation.objects.create(
        suggestion=solved, deputy=lead, round=1, rating="satisfied", created=moment(D(2025, 4, 5))
    )

    # Split: education explains (C, late), transport plans (B, on time, two promises); the
    # deputy is unsatisfied and it is handled again. A closed-but-unsolved suggestion: C.
    split = filed(
        "关于校车道路的建议",
        roads,
        D(2025, 1, 28),
        Status.CLOSED,
        deputy=other_lead,
        replied_at=moment(D(2025, 5, 20)),
    )
    e = make_assignment(
        split, education, staff=staff, assigned_on=D(2025, 2, 1), reply_due=D(2025, 5, 1), role=Role.SPLIT
    )
    make_reply(e, approved_at=moment(D(2025, 5, 20)), head=head, clerk=clerk, category="C")
    t = make_assignment(
        split, transport, staff=staff, assigned_on=D(2025, 2, 1), reply_due=D(2025, 5, 1), role=Role.SPLIT
    )
    b = make_reply(
        t, approved_at=moment(D(2025, 4, 20)), head=head, clerk=clerk, category="B",
        plan="硬化", path="专项", completion_date=D(2026, 3, 1),
    )  # fmt: skip
    Commitment.objects.create(reply=b, text="硬化村道", promised_date=D(2026, 3, 1), done_on=D(2026, 3, 10))
    Commitment.objects.create(reply=b, text="新建站台", promised_date=D(2026, 5, 1))
    Commitment.objects.create(reply=b, text="拓宽桥梁", promised_date=D(2026, 12, 1))
    Evaluation.objects.create(
        suggestion=split, deputy=other_lead, round=1, rating="unsatisfied", created=moment(D(2025, 6, 1))
    )
    RehandlingDecision.objects.create(
        suggestion=split,
        round=1,
        rehandle=True,
        explanation="再办",
        decided_by=staff,
        decided_at=moment(D(2025, 6, 5)),
    )
    a_moved = AssignmentStatus.REPLIED
    type(e).objects.filter(pk=e.pk).update(
        status=a_moved, rehandling_on=D(2025, 6, 5), rehandling_due=D(2025, 7, 5)
    )

    # Filed but not handled: not accepted, merged, withdrawn.
    filed("关于个人待遇的建议", schools, D(2025, 3, 1), Status.NOT_ACCEPTED, not_accepted_ground=3)
    filed(
        "关于乡村学校的另一建议", schools, D(2025, 1, 27), Status.MERGED, merged_into=solved, session=session
    )
    filed("关于撤回事项的建议", roads, D(2025, 3, 2), Status.WITHDRAWN)

    # 2026: objected, then kept with the unit and extended; not replied, past its due date.
    late = filed("关于农村校舍的建议", schools, D(2026, 1, 10))
    make_assignment(
        late, education, staff=staff, assigned_on=D(2026, 1, 12), reply_due=D(2026, 6, 1),
        objected_on=D(2026, 1, 14), extended=True,
    )  # fmt: skip
    # 2026: the court's part, objected and moved on; the transport department replies B (no promise).
    moved = filed("关于诉讼服务的建议", roads, D(2026, 2, 1), deputy=other_lead)
    make_assignment(
        moved, court, staff=staff, assigned_on=D(2026, 2, 3), reply_due=D(2026, 5, 3),
        objected_on=D(2026, 2, 5), status=AssignmentStatus.REASSIGNED,
    )  # fmt: skip
    r = make_assignment(moved, transport, staff=staff, assigned_on=D(2026, 2, 15), reply_due=D(2026, 5, 15))
    make_reply(r, approved_at=moment(D(2026, 5, 10)), head=head, clerk=clerk, category="A")

    # A draft is no figure.
    draft = make_suggestion(lead=lead, area=schools, staff=staff, title="草稿", status=Status.DRAFT)
    Suggestion.objects.filter(pk=draft.pk).update(number=None, number_scope="")
    return {"schools": schools, "roads": roads, "court": court, "solved": solved, "split": split}
