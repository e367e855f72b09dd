"""The worked example of ../shared/examples/small: the four files import through the command, give the stored
counts the README describes, import again without change, and give the expected indicators."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command, get_commands

from tests.paths import WORKED_EXAMPLE
from workforce.models import Absence, Assignment, CaseloadRecord, Establishment, Team, Worker

EXAMPLE = WORKED_EXAMPLE
KINDS = ("staff", "establishment", "caseloads", "absences")


def _import_all() -> list[str]:
    lines = []
    for kind in KINDS:
        out = io.StringIO()
        call_command("import_workforce", kind, str(EXAMPLE / f"{kind}.csv"), stdout=out, stderr=io.StringIO())
        lines.append(out.getvalue().strip())
    return lines


def _counts() -> dict[str, int]:
    return {
        "assignments": Assignment.objects.count(),
        "workers": Worker.objects.count(),
        "teams": Team.objects.count(),
        "establishment": Establishment.objects.count(),
        "caseloads": CaseloadRecord.objects.count(),
        "absences": Absence.objects.count(),
        "history": sum(m.history.count() for m in (Assignment, Worker, Team, Establishment, CaseloadRecord, Absence)),
    }


@pytest.mark.django_db
def test_the_worked_example_imports_and_imports_again_without_change() -> None:
    first = _import_all()
    counts = _counts()

    assert {key: value for key, value in counts.items() if key != "history"} == {
        "assignments": 13,
        "workers": 12,
        "teams": 2,
        "establishment": 3,
        "caseloads": 10,
        "absences": 7,
    }
    assert all(line.startswith("Imported") for line in first)
    census_codes = Assignment.objects.get(worker__worker_id="E012")  # role 5 and reason 4, as the census codes them
    assert (census_codes.role, census_codes.leaving_reason) == ("case_holder", "dismissed")
    again = _import_all()
    assert _counts() == counts
    assert all(" 0 created, 0 updated," in line for line in again)


@pytest.mark.skipif("workforce_indicators" not in get_commands(), reason="the indicators command is not there yet")
@pytest.mark.parametrize(("team", "expected"), [(None, "authority"), ("FD", "FD"), ("CP", "CP")])
@pytest.mark.django_db
def test_the_worked_example_gives_the_expected_indicators(team, expected) -> None:  # noqa: ANN001
    _import_all()
    out = io.StringIO()
    args = ["--as-at", "2025-09-30", "--json"] + (["--team", team] if team else [])

    call_command("workforce_indicators", *args, stdout=out)

    wanted = json.loads((EXAMPLE / f"expected-2025-09-30-{expected}.json").read_text(encoding="utf-8"))
    assert json.loads(out.getvalue()) == wanted
