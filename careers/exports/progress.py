"""The team progress page's people table as XLSX, with the page's filters (the same selector, so the same people)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from careers.selectors.team_progress import people_progress
from core.exports.registry import Export, register
from workforce.access import get_scope
from workforce.selectors import today


def can_see_team_progress(user: Any) -> bool:
    """Team and service managers, workforce officers and administrators (each limited to their teams)."""
    return get_scope(user).sees_teams


@register
class TeamProgressExport(Export):
    id = "team-progress"
    name = "Career progression"
    field_titles = (
        ("worker_id", "Staff reference"),
        ("name", "Name"),
        ("team", "Team"),
        ("current_level", "Current level"),
        ("since", "At this level since"),
        ("next_level", "Next level"),
        ("accepted", "Accepted evidence"),
        ("pending", "Evidence in progress"),
        ("waiting", "Waiting for review"),
        ("criteria_met", "Meets the criteria for the next level"),
    )
    column_widths = (16, 28, 28, 24, 14, 24, 12, 12, 12, 16)

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return can_see_team_progress(user)

    def rows(self) -> Iterator[Sequence[Any]]:
        for person in people_progress(user=self.request.user, filters=self.request.GET, on=today()):
            progress = person.progress
            yield (
                person.worker.worker_id,
                person.worker.full_name,
                person.assignment.team.name,
                progress.current.level.name if progress.current else "",
                progress.current.effective_from if progress.current else None,
                progress.level.name if progress.level else "",
                progress.accepted_count,
                progress.pending_count,
                person.waiting,
                ("Yes" if progress.criteria_met else "No") if progress.level else "",
            )
