"""Template files for each kind of import: the exact header row and one example row, as CSV and as XLSX."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from core.exports.xlsx import Sheet
from workforce.imports.schemas import COLUMNS

# Columns written as numbers in the XLSX template (a spreadsheet would flag numbers stored as text).
NUMBER_COLUMNS = frozenset(
    {
        "fte",
        "establishment_fte",
        "cases",
        "child_in_need",
        "child_protection",
        "child_in_care",
        "care_leaver",
        "other_cases",
        "working_days_lost",
    }
)
FORMATS = ("csv", "xlsx")


def template_name(kind: str) -> str:
    return f"{kind} import template"


def template_csv(kind: str) -> bytes:
    """UTF-8 with a byte order mark, so that Excel opens it with the right encoding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS[kind]])
    writer.writerow([_csv_value(column.example) for column in COLUMNS[kind]])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def template_sheet(kind: str) -> Sheet:
    columns = COLUMNS[kind]
    row = [_xlsx_value(column.name, column.example) for column in columns]
    return Sheet(
        title=kind,
        headers=[column.name for column in columns],
        rows=[row],
        column_widths=[max(12, len(column.name) + 4) for column in columns],
    )


def _csv_value(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _xlsx_value(name: str, value: Any) -> Any:
    if name in NUMBER_COLUMNS and value != "":
        number = Decimal(str(value))
        return int(number) if number == number.to_integral_value() else number
    return value if value != "" else None
