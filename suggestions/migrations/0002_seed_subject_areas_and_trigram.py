# The subject areas staff route by, and on PostgreSQL a trigram index for finding similar
# suggestions by title (pg_trgm). On other databases the index is skipped.
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

AREAS = [
    "经济发展", "财政金融", "工业和信息化", "农业农村", "教育", "科技", "卫生健康", "社会保障", "交通运输",
    "城乡建设", "生态环境", "自然资源", "文化旅游", "政法", "民政", "应急管理", "市场监管", "其他",
]


def seed_areas(apps, schema_editor):
    SubjectArea = apps.get_model("suggestions", "SubjectArea")
    for order, name in enumerate(AREAS):
        SubjectArea.objects.get_or_create(name=name, defaults={"sort_order": order})


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS sugg_title_trgm ON suggestions_suggestion USING gin (title gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS sugg_title_trgm")


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed_areas, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
