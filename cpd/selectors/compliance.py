"""The renewal requirement (spec section 2, cpd), counted in the database for any set of workers.

To renew by 30 November a social worker needs at least two recorded pieces of CPD in the registration year, at
least one of which includes reflection with a peer. Drafts do not count. The services store text fields stripped,
so an empty `peer_reflection` means no peer reflection. The dashboard's "CPD compliance" is the
share of social workers in post who meet it (spec section 3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cpd.models import CpdRecord
from cpd.years import days_left, registration_year_for, year_end
from workforce.models import Worker

REQUIRED_RECORDS = 2
REQUIRED_WITH_PEER_REFLECTION = 1


def _recorded_in(year: int) -> Q:
    return Q(cpd_records__registration_year=year, cpd_records__status=CpdRecord.Status.RECORDED)


def with_renewal_counts(workers: QuerySet[Worker], year: int) -> QuerySet[Worker]:
    """Annotate each worker with `cpd_records_count` and `cpd_peer_count` for the year (one query)."""
    recorded = _recorded_in(year)
    return workers.annotate(
        cpd_records_count=Count("cpd_records", filter=recorded, distinct=True),
        cpd_peer_count=Count("cpd_records", filter=recorded & ~Q(cpd_records__peer_reflection=""), distinct=True),
    )


def meets_requirement_q() -> Q:
    """A filter on a queryset from `with_renewal_counts`: the workers who meet the requirement."""
    return Q(cpd_records_count__gte=REQUIRED_RECORDS, cpd_peer_count__gte=REQUIRED_WITH_PEER_REFLECTION)


@dataclass(frozen=True)
class RenewalProgress:
    """One worker's progress against the requirement in one registration year."""

    year: int
    records: int
    with_peer_reflection: int
    today: dt.date

    @property
    def deadline(self) -> dt.date:
        return year_end(self.year)

    @property
    def days_left(self) -> int:
        return days_left(self.year, self.today)

    @property
    def records_needed(self) -> int:
        return max(0, REQUIRED_RECORDS - self.records)

    @property
    def has_peer_reflection(self) -> bool:
        return self.with_peer_reflection >= REQUIRED_WITH_PEER_REFLECTION

    @property
    def meets_requirement(self) -> bool:
        return self.records >= REQUIRED_RECORDS and self.has_peer_reflection

    @property
    def is_current(self) -> bool:
        return self.year == registration_year_for(self.today)


def renewal_progress(*, worker: Worker, year: int, today: dt.date) -> RenewalProgress:
    annotated = with_renewal_counts(Worker.objects.filter(pk=worker.pk), year).values(
        "cpd_records_count", "cpd_peer_count"
    )
    counts = annotated.first() or {"cpd_records_count": 0, "cpd_peer_count": 0}
    return RenewalProgress(
        year=year, records=counts["cpd_records_count"], with_peer_reflection=counts["cpd_peer_count"], today=today
    )
