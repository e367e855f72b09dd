"""Reading CPD records: one worker's records of a year, the earlier years with their counts, and the PDF's rows.

Each function runs a fixed number of queries, whatever the number of records (attachments are prefetched).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from cpd.models import CpdAttachment, CpdRecord
from cpd.selectors.compliance import RenewalProgress
from cpd.years import registration_year_for
from workforce.models import Worker

MET = ("Met", "govuk-tag--green")
ON_TRACK = ("On track", "govuk-tag--blue")
NOT_YET_MET = ("Not yet met", "govuk-tag--orange")
NOT_MET = ("Not met", "govuk-tag--red")


def renewal_status(progress: RenewalProgress) -> tuple[str, str]:
    """The renewal tag's text and colour class.

    "Met" once the requirement is met; for a year still running, "On track" when at least one piece is recorded
    and "Not yet met" when none is; a year that has ended without meeting it is "Not met".
    """
    if progress.meets_requirement:
        return MET
    if progress.year < registration_year_for(progress.today):
        return NOT_MET
    return ON_TRACK if progress.records >= 1 else NOT_YET_MET


@dataclass(frozen=True)
class YearCounts:
    """How many records a worker has in one registration year."""

    year: int
    recorded: int
    drafts: int
    with_peer_reflection: int


def records_for_year(*, worker: Worker, year: int) -> QuerySet[CpdRecord]:
    """The worker's records of a registration year, most recent first, with their attachments."""
    return (
        CpdRecord.objects.filter(worker=worker, registration_year=year)
        .prefetch_related(Prefetch("attachments", queryset=CpdAttachment.objects.order_by("created_at", "pk")))
        .order_by("-start_date", "-pk")
    )


def recorded_for_pdf(*, worker: Worker, year: int) -> QuerySet[CpdRecord]:
    """The recorded pieces of CPD of a year in date order, as they go into the PDF for SWE."""
    return (
        records_for_year(worker=worker, year=year).filter(status=CpdRecord.Status.RECORDED).order_by("start_date", "pk")
    )


def year_counts(*, worker: Worker, year: int) -> YearCounts:
    """Recorded records, drafts and recorded records with peer reflection in one year (one query)."""
    return next(iter(years_with_counts(worker=worker, years=[year])), YearCounts(year, 0, 0, 0))


def years_with_counts(*, worker: Worker, years: list[int] | None = None, before: int | None = None) -> list[YearCounts]:
    """Each registration year the worker has records in (or the given years), latest first (one query)."""
    records = CpdRecord.objects.filter(worker=worker)
    if years is not None:
        records = records.filter(registration_year__in=years)
    if before is not None:
        records = records.filter(registration_year__lt=before)
    recorded = Q(status=CpdRecord.Status.RECORDED)
    rows = (
        records.values("registration_year")
        .annotate(
            recorded=Count("pk", filter=recorded),
            drafts=Count("pk", filter=Q(status=CpdRecord.Status.DRAFT)),
            peer=Count("pk", filter=recorded & ~Q(peer_reflection="")),
        )
        .order_by("-registration_year")
    )
    return [YearCounts(row["registration_year"], row["recorded"], row["drafts"], row["peer"]) for row in rows]
