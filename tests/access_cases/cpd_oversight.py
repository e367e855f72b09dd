"""Role × URL cases of the CPD overview and its download."""

from __future__ import annotations

from tests.access import MANAGERS_AND_HR, Case, expect

# The other authority's manager sees their own authority's overview; social workers and panel members have none.
OVERVIEW = expect(403, **MANAGERS_AND_HR, other_authority_manager=200)

CASES: list[Case] = [
    Case("cpd:overview", OVERVIEW),
    Case("cpd:overview", OVERVIEW, query="?status=at_risk&year=2024", label="filtered"),
    Case(
        "cpd:overview",
        expect(403, team_manager=404, service_manager=200, workforce_officer=200, administrator=200,
               other_authority_manager=404),
        data=lambda c: {"team": c.child_protection.pk},
        label="a team outside a team manager's scope",
    ),
    Case("cpd:overview", expect(405), method="POST", label="POST is not allowed"),
    Case("core:export_download", OVERVIEW, kwargs=lambda c: {"export_id": "cpd-overview"}, label="cpd-overview"),
]  # fmt: skip
