"""Files the portal hands out after the permission check of the record that holds them. The
bytes are read from the storage (the local disk or the S3 bucket, congress.storage) and
streamed through the response: there is no public link to an upload."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.encoding import escape_uri_path

from suggestions.models import Reply
from suggestions.permissions import may_see_reply, visible_suggestions


def send_file(file: FieldFile, name: str) -> FileResponse:
    """The stored file as a download named `name`, read in blocks from wherever it is stored."""
    response = FileResponse(file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    return response


@login_required
def reply_scan(request: HttpRequest, reply_id: int) -> FileResponse:
    """The sealed scan of a signed reply (S§29), for whom the reply page shows it to: who may
    see the suggestion and that reply (suggestions.permissions); 404 to anyone else."""
    reply = get_object_or_404(Reply.objects.select_related("assignment"), pk=reply_id)
    user = request.user
    seen = visible_suggestions(user).filter(pk=reply.assignment.suggestion_id).exists()
    if not (seen and may_see_reply(user, reply) and reply.scan):
        raise Http404
    name = (reply.scan.name or "").rsplit("/", 1)[-1]
    return send_file(reply.scan, name)
