"""The `export_turnover` command (spec section 5): `--as-at YYYY-MM-DD PATH [--team CODE] [--authority CODE]`."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from tests.processes import manage_py
from tests.workforce.factories import AuthorityFactory
from tests.workforce.test_turnover_workbook import load_small_example
from workforce.models import Authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def example() -> Authority:
    return load_small_example(code="NOR")


def run(*args: str) -> str:
    out = StringIO()
    call_command("export_turnover", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_workbook_and_prints_one_line(example: Authority, tmp_path: Path) -> None:
    path = tmp_path / "turnover.xlsx"
    output = run("--as-at", "2025-09-30", str(path))
    assert output.splitlines() == [
        f"Wrote the turnover workbook of NOR as at 2025-09-30 to {path}: 3 leavers, 2 starters, "
        "1 agency worker in post, 24 months of trend."
    ]
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["Summary", "Leavers", "Starters", "In post", "Agency", "Monthly trend"]
    assert len(list(book["Leavers"].iter_rows(min_row=2, values_only=True))) == 3


def test_it_writes_one_teams_workbook(example: Authority, tmp_path: Path) -> None:
    path = tmp_path / "fd.xlsx"
    output = run("--as-at", "2025-09-30", str(path), "--team", "fd", "--authority", "nor")
    assert "of NOR team FD as at 2025-09-30" in output
    assert "1 leaver, 0 starters" in output
    summary = {row[4]: row[1] for row in load_workbook(path, read_only=True)["Summary"].iter_rows(values_only=True)}
    assert summary["scope"] == "Team: Front Door (FD)"


def test_it_replaces_an_existing_file(example: Authority, tmp_path: Path) -> None:
    path = tmp_path / "turnover.xlsx"
    path.write_bytes(b"old")
    run("--as-at", "2025-09-30", str(path))
    assert path.read_bytes()[:2] == b"PK"  # an XLSX is a zip
    assert [p.name for p in tmp_path.iterdir()] == ["turnover.xlsx"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-at", "30/09/2025"], "--as-at must be a date written YYYY-MM-DD, not '30/09/2025'."),
        (["--as-at", "2025-02-30"], "--as-at must be a date written YYYY-MM-DD, not '2025-02-30'."),
        (["--as-at", "2025-09-30", "--team", "ZZ"], "NOR has no team with the code 'ZZ'."),
        (["--as-at", "2025-09-30", "--authority", "NOPE"], "There is no authority with the code 'NOPE'."),
    ],
)
def test_it_refuses_bad_arguments_with_a_one_line_reason(
    example: Authority, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as raised:
        run(*args, str(tmp_path / "x.xlsx"))
    assert str(raised.value) == message
    assert not (tmp_path / "x.xlsx").exists()


def test_it_refuses_a_path_in_a_folder_that_does_not_exist(example: Authority, tmp_path: Path) -> None:
    path = tmp_path / "missing" / "x.xlsx"
    with pytest.raises(CommandError) as raised:
        run("--as-at", "2025-09-30", str(path))
    assert str(raised.value) == f"Cannot write {path}: there is no folder {path.parent}."


def test_it_refuses_a_path_that_is_a_folder(example: Authority, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="it is a folder"):
        run("--as-at", "2025-09-30", str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_it_refuses_a_folder_it_may_not_write_to(example: Authority, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(CommandError, match=r"^Cannot write .*: Permission denied\.$"):
            run("--as-at", "2025-09-30", str(locked / "x.xlsx"))
    finally:
        locked.chmod(0o700)


def test_it_asks_for_the_authority_when_there_are_several(example: Authority, tmp_path: Path) -> None:
    AuthorityFactory(code="SOU")
    with pytest.raises(CommandError, match="name one with --authority CODE"):
        run("--as-at", "2025-09-30", str(tmp_path / "x.xlsx"))


def test_manage_py_exits_1_with_one_line_on_stderr_for_a_bad_date(tmp_path: Path) -> None:
    """The real command line: no traceback, exit status 1, one line saying what is wrong."""
    completed = manage_py(tmp_path, "export_turnover", "--as-at", "2025-13-01", str(tmp_path / "x.xlsx"))
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.strip().splitlines() == [
        "CommandError: --as-at must be a date written YYYY-MM-DD, not '2025-13-01'."
    ]


def test_manage_py_needs_the_as_at_date_and_the_path(tmp_path: Path) -> None:
    completed = manage_py(tmp_path, "export_turnover", str(tmp_path / "x.xlsx"))
    assert completed.returncode != 0
    assert "--as-at" in completed.stderr
