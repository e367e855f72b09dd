"""Staff files: every check of import-checks.md, all or nothing, updates by natural key, history and idempotence."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from workforce.imports import validation, writing
from workforce.imports.runs import check_file, import_file
from workforce.imports.schemas import column_names
from workforce.models import Assignment, ImportRun, Team, Worker
from workforce.selectors import today

COLUMNS = column_names("staff")
DEFAULTS = {
    "worker_id": "N001",
    "first_name": "Nia",
    "last_name": "Owens",
    "email": "",
    "swe_registration": "SW200001",
    "team_code": "FD",
    "team_name": "Front Door",
    "role": "case_holder",
    "contract": "permanent",
    "fte": "1",
    "start_date": "2024-04-01",
    "end_date": "",
    "leaving_reason": "",
    "date_of_birth": "1990-05-17",
    "gender": "2",
    "ethnicity": "WBRI",
    "start_origin": "2",
    "leaver_destination": "",
    "covers_vacancy": "",
}


def _row(**values: str) -> dict[str, str]:
    return {**DEFAULTS, **values}


def _file(tmp_path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    path = tmp_path / "staff.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _import(cast, path: Path, user=None):  # noqa: ANN001, ANN202
    return import_file(kind="staff", path=path, filename=path.name, authority=cast.authority, user=user)


def _stored() -> tuple[int, ...]:
    return (
        Worker.objects.count(),
        Assignment.objects.count(),
        Team.objects.count(),
        Worker.history.count(),
        Assignment.history.count(),
        Team.history.count(),
    )


def _problems(outcome, kind: str = "E") -> set[tuple[int | None, str, str, str]]:  # noqa: ANN001
    return {(p.row, p.column, p.value, p.message) for p in outcome.report.problems if p.kind == kind}


def _code_message(column: str, codes: str) -> str:
    return validation.NOT_A_CODE.format(column=column, codes=codes)


@pytest.mark.django_db
def test_it_refuses_a_file_with_errors_reporting_every_bad_row_and_storing_nothing(cast, tmp_path) -> None:  # noqa: ANN001
    from workforce.imports import schemas

    rows = [
        _row(worker_id=""),  # 2
        _row(worker_id="X" * 31, swe_registration="SW200003"),  # 3
        _row(worker_id="N004", first_name="", last_name="L" * 101, swe_registration="SW200004"),  # 4
        _row(worker_id="N005", email="not-an-email", swe_registration="SW-5"),  # 5
        _row(worker_id="N006", swe_registration="SW200006", team_code=""),  # 6
        _row(worker_id="N007", swe_registration="SW200007", role="boss", contract="temporary"),  # 7
        _row(worker_id="N008", swe_registration="SW200008", gender="3", ethnicity="XXXX"),  # 8
        _row(worker_id="N009", swe_registration="SW200009", start_origin="11", leaver_destination="0"),  # 9
        _row(worker_id="N010", swe_registration="SW200010", fte="abc"),  # 10
        _row(worker_id="N011", swe_registration="SW200011", fte="0"),  # 11
        _row(worker_id="N012", swe_registration="SW200012", fte="1.01"),  # 12
        _row(worker_id="N013", swe_registration="SW200013", start_date="2024-02-30"),  # 13
        _row(worker_id="N014", swe_registration="SW200014", end_date="31/13/2024", leaving_reason="resignation"),  # 14
        _row(worker_id="N015", swe_registration="SW200015", end_date="2024-03-31", leaving_reason="retired"),  # 15
        _row(worker_id="N016", swe_registration="SW200016", end_date="2025-03-31"),  # 16
        _row(worker_id="N017", swe_registration="SW200017", end_date="2025-03-31", leaving_reason="sacked"),  # 17
        _row(worker_id="N018", swe_registration="SW200018", covers_vacancy="maybe", contract="agency"),  # 18
    ]
    before = _stored()

    outcome = _import(cast, _file(tmp_path, rows))

    assert outcome.refused
    assert not outcome.written
    assert _stored() == before
    missing = validation.VALUE_MISSING
    expected = {
        (2, "worker_id", "", missing.format(column="worker_id")),
        (3, "worker_id", "X" * 31, validation.VALUE_TOO_LONG.format(column="worker_id", limit=30)),
        (4, "first_name", "", missing.format(column="first_name")),
        (4, "last_name", "L" * 101, validation.VALUE_TOO_LONG.format(column="last_name", limit=100)),
        (5, "email", "not-an-email", validation.EMAIL_INVALID),
        (5, "swe_registration", "SW-5", validation.SWE_INVALID),
        (6, "team_code", "", missing.format(column="team_code")),
        (7, "role", "boss", _code_message("role", schemas.ROLE_CODES_TEXT)),
        (7, "contract", "temporary", _code_message("contract", schemas.CONTRACT_CODES_TEXT)),
        (8, "gender", "3", _code_message("gender", schemas.GENDER_CODES_TEXT)),
        (8, "ethnicity", "XXXX", _code_message("ethnicity", schemas.ETHNICITY_CODES_TEXT)),
        (9, "start_origin", "11", _code_message("start_origin", schemas.START_ORIGIN_CODES_TEXT)),
        (9, "leaver_destination", "0", _code_message("leaver_destination", schemas.LEAVER_DESTINATION_CODES_TEXT)),
        (10, "fte", "abc", validation.FTE_NOT_A_NUMBER),
        (11, "fte", "0", validation.FTE_OUT_OF_RANGE),
        (12, "fte", "1.01", validation.FTE_OUT_OF_RANGE),
        (13, "start_date", "2024-02-30", validation.NOT_A_DATE.format(column="start_date")),
        (14, "end_date", "31/13/2024", validation.NOT_A_DATE.format(column="end_date")),
        (15, "end_date", "2024-03-31", validation.END_BEFORE_START),
        (16, "leaving_reason", "", validation.REASON_MISSING),
        (17, "leaving_reason", "sacked", _code_message("leaving_reason", schemas.LEAVING_REASON_CODES_TEXT)),
        (18, "covers_vacancy", "maybe", validation.COVERS_VACANCY_INVALID),
    }
    assert _problems(outcome) == expected
    assert ImportRun.objects.get().status == ImportRun.Status.REFUSED
    assert ImportRun.objects.get().error_count == len(expected)


@pytest.mark.django_db
def test_it_lists_errors_before_warnings_in_row_order(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [_row(swe_registration=""), _row(worker_id="N002", swe_registration="SW200002", fte="2")]

    outcome = _import(cast, _file(tmp_path, rows))

    assert [(p.kind, p.row) for p in outcome.report.sorted()] == [("E", 3), ("W", 2)]
    assert list(outcome.report.lines())[0] == f'E staff row 3, fte "2": {validation.FTE_OUT_OF_RANGE}'


@pytest.mark.django_db
def test_it_refuses_the_same_assignment_twice_and_the_same_swe_number_on_two_workers(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [
        _row(),
        _row(team_code="CP", team_name="Child Protection"),
        _row(worker_id="N002", swe_registration="SW200001"),
        _row(worker_id="N003", swe_registration=cast.colleague.swe_registration),
    ]
    before = _stored()

    outcome = _import(cast, _file(tmp_path, rows))

    assert _problems(outcome) == {
        (2, "start_date", "2024-04-01", validation.STAFF_KEY_TWICE),
        (3, "start_date", "2024-04-01", validation.STAFF_KEY_TWICE),
        (2, "swe_registration", "SW200001", validation.SWE_TWICE),
        (3, "swe_registration", "SW200001", validation.SWE_TWICE),
        (4, "swe_registration", "SW200001", validation.SWE_TWICE),
        (5, "swe_registration", cast.colleague.swe_registration, validation.SWE_TAKEN),
    }
    assert _stored() == before


@pytest.mark.django_db
def test_it_refuses_one_team_code_with_two_names(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [
        _row(team_code="NEW", team_name="New Team"),
        _row(worker_id="N002", swe_registration="SW200002", team_code="new", team_name="Another Name"),
    ]

    outcome = _import(cast, _file(tmp_path, rows))

    assert _problems(outcome) == {
        (2, "team_name", "New Team", validation.TEAM_TWO_NAMES),
        (3, "team_name", "Another Name", validation.TEAM_TWO_NAMES),
    }


@pytest.mark.django_db
def test_it_refuses_overlapping_assignments_in_the_file(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [
        _row(start_date="2024-04-01", end_date="2024-09-30", leaving_reason="internal_move"),
        _row(start_date="2024-09-01", team_code="CP", team_name="Child Protection"),
        _row(
            worker_id="N002",
            swe_registration="SW200002",
            start_date="2024-01-01",
            end_date="2024-06-30",
            leaving_reason="internal_move",
        ),  # fmt: skip
        _row(worker_id="N002", swe_registration="SW200002", start_date="2024-06-30"),  # starts the day the first ends
    ]

    outcome = _import(cast, _file(tmp_path, rows))

    assert _problems(outcome) == {
        (2, "start_date", "2024-04-01", validation.OVERLAP_IN_FILE),
        (3, "start_date", "2024-09-01", validation.OVERLAP_IN_FILE),
    }


@pytest.mark.django_db
def test_it_refuses_an_assignment_overlapping_a_stored_one(cast, tmp_path) -> None:  # noqa: ANN001
    sam = cast.sam
    rows = [_row(worker_id="A001", first_name="Sam", last_name="Patel", swe_registration=sam.swe_registration,
                 start_date="2023-01-01", team_code="CP", team_name="Child Protection")]  # fmt: skip
    before = _stored()

    outcome = _import(cast, _file(tmp_path, rows))

    assert _problems(outcome) == {(2, "start_date", "2023-01-01", validation.OVERLAP_STORED)}
    assert _stored() == before


@pytest.mark.django_db
def test_a_row_with_a_stored_start_date_updates_that_assignment_rather_than_overlapping_it(cast, tmp_path) -> None:  # noqa: ANN001
    """Sam moves team: the stored assignment gets its end date, and the next one starts that day."""
    sam = cast.sam
    person = {"worker_id": "A001", "first_name": "Sam", "last_name": "Patel", "swe_registration": sam.swe_registration}
    rows = [
        _row(**person, start_date="2022-04-04", end_date="2025-03-31", leaving_reason="internal_move"),
        _row(**person, start_date="2025-03-31", team_code="CP", team_name="Child Protection", fte="0.8"),
    ]

    outcome = _import(cast, _file(tmp_path, rows), user=cast.workforce_officer)

    assert outcome.written, list(outcome.report.lines())
    assert (outcome.plan.created, outcome.plan.updated) == (1, 1)
    first, second = sam.assignments.order_by("start_date")
    assert (first.end_date, first.leaving_reason) == (dt.date(2025, 3, 31), "internal_move")
    assert (second.team, second.fte) == (cast.child_protection, Decimal("0.8"))
    latest = first.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == cast.workforce_officer
    assert first.updated_by == cast.workforce_officer
    assert second.created_by == cast.workforce_officer


@pytest.mark.django_db
def test_it_imports_rows_with_warnings_and_ignores_what_the_warnings_say(cast, tmp_path) -> None:  # noqa: ANN001
    future = today() + dt.timedelta(days=10)
    far = today() + dt.timedelta(days=400)
    rows = [
        _row(swe_registration="", ethnicity=""),  # 2
        _row(worker_id="N002", swe_registration="SW200002", leaving_reason="resignation", covers_vacancy="yes"),  # 3
        _row(worker_id="N003", swe_registration="SW200003", start_date=future.isoformat()),  # 4
        _row(worker_id="N004", swe_registration="SW200004", end_date=far.isoformat(), leaving_reason="retired"),  # 5
        _row(worker_id="N005", swe_registration="SW200005", date_of_birth="2005-01-01"),  # 6
        _row(worker_id="N006", swe_registration="SW200006", date_of_birth="1940-01-01"),  # 7
        _row(worker_id="N007", swe_registration="", role="other"),  # 8: not a social work post, no number needed
    ]

    outcome = _import(cast, _file(tmp_path, rows))

    assert outcome.written
    assert _problems(outcome, "W") == {
        (2, "swe_registration", "", validation.SWE_MISSING),
        (2, "ethnicity", "", validation.ETHNICITY_BLANK),
        (3, "leaving_reason", "resignation", validation.REASON_WITHOUT_END),
        (3, "covers_vacancy", "yes", validation.COVERS_VACANCY_PERMANENT),
        (4, "start_date", future.isoformat(), validation.START_IN_FUTURE),
        (5, "end_date", far.isoformat(), validation.END_FAR_IN_FUTURE),
        (6, "date_of_birth", "2005-01-01", validation.TOO_YOUNG),
        (7, "date_of_birth", "1940-01-01", validation.TOO_OLD),
    }
    ignored = Assignment.objects.get(worker__worker_id="N002")
    assert (ignored.leaving_reason, ignored.covers_vacancy) == ("", None)
    assert ImportRun.objects.get().warning_count == 8


@pytest.mark.django_db
def test_it_creates_new_teams_and_workers_with_their_census_items(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [
        _row(
            team_code="AS",
            team_name="Assessment",
            role="4",
            contract="AGENCY",
            covers_vacancy="Yes",
            email="Nia.Owens@Example.org",
            ethnicity="mwbc",
            start_date="01/04/2024",
        ),  # fmt: skip
        _row(
            worker_id="N002",
            swe_registration="sw200002",
            team_code="as",
            team_name="Assessment",
            fte="0.60811",
            end_date="2025-01-31",
            leaving_reason="9",
            leaver_destination="4",
        ),  # fmt: skip
    ]

    outcome = _import(cast, _file(tmp_path, rows))

    assert outcome.written
    team = Team.objects.get(authority=cast.authority, code="AS")
    assert team.name == "Assessment"
    nia = Worker.objects.get(worker_id="N001")
    assert (nia.email, nia.ethnicity, nia.gender, nia.start_origin) == ("nia.owens@example.org", "MWBC", "2", "2")
    first = nia.assignments.get()
    assert (first.team, first.role, first.contract, first.covers_vacancy) == (
        team,
        "senior_practitioner",
        "agency",
        True,
    )
    assert first.start_date == dt.date(2024, 4, 1)
    second = Assignment.objects.get(worker__worker_id="N002")
    assert (second.fte, second.leaving_reason, second.team) == (Decimal("0.6081"), "not_known", team)
    assert Worker.objects.get(worker_id="N002").swe_registration == "SW200002"
    assert any("1 new team: AS" in note for note in outcome.plan.notes)


@pytest.mark.django_db
def test_it_links_a_new_worker_to_the_login_with_the_same_email(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [_row(email="TESS.MANAGER@northshire.example")]

    _import(cast, _file(tmp_path, rows))

    assert Worker.objects.get(worker_id="N001").user == cast.team_manager


@pytest.mark.django_db
def test_it_does_not_link_a_login_that_belongs_to_another_worker(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [_row(email=cast.social_worker.email)]

    outcome = _import(cast, _file(tmp_path, rows))

    assert outcome.written
    assert Worker.objects.get(worker_id="N001").user is None
    assert _problems(outcome, "W") == {(2, "email", cast.social_worker.email, writing.LOGIN_TAKEN)}


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing_the_second_time(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [
        _row(start_date="2023-01-01", end_date="2024-03-31", leaving_reason="internal_move"),
        _row(
            start_date="2024-03-31",
            team_code="NEW",
            team_name="New Team",
            fte="0.5",
            contract="agency",
            covers_vacancy="no",
        ),  # fmt: skip
        _row(worker_id="N002", swe_registration="SW200002"),
    ]
    path = _file(tmp_path, rows)
    first = _import(cast, path)
    after_first = _stored()
    stamps = list(Assignment.objects.order_by("pk").values_list("updated_at", flat=True))

    second = _import(cast, path)

    assert (first.plan.created, first.plan.updated, first.plan.unchanged) == (3, 0, 0)
    assert (second.plan.created, second.plan.updated, second.plan.unchanged) == (0, 0, 3)
    assert _stored() == after_first
    assert list(Assignment.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    run = ImportRun.objects.order_by("pk").last()
    assert (run.status, run.created_count, run.updated_count, run.unchanged_count) == ("imported", 0, 0, 3)


@pytest.mark.django_db
def test_it_updates_changed_details_and_keeps_what_a_left_out_column_does_not_say(cast, tmp_path) -> None:  # noqa: ANN001
    _import(cast, _file(tmp_path, [_row(email="nia@example.org", ethnicity="WIRI")]))
    history = Worker.history.count()
    columns = tuple(c for c in COLUMNS if c != "ethnicity")

    outcome = _import(cast, _file(tmp_path, [_row(email="", last_name="Owens-Jones")], columns=columns))

    nia = Worker.objects.get(worker_id="N001")
    assert (nia.last_name, nia.email, nia.ethnicity) == ("Owens-Jones", "", "WIRI")
    assert Worker.history.count() == history + 1
    assert outcome.plan.updated == 1
    assert "last_name: Owens → Owens-Jones" in outcome.plan.samples["updated"][0]["changes"]


@pytest.mark.django_db
def test_it_warns_when_rows_of_one_worker_disagree_and_keeps_the_latest(cast, tmp_path) -> None:  # noqa: ANN001
    rows = [
        _row(start_date="2023-01-01", end_date="2024-03-31", leaving_reason="internal_move", last_name="Old"),
        _row(start_date="2024-03-31", last_name="New"),
    ]

    outcome = _import(cast, _file(tmp_path, rows))

    assert _problems(outcome, "W") == {(2, "last_name", "Old", validation.DETAILS_DIFFER)}
    assert Worker.objects.get(worker_id="N001").last_name == "New"


@pytest.mark.django_db
def test_it_warns_when_a_stored_team_has_another_name_and_keeps_the_stored_one(cast, tmp_path) -> None:  # noqa: ANN001
    outcome = _import(cast, _file(tmp_path, [_row(team_code="fd", team_name="Front Door Team")]))

    assert outcome.written
    assert _problems(outcome, "W") == {(2, "team_name", "Front Door Team", validation.TEAM_NAME_DIFFERS)}
    cast.front_door.refresh_from_db()
    assert cast.front_door.name == "Front Door"
    assert Assignment.objects.get(worker__worker_id="N001").team == cast.front_door


@pytest.mark.django_db
def test_checking_a_file_writes_nothing(cast, tmp_path) -> None:  # noqa: ANN001
    before = _stored()

    _, outcome = check_file(kind="staff", path=_file(tmp_path, [_row()]), filename="x", authority=cast.authority)

    assert outcome.plan.created == 1
    assert _stored() == before
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_it_keeps_each_authority_separate(cast, tmp_path) -> None:  # noqa: ANN001
    """A001 of another authority is another person: the same reference here creates a new worker."""
    rows = [_row(worker_id="B001")]

    outcome = _import(cast, _file(tmp_path, rows))

    assert outcome.plan.created == 1
    assert Worker.objects.filter(worker_id="B001").count() == 2
    assert cast.other_worker.assignments.count() == 1


@pytest.mark.django_db
def test_it_finds_an_overlap_among_many_rows_of_one_worker(cast, tmp_path) -> None:  # noqa: ANN001
    """Beyond PAIRWISE_LIMIT rows of one worker a sweep is used: it still finds the overlapping rows."""
    start = dt.date(2000, 1, 3)
    rows = []
    for i in range(validation.PAIRWISE_LIMIT + 10):
        begins, ends = start + dt.timedelta(days=30 * i), start + dt.timedelta(days=30 * (i + 1))
        rows.append(_row(start_date=begins.isoformat(), end_date=ends.isoformat(), leaving_reason="internal_move"))
    rows[40]["end_date"] = (start + dt.timedelta(days=30 * 42 + 5)).isoformat()  # runs into rows 42 and 43

    outcome = _import(cast, _file(tmp_path, rows))

    assert {(p.row, p.message) for p in outcome.report.errors()} == {
        (42, validation.OVERLAP_IN_FILE),
        (43, validation.OVERLAP_IN_FILE),
        (44, validation.OVERLAP_IN_FILE),
    }
