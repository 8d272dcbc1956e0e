"""A few demo liaison stations in Taiyuan, with deputies attached and station1 as staff."""

from congress.demo import demo_user
from congress.roles import Role
from deputies.models import Deputy
from liaison_stations.models import Station

STATIONS = [
    (
        "小店区坞城街道人大代表联络站",
        "小店区",
        "小店区人大常委会坞城街道工作委员会",
        "坞城路 92 号社区服务中心二层",
    ),
    ("迎泽区柳巷街道人大代表联络站", "迎泽区", "迎泽区人大常委会柳巷街道工作委员会", "柳巷北路 18 号"),
    ("清徐县清源镇人大代表联络站", "清徐县", "清源镇人民代表大会主席团", "清源镇政府院内东侧"),
]


def seed_stations(password_hash: str) -> None:
    staff = demo_user("station1", password_hash=password_hash, name="郭小燕", roles=[Role.STATION_STAFF])
    deputies = list(Deputy.objects.filter(delegation__name="太原代表团").order_by("id")[:30])
    for index, (name, county, host, address) in enumerate(STATIONS):
        station, created = Station.objects.get_or_create(
            city="太原",
            county=county,
            name=name,
            defaults={
                "host_body": host,
                "address": address,
                "opening_hours": "每月第一个星期三 9:00–12:00；工作日 9:00–17:00 可预约",
                "duties": "收集群众意见建议，组织代表接待群众，反馈办理情况。",
                "head_name": ["刘建华", "宋晓红", "白志刚"][index],
                "contact_phone": f"0351-70{index}1234",
            },
        )
        if created:
            station.deputies.set(deputies[index * 10 : index * 10 + 10])
            if index == 0:
                station.staff.add(staff)
                Station.objects.get_or_create(
                    kind=Station.Kind.POINT,
                    parent=station,
                    city="太原",
                    county=county,
                    name="坞城街道南内环社区人大代表联络点",
                    defaults={
                        "host_body": host,
                        "address": "南内环街 201 号社区居委会",
                        "opening_hours": "每周二 14:30–17:30",
                    },
                )
