"""Opening an uploaded file as a table of rows, by its content (never its name): CSV in UTF-8, or XLSX.

An XLSX file is a zip archive holding ``xl/workbook.xml``; anything else must be UTF-8 text (a byte order mark
is fine) and is read as comma-separated values. Rows stream: neither format is read into memory whole.
Cells come back as stripped text, except XLSX date cells, which come back as ``datetime.date``; XLSX numbers
come back as their text (5.0 as "5"), so that census codes and figures read the same from both formats.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

CSV = "CSV"
XLSX = "XLSX"
SAMPLE_BYTES = 64 * 1024
XLSX_MARKER = "xl/workbook.xml"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected workbooks
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
TEXT_CONTROL_ALLOWED = {"\t", "\n", "\r", "\x0c"}
# A zip entry that expands more than this many times is refused: real sheets compress about 10 to 20 times.
MAX_XLSX_RATIO = 200
MAX_XLSX_EXPANDED_PER_BYTE = 40  # the whole archive may expand to at most 40 times the upload limit

FILE_NOT_CSV_OR_XLSX = (
    "The file is not a CSV or an Excel (.xlsx) file. Save it as 'CSV UTF-8 (comma delimited)' or as an Excel "
    "workbook (.xlsx) and upload it again."
)
FILE_OLD_EXCEL = (
    "The file is an old Excel (.xls) file or a password-protected workbook. Save it as an Excel workbook (.xlsx) "
    "without a password, or as 'CSV UTF-8 (comma delimited)', and upload it again."
)
FILE_NOT_UTF8 = (
    "The file is not UTF-8 text. In Excel, save it as 'CSV UTF-8 (comma delimited)' (not 'CSV' or 'Unicode text') "
    "and upload it again."
)
FILE_EMPTY = "The file is empty. Choose the file that holds the data, with the header row in the first line."
FILE_TOO_LARGE = "The file is larger than {limit}. Split it into smaller files and import each one."
FILE_TOO_MANY_ROWS = "The file has more than {limit:,} data rows. Split it into smaller files and import each one."
FILE_XLSX_UNREADABLE = (
    "The Excel file cannot be read: it may be damaged. Open it in Excel, save it again as an Excel workbook "
    "(.xlsx) and upload it again."
)
FILE_XLSX_NO_SHEET = "The Excel file has no worksheet. Put the data in the first sheet and upload it again."
FILE_CSV_MALFORMED = (
    "The file is not a well-formed CSV file ({detail}). Save it again as 'CSV UTF-8 (comma delimited)' and upload it."
)


class FileRefused(Exception):  # noqa: N818 (it is a refusal, reported to the user, not a programming error)
    """The whole file is refused; ``row`` is the row where reading stopped, when known."""

    def __init__(self, message: str, *, row: int | None = None, value: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.value = value


Cell = str | dt.date


@dataclass
class Table:
    """A file opened for reading: its format, its header row (row 1) and an iterator over the data rows.

    ``rows`` yields ``(row_number, cells)`` for each row that is not blank, numbered as a spreadsheet shows
    them (the header is row 1). It raises FileRefused when the file turns out to be unreadable part-way, or
    has more rows than allowed.
    """

    format: str
    header: list[str]
    rows: Iterator[tuple[int, tuple[Cell, ...]]]


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"


@contextmanager
def open_table(path: Path | str, *, max_bytes: int, max_rows: int) -> Iterator[Table]:
    """Open the file at ``path`` as a Table. Raises FileRefused for a file that cannot be imported at all."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise FileRefused(FILE_TOO_LARGE.format(limit=human_size(max_bytes)))
    if size == 0:
        raise FileRefused(FILE_EMPTY)
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        handle.seek(0)
        if sample.startswith(ZIP_SIGNATURE):
            with _open_xlsx(handle, max_bytes=max_bytes, max_rows=max_rows) as table:
                yield table
            return
        _check_text(sample)
        yield _open_csv(handle, max_rows=max_rows)


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------
def _check_text(sample: bytes) -> None:
    """Refuse content that is not UTF-8 text: binary files, other encodings (a UTF-8 BOM is fine)."""
    if sample.startswith(OLE_SIGNATURE):
        raise FileRefused(FILE_OLD_EXCEL)
    if sample.startswith(UTF16_BOMS):
        raise FileRefused(FILE_NOT_UTF8)
    if b"\x00" in sample:
        raise FileRefused(FILE_NOT_CSV_OR_XLSX)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        text = decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
    except UnicodeDecodeError:
        # Text in another encoding (Windows-1252 from "Save as CSV") has no control characters; binary has.
        if _control_characters(sample.decode("latin-1")) > len(sample) // 100:
            raise FileRefused(FILE_NOT_CSV_OR_XLSX) from None
        raise FileRefused(FILE_NOT_UTF8) from None
    if _control_characters(text):
        raise FileRefused(FILE_NOT_CSV_OR_XLSX)
    if not text.strip():
        raise FileRefused(FILE_EMPTY)


def _control_characters(text: str) -> int:
    return sum(1 for char in text if char < " " and char not in TEXT_CONTROL_ALLOWED)


def _decoded_lines(handle: IO[bytes]) -> Iterator[str]:
    """The file's lines as text, decoded one by one so that a bad byte is reported on its own row.

    A newline byte never occurs inside a multi-byte UTF-8 character, so splitting before decoding is safe.
    """
    first = handle.readline()
    if not first:
        return
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8) :]
    yield first.decode("utf-8")
    yield from map(bytes.decode, handle)  # UTF-8, strict: the same as above, without a Python step per line


def _open_csv(handle: IO[bytes], *, max_rows: int) -> Table:
    reader = csv.reader(_decoded_lines(handle))
    try:
        header = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _csv_refusal(exc, 1) from None
    if header is None:
        raise FileRefused(FILE_EMPTY)
    return Table(format=CSV, header=[cell.strip() for cell in header], rows=_csv_rows(reader, max_rows))


def _csv_rows(reader: Any, max_rows: int) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    number = 1
    count = 0
    strip = str.strip
    try:
        for record in reader:  # an unreadable row raises here, with ``number`` still that of the row before it
            number += 1
            cells = tuple(map(strip, record))
            if not any(cells):
                continue
            count += 1
            if count > max_rows:
                raise FileRefused(FILE_TOO_MANY_ROWS.format(limit=max_rows), row=number)
            yield number, cells
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _csv_refusal(exc, number + 1) from None


def _csv_refusal(exc: Exception, row: int) -> FileRefused:
    if isinstance(exc, UnicodeDecodeError):
        return FileRefused(FILE_NOT_UTF8, row=row)
    return FileRefused(FILE_CSV_MALFORMED.format(detail=str(exc).rstrip(".")), row=row)


# ---------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------
@contextmanager
def _open_xlsx(handle: IO[bytes], *, max_bytes: int, max_rows: int) -> Iterator[Table]:
    # Imported here: openpyxl is only needed for XLSX files.
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(handle)
        names = set(archive.namelist())
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(FILE_NOT_CSV_OR_XLSX) from None
    if XLSX_MARKER not in names:
        raise FileRefused(FILE_NOT_CSV_OR_XLSX)
    expanded = sum(info.file_size for info in infos)
    if expanded > max_bytes * MAX_XLSX_EXPANDED_PER_BYTE or any(
        info.file_size > 1024 * 1024 and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1) for info in infos
    ):
        raise FileRefused(FILE_XLSX_UNREADABLE)
    handle.seek(0)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds of error for a damaged file)
        raise FileRefused(FILE_XLSX_UNREADABLE) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(FILE_XLSX_NO_SHEET)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        try:
            first = next(rows, None)
        except Exception:  # noqa: BLE001
            raise FileRefused(FILE_XLSX_UNREADABLE, row=1) from None
        if first is None:
            raise FileRefused(FILE_EMPTY)
        header = [_text(cell) for cell in first]
        yield Table(format=XLSX, header=header, rows=_xlsx_rows(rows, max_rows))
    finally:
        workbook.close()


def _xlsx_rows(rows: Iterator[tuple[Any, ...]], max_rows: int) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    number = 1
    count = 0
    while True:
        try:
            values = next(rows, None)
        except Exception:  # noqa: BLE001
            raise FileRefused(FILE_XLSX_UNREADABLE, row=number + 1) from None
        if values is None:
            return
        number += 1
        cells = tuple(_xlsx_cell(value) for value in values)
        if not any(cells):
            continue
        count += 1
        if count > max_rows:
            raise FileRefused(FILE_TOO_MANY_ROWS.format(limit=max_rows), row=number)
        yield number, cells


def _xlsx_cell(value: Any) -> Cell:
    """A cell as text, except real dates. Numbers read as they show: 5.0 as "5", 0.6 as "0.6"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _text(value: Any) -> str:
    cell = _xlsx_cell(value)
    return cell.isoformat() if isinstance(cell, dt.date) else cell


def cell_text(cell: Cell) -> str:
    """The value of a cell as given, for the problem report."""
    return cell.isoformat() if isinstance(cell, dt.date) else cell
