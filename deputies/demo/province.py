"""Demo delegations and about 550 deputies, generated the same way on every run."""

from __future__ import annotations

import random

from congress.demo import CITIES, demo_user
from congress.models import Congress, Organisation
from congress.roles import Role
from deputies.models import Delegation, Deputy
from deputies.pinyin import initials

# Deputies per delegation, roughly as in the 2021 gazette (552 in all).
DELEGATION_SIZES = {
    "太原": 80, "大同": 50, "朔州": 30, "忻州": 45, "阳泉": 22, "吕梁": 52,
    "晋中": 48, "长治": 50, "晋城": 35, "临汾": 60, "运城": 65,
}  # fmt: skip
PLA_DELEGATION = ("解放军和武警部队代表团", 15)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅海燕文斌晓东丽娟宇鹏飞春雷慧新宁"
ETHNICITIES = ["汉族"] * 46 + ["回族", "蒙古族", "满族", "土家族"]
OCCUPATIONS = [
    "{city}市人民政府副市长",
    "{city}市{county}县人民政府县长",
    "{city}市{county}县{village}村党支部书记、村委会主任",
    "{city}市第一人民医院院长",
    "{city}市实验中学教师",
    "山西{city}煤业集团有限公司董事长",
    "{city}市{county}县农业技术推广中心农艺师",
    "{city}市律师协会会长",
    "山西{city}新材料有限公司技术员",
    "{city}市总工会副主席",
    "{city}职业技术学院副院长",
    "{city}市{county}县供销合作社主任",
]
COUNTIES = ["城区", "清徐", "阳曲", "娄烦", "古交", "平定", "盂县", "寿阳", "昔阳", "和顺", "左权", "榆社"]
VILLAGES = ["东关", "西河", "南庄", "北坡", "杨家岭", "李家庄", "石门", "王村", "柳林", "河底"]


def _names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        name = rng.choice(SURNAMES) + given
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def seed_delegations(congress: Congress) -> list[Delegation]:
    city_scs = {o.name: o for o in Organisation.objects.filter(kind=Organisation.Kind.CITY_SC)}
    delegations = []
    for order, city in enumerate(CITIES):
        delegation, _ = Delegation.objects.get_or_create(
            congress=congress,
            name=f"{city}代表团",
            defaults={"city_sc": city_scs.get(f"{city}市人大常委会"), "sort_order": order},
        )
        delegations.append(delegation)
    pla, _ = Delegation.objects.get_or_create(
        congress=congress, name=PLA_DELEGATION[0], defaults={"sort_order": len(CITIES)}
    )
    delegations.append(pla)
    return delegations


def seed_deputies(congress: Congress, delegations: list[Delegation]) -> None:
    """Create each delegation's deputies once, with names unique across the province."""
    rng = random.Random(14)  # noqa: S311 - demo data, not security
    taken: set[str] = set()
    for delegation in delegations:
        city = delegation.name.removesuffix("代表团")
        size = DELEGATION_SIZES.get(city, PLA_DELEGATION[1])
        names = _names(rng, size, taken)  # drawn even when skipped, so names stay stable
        if Deputy.objects.filter(delegation=delegation).exists():
            continue
        deputies = []
        for i, name in enumerate(names):
            occupation = rng.choice(OCCUPATIONS).format(
                city=city, county=rng.choice(COUNTIES), village=rng.choice(VILLAGES)
            )
            deputies.append(
                Deputy(
                    congress=congress,
                    delegation=delegation,
                    name=name,
                    pinyin_initials=initials(name),  # bulk_create skips save()
                    gender=Deputy.Gender.FEMALE if rng.random() < 0.3 else Deputy.Gender.MALE,
                    ethnicity=rng.choice(ETHNICITIES),
                    constituency=f"{city}市人民代表大会" if city in CITIES else "解放军选举委员会",
                    occupation=occupation if city in CITIES else "部队干部",
                    phone=f"139{delegation.sort_order:02d}{i:06d}",
                )
            )
        Deputy.objects.bulk_create(deputies)
        head = Deputy.objects.filter(delegation=delegation).order_by("id").first()
        Delegation.objects.filter(pk=delegation.pk).update(head=head)


def seed_deputy_accounts(delegations: list[Delegation], password_hash: str) -> None:
    """deputy1 … deputy12 are the first twelve deputies of the first delegation."""
    first = delegations[0]
    deputies = list(Deputy.objects.filter(delegation=first).order_by("id")[:12])
    for number, deputy in enumerate(deputies, start=1):
        if deputy.user_id:
            continue
        user = demo_user(
            f"deputy{number}", password_hash=password_hash, name=deputy.name, roles=[Role.DEPUTY]
        )
        if not hasattr(user, "deputy"):
            deputy.user = user
            deputy.save(update_fields=["user"])
    staff = demo_user("dele1", password_hash=password_hash, name="韩雪", roles=[Role.DELEGATION_STAFF])
    first.staff.add(staff)
