"""The administrator's audit pages: administrators only; another authority's records answer 404."""

from __future__ import annotations

from tests.access import Case, expect

ADMIN_ONLY = expect(403, administrator=200)

CASES: list[Case] = [
    Case("core:audit_history", ADMIN_ONLY),
    Case("core:audit_history", ADMIN_ONLY, query="?model=cpd.CpdRecord&action=~", label="filtered"),
    Case("core:audit_history", expect(405), method="POST", label="POST is not allowed"),
    Case(
        "core:audit_record",
        ADMIN_ONLY,
        kwargs=lambda c: {"label": "workforce.Worker", "pk": c.sam.pk},
    ),
    Case(
        "core:audit_record",
        expect(403, administrator=404),
        kwargs=lambda c: {"label": "workforce.Worker", "pk": c.other_worker.pk},
        label="other authority",
    ),
    Case(
        "core:audit_record",
        expect(403, administrator=404),
        kwargs=lambda c: {"label": "core.User", "pk": c.administrator.pk},
        label="not an audited type",
    ),
    Case("core:audit_sign_ins", ADMIN_ONLY),
    Case("core:audit_downloads", ADMIN_ONLY),
]
