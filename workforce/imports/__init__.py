"""Spreadsheet imports (spec sections 4 and 5): staff, establishment, caseloads and absences, from CSV or XLSX.

reading (files by content) -> validation (every check, every problem) -> writing (plan, then one transaction);
runs ties them together with ImportRun and the one-import-per-authority guard; report renders the problems.
"""
