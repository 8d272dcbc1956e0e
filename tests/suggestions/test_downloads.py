"""Uploads are reached through the portal, after the check of the record that holds them:
nothing is served from a public folder (there is no /media/ route)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from suggestions.models import Attachment
from tests.suggestions.follow_up import reply_through_services

pytestmark = pytest.mark.django_db


def test_a_suggestion_s_attachment_reaches_who_may_see_the_suggestion_only(
    client, file_suggestion, make_deputy, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    suggestion = file_suggestion()
    attachment = Attachment(
        suggestion=suggestion, name="调研报告.pdf", uploaded_by=suggestion.lead_deputy.user
    )
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
    url = reverse("suggestions:attachment", args=[suggestion.pk, attachment.pk])
    client.force_login(suggestion.lead_deputy.user)
    assert url in client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
    client.force_login(make_deputy("王五").user)  # another deputy: the suggestion is not theirs
    assert client.get(url).status_code == 404


def test_the_sealed_scan_reaches_the_readers_of_the_reply(
    client, assigned, units, make_deputy, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    reply = reply_through_services(assigned(), clerk=units["unit1"], head=units["unit1head"])
    url = reverse("suggestions:reply-scan", args=[reply.pk])
    client.force_login(units["unit1"])
    assert url in client.get(reverse("suggestions:reply", args=[reply.pk])).content.decode()
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF")
    client.force_login(units["unit2"])  # another unit
    assert client.get(url).status_code == 404
