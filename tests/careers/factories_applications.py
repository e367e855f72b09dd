"""A worker ready to apply for their next level: a small framework, a two-level ladder, accepted evidence, a panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from careers.models import (
    CareerLevel,
    Evidence,
    EvidenceTransition,
    FrameworkItem,
    FrameworkVersion,
    Panel,
    ProgressionApplication,
)
from core.models import User
from tests.careers.factories import (
    CareerLevelFactory,
    CareersSettingsFactory,
    EvidenceFactory,
    EvidenceTransitionFactory,
    FrameworkItemFactory,
    FrameworkVersionFactory,
    PanelFactory,
    ProgressionApplicationFactory,
    WorkerLevelFactory,
)
from tests.conftest import Cast
from workforce.models import Authority, Worker

TODAY = dt.date(2026, 11, 2)


@dataclass
class Ladder:
    version: FrameworkVersion
    principles: list[FrameworkItem]
    outcomes: list[FrameworkItem]
    current: CareerLevel
    next: CareerLevel
    panel: Panel


def ladder_for(authority: Authority, *, members: list | None = None, code: str = "apps-v1") -> Ladder:
    """The authority's framework (2 principles, 2 outcomes), levels Social Worker → Experienced, and a panel."""
    version = FrameworkVersionFactory(code=f"{code}-{authority.code}", name="National framework (test)")
    principles = [
        FrameworkItemFactory(version=version, kind="principle", number=1, key="welfare", title="Welfare is paramount"),
        FrameworkItemFactory(version=version, kind="principle", number=2, key="wishes", title="Wishes and feelings"),
    ]
    outcomes = [
        FrameworkItemFactory(version=version, kind="outcome", number=1, key="together", title="Families together"),
        FrameworkItemFactory(version=version, kind="outcome", number=2, key="safe", title="Safe at home"),
    ]
    CareersSettingsFactory(authority=authority, framework_version=version)
    current = CareerLevelFactory(authority=authority, order=1, code="SW", name="Social Worker")
    nxt = CareerLevelFactory(
        authority=authority, order=2, code="ESW", name="Experienced Social Worker", min_accepted_evidence=2
    )
    nxt.required_items.set([principles[0], outcomes[0]])
    panel = PanelFactory(authority=authority, name="Progression panel", members=members or [])
    return Ladder(version, principles, outcomes, current, nxt, panel)


def accepted_evidence(
    worker: Worker, ladder: Ladder, reviewer: User, n: int = 2, items: list | None = None
) -> list[Evidence]:
    """``n`` accepted pieces covering the next level's criteria, each with a submit and an accept step."""
    pieces = []
    for i in range(n):
        evidence = EvidenceFactory(
            worker=worker,
            framework_version=ladder.version,
            status=Evidence.Status.ACCEPTED,
            title=f"Family network meeting {i + 1}",
            items=items or [ladder.principles[0], ladder.outcomes[0]],
        )
        at = timezone.now() - dt.timedelta(days=30 - i)
        EvidenceTransitionFactory(evidence=evidence, by=worker.user or reviewer, at=at)
        EvidenceTransitionFactory(
            evidence=evidence,
            action=EvidenceTransition.Action.ACCEPT,
            from_status=Evidence.Status.SUBMITTED,
            to_status=Evidence.Status.ACCEPTED,
            by=reviewer,
            at=at + dt.timedelta(days=2),
            comment="Well evidenced.",
        )
        pieces.append(evidence)
    return pieces


def ready_to_apply(cast: Cast) -> Ladder:
    """Sam (the social worker login, in Front Door) meets the criteria of Experienced Social Worker."""
    ladder = ladder_for(cast.authority, members=[cast.panel_member])
    WorkerLevelFactory(worker=cast.sam, level=ladder.current, effective_from=dt.date(2024, 4, 1))
    accepted_evidence(cast.sam, ladder, cast.team_manager)
    return ladder


def _ladder_of(authority: Authority) -> Ladder | None:
    """The ladder ``ladder_for`` made for the authority earlier in the test, if any."""
    current = CareerLevel.objects.filter(authority=authority, code="SW").first()
    if current is None:
        return None
    nxt = CareerLevel.objects.get(authority=authority, code="ESW")
    version = current.authority.careers_settings.framework_version
    items = list(version.items.order_by("number"))
    return Ladder(
        version,
        [i for i in items if i.kind == "principle"],
        [i for i in items if i.kind == "outcome"],
        current,
        nxt,
        Panel.objects.get(authority=authority, name="Progression panel"),
    )


def application_for(
    cast: Cast, worker: Worker | None = None, *, members: list | None = None, panel: Panel | None = None
) -> ProgressionApplication:
    """A submitted application of Sam's (or another worker's) with two accepted pieces of evidence.

    It goes to ``panel``; else, with ``members``, to a new panel of those members; else to "Progression panel",
    which Pat (the panel member login) sits on.
    """
    worker = worker or cast.sam
    ladder = _ladder_of(worker.authority) or ladder_for(worker.authority, members=[cast.panel_member])
    if panel is None:
        panel = ladder.panel if members is None else PanelFactory(authority=worker.authority, members=members)
    WorkerLevelFactory(worker=worker, level=ladder.current, effective_from=dt.date(2024, 4, 1))
    evidence = accepted_evidence(worker, ladder, cast.team_manager)
    application = ProgressionApplicationFactory(
        worker=worker,
        current_level=ladder.current,
        level_sought=ladder.next,
        panel=panel,
        applied_by=worker.user or cast.team_manager,
    )
    application.evidence.set(evidence)
    return application
