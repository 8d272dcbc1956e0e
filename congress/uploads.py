"""Uploaded documents are checked by their bytes, not only their names: a renamed program
must not pass as a PDF on a government portal."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from congress.errors import DomainError

MAX_DOCUMENT = 20 * 1024 * 1024
# How each kind of document begins (its "magic number").
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
DOCUMENTS = frozenset({".pdf", ".doc", ".docx"})


def check_document(
    upload: Any, *, allowed: frozenset[str] = DOCUMENTS, max_bytes: int = MAX_DOCUMENT
) -> None:
    """Refuse a file that is too large, of a kind not allowed, or whose bytes are not what its
    name says."""
    name = (getattr(upload, "name", "") or "").lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in allowed:
        raise DomainError(
            "upload_invalid",
            _("Attach a file of these kinds: %(kinds)s.") % {"kinds": "、".join(sorted(allowed))},
            status=400,
        )
    if (getattr(upload, "size", 0) or 0) > max_bytes:
        raise DomainError(
            "upload_invalid",
            _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            status=400,
        )
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[suffix]):
        raise DomainError(
            "upload_invalid",
            _("The file's contents do not match its name (%(suffix)s).") % {"suffix": suffix},
            status=400,
        )
