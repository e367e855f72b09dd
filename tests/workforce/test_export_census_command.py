"""The `export_census` command (spec section 5): `--year YYYY PATH [--authority CODE]`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from tests.processes import manage_py
from tests.workforce.factories import AuthorityFactory
from tests.workforce.test_turnover_workbook import load_small_example
from workforce.census import RETURN_COLUMNS
from workforce.models import Authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def example() -> Authority:
    return load_small_example(code="NOR")


def run(*args: str) -> str:
    out = StringIO()
    call_command("export_census", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_return_and_prints_one_line(example: Authority, tmp_path: Path) -> None:
    path = tmp_path / "census.xlsx"
    output = run("--year", "2025", str(path))
    assert output.splitlines() == [
        f"Wrote the 2025 census return of NOR (as at 2025-09-30) to {path}: 11 rows (2 starters, 3 leavers), "
        "5 problems to check."
    ]
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["Workers", "Counts", "Checks"]
    header, *rows = list(book["Workers"].iter_rows(values_only=True))
    assert header == RETURN_COLUMNS
    assert len(rows) == 11


def test_an_earlier_year_has_its_own_rows(example: Authority, tmp_path: Path) -> None:
    output = run("--year", "2024", str(tmp_path / "c.xlsx"), "--authority", "nor")
    assert "Wrote the 2024 census return of NOR (as at 2024-09-30)" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "25"], "--year must be a year written YYYY between 2000 and 2100, not '25'."),
        (["--year", "2025-09-30"], "--year must be a year written YYYY between 2000 and 2100, not '2025-09-30'."),
        (["--year", "1999"], "--year must be a year written YYYY between 2000 and 2100, not '1999'."),
        (["--year", "2025", "--authority", "NOPE"], "There is no authority with the code 'NOPE'."),
    ],
)
def test_it_refuses_bad_arguments_with_a_one_line_reason(
    example: Authority, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as raised:
        run(*args, str(tmp_path / "x.xlsx"))
    assert str(raised.value) == message
    assert not (tmp_path / "x.xlsx").exists()


def test_it_refuses_a_path_it_cannot_write(example: Authority, tmp_path: Path) -> None:
    path = tmp_path / "missing" / "census.xlsx"
    with pytest.raises(CommandError) as raised:
        run("--year", "2025", str(path))
    assert str(raised.value) == f"Cannot write {path}: there is no folder {path.parent}."


def test_it_asks_for_the_authority_when_there_are_several(example: Authority, tmp_path: Path) -> None:
    AuthorityFactory(code="SOU")
    with pytest.raises(CommandError, match="name one with --authority CODE"):
        run("--year", "2025", str(tmp_path / "x.xlsx"))


def test_manage_py_exits_1_with_one_line_on_stderr_for_a_bad_year(tmp_path: Path) -> None:
    completed = manage_py(tmp_path, "export_census", "--year", "twenty", str(tmp_path / "x.xlsx"))
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.strip().splitlines() == [
        "CommandError: --year must be a year written YYYY between 2000 and 2100, not 'twenty'."
    ]
