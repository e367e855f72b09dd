"""The columns of each kind of file (spec section 4), with what the import page and the templates say about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workforce.codes import (
    ABSENCE_CENSUS_CODES,
    LEAVING_REASON_CENSUS_CODES,
    ROLE_CENSUS_CODES,
    AbsenceType,
    Contract,
    Ethnicity,
    Gender,
    LeaverDestination,
    LeavingReason,
    Role,
    StartOrigin,
)

STAFF = "staff"
ESTABLISHMENT = "establishment"
CASELOADS = "caseloads"
ABSENCES = "absences"
KINDS = (STAFF, ESTABLISHMENT, CASELOADS, ABSENCES)
KIND_LABELS = {
    STAFF: "Staff (one row per assignment)",
    ESTABLISHMENT: "Establishment (funded FTE of each team)",
    CASELOADS: "Caseloads",
    ABSENCES: "Absences",
}
KIND_HINTS = {
    STAFF: "Creates or updates staff records, their assignments, and teams that are new.",
    ESTABLISHMENT: "The funded social worker FTE of each team from a date. The teams must exist.",
    CASELOADS: "The number of cases each worker holds on a date. The workers must exist.",
    ABSENCES: "Periods of absence and the working days lost. The workers must exist.",
}
ROW_NOUNS = {STAFF: "staff row", ESTABLISHMENT: "establishment row", CASELOADS: "caseload row", ABSENCES: "absence row"}
NATURAL_KEYS = {
    STAFF: ("worker_id", "start_date"),
    ESTABLISHMENT: ("team_code", "effective_from"),
    CASELOADS: ("worker_id", "date"),
    ABSENCES: ("worker_id", "start_date"),
}

DATE_FORMAT_TEXT = "date as YYYY-MM-DD (also DD/MM/YYYY, or a date cell in Excel)"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: Any


def _codes(choices: Any, census: dict[str, Any] | None = None) -> str:
    text = ", ".join(f"{value}" for value in choices.values)
    if census:
        text += " (census codes " + ", ".join(census) + " accepted too)"
    return text


ROLE_CODES_TEXT = _codes(Role, ROLE_CENSUS_CODES)
CONTRACT_CODES_TEXT = _codes(Contract)
LEAVING_REASON_CODES_TEXT = _codes(LeavingReason, LEAVING_REASON_CENSUS_CODES)
GENDER_CODES_TEXT = _codes(Gender)
ETHNICITY_CODES_TEXT = _codes(Ethnicity)
START_ORIGIN_CODES_TEXT = _codes(StartOrigin)
LEAVER_DESTINATION_CODES_TEXT = _codes(LeaverDestination)
ABSENCE_TYPE_CODES_TEXT = _codes(AbsenceType, ABSENCE_CENSUS_CODES)
COVERS_VACANCY_CODES_TEXT = "yes, no"

COLUMNS: dict[str, tuple[Column, ...]] = {
    STAFF: (
        Column("worker_id", True, "The staff reference: text, up to 30 characters, one per person.", "E001"),
        Column("first_name", True, "Text, up to 100 characters.", "Asha"),
        Column("last_name", True, "Text, up to 100 characters.", "Begum"),
        Column("email", False, "An e-mail address. Links the record to the person's login.", "asha.begum@example.org"),
        Column("swe_registration", False, "Social Work England number: SW and 1 to 10 digits.", "SW100001"),
        Column("team_code", True, "Text; a team that is new is created, with team_name.", "FD"),
        Column("team_name", True, "Text, up to 200 characters.", "Front Door"),
        Column("role", True, f"One of {ROLE_CODES_TEXT}.", "case_holder"),
        Column("contract", True, f"One of {CONTRACT_CODES_TEXT}.", "permanent"),
        Column("fte", True, "Full-time equivalent: a decimal more than 0 and at most 1.", "0.8"),
        Column("start_date", True, f"The first day of the assignment: {DATE_FORMAT_TEXT}.", dt.date(2024, 4, 1)),
        Column("end_date", False, "The last day of the assignment, not before start_date; blank while in post.", ""),
        Column("leaving_reason", False, f"Required when end_date is set: one of {LEAVING_REASON_CODES_TEXT}.", ""),
        Column("date_of_birth", False, f"A {DATE_FORMAT_TEXT}.", dt.date(1990, 5, 17)),
        Column("gender", False, f"One of {GENDER_CODES_TEXT}.", "2"),
        Column("ethnicity", False, f"One of the census codes {ETHNICITY_CODES_TEXT}.", "WBRI"),
        Column("start_origin", False, "Where the worker came from: census code 1 to 10.", "2"),
        Column("leaver_destination", False, "Where the worker went: census code 1 to 9.", ""),
        Column("covers_vacancy", False, "Agency rows only: yes or no.", ""),
    ),
    ESTABLISHMENT: (
        Column("team_code", True, "The code of a team that exists.", "FD"),
        Column("effective_from", True, f"The {DATE_FORMAT_TEXT} the figure applies from.", dt.date(2025, 4, 1)),
        Column("establishment_fte", True, "The funded social worker FTE: a decimal of 0 or more.", "5"),
    ),
    CASELOADS: (
        Column("worker_id", True, "The staff reference of a worker who exists.", "E001"),
        Column("date", True, f"The {DATE_FORMAT_TEXT} of the count.", dt.date(2025, 9, 30)),
        Column("cases", True, "The number of cases (children): a whole number of 0 or more.", "18"),
        Column("child_in_need", False, "Cases by type, whole numbers that add up to cases when given.", "6"),
        Column("child_protection", False, "As child_in_need.", "5"),
        Column("child_in_care", False, "As child_in_need.", "4"),
        Column("care_leaver", False, "As child_in_need.", "2"),
        Column("other_cases", False, "As child_in_need.", "1"),
    ),
    ABSENCES: (
        Column("worker_id", True, "The staff reference of a worker who exists.", "E001"),
        Column("start_date", True, f"The first day of the absence: {DATE_FORMAT_TEXT}.", dt.date(2025, 1, 6)),
        Column("end_date", True, "The last day of the absence, not before start_date.", dt.date(2025, 1, 10)),
        Column("type", True, f"One of {ABSENCE_TYPE_CODES_TEXT}.", "sickness"),
        Column("working_days_lost", True, "A decimal of 0 or more.", "5"),
    ),
}

CODE_LISTS: tuple[tuple[str, str, Any, dict[str, Any] | None], ...] = (
    ("role", "Roles (CSWW organisational roles)", Role, ROLE_CENSUS_CODES),
    ("contract", "Contracts", Contract, None),
    ("leaving_reason", "Reasons for leaving", LeavingReason, LEAVING_REASON_CENSUS_CODES),
    ("gender", "Gender", Gender, None),
    ("ethnicity", "Ethnicity", Ethnicity, None),
    ("start_origin", "Where the worker came from (start origin)", StartOrigin, None),
    ("leaver_destination", "Where the worker went (leaver destination)", LeaverDestination, None),
    ("type", "Absence types", AbsenceType, None),
)


def column_names(kind: str) -> tuple[str, ...]:
    return tuple(column.name for column in COLUMNS[kind])


def required_columns(kind: str) -> tuple[str, ...]:
    return tuple(column.name for column in COLUMNS[kind] if column.required)


def census_codes_for(choices: Any) -> dict[str, str]:
    """Our code -> the census codes that mean it, for the code tables of the import page."""
    census = {
        Role: ROLE_CENSUS_CODES,
        LeavingReason: LEAVING_REASON_CENSUS_CODES,
        AbsenceType: ABSENCE_CENSUS_CODES,
    }.get(choices, {})
    by_value: dict[str, list[str]] = {}
    for census_code, value in census.items():
        by_value.setdefault(str(value), []).append(census_code)
    return {value: ", ".join(codes) for value, codes in by_value.items()}
