"""Attachments are accepted by their content, not their name, and kept outside the web root."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.attachments import DOCX, JPEG, ODT, PDF, PNG, TEXT, check_upload, private_storage, safe_name

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("certificate.pdf", PDF_BYTES, PDF),
        ("photo.png", PNG_BYTES, PNG),
        ("scan.JPG", JPEG_BYTES, JPEG),
        ("scan.jpeg", JPEG_BYTES, JPEG),
        ("notes.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), DOCX),
        ("notes.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), ODT),
        ("notes.txt", "Reflection with my supervisor – café".encode(), TEXT),
    ],
)
def test_it_accepts_each_allowed_kind_by_content(name: str, content: bytes, kind: object) -> None:
    assert check_upload(SimpleUploadedFile(name, content)) is kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("certificate.pdf", b"<html><script>alert(1)</script></html>", "its name ends .pdf but it is not a PDF"),
        ("certificate.pdf", _zip({"evil.exe": b"MZ"}), "must be a PDF, Word document"),
        ("photo.png", JPEG_BYTES, "its name ends .png but it is not a PNG"),
        ("notes.txt", PDF_BYTES, "its name ends .txt but it is not a plain text"),
        ("program.exe", b"MZ\x90\x00\x03", "must be a PDF, Word document"),
        ("page.html", b"<html></html>", "must be a PDF, Word document"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile(name, content))
    assert message in caught.value.messages[0]


def test_it_refuses_a_file_over_the_size_limit(settings) -> None:  # noqa: ANN001
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="smaller than 1 KB"):
        check_upload(SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2048))


def test_it_stores_files_under_the_private_root_and_gives_them_no_url(settings, tmp_path) -> None:  # noqa: ANN001
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    name = private_storage.save("cpd/x/test.pdf", io.BytesIO(PDF_BYTES))
    assert (tmp_path / "private" / name).read_bytes() == PDF_BYTES
    with pytest.raises(ValueError, match="no URL"):
        private_storage.url(name)


def test_it_keeps_only_safe_characters_of_the_original_name() -> None:
    assert safe_name('../../etc/pass"wd; rm.pdf') == "pass_wd_ rm.pdf"
    assert safe_name("") == "file"
