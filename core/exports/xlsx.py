"""Streaming XLSX output with openpyxl's write-only mode, safe against formula injection.

Real dates and numbers stay dates and numbers; text that a spreadsheet would run as a formula (beginning
with =, +, -, @, a tab or a carriage return) is escaped with a leading apostrophe and stored as text.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8


def escape_text(value: str) -> str:
    """Make text inert: a leading apostrophe stops a spreadsheet reading it as a formula."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass
class Sheet:
    """One worksheet: a title, a single header row, and rows of plain Python values."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    column_widths: Sequence[int] | None = None
    number_formats: dict[int, str] = field(default_factory=dict)  # column index -> Excel number format
    freeze_header: bool = True
    autofilter: bool = True


def _cell(ws: Any, value: Any, number_format: str | None) -> Any:
    """A plain value where openpyxl needs no style (fast), a styled cell only for dates and formatted numbers."""
    if isinstance(value, str):
        # Escaped text no longer starts with "=", so openpyxl stores it as text, never as a formula.
        return escape_text(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format or ("DD/MM/YYYY HH:MM" if isinstance(value, dt.datetime) else DATE_FORMAT)
        return cell
    if number_format and value is not None:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    return value


def _widths(sheet: Sheet) -> list[int]:
    if sheet.column_widths:
        return list(sheet.column_widths)
    return [max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, len(str(h)) + 4)) for h in sheet.headers]


def write_workbook(sheets: Iterable[Sheet], target: IO[bytes] | str) -> int:
    """Write the sheets to a file or path, streaming rows; returns the number of data rows written."""
    wb = Workbook(write_only=True)
    total = 0
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title[:31])
        for index, width in enumerate(_widths(sheet), start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        if sheet.freeze_header:
            ws.freeze_panes = "A2"
        header = []
        for title in sheet.headers:
            cell = WriteOnlyCell(ws, value=escape_text(str(title)))
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        count = 0
        for row in sheet.rows:
            ws.append([_cell(ws, value, sheet.number_formats.get(i)) for i, value in enumerate(row)])
            count += 1
        if sheet.autofilter and sheet.headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{count + 1}"
        total += count
    wb.save(target)
    return total


def attachment_filename(name: str, extension: str = "xlsx") -> str:
    """House style: '<name> - <YYYY-MM-DD-HH-MM-SS>.xlsx'."""
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H-%M-%S")
    return f"{name} - {stamp}.{extension}"


def xlsx_response(name: str, sheets: Iterable[Sheet]) -> FileResponse:
    """An attachment response. Rows stream into a spooled temporary file, so memory stays bounded."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    rows = write_workbook(sheets, spool)
    spool.seek(0)
    response = FileResponse(
        spool, as_attachment=True, filename=attachment_filename(name), content_type=XLSX_CONTENT_TYPE
    )
    response.data_rows = rows  # for the download log (core.audit.middleware)
    return response
