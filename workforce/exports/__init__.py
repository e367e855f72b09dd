"""Downloadable workforce tables, registered in core.exports.registry (one module per area)."""

from __future__ import annotations

from workforce.exports import agency, caseloads, dashboard, staff  # noqa: F401  (importing registers the exports)
