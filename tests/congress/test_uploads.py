import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.errors import DomainError
from congress.uploads import check_document


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("报告.pdf", b"%PDF-1.7\n"),
        ("草案.docx", b"PK\x03\x04rest"),
        ("旧稿.doc", b"\xd0\xcf\x11\xe0\xa1\xb1"),
    ],
)
def test_real_documents_pass(name, data):
    check_document(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("virus.exe", b"MZ\x90\x00", "kinds"),
        ("renamed.pdf", b"MZ\x90\x00", "contents"),
        ("noext", b"%PDF-1.4", "kinds"),
    ],
)
def test_other_files_are_refused_with_a_reason(name, data, words):
    with pytest.raises(DomainError) as refusal:
        check_document(SimpleUploadedFile(name, data))
    assert refusal.value.code == "upload_invalid"


def test_a_large_file_is_refused():
    upload = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 100)
    with pytest.raises(DomainError):
        check_document(upload, max_bytes=50)
