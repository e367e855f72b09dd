"""careers views, one module per area."""
