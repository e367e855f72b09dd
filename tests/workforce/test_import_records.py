"""Establishment, caseload and absence files: their checks, all or nothing, updates by natural key, idempotence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tests.workforce.factories import AbsenceFactory, AssignmentFactory, CaseloadRecordFactory, EstablishmentFactory
from workforce.codes import Role
from workforce.imports import schemas, validation
from workforce.imports.runs import import_file
from workforce.imports.validation import Restriction
from workforce.models import Absence, CaseloadRecord, Establishment


def _write(tmp_path: Path, text: str, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(cast, kind: str, path: Path, **kw):  # noqa: ANN001, ANN003, ANN202
    return import_file(kind=kind, path=path, filename=path.name, authority=cast.authority, **kw)


def _problems(outcome, kind: str = "E") -> set[tuple[int | None, str, str, str]]:  # noqa: ANN001
    return {(p.row, p.column, p.value, p.message) for p in outcome.report.problems if p.kind == kind}


def _stored() -> tuple[int, ...]:
    return (
        Establishment.objects.count(),
        CaseloadRecord.objects.count(),
        Absence.objects.count(),
        Establishment.history.count(),
        CaseloadRecord.history.count(),
        Absence.history.count(),
    )


# ---------------------------------------------------------------------------
# Establishment
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_it_refuses_an_establishment_file_with_errors_and_stores_nothing(cast, tmp_path) -> None:  # noqa: ANN001
    text = (
        "team_code,effective_from,establishment_fte\n"
        "ZZ,2025-04-01,4\n"  # 2 unknown team
        "FD,2025-04-01,abc\n"  # 3
        "FD,2025-04-01,-1\n"  # 4 (and the key twice with row 3)
        "CP,2025-13-01,4\n"  # 5
        "CP,,\n"  # 6
        "B1,2025-04-01,3\n"  # 7: a team of another authority is unknown here
    )
    before = _stored()

    outcome = _import(cast, "establishment", _write(tmp_path, text))

    assert _stored() == before
    assert _problems(outcome) == {
        (2, "team_code", "ZZ", validation.TEAM_UNKNOWN),
        (3, "establishment_fte", "abc", validation.NOT_A_NUMBER.format(column="establishment_fte")),
        (4, "establishment_fte", "-1", validation.NEGATIVE.format(column="establishment_fte")),
        (3, "effective_from", "2025-04-01", validation.ESTABLISHMENT_KEY_TWICE),
        (4, "effective_from", "2025-04-01", validation.ESTABLISHMENT_KEY_TWICE),
        (5, "effective_from", "2025-13-01", validation.NOT_A_DATE.format(column="effective_from")),
        (6, "effective_from", "", validation.VALUE_MISSING.format(column="effective_from")),
        (6, "establishment_fte", "", validation.VALUE_MISSING.format(column="establishment_fte")),
        (7, "team_code", "B1", validation.TEAM_UNKNOWN),
    }


@pytest.mark.django_db
def test_it_imports_establishment_and_updates_it_by_team_and_date(cast, tmp_path) -> None:  # noqa: ANN001
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("4"))
    text = "team_code,effective_from,establishment_fte\nfd,2024-04-01,4.5\nCP,01/04/2025,6\n"

    outcome = _import(cast, "establishment", _write(tmp_path, text))

    assert (outcome.plan.created, outcome.plan.updated, outcome.plan.unchanged) == (1, 1, 0)
    assert Establishment.objects.get(team=cast.front_door).establishment_fte == Decimal("4.5")
    assert Establishment.objects.get(team=cast.child_protection).effective_from == dt.date(2025, 4, 1)
    again = _import(cast, "establishment", _write(tmp_path, text))
    assert (again.plan.created, again.plan.updated, again.plan.unchanged) == (0, 0, 2)


# ---------------------------------------------------------------------------
# Caseloads
# ---------------------------------------------------------------------------
CASELOAD_HEADER = "worker_id,date,cases,child_in_need,child_protection,child_in_care,care_leaver,other_cases\n"


@pytest.mark.django_db
def test_it_refuses_a_caseload_file_with_errors_and_stores_nothing(cast, tmp_path) -> None:  # noqa: ANN001
    text = CASELOAD_HEADER + (
        "ZZZ,2025-09-30,10,,,,,\n"  # 2 unknown worker
        "A001,2025-09-30,ten,,,,,\n"  # 3
        "A002,2025-09-30,-2,,,,,\n"  # 4
        "A003,2025-09-30,4.5,,,,,\n"  # 5
        "A002,2025-08-31,10,5,5,1,,\n"  # 6 adds up to 11
        "A002,2025-07-31,10,x,,,,\n"  # 7
        "A001,2025-08-31,3,,,,,\n"  # 8 and 9: the same key twice
        "A001,2025-08-31,3,,,,,\n"
        "B001,2025-09-30,3,,,,,\n"  # 10 a worker of another authority is unknown here
    )
    before = _stored()

    outcome = _import(cast, "caseloads", _write(tmp_path, text))

    assert _stored() == before
    assert _problems(outcome) == {
        (2, "worker_id", "ZZZ", validation.WORKER_UNKNOWN),
        (3, "cases", "ten", validation.NOT_A_NUMBER.format(column="cases")),
        (4, "cases", "-2", validation.NEGATIVE.format(column="cases")),
        (5, "cases", "4.5", validation.NOT_WHOLE.format(column="cases")),
        (6, "cases", "10", validation.CASE_TYPES_DO_NOT_ADD_UP),
        (7, "child_in_need", "x", validation.NOT_A_NUMBER.format(column="child_in_need")),
        (8, "date", "2025-08-31", validation.CASELOAD_KEY_TWICE),
        (9, "date", "2025-08-31", validation.CASELOAD_KEY_TWICE),
        (10, "worker_id", "B001", validation.WORKER_UNKNOWN),
    }


@pytest.mark.django_db
def test_it_imports_caseloads_with_their_warnings(cast, tmp_path) -> None:  # noqa: ANN001
    AssignmentFactory(worker__authority=cast.authority, worker__worker_id="Q001", team=cast.front_door,
                      role=Role.QUALIFIED_NO_CASES, start_date=dt.date(2020, 1, 6))  # fmt: skip
    text = CASELOAD_HEADER + (
        "A001,2025-09-30,41,,,,,\n"  # 2 above 40
        "Q001,2025-09-30,3,,,,,\n"  # 3 a qualified_no_cases role
        "A002,2019-01-31,5,2,1,1,1,0\n"  # 4 before every assignment of A002
        "A002,2025-09-30,12.0,,,,,\n"  # 5 a whole number written as 12.0
    )

    outcome = _import(cast, "caseloads", _write(tmp_path, text))

    assert outcome.written, list(outcome.report.lines())
    assert _problems(outcome, "W") == {
        (2, "cases", "41", validation.CASELOAD_HIGH),
        (3, "cases", "3", validation.CASELOAD_NO_CASES_ROLE),
        (4, "date", "2019-01-31", validation.CASELOAD_OUTSIDE_ASSIGNMENTS),
    }
    record = CaseloadRecord.objects.get(worker=cast.colleague, date=dt.date(2019, 1, 31))
    assert (record.cases, record.child_in_need, record.other_cases) == (5, 2, 0)
    assert CaseloadRecord.objects.get(worker=cast.colleague, date=dt.date(2025, 9, 30)).cases == 12


@pytest.mark.django_db
def test_it_warns_about_case_holders_in_post_without_a_record_that_month(cast, tmp_path) -> None:  # noqa: ANN001
    """The month is the one of the file's latest date; the teams are those the file covers."""
    text = CASELOAD_HEADER + "A002,2031-05-20,5,,,,,\n"

    outcome = _import(cast, "caseloads", _write(tmp_path, text))

    assert _problems(outcome, "W") == {(None, "worker_id", "A001", validation.CASE_HOLDER_NO_RECORD)}


@pytest.mark.django_db
def test_it_updates_a_caseload_by_worker_and_date_and_keeps_history(cast, tmp_path) -> None:  # noqa: ANN001
    CaseloadRecordFactory(worker=cast.colleague, date=dt.date(2025, 9, 30), cases=10)
    path = _write(tmp_path, "worker_id,date,cases\nA002,2025-09-30,14\n")

    outcome = _import(cast, "caseloads", path, user=cast.workforce_officer)

    assert outcome.plan.updated == 1
    record = CaseloadRecord.objects.get(worker=cast.colleague, date=dt.date(2025, 9, 30))
    assert record.cases == 14
    assert [h.cases for h in record.history.order_by("history_date")] == [10, 14]
    assert record.history.first().history_user == cast.workforce_officer
    before = _stored()
    assert _import(cast, "caseloads", path).plan.unchanged == 1
    assert _stored() == before


@pytest.mark.django_db
def test_a_team_manager_imports_caseloads_only_for_their_teams(cast, tmp_path) -> None:  # noqa: ANN001
    """A worker elsewhere in the authority and an unknown one get the same answer: not in your teams."""
    restriction = Restriction(
        worker_ids=frozenset({cast.sam.pk, cast.colleague.pk}), team_ids=frozenset({cast.front_door.pk})
    )
    text = "worker_id,date,cases\nA001,2025-09-30,12\nA003,2025-09-30,9\nZZZ,2025-09-30,9\n"
    before = _stored()

    outcome = _import(cast, "caseloads", _write(tmp_path, text), restriction=restriction)

    assert _problems(outcome) == {
        (3, "worker_id", "A003", validation.NOT_IN_YOUR_TEAMS),
        (4, "worker_id", "ZZZ", validation.NOT_IN_YOUR_TEAMS),
    }
    assert _stored() == before


# ---------------------------------------------------------------------------
# Absences
# ---------------------------------------------------------------------------
ABSENCE_HEADER = "worker_id,start_date,end_date,type,working_days_lost\n"


@pytest.mark.django_db
def test_it_refuses_an_absence_file_with_errors_and_stores_nothing(cast, tmp_path) -> None:  # noqa: ANN001
    text = ABSENCE_HEADER + (
        "ZZZ,2025-01-06,2025-01-10,sickness,5\n"  # 2
        "A001,2025-01-10,2025-01-06,sickness,1\n"  # 3
        "A001,2025-02-03,2025-02-03,holiday,1\n"  # 4
        "A001,2025-03-03,2025-03-03,SIC,-1\n"  # 5
        "A001,2025-04-07,2025-04-07,OTH,one\n"  # 6
        "A002,2025-05-05,,sickness,1\n"  # 7
        "A002,2025-06-02,2025-06-02,other,1\n"  # 8 and 9: the same key twice
        "A002,2025-06-02,2025-06-03,other,1\n"
    )
    before = _stored()

    outcome = _import(cast, "absences", _write(tmp_path, text))

    assert _stored() == before
    assert _problems(outcome) == {
        (2, "worker_id", "ZZZ", validation.WORKER_UNKNOWN),
        (3, "end_date", "2025-01-06", validation.END_BEFORE_START),
        (4, "type", "holiday", validation.NOT_A_CODE.format(column="type", codes=schemas.ABSENCE_TYPE_CODES_TEXT)),
        (5, "working_days_lost", "-1", validation.NEGATIVE.format(column="working_days_lost")),
        (6, "working_days_lost", "one", validation.NOT_A_NUMBER.format(column="working_days_lost")),
        (7, "end_date", "", validation.VALUE_MISSING.format(column="end_date")),
        (8, "start_date", "2025-06-02", validation.ABSENCE_KEY_TWICE),
        (9, "start_date", "2025-06-02", validation.ABSENCE_KEY_TWICE),
    }


@pytest.mark.django_db
def test_it_imports_absences_with_census_codes_and_their_warnings(cast, tmp_path) -> None:  # noqa: ANN001
    AbsenceFactory(worker=cast.colleague, start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 7))
    text = ABSENCE_HEADER + (
        "A001,2025-01-06,2025-01-10,SIC,5\n"  # 2: sickness
        "A001,2025-01-09,2025-01-09,mat,1\n"  # 3: other; overlaps row 2
        "A001,2025-02-07,2025-02-10,sickness,3\n"  # 4: Friday to Monday is 2 working days
        "A002,2025-03-05,2025-03-05,PUB,1\n"  # 5: overlaps a stored absence
        "A002,2019-01-07,2019-01-07,sickness,1\n"  # 6: before every assignment
    )

    outcome = _import(cast, "absences", _write(tmp_path, text))

    assert outcome.written, list(outcome.report.lines())
    assert _problems(outcome, "W") == {
        (2, "start_date", "2025-01-06", validation.ABSENCE_OVERLAP),
        (3, "start_date", "2025-01-09", validation.ABSENCE_OVERLAP),
        (4, "working_days_lost", "3", validation.ABSENCE_DAYS_ABOVE_WORKING_DAYS),
        (5, "start_date", "2025-03-05", validation.ABSENCE_OVERLAP),
        (6, "start_date", "2019-01-07", validation.ABSENCE_OUTSIDE_ASSIGNMENTS),
    }
    types = dict(Absence.objects.filter(worker=cast.sam).values_list("start_date", "type"))
    assert types == {dt.date(2025, 1, 6): "sickness", dt.date(2025, 1, 9): "other", dt.date(2025, 2, 7): "sickness"}


@pytest.mark.django_db
def test_it_updates_an_absence_by_worker_and_start_date(cast, tmp_path) -> None:  # noqa: ANN001
    AbsenceFactory(worker=cast.sam, start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 1, 10))
    path = _write(tmp_path, ABSENCE_HEADER + "A001,2025-01-06,2025-01-08,other,2.5\n")

    outcome = _import(cast, "absences", path)

    assert (outcome.plan.created, outcome.plan.updated) == (0, 1)
    absence = Absence.objects.get(worker=cast.sam)
    assert (absence.end_date, absence.type, absence.working_days_lost) == (dt.date(2025, 1, 8), "other", Decimal("2.5"))
    assert _import(cast, "absences", path).plan.unchanged == 1
