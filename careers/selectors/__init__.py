"""careers selectors, one module per area."""
