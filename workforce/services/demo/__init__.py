"""Demonstration data (spec section 5, ``seed_demo``): two authorities with workforce history, and the demo logins.

``seed_demo`` runs the steps in order, and each step is idempotent: an authority that already has workers is left
as it is, and the logins are only checked (and their passwords reset). Later issues add their own ``seed_*`` step
that takes the ``DemoWorkforce`` returned by ``seed_workforce``.

The package: ``plans`` (what each authority looks like, and the shared constants), ``names`` (the code lists
and weights drawn from), ``dates`` and ``people`` (helpers of the generator), ``generator`` (the workforce
history), ``authority`` (writing an authority, ``seed_workforce``) and ``logins`` (``seed_logins``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from workforce.services.demo.authority import DemoWorkforce, seed_workforce
from workforce.services.demo.logins import DemoLogin, seed_logins
from workforce.services.demo.plans import (
    ADMIN_EMAIL,
    DEFAULT_PASSWORD,
    DEMO,
    HISTORY_YEARS,
    OTHER_AUTHORITY,
    OTHER_MANAGER_EMAIL,
    PANEL_MEMBER_EMAIL,
    PLANS,
    SEED,
    SERVICE_MANAGER_EMAIL,
    SOCIAL_WORKER_EMAIL,
    TEAM_MANAGER_EMAIL,
    WORKFORCE_OFFICER_EMAIL,
    AuthorityPlan,
    PinnedPerson,
    TeamPlan,
)

__all__ = [
    "ADMIN_EMAIL",
    "DEFAULT_PASSWORD",
    "DEMO",
    "HISTORY_YEARS",
    "OTHER_AUTHORITY",
    "OTHER_MANAGER_EMAIL",
    "PANEL_MEMBER_EMAIL",
    "PLANS",
    "SEED",
    "SERVICE_MANAGER_EMAIL",
    "SOCIAL_WORKER_EMAIL",
    "TEAM_MANAGER_EMAIL",
    "WORKFORCE_OFFICER_EMAIL",
    "AuthorityPlan",
    "DemoLogin",
    "DemoResult",
    "DemoWorkforce",
    "PinnedPerson",
    "TeamPlan",
    "seed_demo",
    "seed_logins",
    "seed_workforce",
    "register_demo_step",
]


@dataclass(frozen=True)
class DemoResult:
    workforce: DemoWorkforce
    logins: list[DemoLogin]
    steps: list[str] = field(default_factory=list)  # one line from each registered step


# Steps that other apps add (CPD records, evidence): workforce imports neither cpd nor careers, so they register
# here from their AppConfig.ready(). A step takes the DemoWorkforce (authorities, `created`, `today`), is
# idempotent, and returns a one-line summary. Steps run in the order of their `order`.
DemoStep = Callable[[DemoWorkforce], str]
_STEPS: dict[str, tuple[int, DemoStep]] = {}


def register_demo_step(name: str, step: DemoStep, *, order: int = 100) -> None:
    _STEPS[name] = (order, step)


def seed_demo(*, password: str = DEFAULT_PASSWORD, today: dt.date | None = None) -> DemoResult:
    """Every demo step in order: the workforce of both authorities, the logins, then the registered steps."""
    workforce = seed_workforce(today=today)
    logins = seed_logins(workforce=workforce, password=password)
    steps = [step(workforce) for _, step in sorted(_STEPS.values(), key=lambda item: item[0])]
    return DemoResult(workforce=workforce, logins=logins, steps=[line for line in steps if line])
