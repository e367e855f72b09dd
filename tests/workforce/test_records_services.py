"""The services that change staff records from the pages (workforce.services.records)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.workforce.factories import AssignmentFactory, TeamFactory, WorkerFactory
from workforce.access import workers_for_user
from workforce.codes import Contract, LeavingReason, Role
from workforce.models import Absence, Assignment, CaseloadRecord, Establishment, Worker
from workforce.rules import OVERLAPPING_ASSIGNMENT
from workforce.services import records
from workforce.services.records import CaseloadEntry

pytestmark = pytest.mark.django_db

START = dt.date(2022, 4, 4)  # the cast's assignments start on this date


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# ---------------------------------------------------------------------------
# Workers
# ---------------------------------------------------------------------------
def test_it_creates_a_staff_record_attributed_to_its_author(cast) -> None:
    worker = records.worker_create(
        authority=cast.authority,
        actor=cast.workforce_officer,
        worker_id=" A100 ",
        first_name="Nia",
        last_name="Okafor",
        swe_registration="sw123",
    )
    assert worker.worker_id == "A100"
    assert worker.swe_registration == "SW123"
    assert worker.created_by == cast.workforce_officer
    assert worker.history.get().history_user == cast.workforce_officer


def test_it_refuses_a_staff_reference_already_used_in_the_authority(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.worker_create(
            authority=cast.authority, actor=cast.workforce_officer, worker_id="A001", first_name="X", last_name="Y"
        )
    assert _errors(exc) == {"worker_id": [records.WORKER_ID_TAKEN]}


def test_it_allows_the_same_staff_reference_in_another_authority(cast) -> None:
    worker = records.worker_create(
        authority=cast.other_authority, actor=None, worker_id="A001", first_name="Ann", last_name="Other"
    )
    assert worker.pk is not None


def test_it_refuses_an_swe_number_another_worker_holds(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.worker_update(worker=cast.colleague, actor=None, swe_registration=cast.sam.swe_registration)
    assert _errors(exc) == {"swe_registration": [records.SWE_REGISTRATION_TAKEN]}


def test_it_keeps_a_history_row_for_each_change(cast) -> None:
    before = cast.sam.history.count()
    records.worker_update(worker=cast.sam, actor=cast.workforce_officer, last_name="Patel-Jones")
    cast.sam.refresh_from_db()
    assert cast.sam.last_name == "Patel-Jones"
    assert cast.sam.updated_by == cast.workforce_officer
    assert cast.sam.history.count() == before + 1
    latest = cast.sam.history.first()
    assert latest.last_name == "Patel-Jones"
    assert latest.history_user == cast.workforce_officer
    assert latest.prev_record.last_name == "Patel"


def test_archiving_keeps_the_record_and_hides_it(cast) -> None:
    records.worker_archive(worker=cast.colleague, actor=cast.workforce_officer, reason="Duplicate of A001")
    worker = Worker.objects.get(pk=cast.colleague.pk)
    assert worker.is_archived
    assert worker.archived_by == cast.workforce_officer
    assert worker.archived_reason == "Duplicate of A001"
    assert worker.assignments.count() == 1
    assert not workers_for_user(cast.workforce_officer).filter(pk=worker.pk).exists()
    assert worker.history.first().history_user == cast.workforce_officer


def test_archiving_needs_a_reason(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.worker_archive(worker=cast.colleague, actor=cast.workforce_officer, reason="  ")
    assert _errors(exc) == {"reason": [records.ARCHIVE_REASON_REQUIRED]}
    assert not Worker.objects.get(pk=cast.colleague.pk).is_archived


def test_an_administrator_restores_an_archived_record(cast) -> None:
    records.worker_archive(worker=cast.colleague, actor=cast.workforce_officer, reason="Error")
    records.worker_unarchive(worker=cast.colleague, actor=cast.administrator)
    worker = Worker.objects.get(pk=cast.colleague.pk)
    assert not worker.is_archived
    assert worker.updated_by == cast.administrator


# ---------------------------------------------------------------------------
# Assignments
# ---------------------------------------------------------------------------
def _assignment(cast, **overrides):  # noqa: ANN001, ANN202
    values = {
        "team": cast.child_protection,
        "role": Role.CASE_HOLDER,
        "contract": Contract.PERMANENT,
        "fte": Decimal("1"),
        "start_date": dt.date(2020, 1, 6),
        "end_date": dt.date(2022, 4, 4),
        "leaving_reason": LeavingReason.INTERNAL_MOVE,
    }
    values.update(overrides)
    return values


def test_it_refuses_an_assignment_overlapping_another(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.assignment_create(worker=cast.sam, actor=None, **_assignment(cast, end_date=dt.date(2022, 4, 5)))
    assert _errors(exc) == {"start_date": [OVERLAPPING_ASSIGNMENT]}
    assert cast.sam.assignments.count() == 1


def test_it_refuses_an_open_assignment_after_an_open_one(cast) -> None:
    with pytest.raises(ValidationError):
        records.assignment_create(
            worker=cast.sam,
            actor=None,
            **_assignment(cast, start_date=dt.date(2025, 1, 1), end_date=None, leaving_reason=""),
        )


def test_it_allows_an_assignment_ending_on_the_day_the_next_starts(cast) -> None:
    assignment = records.assignment_create(worker=cast.sam, actor=cast.workforce_officer, **_assignment(cast))
    assert assignment.end_date == START
    assert assignment.created_by == cast.workforce_officer
    assert cast.sam.assignments.count() == 2


def test_it_refuses_a_team_of_another_authority(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.assignment_create(worker=cast.sam, actor=None, **_assignment(cast, team=cast.other_team))
    assert _errors(exc) == {"team": [records.TEAM_WRONG_AUTHORITY]}


def test_an_end_date_needs_a_reason_for_leaving(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.assignment_create(worker=cast.sam, actor=None, **_assignment(cast, leaving_reason=""))
    assert _errors(exc) == {"leaving_reason": [records.REASON_REQUIRED_WHEN_ENDED]}


def test_it_refuses_an_fte_out_of_range(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.assignment_create(worker=cast.sam, actor=None, **_assignment(cast, fte=Decimal("1.2")))
    assert _errors(exc) == {"fte": [records.FTE_OUT_OF_RANGE]}


def test_it_corrects_an_assignment_without_clashing_with_itself(cast) -> None:
    assignment = cast.sam.assignments.get()
    updated = records.assignment_update(
        assignment=assignment, actor=cast.workforce_officer, start_date=dt.date(2022, 4, 1), fte=Decimal("0.8")
    )
    assert updated.start_date == dt.date(2022, 4, 1)
    assert updated.fte == Decimal("0.8")
    assert updated.history.count() == 2
    assert updated.history.first().history_user == cast.workforce_officer


def test_it_refuses_a_correction_that_overlaps_another_assignment(cast) -> None:
    earlier = records.assignment_create(worker=cast.sam, actor=None, **_assignment(cast))
    with pytest.raises(ValidationError) as exc:
        records.assignment_update(assignment=earlier, actor=None, end_date=dt.date(2022, 6, 1))
    assert _errors(exc) == {"start_date": [OVERLAPPING_ASSIGNMENT]}
    earlier.refresh_from_db()
    assert earlier.end_date == START


# ---------------------------------------------------------------------------
# Leavers and moves
# ---------------------------------------------------------------------------
def test_it_records_a_leaver(cast) -> None:
    assignment = records.leaver_record(
        worker=cast.sam,
        actor=cast.workforce_officer,
        end_date=dt.date(2025, 9, 30),
        leaving_reason=LeavingReason.RESIGNATION,
        leaver_destination="1",
    )
    assert assignment.end_date == dt.date(2025, 9, 30)
    assert assignment.leaving_reason == LeavingReason.RESIGNATION
    assert assignment.is_leaver
    assert assignment.updated_by == cast.workforce_officer
    cast.sam.refresh_from_db()
    assert cast.sam.leaver_destination == "1"


def test_a_leaver_is_not_an_internal_move(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.leaver_record(
            worker=cast.sam, actor=None, end_date=dt.date(2025, 9, 30), leaving_reason=LeavingReason.INTERNAL_MOVE
        )
    assert _errors(exc) == {"leaving_reason": [records.LEAVER_REASON_INTERNAL_MOVE]}
    assert cast.sam.assignments.get().end_date is None


def test_it_refuses_a_leaving_date_before_the_start(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.leaver_record(
            worker=cast.sam, actor=None, end_date=dt.date(2022, 1, 1), leaving_reason=LeavingReason.RETIRED
        )
    assert list(_errors(exc)) == ["end_date"]


def test_it_refuses_a_leaver_without_an_open_assignment(cast) -> None:
    records.leaver_record(worker=cast.sam, actor=None, end_date=dt.date(2025, 1, 1), leaving_reason="retired")
    with pytest.raises(ValidationError) as exc:
        records.leaver_record(worker=cast.sam, actor=None, end_date=dt.date(2025, 2, 1), leaving_reason="retired")
    assert exc.value.messages == [records.NO_CURRENT_ASSIGNMENT]


def test_a_team_move_ends_one_assignment_and_starts_the_next_the_same_day(cast) -> None:
    move = dt.date(2025, 6, 2)
    following = records.team_move(
        worker=cast.sam,
        actor=cast.workforce_officer,
        move_date=move,
        team=cast.child_protection,
        role=Role.SENIOR_PRACTITIONER,
        fte=Decimal("0.8"),
        job_title="Senior practitioner",
    )
    previous = cast.sam.assignments.get(start_date=START)
    assert previous.end_date == move
    assert previous.leaving_reason == LeavingReason.INTERNAL_MOVE
    assert not previous.is_leaver
    assert following.start_date == move
    assert following.end_date is None
    assert (following.team, following.role, following.fte) == (
        cast.child_protection,
        Role.SENIOR_PRACTITIONER,
        Decimal("0.8"),
    )
    assert following.contract == previous.contract
    assert following.created_by == cast.workforce_officer


def test_a_team_move_keeps_what_is_not_given(cast) -> None:
    following = records.team_move(
        worker=cast.colleague, actor=None, move_date=dt.date(2025, 6, 2), team=cast.children_in_care
    )
    assert following.fte == Decimal("0.6")
    assert following.role == Role.CASE_HOLDER


def test_a_team_move_must_change_something(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.team_move(worker=cast.sam, actor=None, move_date=dt.date(2025, 6, 2), team=cast.front_door)
    assert exc.value.messages == [records.MOVE_CHANGES_NOTHING]
    assert cast.sam.assignments.get().end_date is None


def test_a_team_move_must_come_after_the_current_start(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.team_move(worker=cast.sam, actor=None, move_date=START, team=cast.child_protection)
    assert list(_errors(exc)) == ["move_date"]
    assert cast.sam.assignments.count() == 1


# ---------------------------------------------------------------------------
# Caseloads
# ---------------------------------------------------------------------------
ON = dt.date(2025, 9, 30)


def test_it_records_a_teams_caseloads_on_one_date(cast) -> None:
    saved = records.caseloads_record_for_team(
        team=cast.front_door,
        actor=cast.team_manager,
        date=ON,
        entries=[
            CaseloadEntry(cast.sam.pk, 12, {"child_in_need": 5, "child_protection": 7}),
            CaseloadEntry(cast.colleague.pk, 9),
        ],
    )
    assert len(saved) == 2
    sam = CaseloadRecord.objects.get(worker=cast.sam, date=ON)
    assert (sam.cases, sam.child_in_need, sam.child_protection, sam.child_in_care) == (12, 5, 7, 0)
    assert sam.created_by == cast.team_manager
    colleague = CaseloadRecord.objects.get(worker=cast.colleague, date=ON)
    assert colleague.child_in_need is None


def test_a_second_record_on_the_same_date_replaces_the_first(cast) -> None:
    for cases in (12, 14):
        records.caseloads_record_for_team(
            team=cast.front_door, actor=cast.team_manager, date=ON, entries=[CaseloadEntry(cast.sam.pk, cases)]
        )
    record = CaseloadRecord.objects.get(worker=cast.sam, date=ON)
    assert record.cases == 14
    assert record.history.count() == 2


def test_case_types_must_add_up_and_nothing_is_saved_otherwise(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.caseloads_record_for_team(
            team=cast.front_door,
            actor=None,
            date=ON,
            entries=[CaseloadEntry(cast.colleague.pk, 9), CaseloadEntry(cast.sam.pk, 12, {"child_in_need": 5})],
        )
    [error] = exc.value.error_list
    assert error.params == {"worker_pk": cast.sam.pk}
    assert "add up to 5, not 12" in error.message
    assert not CaseloadRecord.objects.filter(date=ON).exists()


def test_it_refuses_a_worker_not_in_post_in_the_team(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.caseloads_record_for_team(
            team=cast.front_door,
            actor=None,
            date=ON,
            entries=[CaseloadEntry(cast.sam.pk, 10), CaseloadEntry(cast.cic_worker.pk, 10)],
        )
    assert exc.value.error_list[0].params == {"worker_pk": cast.cic_worker.pk}
    assert not CaseloadRecord.objects.filter(date=ON).exists()


def test_a_single_caseload_record_checks_case_types(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        records.caseload_record(worker=cast.sam, actor=None, date=ON, cases=3, care_leaver=4)
    assert list(_errors(exc)) == ["cases"]
    record = records.caseload_record(worker=cast.sam, actor=None, date=ON, cases=4, care_leaver=4)
    assert record.care_leaver == 4


# ---------------------------------------------------------------------------
# Absences and establishment
# ---------------------------------------------------------------------------
def test_it_records_an_absence(cast) -> None:
    absence = records.absence_create(
        worker=cast.sam,
        actor=cast.workforce_officer,
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 5),
        type="sickness",
        working_days_lost=Decimal("3"),
    )
    assert absence.created_by == cast.workforce_officer
    assert absence.history.get().history_user == cast.workforce_officer


def test_it_refuses_an_absence_ending_before_it_starts_or_starting_twice(cast) -> None:
    values = {"worker": cast.sam, "actor": None, "type": "other", "working_days_lost": Decimal("1")}
    with pytest.raises(ValidationError) as exc:
        records.absence_create(start_date=dt.date(2025, 3, 5), end_date=dt.date(2025, 3, 3), **values)
    assert list(_errors(exc)) == ["end_date"]
    records.absence_create(start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 3), **values)
    with pytest.raises(ValidationError) as exc:
        records.absence_create(start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 4), **values)
    assert _errors(exc) == {"start_date": [records.ABSENCE_EXISTS]}
    assert Absence.objects.count() == 1


def test_it_sets_the_establishment_from_a_date_and_replaces_the_same_date(cast) -> None:
    records.establishment_set(
        team=cast.front_door, actor=cast.workforce_officer, effective_from=ON, establishment_fte=Decimal("6")
    )
    records.establishment_set(team=cast.front_door, actor=None, effective_from=ON, establishment_fte=Decimal("6.5"))
    record = Establishment.objects.get(team=cast.front_door)
    assert record.establishment_fte == Decimal("6.5")
    assert record.created_by == cast.workforce_officer
    assert record.history.count() == 2


def test_the_factories_agree_with_the_overlap_rule() -> None:
    """Touching assignments built directly (as imports do) pass the service's check too."""
    worker = WorkerFactory()
    team = TeamFactory(authority=worker.authority)
    AssignmentFactory(worker=worker, team=team, end_date=dt.date(2021, 1, 1), leaving_reason="internal_move")
    following = records.assignment_create(
        worker=worker,
        actor=None,
        team=team,
        role=Role.CASE_HOLDER,
        contract=Contract.AGENCY,
        fte=Decimal("0.5"),
        start_date=dt.date(2021, 1, 1),
        covers_vacancy=True,
    )
    assert Assignment.objects.filter(worker=worker).count() == 2
    assert following.covers_vacancy is True
