"""Role × URL cases of the data protection pages: subject access exports and retention policies (administrators)."""

from __future__ import annotations

from typing import Any

from tests.access import Case, expect
from tests.conftest import Cast

# Scope first (404 outside it), then the role: only an administrator may export a person's data.
SAR = expect(403, panel_member=404, other_authority_manager=404, administrator=200)
ADMIN = expect(403, administrator=200)


def sam(c: Cast) -> dict[str, Any]:
    return {"pk": c.sam.pk}


def sam_as(fmt: str) -> Any:
    return lambda c: {"pk": c.sam.pk, "fmt": fmt}


CASES: list[Case] = [
    Case("core:subject_access", SAR, kwargs=sam),
    Case("core:subject_access", expect(405), kwargs=sam, method="POST", label="POST is not allowed"),
    Case(
        "core:subject_access",
        expect(404, workforce_officer=403, administrator=200),
        kwargs=lambda c: {"pk": c.cic_worker.pk},
        label="other service area",
    ),
    Case(
        "core:subject_access",
        expect(404, other_authority_manager=403),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
    Case("core:subject_access_download", SAR, kwargs=sam_as("xlsx"), label="xlsx"),
    Case("core:subject_access_download", SAR, kwargs=sam_as("json"), label="json"),
    Case("core:subject_access_download", SAR, kwargs=sam_as("zip"), label="zip"),
    Case("core:subject_access_download", expect(404), kwargs=sam_as("csv"), label="unknown format"),
    Case(
        "core:subject_access_download",
        expect(404, other_authority_manager=403),
        kwargs=lambda c: {"pk": c.other_worker.pk, "fmt": "json"},
        label="other authority",
    ),
    Case("core:retention_policy", ADMIN),
    Case("core:retention_policy", ADMIN, method="POST", label="invalid"),
]
