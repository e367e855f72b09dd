"""careers exports, one module per area."""
