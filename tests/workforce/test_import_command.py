"""`manage.py import_workforce KIND PATH [--authority CODE] [--dry-run]`: exit statuses and what it prints."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.workforce.factories import AuthorityFactory
from workforce.imports import validation
from workforce.imports.runs import IMPORT_RUNNING, IN_PROGRESS
from workforce.models import Assignment, Authority, ImportRun, Team, Worker
from workforce.services.authorities import SEVERAL_AUTHORITIES

HEADER = "worker_id,first_name,last_name,swe_registration,team_code,team_name,role,contract,fte,start_date\n"
GOOD = HEADER + "N001,Nia,Owens,SW200001,FD,Front Door,case_holder,permanent,1,2024-04-01\n"
WARNED = HEADER + "N001,Nia,Owens,,FD,Front Door,case_holder,permanent,1,2024-04-01\n"
BAD = HEADER + (
    "N001,Nia,Owens,SW200001,FD,Front Door,case_holder,permanent,1.5,2024-04-01\n"
    "N002,Olu,Ade,SW200002,FD,Front Door,boss,permanent,1,2024-04-01\n"
    "N003,Ola,Bee,,FD,Front Door,case_holder,permanent,1,2024-04-01\n"
)


def _write(tmp_path: Path, text: str, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_workforce", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _stored() -> tuple[int, int, int, int]:
    return Worker.objects.count(), Assignment.objects.count(), Team.objects.count(), Authority.objects.count()


@pytest.mark.django_db
def test_it_imports_a_file_and_prints_one_line(cast, tmp_path) -> None:  # noqa: ANN001
    out, err = _run("staff", str(_write(tmp_path, GOOD)), "--authority", "NOR")

    assert out.splitlines() == [
        "Imported 1 staff row from staff.csv into NOR: 1 created, 0 updated, 0 unchanged (1 new worker)."
    ]
    assert err == ""
    assert Worker.objects.filter(authority=cast.authority, worker_id="N001").exists()
    run = ImportRun.objects.get()
    assert (run.kind, run.filename, run.status, run.rows, run.created_count) == ("staff", "staff.csv", "imported", 1, 1)
    assert run.finished_at is not None


@pytest.mark.django_db
def test_it_prints_warnings_on_stderr_and_still_imports(cast, tmp_path) -> None:  # noqa: ANN001
    out, err = _run("staff", str(_write(tmp_path, WARNED)), "--authority", "NOR")

    assert out.endswith("; 1 warning.\n")
    assert err.splitlines() == [f'W staff row 2, swe_registration "": {validation.SWE_MISSING}']


@pytest.mark.django_db
def test_it_refuses_a_file_with_errors_exits_1_and_lists_every_problem(cast, tmp_path) -> None:  # noqa: ANN001
    before = _stored()
    err = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("import_workforce", "staff", str(_write(tmp_path, BAD)), "--authority", "NOR", stderr=err)

    assert refused.value.returncode == 1
    assert str(refused.value) == "Refused staff.csv (staff): 2 errors and 1 warning; nothing was imported."
    lines = err.getvalue().splitlines()
    assert lines[0] == f'E staff row 2, fte "1.5": {validation.FTE_OUT_OF_RANGE}'
    assert lines[1].startswith('E staff row 3, role "boss": role is not one of the codes allowed.')
    assert lines[2] == f'W staff row 4, swe_registration "": {validation.SWE_MISSING}'
    assert _stored() == before
    assert ImportRun.objects.get().status == ImportRun.Status.REFUSED


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_and_says_so(cast, tmp_path) -> None:  # noqa: ANN001
    before = _stored()

    out, _ = _run("staff", str(_write(tmp_path, GOOD)), "--authority", "NOR", "--dry-run")

    assert out.startswith(
        "Dry run, nothing was written: 1 staff row from staff.csv would be imported into NOR: 1 created"
    )
    assert _stored() == before
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_does_not_even_keep_a_new_authority(tmp_path) -> None:  # noqa: ANN001
    out, _ = _run("staff", str(_write(tmp_path, GOOD)), "--authority", "NEW", "--dry-run")

    assert "would be imported into NEW" in out
    assert not Authority.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_of_a_bad_file_exits_1(cast, tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(CommandError) as refused:
        _run("staff", str(_write(tmp_path, BAD)), "--dry-run")
    assert refused.value.returncode == 1


@pytest.mark.django_db
def test_it_creates_the_named_authority_or_the_default_one(tmp_path) -> None:  # noqa: ANN001
    _run("staff", str(_write(tmp_path, GOOD)))
    assert Authority.objects.get().code == "LA"

    _run("staff", str(_write(tmp_path, GOOD)), "--authority", "XYZ")
    assert Worker.objects.filter(authority__code="XYZ", worker_id="N001").exists()


@pytest.mark.django_db
def test_it_asks_for_an_authority_when_there_are_several(cast, tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match=SEVERAL_AUTHORITIES.split("(")[0]):
        _run("staff", str(_write(tmp_path, GOOD)))


@pytest.mark.parametrize(
    ("kind", "path", "message"),
    [
        ("people", "staff.csv", "Unknown kind of file 'people'"),
        ("staff", "missing.csv", "There is no file at"),
        ("staff", ".", "is not a file"),
    ],
)
@pytest.mark.django_db
def test_it_refuses_a_bad_kind_or_path_in_one_line(tmp_path, kind, path, message) -> None:  # noqa: ANN001
    _write(tmp_path, GOOD)
    target = str(tmp_path / path)

    with pytest.raises(CommandError, match=message) as refused:
        _run(kind, target)
    assert "\n" not in str(refused.value)


@pytest.mark.django_db
def test_it_refuses_to_run_while_another_import_of_the_authority_is_running(cast, tmp_path) -> None:  # noqa: ANN001
    ImportRun.objects.create(authority=cast.authority, kind="staff", status=IN_PROGRESS)
    before = _stored()

    with pytest.raises(CommandError, match=IMPORT_RUNNING):
        _run("staff", str(_write(tmp_path, GOOD)), "--authority", "NOR")
    assert _stored() == before


@pytest.mark.django_db
def test_an_import_of_another_authority_is_not_held_up(cast, tmp_path) -> None:  # noqa: ANN001
    AuthorityFactory(code="XYZ")
    ImportRun.objects.create(authority=cast.authority, kind="staff", status=IN_PROGRESS)

    out, _ = _run("staff", str(_write(tmp_path, GOOD)), "--authority", "XYZ")

    assert out.startswith("Imported")


def test_as_a_process_it_exits_with_the_right_status_and_never_a_traceback(tmp_path) -> None:  # noqa: ANN001
    """The real command line: exit 0 and one line on stdout; exit 1 and the report on stderr; no traceback."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*manage, *args], env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603

    assert run("migrate", "--no-input", "-v", "0").returncode == 0
    good = run("import_workforce", "staff", str(_write(tmp_path, GOOD)))
    assert (good.returncode, len(good.stdout.splitlines()), good.stderr) == (0, 1, "")
    bad = run("import_workforce", "staff", str(_write(tmp_path, BAD, name="bad.csv")))
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.splitlines()[0].startswith("E staff row 2, fte")
    for args in (("people", "x.csv"), ("staff", str(tmp_path / "missing.csv")), ("staff", str(tmp_path))):
        refused = run("import_workforce", *args)
        assert refused.returncode != 0
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert "Traceback" not in refused.stderr
