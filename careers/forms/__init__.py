"""careers forms, one module per area."""
