"""Workforce forms, one module per area. `records` holds the GOV.UK form base classes (GovukForm, DateField)."""
