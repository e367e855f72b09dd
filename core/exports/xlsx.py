"""Streaming XLSX output with openpyxl's write-only mode, safe against formula injection.

Real dates and numbers stay dates and numbers; text that a spreadsheet would run as a formula (beginning
with =, +, -, @, a tab or a carriage return) is escaped with a leading apostrophe and stored as text.

Data rows of plain text, numbers and dates are written as worksheet XML text in chunks (``_RowsXml``), not as
one openpyxl cell object per value: the same XML openpyxl writes, about four times faster (ADR 0027). openpyxl
still writes everything else (the workbook, styles, column widths, frozen panes, filters, the header row) and
any row holding a value of another kind.
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
from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Font
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
ROWS_PER_CHUNK = 200  # data rows parsed and written at once: ~150 kB of XML; more only costs memory
INFINITY = float("inf")
MAX_TEXT = 32767  # openpyxl cuts longer text; such rows go its way
COLUMN_LETTERS = tuple(get_column_letter(column) for column in range(1, 16385))  # A..XFD, Excel's last column


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
        cell.number_format = number_format or (DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT)
        return cell
    if number_format and value is not None:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    return value


class _RowsXml:
    """The data rows of one write-only sheet, written as worksheet XML text.

    openpyxl builds, types, styles and serialises a cell object for every value, which costs more than everything
    else in a 50,000-row export. Here each row of plain values becomes the XML openpyxl would write for it
    (``<c r="B2" t="inlineStr"><is><t>...</t></is></c>``, ``<c r="G2" s="3" t="n"><v>45930</v></c>``), a chunk of
    rows is parsed by lxml and written into openpyxl's own worksheet stream. A row holding anything else (text
    openpyxl would refuse, cut or read as an error code, a time, an aware datetime, NaN...) is written by openpyxl
    from ``_cell`` values, as before, so the file is what openpyxl alone would make.
    ``tests/workforce/test_turnover_workbook.py`` reads both back and compares every cell.

    It takes the place of openpyxl's private row generator (``WriteOnlyWorksheet._write_rows``, openpyxl 3.1):
    column widths and frozen panes must be set before it starts, as for ``ws.append``.
    """

    def __init__(self, ws: Any, number_formats: dict[int, str]) -> None:
        self.ws = ws
        self.number_formats = number_formats
        self.epoch = ws.parent.epoch
        self.style_ids: dict[str, str] = {}  # number format -> cell style id (registered on first use)
        self.serials: dict[dt.date, str] = {}  # date -> Excel serial number (dates repeat a lot)
        self.pending: list[tuple[Sequence[Any], int, str]] = []
        ws._get_writer()  # writes the sheet's head: widths and panes
        # Where ws.append would start openpyxl's generator; saving the workbook closes it (ending sheetData).
        self.stream = ws._rows = self._stream()
        next(self.stream)

    # -- the writer side: openpyxl's worksheet stream --------------------------------------------------------
    def _stream(self) -> Any:
        """Mirrors ``WriteOnlyWorksheet._write_rows``: XML chunks, or (row, index) pairs that openpyxl writes."""
        ws = self.ws
        xf = ws._writer.xf.send(True)
        with xf.element("sheetData"):
            try:
                while True:
                    item = yield
                    if isinstance(item, tuple):
                        cells, index = item
                        ws._writer.write_row(xf, ws._values_to_row(cells, index), index)
                    else:
                        for element in item:
                            xf.write(element)
            except GeneratorExit:
                pass
        ws._writer.xf.send(None)

    def openpyxl_row(self, row: Sequence[Any], index: int) -> None:
        cells = [_cell(self.ws, value, self.number_formats.get(i)) for i, value in enumerate(row)]
        self.stream.send((cells, index))

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        try:
            rows = etree.fromstring(f"<sheetData>{''.join(xml for _, _, xml in pending)}</sheetData>".encode())
        except etree.XMLSyntaxError:
            # Text no XML may hold (openpyxl lets some through to lxml): let openpyxl write, and fail, as before.
            for row, index, _ in pending:
                self.openpyxl_row(row, index)
            return
        self.stream.send(rows)

    def write(self, row: Sequence[Any], index: int) -> None:
        """Write one data row as row number ``index`` (1-based)."""
        if not isinstance(row, tuple | list):
            row = list(row)  # read twice if openpyxl has to write it
        xml = self.row_xml(row, index)
        if xml is None:
            self.flush()
            self.openpyxl_row(row, index)
            return
        self.pending.append((row, index, xml))
        if len(self.pending) >= ROWS_PER_CHUNK:
            self.flush()

    def close(self) -> None:
        self.flush()

    # -- the values ------------------------------------------------------------------------------------------
    def style_id(self, number_format: str) -> str:
        style = self.style_ids.get(number_format)
        if style is None:
            cell = WriteOnlyCell(self.ws)
            cell.number_format = number_format
            style = self.style_ids[number_format] = str(cell.style_id)
        return style

    def row_xml(self, row: Sequence[Any], index: int) -> str | None:
        """The row's XML, or None when openpyxl should write it."""
        if len(row) > len(COLUMN_LETTERS):
            return None
        r = str(index)
        parts = [f'<row r="{r}">']
        for column, value in enumerate(row):
            if value is None:
                continue
            letter = COLUMN_LETTERS[column]
            if isinstance(value, bool):
                value = "Yes" if value else "No"
            if isinstance(value, str):
                if value.startswith(FORMULA_PREFIXES):
                    value = "'" + value
                if not value:
                    parts.append(f'<c r="{letter}{r}" t="inlineStr"/>')
                    continue
                if len(value) > MAX_TEXT or value in ERROR_CODES or ILLEGAL_CHARACTERS_RE.search(value):
                    return None
                space = ' xml:space="preserve"' if value != value.strip() else ""
                text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
                parts.append(f'<c r="{letter}{r}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
                continue
            number_format = self.number_formats.get(column)
            kind = type(value)
            if kind is dt.date:
                number = self.serials.get(value)
                if number is None:
                    number = self.serials[value] = safe_string(to_excel(value, self.epoch))
                if number_format is None:
                    number_format = DATE_FORMAT
                elif not is_date_format(number_format):
                    return None
            elif kind is dt.datetime and value.tzinfo is None:
                number = safe_string(to_excel(value, self.epoch))
                if number_format is None:
                    number_format = DATETIME_FORMAT
                elif not is_date_format(number_format):
                    return None
            elif kind is int or kind is float or kind is Decimal:
                value = float(value) if kind is Decimal else value
                if value != value or value in (INFINITY, -INFINITY):
                    return None
                number = safe_string(value)
            else:
                return None
            style = f' s="{self.style_id(number_format)}"' if number_format else ""
            parts.append(f'<c r="{letter}{r}"{style} t="n"><v>{number}</v></c>')
        parts.append("</row>")
        return "".join(parts)


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
        rows = _RowsXml(ws, sheet.number_formats)
        rows.stream.send((header, 1))
        count = 0
        for count, row in enumerate(sheet.rows, start=1):  # noqa: B007 (the count is used after the loop)
            rows.write(row, count + 1)
        rows.close()
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
