"""Factories and set-up of the evidence and progress tests: a small framework the cast's authority uses, evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from careers.models import Evidence, EvidenceTransition, FrameworkItem, FrameworkVersion
from tests.careers.factories import (
    CareersSettingsFactory,
    EvidenceFactory,
    EvidenceTransitionFactory,
    FrameworkItemFactory,
    FrameworkVersionFactory,
)
from tests.conftest import Cast
from workforce.codes import UserRole
from workforce.services.accounts import role_assign, user_create


@dataclass
class Framework:
    version: FrameworkVersion
    p1: FrameworkItem
    p2: FrameworkItem
    o1: FrameworkItem
    o2: FrameworkItem


def make_framework(cast: Cast, code: str = "evidence-test-v1") -> Framework:
    version = FrameworkVersionFactory(code=code, name="Test framework")
    p1 = FrameworkItemFactory(version=version, kind="principle", number=1, key="welfare", title="Welfare first")
    p2 = FrameworkItemFactory(version=version, kind="principle", number=2, key="wishes", title="Wishes heard")
    o1 = FrameworkItemFactory(version=version, kind="outcome", number=1, key="together", title="Families together")
    o2 = FrameworkItemFactory(version=version, kind="outcome", number=2, key="safe", title="Children safe")
    CareersSettingsFactory(authority=cast.authority, framework_version=version)
    return Framework(version, p1, p2, o1, o2)


def make_evidence(
    cast: Cast, framework: Framework, status: str = Evidence.Status.DRAFT, worker: Any = None, **kwargs: Any
) -> Evidence:
    """A complete piece (title, texts, one principle, one outcome) in the given state, with a plausible timeline."""
    worker = worker or cast.sam
    now = timezone.now()
    evidence = EvidenceFactory(
        worker=worker,
        framework_version=framework.version,
        status=status,
        items=kwargs.pop("items", [framework.p1, framework.o1]),
        submitted_at=now if status != Evidence.Status.DRAFT else None,
        decided_at=now if status in (Evidence.Status.ACCEPTED, Evidence.Status.RETURNED) else None,
        **kwargs,
    )
    by = worker.user or cast.social_worker
    if status != Evidence.Status.DRAFT:
        EvidenceTransitionFactory(evidence=evidence, by=by, at=now - dt.timedelta(hours=1))
    if status in (Evidence.Status.ACCEPTED, Evidence.Status.RETURNED):
        returned = status == Evidence.Status.RETURNED
        EvidenceTransitionFactory(
            evidence=evidence,
            by=cast.team_manager,
            at=now,
            action=EvidenceTransition.Action.RETURN if returned else EvidenceTransition.Action.ACCEPT,
            from_status=Evidence.Status.SUBMITTED,
            to_status=status,
            comment="Say more about the impact." if returned else "",
        )
    return evidence


def make_cic_manager(cast: Cast) -> Any:
    """A team manager of Children in Care: a manager, but not Sam's."""
    user = user_create(email="cara.cic@northshire.example", full_name="Cara Care", password="correct-horse-battery")
    role_assign(user=user, authority=cast.authority, role=UserRole.TEAM_MANAGER, team=cast.children_in_care)
    return user
