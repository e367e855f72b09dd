"""Uploaded files kept between the preview and the confirmation, in a private directory.

Files live under ``MEDIA_ROOT/imports/`` (outside the web root, never served directly), named after their
ImportRun and a random token that only the uploader's session holds. Beside the upload sit the checked
outcome (JSON, for the result page) and the problem report (XLSX). The upload is deleted once the file has
been imported or refused; everything is deleted after MAX_AGE.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from workforce.models import ImportRun

DIRECTORY = "imports"
MAX_AGE_SECONDS = 24 * 60 * 60
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
UPLOAD, OUTCOME, REPORT = "upload", "json", "xlsx"


def directory() -> Path:
    path = Path(settings.MEDIA_ROOT) / DIRECTORY
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def new_token() -> str:
    return secrets.token_urlsafe(24)


def path_for(run: ImportRun, token: str, part: str) -> Path:
    if not TOKEN_PATTERN.match(token):
        raise ValueError("Not an upload token.")
    return directory() / f"{run.pk}-{token}.{part}"


def save_upload(run: ImportRun, token: str, uploaded: UploadedFile) -> Path:
    path = path_for(run, token, UPLOAD)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    return path


def save_outcome(run: ImportRun, token: str, summary: dict[str, Any]) -> None:
    path = path_for(run, token, OUTCOME)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as target:
        json.dump(summary, target, default=str)


def load_outcome(run: ImportRun, token: str) -> dict[str, Any] | None:
    try:
        with path_for(run, token, OUTCOME).open(encoding="utf-8") as source:
            return json.load(source)
    except (OSError, ValueError):
        return None


def delete(run: ImportRun, token: str, *parts: str) -> None:
    for part in parts or (UPLOAD, OUTCOME, REPORT):
        with contextlib.suppress(FileNotFoundError):
            path_for(run, token, part).unlink()


def purge_old(max_age: int = MAX_AGE_SECONDS) -> int:
    """Delete files older than ``max_age`` seconds; returns how many were deleted."""
    limit = time.time() - max_age
    deleted = 0
    for path in directory().iterdir():
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                deleted += 1
    return deleted
