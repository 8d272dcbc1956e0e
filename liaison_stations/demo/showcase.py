"""Demo liaison stations in Taiyuan: a few real-looking stations with deputies, officers, a
year of receptions (one month left out, so the flag shows) and matters in every status."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from congress.deadlines.periods import BEIJING
from congress.demo import demo_user
from congress.models import User
from congress.roles import Role
from deputies.models import Deputy
from liaison_stations import workflow
from liaison_stations.models import (
    Attachment,
    Event,
    Forwarding,
    LiaisonOfficer,
    Opinion,
    Reception,
    Station,
)
from liaison_stations.rules import month_bounds

STATIONS = [
    (
        "小店区坞城街道人大代表联络站",
        "小店区",
        "小店区人大常委会坞城街道工作委员会",
        Station.HostKind.SUBDISTRICT_COMMITTEE,
        "坞城路 92 号社区服务中心二层",
    ),
    (
        "迎泽区柳巷街道人大代表联络站",
        "迎泽区",
        "迎泽区人大常委会柳巷街道工作委员会",
        Station.HostKind.SUBDISTRICT_COMMITTEE,
        "柳巷北路 18 号",
    ),
    (
        "清徐县清源镇人大代表联络站",
        "清徐县",
        "清源镇人民代表大会主席团",
        Station.HostKind.TOWNSHIP_PRESIDIUM,
        "清源镇政府院内东侧",
    ),
]
DUTIES = (
    "宣传宪法、法律、法规和党的路线方针政策；听取群众意见和建议；"
    "组织代表联系群众、视察调研、学习培训；及时汇总梳理、分类处理群众意见建议并反馈办理情况。"
)
MATTERS = [
    (
        "urban_construction",
        "小区北门外道路坑洼，雨天积水，老人出行不便，希望尽快修补。",
        "小区北门外道路破损积水，影响出行。",
    ),
    ("transport", "公交 8 路晚上九点后就停运，下夜班的职工回家困难。", "建议延长公交 8 路夜间运营时间。"),
    ("education", "附近小学放学时段校门口拥堵，缺少交通疏导。", "小学放学时段校门口交通拥堵。"),
    ("health", "社区卫生服务站周末不开门，老年人看病要跑远路。", "社区卫生服务站周末不开诊。"),
    ("social_security", "老年食堂就餐名额太少，很多独居老人排不上。", "社区老年食堂名额不足。"),
    ("environment", "河边夜市散场后垃圾无人清运，气味很大。", "河边夜市散场后垃圾清运不及时。"),
    ("employment", "希望街道多组织几场面向大龄失业人员的招聘会。", "建议为大龄失业人员多办专场招聘。"),
]
ANSWERS = [
    "区住建局已安排施工队于本月完成修补，并增设排水口。",
    "市公交公司已将末班车延至 22:30，自下月起执行。",
    "区交警大队已在放学时段安排警力和志愿者疏导。",
    "区卫健局已协调卫生服务站周六上午开诊。",
]


def seed_stations(password_hash: str) -> None:
    staff = demo_user("station1", password_hash=password_hash, name="郭小燕", roles=[Role.STATION_STAFF])
    point_staff = demo_user("point1", password_hash=password_hash, name="阎晓红", roles=[Role.STATION_STAFF])
    deputies = list(Deputy.objects.filter(delegation__name="太原代表团").order_by("id")[:30])
    for index, (name, county, host, host_kind, address) in enumerate(STATIONS):
        station, created = Station.objects.get_or_create(
            city="太原",
            county=county,
            name=name,
            defaults={
                "host_body": host,
                "host_kind": host_kind,
                "address": address,
                "opening_hours": "每月第一个星期三 8:30–12:30；工作日 9:00–17:00 可预约",
                "duties": DUTIES,
                "head_name": ["刘建华", "宋晓红", "白志刚"][index],
                "contact_phone": f"0351-70{index}1234",
                "established_on": dt.date(2022, 3, 1),
            },
        )
        if not created:
            continue
        # D§21: provincial deputies attach where they were elected (here: Taiyuan).
        Attachment.objects.bulk_create(
            [
                Attachment(station=station, deputy=d, basis=Attachment.Basis.CONSTITUENCY)
                for d in deputies[index * 10 : index * 10 + 10]
            ]
        )
        LiaisonOfficer.objects.bulk_create(
            [
                LiaisonOfficer(
                    station=station, name="张丽", background=LiaisonOfficer.Background.CONGRESS_STAFF
                ),
                LiaisonOfficer(
                    station=station,
                    name="赵建军",
                    background=LiaisonOfficer.Background.LOCAL_DEPUTY,
                    sort_order=1,
                ),
            ]
        )
        if index == 0:
            station.staff.add(staff)
            point, _created = Station.objects.get_or_create(
                kind=Station.Kind.POINT,
                parent=station,
                city="太原",
                county=county,
                name="坞城街道南内环社区人大代表联络点",
                defaults={
                    "host_body": "南内环社区居民委员会",
                    "host_kind": Station.HostKind.COMMUNITY,
                    "address": "南内环街 201 号社区居委会",
                    "opening_hours": "每周二 14:30–17:30",
                },
            )
            point.staff.add(point_staff)
            _seed_activity(station, point, deputies[:10], staff)


def _seed_activity(station: Station, point: Station, deputies: list[Deputy], staff: User) -> None:
    """A year of receptions at the first station, one month left out, and its matters."""
    today = timezone.localdate()
    rng = random.Random(31)  # noqa: S311 - demo data
    # The last twelve months and this one, on each month's first Wednesday; three months ago
    # is left out, so the missing-months flag has something to show.
    for back in range(12, -1, -1):
        index = today.year * 12 + today.month - 1 - back
        first, _following = month_bounds(index // 12, index % 12 + 1)
        if back == 3:
            continue
        day = first + dt.timedelta(days=(2 - first.weekday()) % 7)
        held = day < today
        reception = Reception.objects.create(
            station=station,
            kind=Reception.Kind.REGULAR,
            starts_at=dt.datetime.combine(day, dt.time(8, 30), BEIJING),
            ends_at=dt.datetime.combine(day, dt.time(12, 30), BEIJING),
            place=station.address,
            status=Reception.Status.HELD if held else Reception.Status.SCHEDULED,
            summary="接待群众 6 人次，收集意见 4 条。" if held else "",
            created_by=staff,
        )
        reception.deputies.set(rng.sample(deputies, 3) if held else deputies[:3])
        Event.objects.create(
            reception=reception, actor=staff, action="schedule", to_status=Reception.Status.SCHEDULED
        )
        if held:
            _seed_matters(station, point, reception, day, rng, staff)
    upcoming = today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)
    thematic = Reception.objects.create(
        station=station,
        point=point,
        kind=Reception.Kind.THEMATIC,
        theme="老旧小区改造专题接待",
        starts_at=dt.datetime.combine(upcoming, dt.time(14, 0), BEIJING),
        ends_at=dt.datetime.combine(upcoming, dt.time(18, 0), BEIJING),
        place=point.address,
        created_by=staff,
    )
    thematic.deputies.set(deputies[:2])


def _seed_matters(
    station: Station, point: Station, reception: Reception, day: dt.date, rng: random.Random, staff: User
) -> None:
    from congress.deadlines.calendar import deadline
    from congress.deadlines.statutory import policy_rule

    for n in range(2):
        category, matter, summary = rng.choice(MATTERS)
        age = (timezone.localdate() - day).days
        status = (
            workflow.OpinionStatus.CLOSED
            if age > 60
            else workflow.OpinionStatus.FORWARDED
            if age > 10
            else workflow.OpinionStatus.PENDING
        )
        answered = status in workflow.WITH_ANSWER
        opinion = Opinion.objects.create(
            tracking_code=f"DEMO{reception.pk:04d}{n:04d}",
            station=station,
            point=point if n else None,
            reception=reception,
            visitor_name=rng.choice(["李桂兰", "王建国", "张秀英", "刘志强"]),
            visitor_contact=f"1380351{rng.randrange(10000):04d}",
            visitor_address="坞城路社区",
            matter=matter,
            category=category,
            summary=summary if status != workflow.OpinionStatus.PENDING else "",
            received_on=day,
            status=status,
            answer=rng.choice(ANSWERS) if answered else "",
            answered_on=day + dt.timedelta(days=30) if answered else None,
            feedback_on=day + dt.timedelta(days=32) if answered else None,
            feedback_way=Opinion.FeedbackWay.PHONE if answered else "",
            created_by=staff,
        )
        opinion.received_by.set(reception.deputies.all()[:1])
        Event.objects.create(
            opinion=opinion, actor=staff, action="register", to_status=workflow.OpinionStatus.PENDING
        )
        if status == workflow.OpinionStatus.FORWARDED:
            forwarded_on = day + dt.timedelta(days=3)
            due = deadline(policy_rule("station_forward"), forwarded_on)
            Forwarding.objects.create(
                opinion=opinion,
                body_name="小店区住房和城乡建设局",
                forwarded_on=forwarded_on,
                reply_due=due.due,
                reply_due_provisional=due.provisional,
                forwarded_by=staff,
            )
