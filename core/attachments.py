"""Files that users attach to their records (CPD certificates, evidence notes).

An upload is accepted by what it *is*, not by what it is called: the first bytes must match one of the allowed
kinds, and the name's extension must agree with them (a ``.pdf`` that is really a ZIP is refused). Files are
written under ``PRIVATE_MEDIA_ROOT``, outside the web root, under random names, and are only ever sent by a view
that has checked the user may see the record they belong to (``attachment_response``).
"""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject

ERROR_EMPTY = "The selected file is empty."
ERROR_TOO_BIG = "The selected file must be smaller than {limit}."
ERROR_KIND = "The selected file must be a PDF, Word document, OpenDocument text, JPEG, PNG or plain text file."
ERROR_MISMATCH = "The selected file is not what its name says: its name ends .{extension} but it is not a {kind} file."


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("PDF", "application/pdf", ("pdf",))
PNG = Kind("PNG", "image/png", ("png",))
JPEG = Kind("JPEG", "image/jpeg", ("jpg", "jpeg"))
DOCX = Kind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
ODT = Kind("OpenDocument text", "application/vnd.oasis.opendocument.text", ("odt",))
TEXT = Kind("plain text", "text/plain", ("txt",))
KINDS = (PDF, PNG, JPEG, DOCX, ODT, TEXT)


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def _human_size(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _zip_member(stream: IO[bytes], name: str) -> bytes | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            return archive.read(name) if name in archive.namelist() else None
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None


def sniff(stream: IO[bytes]) -> Kind | None:
    """The kind of file the content shows, or None when it is none of the allowed kinds."""
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        if _zip_member(stream, "word/document.xml") is not None:
            stream.seek(0)
            return DOCX
        mimetype = _zip_member(stream, "mimetype")
        stream.seek(0)
        if mimetype == ODT.content_type.encode():
            return ODT
        return None
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            return None
    return TEXT


def check_upload(uploaded: UploadedFile) -> Kind:
    """The kind of an uploaded file; ValidationError (for the form field) when it may not be kept."""
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(ERROR_EMPTY, code="empty")
    if size > max_bytes():
        raise ValidationError(ERROR_TOO_BIG.format(limit=_human_size(max_bytes())), code="too_big")
    kind = sniff(uploaded.file)
    if kind is None:
        raise ValidationError(ERROR_KIND, code="kind")
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    if extension not in kind.extensions:
        if any(extension in other.extensions for other in KINDS):
            raise ValidationError(
                ERROR_MISMATCH.format(extension=extension, kind=_kind_for_extension(extension).label),
                code="mismatch",
            )
        raise ValidationError(ERROR_KIND, code="kind")
    return kind


def _kind_for_extension(extension: str) -> Kind:
    return next(kind for kind in KINDS if extension in kind.extensions)


def safe_name(name: str) -> str:
    """The original name, reduced to what is safe in a Content-Disposition header and a listing."""
    base = PurePath(name or "file").name
    cleaned = "".join(ch if ch.isalnum() or ch in " ._-()" else "_" for ch in base).strip(" .")
    return cleaned[:120] or "file"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Storage under PRIVATE_MEDIA_ROOT: never under STATIC_ROOT, never given a URL."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through an access-checked view.")


class _LazyPrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = PrivateStorage(directory_permissions_mode=0o700, file_permissions_mode=0o600)


private_storage = _LazyPrivateStorage()


def get_private_storage() -> PrivateStorage:
    """For FileField(storage=...): a callable, so that tests may point PRIVATE_MEDIA_ROOT elsewhere."""
    return private_storage  # type: ignore[return-value]


def upload_to(instance: Any, filename: str) -> str:
    """A random name under the model's folder; the original name is kept on the row, not on disk."""
    folder = f"{instance._meta.app_label}/{instance._meta.model_name}"
    extension = PurePath(filename).suffix.lower()
    return f"{folder}/{secrets.token_urlsafe(18)}{extension}"


def save_attachment(attachment: Any, uploaded: UploadedFile, *, user: Any) -> Any:
    """Check an upload and save it as the given attachment (an unsaved AttachmentBase row whose owner is set).

    The file is written only when the row is saved, so a refused upload leaves nothing on disk. Raises
    ValidationError (for the form's file field) when the upload may not be kept.
    """
    kind = check_upload(uploaded)
    attachment.original_name = safe_name(uploaded.name or "")
    attachment.content_type = kind.content_type
    attachment.size = uploaded.size or 0
    attachment.created_by = attachment.updated_by = user
    attachment.file = uploaded
    attachment.full_clean(exclude=["file"])
    attachment.save()
    return attachment


def attachment_response(attachment: Any) -> FileResponse:
    """Send a stored attachment as a download (never rendered inline), after the caller checked access."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
