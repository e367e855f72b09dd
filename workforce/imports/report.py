"""The problem report of an import: every error and warning, one per line, and the same as a spreadsheet.

A problem names its kind (E: error, which refuses the whole file; W: warning, which does not), the kind of
file, the row as the spreadsheet shows it (the header is row 1), the column, the value as given and a message
that says what to do. Errors come first, then warnings, each in row order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from core.exports.xlsx import Sheet, write_workbook

ERROR = "E"
WARNING = "W"
KIND_WORDS = {ERROR: "Error", WARNING: "Warning"}
REPORT_HEADERS = ("Kind", "File", "Row", "Column", "Value", "Problem")
REPORT_COLUMN_WIDTHS = (10, 14, 8, 22, 30, 100)
GROUP_ROWS_SHOWN = 100  # rows listed under each message on the page; the spreadsheet has them all


class Problem(NamedTuple):
    kind: str  # ERROR or WARNING
    row: int | None  # None: about the whole file, or not about one row
    column: str
    value: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.kind == ERROR


@dataclass
class Report:
    """Collects problems as a file is checked. Problems are small tuples, so every one can be kept."""

    file_kind: str
    problems: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    _sorted: list[Problem] | None = field(default=None, repr=False)

    def error(self, message: str, *, row: int | None = None, column: str = "", value: Any = "") -> None:
        self.problems.append(Problem(ERROR, row, column, _as_text(value), message))
        self.error_count += 1
        self._sorted = None

    def warning(self, message: str, *, row: int | None = None, column: str = "", value: Any = "") -> None:
        self.problems.append(Problem(WARNING, row, column, _as_text(value), message))
        self.warning_count += 1
        self._sorted = None

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    def sorted(self) -> list[Problem]:
        """Errors first, then warnings; each in row order (problems about the whole file first)."""
        if self._sorted is None:
            self._sorted = sorted(self.problems, key=lambda p: (p.kind != ERROR, p.row or 0))
        return self._sorted

    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.kind == ERROR]

    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.kind == WARNING]

    def lines(self) -> Iterator[str]:
        for problem in self.sorted():
            yield problem_line(self.file_kind, problem)

    def groups(self, kind: str, *, rows_shown: int = GROUP_ROWS_SHOWN) -> list[dict[str, Any]]:
        """Problems of one kind grouped by message, in order of first appearance, for the page."""
        grouped: dict[str, dict[str, Any]] = {}
        for problem in self.sorted():
            if problem.kind != kind:
                continue
            group = grouped.setdefault(problem.message, {"message": problem.message, "count": 0, "rows": []})
            group["count"] += 1
            if len(group["rows"]) < rows_shown:
                group["rows"].append([problem.row, problem.column, problem.value])
        return list(grouped.values())

    def summary(self, *, rows_shown: int = GROUP_ROWS_SHOWN) -> dict[str, Any]:
        """What the result page shows: counts, and the problems grouped by message (JSON-ready)."""
        return {
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "errors": self.groups(ERROR, rows_shown=rows_shown),
            "warnings": self.groups(WARNING, rows_shown=rows_shown),
        }

    def write_xlsx(self, target: IO[bytes] | str) -> int:
        return write_workbook([report_sheet(self.file_kind, self.sorted())], target)


def problem_line(file_kind: str, problem: Problem) -> str:
    """One line of the text report, e.g. ``E staff row 3, fte "1.5": FTE must be more than 0 and at most 1. ...``."""
    parts = [problem.kind, file_kind]
    if problem.row is not None:
        parts.append(f"row {problem.row}" + ("," if problem.column else ""))
    if problem.column:
        parts.append(problem.column)
    if problem.column or problem.value:
        parts.append(json.dumps(problem.value, ensure_ascii=False))
    return " ".join(parts) + f": {problem.message}"


def report_sheet(file_kind: str, problems: Iterable[Problem]) -> Sheet:
    return Sheet(
        title="Problems",
        headers=REPORT_HEADERS,
        rows=(
            (KIND_WORDS[p.kind], file_kind, p.row if p.row is not None else "", p.column, p.value, p.message)
            for p in problems
        ),
        column_widths=REPORT_COLUMN_WIDTHS,
    )


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
