"""Uploaded files in an S3-compatible bucket (S3_BUCKET; MinIO, Ceph, a cloud's object
storage), through django-storages; without S3_BUCKET they stay on the local disk (MEDIA_ROOT).

Uploads are not public: sealed reply scans and motion attachments are read through the
portal's views, each after the permission check of the record that holds the file, which
stream the bytes (congress.downloads). So the bucket stays private and a file's `url` never
names the bucket, nor signs a link to it: it is the same /media/ path as on disk, which no
view serves. Whoever holds a link learns nothing and can fetch nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PortalS3Storage(S3Storage):
    # Two uploads of "reply.pdf" keep both files, as on disk (django-storages overwrites by default).
    file_overwrite = False
    # Reading a file holds up to 2 MiB in memory, the rest in a temporary file.
    max_memory_size = 2 * 1024 * 1024

    def url(self, name: str, parameters: Any = None, expire: Any = None, http_method: Any = None) -> str:
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
