"""The subject areas staff route suggestions by; staff can add more in the admin."""

from typing import Any

AREAS = [
    "经济发展", "财政金融", "工业和信息化", "农业农村", "教育", "科技", "卫生健康", "社会保障", "交通运输",
    "城乡建设", "生态环境", "自然资源", "文化旅游", "政法", "民政", "应急管理", "市场监管", "其他",
]  # fmt: skip


def seed_subject_areas(apps: Any) -> None:
    """Used by the data migration (historical models) and by the browser tests."""
    SubjectArea = apps.get_model("suggestions", "SubjectArea")
    for order, name in enumerate(AREAS):
        SubjectArea.objects.get_or_create(name=name, defaults={"sort_order": order})
