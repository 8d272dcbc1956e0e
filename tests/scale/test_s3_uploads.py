"""Uploads on S3-compatible storage (django-storages, S3_BUCKET), tested against moto's S3
server started on a local port: a motion attachment uploaded through the API and a reply's
sealed scan are stored in the bucket, not on disk, and come back byte for byte through the
portal's views after their permission checks. No page ever links to the bucket."""

from __future__ import annotations

import datetime as dt
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import filepath_to_uri
from moto.server import ThreadedMotoServer

from congress.models import Session
from congress.roles import Role
from motions.models import Attachment, Motion
from motions.services import filing
from suggestions.models import SubjectArea
from suggestions.services.assignment import HandlingUnit, suggestion_accept_and_assign
from suggestions.services.filing import suggestion_create, suggestion_submit
from suggestions.workflow import Role as UnitRole
from tests.scale.processes import free_port
from tests.suggestions.follow_up import reply_through_services

BUCKET = "portal-uploads"
ATTACHMENT = b"%PDF-1.7\n" + "《山西省数据条例（草案）》".encode() * 4000  # ~150 KB: read in many blocks


@pytest.fixture
def bucket(settings, tmp_path) -> Iterator[Any]:
    """moto's S3 server on a local port, a private bucket in it, and the portal's uploads
    configured as congress.settings does for S3_BUCKET and S3_ENDPOINT_URL."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets in the process, across servers: start from none.
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"))  # noqa: S310
    keys = {"aws_access_key_id": "portal-test", "aws_secret_access_key": "portal-test-secret"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "congress.storage.PortalS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": endpoint, "access_key": keys["aws_access_key_id"],
                "secret_key": keys["aws_secret_access_key"], "region_name": "us-east-1", "addressing_style": "path",
            },
        },
    }  # fmt: skip
    try:
        yield client
    finally:
        server.stop()


def stored_keys(client: Any) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def downloaded(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def test_a_motion_attachment_goes_to_the_bucket_and_comes_back_through_the_portal(
    bucket, congress_term, make_deputy, api, client, settings
):
    lead, outsider = make_deputy("李明"), make_deputy("王芳")
    now = timezone.now()
    session = Session.objects.create(
        congress=congress_term, number=5, opens=now.date(), closes=now.date() + dt.timedelta(days=4),
        motion_deadline=now + dt.timedelta(days=1), last_presidium_meeting=now + dt.timedelta(days=2),
    )  # fmt: skip
    motion = filing.motion_create(
        session=session, actor=lead.user, kind=Motion.Kind.JOINT, title="关于制定《山西省数据条例》的议案",
        category=Motion.Category.LEGISLATION, regulation_action=Motion.RegulationAction.MAKE,
    )  # fmt: skip

    upload = SimpleUploadedFile("条例草案.pdf", ATTACHMENT, content_type="application/pdf")
    answer = api(lead.user).post(
        f"/api/v1/motions/{motion.pk}/attachments/",
        {"kind": "draft_text", "file": upload},
        format="multipart",
    )
    assert answer.status_code == 200, answer.content
    attachment = Attachment.objects.get(motion=motion)

    key = attachment.file.name or ""
    assert stored_keys(bucket) == [key]
    assert key.startswith("motions/attachments/")
    assert not (settings.MEDIA_ROOT).exists()  # nothing on the local disk
    # Never a link to the bucket, signed or not: the path on the portal, as on disk.
    assert attachment.file.url == "/media/" + filepath_to_uri(key)

    client.force_login(lead.user)
    response = client.get(f"/motions/attachments/{attachment.pk}/")
    assert downloaded(response) == ATTACHMENT
    assert "%E6%9D%A1%E4%BE%8B%E8%8D%89%E6%A1%88.pdf" in response["Content-Disposition"]
    client.force_login(outsider.user)  # not a signer of this draft: it is not theirs to see
    assert client.get(f"/motions/attachments/{attachment.pk}/").status_code == 404


def test_a_sealed_reply_scan_goes_to_the_bucket_and_comes_back_through_the_portal(
    bucket, make_deputy, make_user, make_unit, client
):
    education, transport = make_unit("省教育厅"), make_unit("省交通运输厅")
    clerk = make_user("unit1", Role.UNIT_HANDLER, organisation=education)
    head = make_user("unit1head", Role.UNIT_HEAD, organisation=education)
    other_clerk = make_user("unit2", Role.UNIT_HANDLER, organisation=transport)
    staff = make_user("staff1", Role.COMMITTEE_STAFF)
    lead = make_deputy("李明")
    suggestion = suggestion_create(
        actor=lead.user, lead_deputy=lead, title="关于农村教师的建议", body="b",
        subject_area=SubjectArea.objects.get(name="教育"), session=None,
    )  # fmt: skip
    suggestion_submit(suggestion=suggestion, actor=lead.user)
    [assignment] = suggestion_accept_and_assign(
        suggestion=suggestion, units=[HandlingUnit(education, UnitRole.SOLE)], actor=staff
    )
    reply = reply_through_services(assignment, clerk=clerk, head=head)

    key = reply.scan.name or ""
    assert stored_keys(bucket) == [key]
    assert default_storage.exists(key)
    scan = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert scan.startswith(b"%PDF")

    for reader in (lead.user, head, staff):
        client.force_login(reader)
        assert downloaded(client.get(f"/suggestions/replies/{reply.pk}/scan/")) == scan
    client.force_login(other_clerk)  # a unit never sees another unit's reply
    assert client.get(f"/suggestions/replies/{reply.pk}/scan/").status_code == 404
    client.logout()
    assert client.get(f"/suggestions/replies/{reply.pk}/scan/").status_code == 302  # to the login page
