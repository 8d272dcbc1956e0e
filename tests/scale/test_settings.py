"""What the scaling settings make of the environment, read in a fresh process as a server
starts: the statement timeout, the replica alias, the upload storage."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.services import ROOT

PRINT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({"databases": settings.DATABASES, "storage": settings.STORAGES["default"],
                  "routers": settings.DATABASE_ROUTERS}, default=str))
"""
POSTGRES = "postgres://portal@db.internal:5432/portal"


def settings_with(**env: str) -> dict:
    names = (
        "DATABASE_URL",
        "DATABASE_REPLICA_URL",
        "DB_STATEMENT_TIMEOUT_MS",
        "DB_JIT",
        "S3_BUCKET",
        "S3_ENDPOINT_URL",
    )
    clean = {k: v for k, v in os.environ.items() if k not in names}
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", PRINT],
        cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": "congress.settings", **env},
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_statement_timeout_is_set_on_each_postgresql_connection_when_asked():
    web = settings_with(DATABASE_URL=POSTGRES, DB_STATEMENT_TIMEOUT_MS="10000")["databases"]["default"]
    worker = settings_with(DATABASE_URL=POSTGRES)["databases"]["default"]
    assert web["OPTIONS"] == {"options": "-c jit=off -c statement_timeout=10000"}
    assert "statement_timeout" not in worker["OPTIONS"]["options"]


def test_postgresql_connections_compile_no_query_unless_asked():
    assert settings_with(DATABASE_URL=POSTGRES)["databases"]["default"]["OPTIONS"] == {
        "options": "-c jit=off"
    }
    assert not settings_with(DATABASE_URL=POSTGRES, DB_JIT="1")["databases"]["default"].get("OPTIONS")


def test_a_replica_url_adds_the_replica_alias_mirrored_in_tests():
    s = settings_with(
        DATABASE_URL=POSTGRES,
        DATABASE_REPLICA_URL="postgres://portal@replica.internal:5432/portal",
        DB_STATEMENT_TIMEOUT_MS="10000",
    )
    replica = s["databases"]["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["TEST"]["MIRROR"] == "default"
    assert replica["OPTIONS"] == s["databases"]["default"]["OPTIONS"]  # web reads time out there too
    assert s["routers"] == ["congress.replica.ReplicaRouter"]
    assert "replica" not in settings_with(DATABASE_URL=POSTGRES)["databases"]


def test_uploads_stay_on_the_local_disk_unless_a_bucket_is_named():
    assert settings_with()["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    s3 = settings_with(S3_BUCKET="portal-uploads", S3_ENDPOINT_URL="https://oss.example.cn")["storage"]
    assert s3["BACKEND"] == "congress.storage.PortalS3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "portal-uploads"
    assert s3["OPTIONS"]["endpoint_url"] == "https://oss.example.cn"


def test_without_a_replica_the_reports_context_reads_default(make_unit):
    from congress.models import Organisation
    from congress.replica import reads_from_replica

    make_unit("省教育厅")
    with reads_from_replica():
        assert Organisation.objects.count() == 1
