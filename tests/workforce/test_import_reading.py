"""Files are read by their content (CSV in UTF-8, or XLSX), and whole files that cannot be imported are refused."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from workforce.imports import reading, validation
from workforce.imports.runs import import_file
from workforce.models import Assignment, ImportRun, Team, Worker

HEADER = "worker_id,first_name,last_name,email,swe_registration,team_code,team_name,role,contract,fte,start_date"
ROW = "N001,Nia,Owens,nia.owens@example.org,SW200001,FD,Front Door,case_holder,permanent,0.8,2024-04-01"


def _write(tmp_path: Path, content: bytes | str, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _import(cast, path: Path, kind: str = "staff"):  # noqa: ANN001, ANN202
    return import_file(kind=kind, path=path, filename=path.name, authority=cast.authority)


def _stored() -> tuple[int, int, int]:
    return Worker.objects.count(), Assignment.objects.count(), Team.objects.count()


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _refused_with(outcome, message: str) -> None:  # noqa: ANN001
    assert outcome.refused
    assert not outcome.written
    assert message in [p.message for p in outcome.report.problems if p.is_error]


@pytest.mark.django_db
def test_it_reads_a_csv_with_a_byte_order_mark(cast, tmp_path) -> None:  # noqa: ANN001
    path = _write(tmp_path, codecs.BOM_UTF8 + f"{HEADER}\r\n{ROW}\r\n".encode())

    outcome = _import(cast, path)

    assert outcome.written
    worker = Worker.objects.get(authority=cast.authority, worker_id="N001")
    assert (worker.first_name, worker.swe_registration) == ("Nia", "SW200001")
    assert worker.assignments.get().fte == Decimal("0.8")


@pytest.mark.django_db
def test_it_reads_an_xlsx_with_real_date_cells_and_numeric_codes_whatever_its_name(cast, tmp_path) -> None:  # noqa: ANN001
    """Numbers come back from XLSX as int or float: census code 5 and 5.0 both mean case_holder."""
    header = [*HEADER.split(","), "end_date", "leaving_reason", "gender", "start_origin", "date_of_birth"]
    content = _xlsx(
        [
            header,
            [
                "N001",
                "Nia",
                "Owens",
                None,
                "SW200001",
                "FD",
                "Front Door",
                5,
                "permanent",
                0.8,
                dt.datetime(2024, 4, 1),
                dt.date(2025, 3, 31),
                4,
                2,
                10,
                dt.date(1990, 5, 17),
            ],  # fmt: skip
            [],
            [
                "N002",
                "Olu",
                "Ade",
                None,
                "SW200002",
                "CP",
                "Child Protection",
                5.0,
                "agency",
                1,
                dt.date(2024, 5, 1),
                None,
                None,
                1,
                2,
                None,
            ],  # fmt: skip
        ]
    )
    path = _write(tmp_path, content, name="staff.csv")  # the name says CSV; the content is XLSX

    outcome = _import(cast, path)

    assert outcome.written, list(outcome.report.lines())
    first = Assignment.objects.get(worker__worker_id="N001")
    assert (first.role, first.fte, first.start_date) == ("case_holder", Decimal("0.8"), dt.date(2024, 4, 1))
    assert (first.end_date, first.leaving_reason) == (dt.date(2025, 3, 31), "dismissed")
    assert Assignment.objects.get(worker__worker_id="N002").role == "case_holder"
    worker = Worker.objects.get(worker_id="N001")
    assert (worker.gender, worker.start_origin, worker.date_of_birth) == ("2", "10", dt.date(1990, 5, 17))


@pytest.mark.django_db
def test_it_numbers_xlsx_rows_as_the_spreadsheet_shows_them(cast, tmp_path) -> None:  # noqa: ANN001
    content = _xlsx([HEADER.split(","), [], ["N001", "Nia", "Owens", None, None, "FD", "Front Door", "case_holder",
                                            "permanent", 2, dt.date(2024, 4, 1)]])  # fmt: skip

    outcome = _import(cast, _write(tmp_path, content, name="staff.xlsx"))

    assert [(p.row, p.column, p.value) for p in outcome.report.errors()] == [(3, "fte", "2")]


@pytest.mark.django_db
def test_it_reads_csv_content_in_a_file_named_xlsx(cast, tmp_path) -> None:  # noqa: ANN001
    outcome = _import(cast, _write(tmp_path, f"{HEADER}\n{ROW}\n", name="staff.xlsx"))

    assert outcome.written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02 stream", reading.FILE_NOT_CSV_OR_XLSX),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", reading.FILE_NOT_CSV_OR_XLSX),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, reading.FILE_OLD_EXCEL),
        ("Zoë,Smith\n".encode("cp1252"), reading.FILE_NOT_UTF8),
        ("worker_id\nA\n".encode("utf-16"), reading.FILE_NOT_UTF8),
        (b"", reading.FILE_EMPTY),
        (b"  \r\n\r\n", reading.FILE_EMPTY),
    ],
    ids=["pdf", "png", "old-xls", "windows-1252", "utf-16", "empty", "blank-lines"],
)
@pytest.mark.django_db
def test_it_refuses_files_it_cannot_read_and_stores_nothing(cast, tmp_path, content, message) -> None:  # noqa: ANN001
    before = _stored()

    outcome = _import(cast, _write(tmp_path, content, name="staff.csv"))

    _refused_with(outcome, message)
    assert _stored() == before
    assert ImportRun.objects.get().status == ImportRun.Status.REFUSED


@pytest.mark.django_db
def test_it_refuses_a_zip_that_is_not_a_workbook(cast, tmp_path) -> None:  # noqa: ANN001
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    outcome = _import(cast, _write(tmp_path, buffer.getvalue(), name="staff.xlsx"))

    _refused_with(outcome, reading.FILE_NOT_CSV_OR_XLSX)


@pytest.mark.django_db
def test_it_refuses_text_that_stops_being_utf8_part_way(cast, tmp_path) -> None:  # noqa: ANN001
    rows = "".join(
        f"N{i:03d},Nia,Owens,,SW2{i:05d},FD,Front Door,case_holder,permanent,1,2024-04-01\n" for i in range(3000)
    )
    content = f"{HEADER}\n{rows}".encode() + "Zoë,Smith\n".encode("cp1252")
    before = _stored()

    outcome = _import(cast, _write(tmp_path, content))

    _refused_with(outcome, reading.FILE_NOT_UTF8)
    assert [p.row for p in outcome.report.errors()] == [3002]
    assert _stored() == before


@pytest.mark.django_db
def test_it_refuses_a_header_without_rows(cast, tmp_path) -> None:  # noqa: ANN001
    _refused_with(_import(cast, _write(tmp_path, f"{HEADER}\n\n")), validation.FILE_HEADER_ONLY)


@pytest.mark.django_db
def test_it_refuses_a_file_without_a_header_row(cast, tmp_path) -> None:  # noqa: ANN001
    outcome = _import(cast, _write(tmp_path, f"{ROW}\n{ROW}\n"))

    _refused_with(outcome, validation.FILE_NO_HEADER.format(kind="staff"))
    assert outcome.report.errors()[0].row == 1


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_size_limit(cast, tmp_path, settings) -> None:  # noqa: ANN001
    settings.IMPORT_MAX_BYTES = 100

    outcome = _import(cast, _write(tmp_path, f"{HEADER}\n{ROW}\n"))

    _refused_with(outcome, reading.FILE_TOO_LARGE.format(limit="100 bytes"))


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_row_limit(cast, tmp_path, settings) -> None:  # noqa: ANN001
    settings.IMPORT_MAX_ROWS = 2
    rows = "\n".join(ROW.replace("N001", f"N00{i}").replace("SW200001", f"SW20000{i}") for i in range(3))
    before = _stored()

    outcome = _import(cast, _write(tmp_path, f"{HEADER}\n{rows}\n"))

    _refused_with(outcome, reading.FILE_TOO_MANY_ROWS.format(limit=2))
    assert _stored() == before


@pytest.mark.django_db
def test_it_refuses_semicolon_separated_files_with_a_clear_message(cast, tmp_path) -> None:  # noqa: ANN001
    outcome = _import(cast, _write(tmp_path, f"{HEADER.replace(',', ';')}\n{ROW.replace(',', ';')}\n"))

    _refused_with(outcome, validation.FILE_DELIMITER)


@pytest.mark.django_db
def test_it_reads_columns_in_any_order_and_case_with_spaces_around_names(cast, tmp_path) -> None:  # noqa: ANN001
    names = HEADER.split(",")
    values = ROW.split(",")
    header = ",".join(f" {name.upper()} " for name in reversed(names))
    row = ",".join(f"  {value}  " for value in reversed(values))

    outcome = _import(cast, _write(tmp_path, f"{header}\n{row}\n"))

    assert outcome.written, list(outcome.report.lines())
    assert Worker.objects.get(worker_id="N001").email == "nia.owens@example.org"


@pytest.mark.django_db
def test_it_reports_every_header_problem_and_suggests_near_names(cast, tmp_path) -> None:  # noqa: ANN001
    header = HEADER.replace(",fte,", ",ftee,").replace("last_name", "last_name,grade,first_name")
    before = _stored()

    outcome = _import(cast, _write(tmp_path, f"{header}\n{ROW},x,y\n"))

    problems = {(p.row, p.column, p.message) for p in outcome.report.errors()}
    assert (1, "ftee", validation.COLUMN_UNKNOWN_SUGGESTION.format(suggestion="fte")) in problems
    assert any(column == "grade" and message.startswith("Unknown column.") for _, column, message in problems)
    assert (1, "first_name", validation.COLUMN_TWICE) in problems
    assert (1, "fte", validation.COLUMN_MISSING.format(column="fte")) in problems
    assert _stored() == before


@pytest.mark.django_db
def test_it_refuses_values_in_a_column_without_a_heading(cast, tmp_path) -> None:  # noqa: ANN001
    second = ROW.replace("N001", "N002").replace("SW200001", "SW200002")
    outcome = _import(cast, _write(tmp_path, f"{HEADER}\n{ROW}\n{second},stray\n"))

    assert [(p.row, p.value, p.message) for p in outcome.report.errors()] == [
        (3, "stray", validation.COLUMN_NO_HEADING)
    ]


@pytest.mark.django_db
def test_it_says_when_the_file_is_another_kind(cast, tmp_path) -> None:  # noqa: ANN001
    outcome = _import(cast, _write(tmp_path, "worker_id,date,cases\nA001,2025-09-30,12\n"))

    _refused_with(outcome, validation.FILE_WRONG_KIND.format(kind="staff", other="caseloads"))


@pytest.mark.django_db
def test_it_refuses_a_damaged_workbook(cast, tmp_path) -> None:  # noqa: ANN001
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "this is not XML")

    outcome = _import(cast, _write(tmp_path, buffer.getvalue(), name="staff.xlsx"))

    _refused_with(outcome, reading.FILE_XLSX_UNREADABLE)
