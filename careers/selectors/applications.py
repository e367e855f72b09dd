"""Reads of progression applications: a worker's applications, a panel's list, and the portfolio of one application.

The portfolio is what the panel reads (on the page and in the PDF): a summary of how many accepted pieces of evidence
cover each principle and outcome of the framework version the authority uses now (matched by item ``key``, so evidence
written against an older wording counts), then the evidence grouped by principle. A piece linked to several
principles is printed in full under the first and referred to under the others, so that the portfolio stays short.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from careers.models import (
    CareersSettings,
    Evidence,
    EvidenceTransition,
    FrameworkItem,
    Panel,
    ProgressionApplication,
)
from workforce.models import Assignment, Team, Worker
from workforce.selectors import in_post_q

_RELATED = ("worker", "panel", "level_sought", "current_level", "applied_by", "decided_by")


def applications_for_worker(*, worker: Worker) -> QuerySet[ProgressionApplication]:
    """The worker's applications, newest first."""
    return ProgressionApplication.objects.filter(worker=worker).select_related(*_RELATED).order_by("-applied_at", "-pk")


def open_application(*, worker: Worker) -> ProgressionApplication | None:
    return applications_for_worker(worker=worker).filter(status=ProgressionApplication.Status.SUBMITTED).first()


def active_panels(*, authority_id: int, on: dt.date) -> QuerySet[Panel]:
    """The panels of the authority that still sit on the date, for the application form."""
    return Panel.objects.filter(authority_id=authority_id).exclude(disabled_on__lte=on).order_by("name")


@dataclass
class PanelList:
    panel: Panel
    waiting: list[ProgressionApplication]  # oldest first
    decided: list[ProgressionApplication]  # most recently decided first


def panel_lists(*, panels: list[Panel]) -> list[PanelList]:
    """For each panel, its applications waiting for a decision and those decided or withdrawn, in two queries."""
    applications = (
        ProgressionApplication.objects.filter(panel__in=panels).select_related(*_RELATED).order_by("applied_at", "pk")
    )
    by_panel: dict[int, list[ProgressionApplication]] = defaultdict(list)
    for application in applications:
        by_panel[application.panel_id].append(application)
    out = []
    for panel in panels:
        rows = by_panel[panel.pk]
        waiting = [a for a in rows if a.status == ProgressionApplication.Status.SUBMITTED]
        decided = [a for a in rows if a.status != ProgressionApplication.Status.SUBMITTED]
        decided.sort(key=lambda a: (a.decided_at or a.updated_at, a.pk), reverse=True)
        out.append(PanelList(panel, waiting, decided))
    return out


def current_team(*, worker: Worker, on: dt.date) -> Team | None:
    assignment = (
        Assignment.objects.filter(in_post_q(on), worker=worker).select_related("team").order_by("-start_date").first()
    )
    return assignment.team if assignment else None


@dataclass(frozen=True)
class SummaryRow:
    item: FrameworkItem
    accepted: int
    required: bool  # the level sought requires evidence of it


@dataclass
class PortfolioEntry:
    evidence: Evidence
    first: bool  # printed in full here; otherwise a reference to where it is printed
    first_under: str = ""  # the title of the principle it is printed under


@dataclass
class PortfolioGroup:
    title: str
    item: FrameworkItem | None
    entries: list[PortfolioEntry] = field(default_factory=list)


@dataclass
class Portfolio:
    application: ProgressionApplication
    evidence: list[Evidence]
    principles: list[SummaryRow]
    outcomes: list[SummaryRow]
    groups: list[PortfolioGroup]

    @property
    def count(self) -> int:
        return len(self.evidence)


def portfolio_for(*, application: ProgressionApplication) -> Portfolio:
    """The application's evidence, its summary against the framework in use, and its grouping by principle.

    A fixed number of queries whatever the size of the portfolio.
    """
    evidence = list(
        application.evidence.select_related("framework_version")
        .prefetch_related(
            Prefetch("items", queryset=FrameworkItem.objects.select_related("version").order_by("kind", "number")),
            Prefetch("transitions", queryset=EvidenceTransition.objects.select_related("by").order_by("at", "pk")),
            "attachments",
        )
        .order_by("practice_date", "pk")
    )
    settings = CareersSettings.objects.filter(authority_id=application.worker.authority_id).first()
    in_use: list[FrameworkItem] = []
    if settings is not None:
        in_use = list(
            FrameworkItem.objects.filter(
                version_id=settings.framework_version_id,
                kind__in=[FrameworkItem.Kind.PRINCIPLE, FrameworkItem.Kind.OUTCOME],
            ).order_by("kind", "number")
        )
    order = {FrameworkItem.Kind.PRINCIPLE: 0, FrameworkItem.Kind.OUTCOME: 1}
    for piece in evidence:
        # Principles first, then outcomes, then anything else (PCF domains, PQS standards).
        piece.linked_items = sorted(piece.items.all(), key=lambda i: (order.get(i.kind, 2), i.kind, i.number))
    keys_of = {e.pk: {i.key for i in e.items.all()} for e in evidence}
    required = set(application.level_sought.required_items.values_list("key", flat=True))
    accepted = [e for e in evidence if e.status == Evidence.Status.ACCEPTED]

    def summary(kind: str) -> list[SummaryRow]:
        return [
            SummaryRow(item, sum(1 for e in accepted if item.key in keys_of[e.pk]), item.key in required)
            for item in in_use
            if item.kind == kind
        ]

    principles = [i for i in in_use if i.kind == FrameworkItem.Kind.PRINCIPLE]
    groups = [PortfolioGroup(p.title, p) for p in principles]
    unlinked = PortfolioGroup("Not linked to a principle of the framework in use", None)
    for piece in evidence:
        homes = [g for g in groups if g.item is not None and g.item.key in keys_of[piece.pk]]
        if not homes:
            unlinked.entries.append(PortfolioEntry(piece, True))
            continue
        homes[0].entries.append(PortfolioEntry(piece, True))
        for group in homes[1:]:
            group.entries.append(PortfolioEntry(piece, False, homes[0].title))
    if unlinked.entries:
        groups.append(unlinked)
    return Portfolio(
        application=application,
        evidence=evidence,
        principles=summary(FrameworkItem.Kind.PRINCIPLE),
        outcomes=summary(FrameworkItem.Kind.OUTCOME),
        groups=groups,
    )
