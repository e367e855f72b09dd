"""cpd exports, one module per area."""
