"""cpd views, one module per area."""
