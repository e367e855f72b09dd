"""careers services, one module per area."""
