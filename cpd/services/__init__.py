"""cpd services, one module per area."""
