"""Where the tests find the spec's worked example: ../shared/examples/small, beside the checkout (as in CI)."""

from __future__ import annotations

from pathlib import Path

WORKED_EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "small"
