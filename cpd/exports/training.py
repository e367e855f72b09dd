"""The training matrix as XLSX: one row per worker and course, with the page's filters and real dates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from core.exports.registry import Export, register
from cpd.access.training import can_see_training_matrix
from cpd.filters import TrainingMatrixFilter
from cpd.selectors.training import TrainingMatrix, training_matrix
from workforce.models import Team


def matrix_for_request(request: Any) -> tuple[TrainingMatrixFilter, TrainingMatrix]:
    """The filter and the matrix of the training page, shared by the page and its download."""
    filterset = TrainingMatrixFilter(request.GET, user=request.user)
    if not filterset.is_valid():
        return filterset, training_matrix(user=request.user, teams=Team.objects.none())
    team = filterset.value("team")
    teams = Team.objects.filter(pk=team.pk) if team is not None else None
    return filterset, training_matrix(user=request.user, teams=teams, status=filterset.value("status") or None)


@register
class TrainingMatrixExport(Export):
    id = "cpd-training-matrix"
    name = "Mandatory training"
    field_titles = (
        ("worker_id", "Staff reference"),
        ("name", "Name"),
        ("team", "Team"),
        ("course_code", "Course code"),
        ("course", "Course"),
        ("status", "Status"),
        ("completed_on", "Completed on"),
        ("expires_on", "Expires on"),
    )
    column_widths = (16, 28, 28, 14, 36, 16, 14, 14)

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return can_see_training_matrix(user)

    def rows(self) -> Iterator[Sequence[Any]]:
        filterset, matrix = matrix_for_request(self.request)
        status = filterset.value("status") or None
        for row in matrix.rows:
            for cell in row.cells:
                if status and cell.status != status:
                    continue
                yield (
                    row.worker.worker_id,
                    row.worker.full_name,
                    row.team.name,
                    cell.course.code,
                    cell.course.name,
                    cell.label,
                    cell.completed_on,
                    cell.expires_on,
                )
