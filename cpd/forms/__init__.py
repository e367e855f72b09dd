"""cpd forms, one module per area."""
