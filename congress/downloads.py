"""Files the portal hands out after the permission check of the record that holds them. The
bytes are read from the storage (the local disk or the S3 bucket, congress.storage) and
streamed through the response: there is no public link to an upload."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.encoding import escape_uri_path


def send_file(file: FieldFile, name: str) -> FileResponse:
    """The stored file as a download named `name`, read in blocks from wherever it is stored."""
    response = FileResponse(file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    return response
