"""cpd selectors, one module per area."""
