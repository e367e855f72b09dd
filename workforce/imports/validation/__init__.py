"""The checks every imported file must pass (spec section 4, docs import-checks.md), one checker per kind.

A checker reads the rows one by one (``add_row``), reporting what is wrong with each value and keeping one
compact tuple per row; then ``finish`` runs the checks across rows (the same key twice, overlapping
assignments, the same SWE number on two workers) and against what is stored (unknown workers and teams,
overlaps with stored assignments). Nothing is written here: workforce.imports.writing plans and writes.

Blank and absent values are told apart: a column left out of the file is ABSENT (the stored value is kept),
a blank cell is None or "" (the stored value is cleared), and an unreadable cell is INVALID (an error has been
reported and the row takes no part in the checks across rows).
"""

from __future__ import annotations

from workforce.imports import schemas
from workforce.imports.validation.base import *  # noqa: F403
from workforce.imports.validation.base import Checker, Columns, Restriction, check_header, chunked, one_of
from workforce.imports.validation.messages import *  # noqa: F403
from workforce.imports.validation.records import (
    AbsenceChecker,
    AbsenceRow,
    CaseloadChecker,
    CaseloadRow,
    EstablishmentChecker,
    EstablishmentRow,
)
from workforce.imports.validation.staff import (
    WORKER_DETAIL_FIELDS,
    StaffChecker,
    StaffRow,
    StoredAssignment,
    StoredWorker,
)

CHECKERS: dict[str, type[Checker]] = {
    schemas.STAFF: StaffChecker,
    schemas.ESTABLISHMENT: EstablishmentChecker,
    schemas.CASELOADS: CaseloadChecker,
    schemas.ABSENCES: AbsenceChecker,
}

__all__ = [
    "CHECKERS",
    "WORKER_DETAIL_FIELDS",
    "AbsenceChecker",
    "AbsenceRow",
    "CaseloadChecker",
    "CaseloadRow",
    "Checker",
    "Columns",
    "EstablishmentChecker",
    "EstablishmentRow",
    "Restriction",
    "StaffChecker",
    "StaffRow",
    "StoredAssignment",
    "StoredWorker",
    "check_header",
    "chunked",
    "one_of",
]
