"""Demo data for the shared core: the 14th congress term, its sessions and organisations.

Every function is idempotent: it creates what is missing and leaves what exists (and what
users changed) alone, so `make run` can seed on every start.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from congress.models import Congress, Organisation, Session, User, UserRole
from congress.roles import Role

BEIJING = ZoneInfo("Asia/Shanghai")

# (number, opens, closes): the annual January sessions of the 14th term.
SESSIONS = [
    (1, dt.date(2023, 1, 13), dt.date(2023, 1, 17)),
    (2, dt.date(2024, 1, 23), dt.date(2024, 1, 27)),
    (3, dt.date(2025, 1, 19), dt.date(2025, 1, 23)),
    (4, dt.date(2026, 1, 25), dt.date(2026, 1, 29)),
    (5, dt.date(2027, 1, 24), dt.date(2027, 1, 28)),
]

HANDLING_UNITS: list[tuple[str, str, str]] = [
    ("省发展和改革委员会", "省发展改革委", Organisation.Kind.GOVERNMENT),
    ("省教育厅", "省教育厅", Organisation.Kind.GOVERNMENT),
    ("省科学技术厅", "省科技厅", Organisation.Kind.GOVERNMENT),
    ("省工业和信息化厅", "省工信厅", Organisation.Kind.GOVERNMENT),
    ("省公安厅", "省公安厅", Organisation.Kind.GOVERNMENT),
    ("省民政厅", "省民政厅", Organisation.Kind.GOVERNMENT),
    ("省司法厅", "省司法厅", Organisation.Kind.GOVERNMENT),
    ("省财政厅", "省财政厅", Organisation.Kind.GOVERNMENT),
    ("省人力资源和社会保障厅", "省人社厅", Organisation.Kind.GOVERNMENT),
    ("省自然资源厅", "省自然资源厅", Organisation.Kind.GOVERNMENT),
    ("省生态环境厅", "省生态环境厅", Organisation.Kind.GOVERNMENT),
    ("省住房和城乡建设厅", "省住建厅", Organisation.Kind.GOVERNMENT),
    ("省交通运输厅", "省交通运输厅", Organisation.Kind.GOVERNMENT),
    ("省水利厅", "省水利厅", Organisation.Kind.GOVERNMENT),
    ("省农业农村厅", "省农业农村厅", Organisation.Kind.GOVERNMENT),
    ("省商务厅", "省商务厅", Organisation.Kind.GOVERNMENT),
    ("省文化和旅游厅", "省文旅厅", Organisation.Kind.GOVERNMENT),
    ("省卫生健康委员会", "省卫健委", Organisation.Kind.GOVERNMENT),
    ("省退役军人事务厅", "省退役军人厅", Organisation.Kind.GOVERNMENT),
    ("省应急管理厅", "省应急厅", Organisation.Kind.GOVERNMENT),
    ("省审计厅", "省审计厅", Organisation.Kind.GOVERNMENT),
    ("省市场监督管理局", "省市场监管局", Organisation.Kind.GOVERNMENT),
    ("省医疗保障局", "省医保局", Organisation.Kind.GOVERNMENT),
    ("省能源局", "省能源局", Organisation.Kind.GOVERNMENT),
    ("省林业和草原局", "省林草局", Organisation.Kind.GOVERNMENT),
    ("省体育局", "省体育局", Organisation.Kind.GOVERNMENT),
    ("省高级人民法院", "省高院", Organisation.Kind.COURT),
    ("省人民检察院", "省检察院", Organisation.Kind.PROCURATORATE),
    ("国网山西省电力公司", "省电力公司", Organisation.Kind.OTHER_UNIT),
    ("省邮政管理局", "省邮政管理局", Organisation.Kind.OTHER_UNIT),
]

CONGRESS_BODIES: list[tuple[str, str, str]] = [
    ("省人大常委会人事代表工作委员会", "人事代表工委", Organisation.Kind.COMMITTEE),
    ("省人大法制委员会", "法制委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大财政经济委员会", "财经委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大监察和司法委员会", "监察司法委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大教育科学文化卫生委员会", "教科文卫委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大环境与资源保护委员会", "环资委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大农业与农村委员会", "农委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大社会建设委员会", "社会委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大民族宗教侨务外事委员会", "民宗侨外委", Organisation.Kind.SPECIAL_COMMITTEE),
    ("省人大常委会办公厅", "常委会办公厅", Organisation.Kind.WORKING_BODY),
    ("省人大常委会法制工作委员会", "法工委", Organisation.Kind.WORKING_BODY),
    ("省人大常委会预算工作委员会", "预算工委", Organisation.Kind.WORKING_BODY),
    ("省人民政府办公厅", "省政府办公厅", Organisation.Kind.GENERAL_OFFICE),
]

CITIES = ["太原", "大同", "朔州", "忻州", "阳泉", "吕梁", "晋中", "长治", "晋城", "临汾", "运城"]


def seed_congress() -> Congress:
    congress, _ = Congress.objects.get_or_create(
        number=14, defaults={"starts": dt.date(2023, 1, 13), "ends": dt.date(2028, 1, 12)}
    )
    for number, opens, closes in SESSIONS:
        # The motion deadline is the third day at noon; the presidium last meets the evening
        # before the closing meeting (USERS.md, from the 2021 gazette).
        Session.objects.get_or_create(
            congress=congress,
            number=number,
            defaults={
                "opens": opens,
                "closes": closes,
                "motion_deadline": dt.datetime.combine(opens + dt.timedelta(days=2), dt.time(12), BEIJING),
                "last_presidium_meeting": dt.datetime.combine(
                    closes - dt.timedelta(days=1), dt.time(17), BEIJING
                ),
            },
        )
    return congress


def seed_organisations() -> None:
    rows = (
        HANDLING_UNITS
        + CONGRESS_BODIES
        + [(f"{c}市人大常委会", f"{c}市人大常委会", "city_sc") for c in CITIES]
    )
    existing = set(Organisation.objects.values_list("name", flat=True))
    Organisation.objects.bulk_create(
        [
            Organisation(name=name, short_name=short, kind=kind, sort_order=order)
            for order, (name, short, kind) in enumerate(rows)
            if name not in existing
        ]
    )


def demo_user(
    username: str,
    *,
    password_hash: str,
    name: str,
    roles: list[Role] | tuple[Role, ...] = (),
    organisation: Organisation | None = None,
    superuser: bool = False,
) -> User:
    """Create a demo account once; a second run keeps a changed password or name."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "name": name,
            "password": password_hash,
            "organisation": organisation,
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in roles])
    return user


def seed_staff_accounts(password_hash: str) -> None:
    org = {o.name: o for o in Organisation.objects.all()}
    committee = org["省人大常委会人事代表工作委员会"]
    demo_user("admin", password_hash=password_hash, name="系统管理员", superuser=True)
    demo_user(
        "staff1",
        password_hash=password_hash,
        name="王丽华",
        roles=[Role.COMMITTEE_STAFF],
        organisation=committee,
    )
    demo_user(
        "sec1", password_hash=password_hash, name="赵建国", roles=[Role.SECRETARIAT], organisation=committee
    )
    demo_user("review1", password_hash=password_hash, name="孙志强", roles=[Role.REVIEW_COMMITTEE])
    demo_user(
        "super1",
        password_hash=password_hash,
        name="周明",
        roles=[Role.SUPERVISOR],
        organisation=org["省人大财政经济委员会"],
    )
    for prefix, unit_name, clerk, head in [
        ("unit1", "省教育厅", "李晓梅", "张伟"),
        ("unit2", "省交通运输厅", "陈刚", "刘洋"),
    ]:
        unit = org[unit_name]
        demo_user(
            prefix, password_hash=password_hash, name=clerk, roles=[Role.UNIT_HANDLER], organisation=unit
        )
        demo_user(
            f"{prefix}head", password_hash=password_hash, name=head, roles=[Role.UNIT_HEAD], organisation=unit
        )
