"""Helpers for the CPD record tests: attachments with real file content, and uploads that lie about their kind."""

from __future__ import annotations

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from cpd.models import CpdAttachment, CpdRecord

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "certificate.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def zip_named_pdf(name: str = "certificate.pdf") -> SimpleUploadedFile:
    """A ZIP archive (not a Word or OpenDocument file) with a name that says PDF."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ not really")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def html_named_pdf(name: str = "notes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>", content_type="application/pdf")


def attach(record: CpdRecord, name: str = "certificate.pdf", content: bytes = PDF_BYTES) -> CpdAttachment:
    """An attachment stored in private storage, as the upload service would store it."""
    attachment = CpdAttachment(record=record, original_name=name, content_type="application/pdf", size=len(content))
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
