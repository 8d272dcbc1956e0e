"""The review report (M§16–M§19), read as rows of columns and rendered by `{% report_rows %}`,
prints the lines it printed when it was read as model instances and rendered cell by cell in
the template."""

import datetime as dt
import re
from typing import Any

import pytest
from django.db.models import Count, Q
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from congress.models import Session
from motions import report
from motions.models import Category, CoSignature, Motion
from motions.report import Item
from motions.services import intake, presidium, review
from motions.templatetags.motion_report import report_rows
from motions.workflow import SET_ASIDE, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sitting")]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# The report as it was read before values_list: model instances with their related rows.
def _items_from_instances(session: Session) -> list[tuple[Any, ...]]:
    motions = list(
        Motion.objects.filter(session=session, number__isnull=False)
        .select_related("lead_deputy", "delegation", "subject_body", "recommendation__body")
        .annotate(signed=Count("cosignatures", filter=Q(cosignatures__status="confirmed")))
        .order_by("number")
    )
    followers: dict[int, list[Motion]] = {}
    for m in motions:
        if m.status == Status.MERGED and m.merged_into_id:
            followers.setdefault(m.merged_into_id, []).append(m)
    lines = []
    for m in (m for m in motions if m.status not in SET_ASIDE):
        merged = sorted(followers.get(m.pk, []), key=lambda f: f.number or 0)
        parts = []
        for x in [m, *merged]:
            if x.kind == Motion.Kind.DELEGATION and x.delegation:
                parts.append(x.delegation.name)
            elif x.lead_deputy:
                parts.append(
                    _("%(lead)s and others, %(total)s deputies in all")
                    % {"lead": x.lead_deputy.name, "total": x.signed + 1}  # type: ignore[attr-defined]
                )
        recommendation = getattr(m, "recommendation", None)
        lines.append(
            (
                "与".join(f"{x.number_text}号" for x in [m, *merged]),
                m.title,
                "；".join(parts),
                str(Category(m.category).label),
                (m.subject_body.short_name or m.subject_body.name) if m.subject_body else "",
                str(recommendation.get_kind_display()) if recommendation else "",
                recommendation.kind if recommendation else "",
                recommendation.body.name if recommendation and recommendation.body else "",
                str(Status(m.status).label),
                m.report_due,
                (m.pk, *(f.pk for f in merged)),
            )
        )
    return lines


ROWS_AS_THEY_WERE = Template(
    "{% for i in items %}"
    '<tr><td class="nowrap">{{ i.numbers }}</td><td>{{ i.title }}</td><td>{{ i.proposers }}</td>'
    '<td>{{ i.recommendation|default:"—" }}{% if i.body %}：{{ i.body }}{% endif %}</td></tr>'
    "{% endfor %}"
)


def test_the_review_report_prints_the_lines_it_printed(
    filed, deputies, delegation, secretariat, meeting, committee, bodies, session, lead
):
    first = intake.motion_send_to_review(motion=filed(), actor=secretariat)
    second = intake.motion_send_to_review(
        motion=filed(lead_deputy=deputies[13], signers=9), actor=secretariat
    )
    third = intake.motion_send_to_review(
        motion=filed(title="关于<加强>“数据&安全”工作的议案", signers=11), actor=secretariat
    )
    fourth = filed(signers=10)
    review.motion_merge(
        motion=second, into=first, actor=committee[0].user, meeting=meeting, reason="内容相近"
    )
    review.motion_recommend(
        motion=first, actor=committee[0].user, meeting=meeting, kind="recess_review", body=bodies["法制委"]
    )
    review.motion_recommend(motion=third, actor=committee[0].user, meeting=meeting, kind="agenda")
    presidium.motion_withdraw(motion=fourth, actor=lead.user, reason="另行提出建议")
    # A motion on a classified field with a co-signer invited but not confirmed (not counted),
    # and a delegation's motion.
    Motion.objects.filter(pk=third.pk).update(subject_body=bodies["财经委"])
    CoSignature.objects.create(motion=third, deputy=deputies[12], status="invited")
    by_delegation = filed(signers=9)
    Motion.objects.filter(pk=by_delegation.pk).update(
        kind=Motion.Kind.DELEGATION,
        delegation=delegation,
        lead_deputy=None,
        plenary_date=dt.date(2026, 1, 25),
        head_signed_by=deputies[1],
        member_count=40,
        votes_for=30,
    )

    data = report.build(session)
    lines = [
        (
            i.numbers,
            i.title,
            i.proposers,
            i.category,
            i.area,
            i.recommendation,
            i.recommendation_kind,
            i.body,
            i.status,
            i.report_due,
            i.motion_ids,
        )
        for i in data.items
    ]
    assert lines == _items_from_instances(session)
    assert [line[0] for line in lines] == ["0001号与0002号", "0003号", "0005号"]
    assert data.withdrawn == ["0004号"] and data.merges == ["0001号与0002号"]
    # The lead counts with the confirmed co-signers; the invited one does not.
    assert data.signatures == sum(
        m.cosignatures.filter(status="confirmed").count() + (1 if m.lead_deputy_id else 0)
        for m in Motion.objects.filter(session=session)
    )

    # The page's table: the rows the template drew cell by cell, escaped alike.
    page = signed_in(secretariat).get(reverse("motions:report", args=[session.pk])).content.decode()
    table = re.search(r'<table class="list report-list">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert table is not None
    drawn = re.sub(r">\s+<", "><", table.group(1).strip())
    assert drawn == ROWS_AS_THEY_WERE.render(Context({"items": data.items}))
    assert "关于&lt;加强&gt;“数据&amp;安全”工作的议案" in drawn
    assert "：法制委" in drawn


def test_report_rows_escapes_each_cell_and_writes_a_dash_for_no_recommendation():
    items = [
        Item(
            numbers="0001号",
            title="<script>alert('x')</script> & \"引号\"",
            proposers="张三等10位代表联名",
            category="",
            area="",
            recommendation="",
            recommendation_kind="",
            body="",
            status="",
            report_due=None,
            motion_ids=(1,),
        ),
        Item(
            numbers="0002号与0016号",
            title="关于制定条例的议案",
            proposers="太原代表团；李四等12位代表联名",
            category="",
            area="",
            recommendation="建议闭会期间审议",
            recommendation_kind="recess_review",
            body="法制委<员会>",
            status="",
            report_due=None,
            motion_ids=(2, 16),
        ),
    ]
    assert report_rows(items).replace("\n", "") == ROWS_AS_THEY_WERE.render(Context({"items": items}))
    assert report_rows([]) == ""
