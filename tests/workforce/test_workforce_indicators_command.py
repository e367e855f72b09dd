"""The `workforce_indicators` command (spec section 5)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.processes import manage_py
from tests.workforce.factories import AuthorityFactory, ServiceAreaFactory
from tests.workforce.test_indicators import Example, build_small_example, expected
from workforce.indicators import INDICATOR_KEYS, INDICATOR_LABELS
from workforce.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def example() -> Example:
    return build_small_example(code="NOR")


def run(*args: str) -> str:
    out = StringIO()
    call_command("workforce_indicators", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_spec_json_for_the_authority(example: Example) -> None:
    data = json.loads(run("--as-at", "2025-09-30", "--json"))
    assert data == expected("authority")
    assert list(data) == list(INDICATOR_KEYS)


def test_the_json_has_integers_for_headcounts_and_numbers_or_null_for_the_rest(example: Example) -> None:
    data = json.loads(run("--as-at", "2025-09-30", "--team", "CP", "--json", "--authority", "NOR"))
    assert data == expected("CP")
    for key in ("social_workers_headcount", "agency_headcount", "leavers_headcount", "starters_headcount", "cases"):
        assert type(data[key]) is int, key
    for key in ("social_workers_fte", "agency_fte", "turnover_rate", "vacancy_fte", "sickness_days_lost"):
        assert type(data[key]) is float, key
    assert data["practice_leader_turnover_rate"] is None
    assert isinstance(data["as_at"], str)


def test_it_is_indented_json(example: Example) -> None:
    output = run("--as-at", "2025-09-30", "--team", "FD", "--json")
    assert output.startswith('{\n    "as_at": "2025-09-30",')


def test_a_team_code_is_found_whatever_its_case(example: Example) -> None:
    assert json.loads(run("--as-at", "2025-09-30", "--team", "fd", "--json")) == expected("FD")


def test_it_prints_a_readable_table_without_json(example: Example) -> None:
    output = run("--as-at", "2025-09-30", "--team", "CP")
    lines = output.splitlines()
    assert "Example Council (NOR)" in lines[0]
    assert "Scope                               CP (Child Protection)" in output
    assert "Turnover rate (%)                   71.4" in output
    assert "Practice leader turnover rate (%)   not computable: no managers in post at this date" in output
    labels = [INDICATOR_LABELS[key] for key in INDICATOR_KEYS]
    assert all(label in output for label in labels)
    # The values start in one column.
    rows = [line for line in lines if any(line.startswith(label + " ") for label in labels)]
    assert len(rows) == len(labels)
    assert len({len(line) - len(line.split("  ")[-1].lstrip()) for line in rows}) == 1


def test_it_gives_a_service_areas_figures(example: Example) -> None:
    area = ServiceAreaFactory(authority=example.authority, code="SAFE", name="Safeguarding")
    Team.objects.filter(code__in=["FD", "CP"]).update(service_area=area)
    data = json.loads(run("--as-at", "2025-09-30", "--service-area", "SAFE", "--json"))
    assert data == expected("authority") | {"scope": "SAFE"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-at", "30/09/2025"], "--as-at must be a date written YYYY-MM-DD, not '30/09/2025'."),
        (["--as-at", "2025-02-30"], "--as-at must be a date written YYYY-MM-DD, not '2025-02-30'."),
        (["--as-at", "2025-09-30", "--team", "ZZ"], "NOR has no team with the code 'ZZ'."),
        (["--as-at", "2025-09-30", "--service-area", "ZZ"], "NOR has no service area with the code 'ZZ'."),
        (["--as-at", "2025-09-30", "--authority", "NOPE"], "There is no authority with the code 'NOPE'."),
        (["--as-at", "2025-09-30", "--team", "FD", "--service-area", "X"], "Give --team or --service-area, not both."),
    ],
)
def test_it_refuses_bad_arguments_with_a_one_line_reason(example: Example, args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert str(raised.value) == message


def test_it_asks_for_the_authority_when_there_are_several(example: Example) -> None:
    AuthorityFactory(code="SOU")
    with pytest.raises(CommandError, match="name one with --authority CODE"):
        run("--as-at", "2025-09-30")
    assert json.loads(run("--as-at", "2025-09-30", "--authority", "nor", "--json")) == expected("authority")


def test_it_refuses_an_empty_database_without_creating_an_authority() -> None:
    with pytest.raises(CommandError, match="holds no authority yet"):
        run("--as-at", "2025-09-30")


def test_manage_py_exits_1_with_one_line_on_stderr_for_a_bad_date(tmp_path: Path) -> None:
    """The real command line: no traceback, exit status 1, one line saying what is wrong."""
    completed = manage_py(tmp_path, "workforce_indicators", "--as-at", "2025-13-01", "--json")
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.strip().splitlines() == [
        "CommandError: --as-at must be a date written YYYY-MM-DD, not '2025-13-01'."
    ]
