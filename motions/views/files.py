"""Downloads of a motion's files, for those who see the motion: its attachments and the
reviewing body's report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from congress.downloads import send_file
from motions.models import Attachment
from motions.selectors import motions_visible_to
from motions.views.common import report_file_name, visible_motion


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk, motion__in=motions_visible_to(request.user))
    return send_file(attachment.file, attachment.name)


@login_required
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    motion = visible_motion(request, pk)
    report = getattr(motion, "recess_report", None)
    if report is None:
        raise Http404
    return send_file(report.file, report_file_name(motion, report))
