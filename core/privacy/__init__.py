"""Data protection (UK GDPR): subject access exports and the retention of leavers' records.

``core`` composes the domain apps here (docs/adr/0001): the export reads workforce, cpd and careers records, and
the retention run anonymises them. See docs/data-protection.md and docs/adr/0021-subject-access-and-retention.md.
"""
