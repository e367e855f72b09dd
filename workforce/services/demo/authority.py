"""The workforce step of the demo: generate each authority once and write its records in bulk.

An authority that already has workers is left as it is. The ``DemoWorkforce`` of the step tells later steps (the
logins, and the ``seed_*`` steps of later issues) what was made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from workforce.codes import Contract, Gender, LeavingReason, StartOrigin
from workforce.models import (
    Absence,
    AgencyEngagement,
    AgencyJobType,
    Assignment,
    Authority,
    CaseloadRecord,
    Establishment,
    IndicatorTarget,
    ServiceArea,
    Team,
    Worker,
    WorkloadSettings,
)
from workforce.services.demo.dates import _next_renewal
from workforce.services.demo.generator import _Generator
from workforce.services.demo.names import (
    AGENCIES,
    ETHNICITY_WEIGHTS,
    NAME_BACKGROUND,
    NAMES,
    PRICE_CAPS,
    ROUTE_WEIGHTS,
    TARGETS,
)
from workforce.services.demo.people import _email, _Person, _pick, _pq_status, _registration_number, _Tenure
from workforce.services.demo.plans import (
    CHANGE_REASON,
    DAY,
    DEMO,
    FLM,
    MM,
    OTHER,
    OTHER_AUTHORITY,
    QNC,
    SM,
    SP,
    AuthorityPlan,
)


def _create(model: type, objs: list) -> list:
    return bulk_create_with_history(objs, model, batch_size=500, default_change_reason=CHANGE_REASON)


def _seed_authority(plan: AuthorityPlan, today: dt.date) -> tuple[Authority, bool]:
    """Create the authority's organisation and workforce, unless it already has workers."""
    authority, _ = Authority.objects.get_or_create(code=plan.code, defaults={"name": plan.name})
    if Worker.objects.filter(authority=authority).exists():
        return authority, False
    areas = {
        code: ServiceArea.objects.get_or_create(authority=authority, code=code, defaults={"name": name})[0]
        for code, name in plan.service_areas
    }
    teams = {
        t.code: Team.objects.get_or_create(
            authority=authority, code=t.code, defaults={"name": t.name, "service_area": areas.get(t.service_area)}
        )[0]
        for t in plan.teams
    }
    gen = _Generator(plan, today)
    gen.simulate()
    gen.sickness_and_leave()

    pairs = _workers(gen, authority)
    _create(Worker, [w for _, w in pairs])
    worker_of = {id(p): w for p, w in pairs}
    tenures = sorted(
        (t for p, _ in pairs for t in p.tenures), key=lambda t: (worker_of[id(t.person)].worker_id, t.start)
    )
    assignments = [
        Assignment(
            worker=worker_of[id(t.person)],
            team=teams[t.team.code],
            role=t.role,
            job_title=_job_title(t, today),
            contract=t.contract,
            fte=t.fte,
            start_date=t.start,
            end_date=t.end,
            leaving_reason=t.reason,
            covers_vacancy=t.covers_vacancy,
        )
        for t in tenures
    ]
    _create(Assignment, assignments)
    agency = [
        (t, a) for t, a in zip(tenures, assignments, strict=True) if t.contract == Contract.AGENCY and t.role != OTHER
    ]
    current = [i for i, (t, _) in enumerate(agency) if t.end is None]
    flags = dict(
        zip(
            gen.rng.sample(current, min(4, len(current))),
            ("experience", "over_cap", "notice", "signed_off"),
            strict=False,
        )
    )
    _create(AgencyEngagement, [_engagement(gen, t, a, flags.get(i, "")) for i, (t, a) in enumerate(agency)])

    establishment = []
    for plan_team in plan.teams:
        if not plan_team.funded:
            continue
        base = sum(n for role, n in plan_team.posts if role != OTHER)
        establishment.append(
            Establishment(team=teams[plan_team.code], effective_from=gen.base_april, establishment_fte=base)
        )
        if plan_team.new_posts and gen.growth_april <= today:
            establishment.append(
                Establishment(
                    team=teams[plan_team.code],
                    effective_from=gen.growth_april,
                    establishment_fte=base + plan_team.new_posts,
                )
            )
    _create(Establishment, establishment)
    _create(
        CaseloadRecord,
        [CaseloadRecord(worker=worker_of[id(p)], date=on, **counts) for p, on, counts in gen.caseloads()],
    )
    _create(
        Absence,
        [
            Absence(
                worker=worker_of[id(a.person)],
                start_date=a.start,
                end_date=a.end,
                type=a.type,
                working_days_lost=a.days,
            )
            for a in sorted(gen.absences, key=lambda a: (worker_of[id(a.person)].worker_id, a.start))
        ],
    )
    WorkloadSettings.objects.get_or_create(
        authority=authority,
        defaults={
            "caseload_threshold": plan.caseload_threshold,
            "asye_caseload_threshold": plan.caseload_threshold - 6,
        },
    )
    _create(
        IndicatorTarget,
        [
            IndicatorTarget(authority=authority, indicator=key, value=Decimal(value), effective_from=gen.base_april)
            for key, value in TARGETS.items()
            if not IndicatorTarget.objects.filter(authority=authority, indicator=key).exists()
        ],
    )
    return authority, True


def _job_title(tenure: _Tenure, today: dt.date) -> str:
    if tenure.role == OTHER:
        return {"CL": "Personal Adviser", "PD": "Workforce Development Officer"}.get(
            tenure.team.code, "Family Support Worker"
        )
    titles = {
        SM: "Assistant Director",
        MM: "Head of Service",
        FLM: "Team Manager",
        SP: "Senior Practitioner",
        QNC: "Practice Educator" if tenure.team.code == "PD" else "Social Worker (screening)",
    }
    if tenure.role in titles:
        return titles[tenure.role]
    if tenure.contract == Contract.AGENCY:
        return "Locum Social Worker"
    # The ASYE title is kept by those still in their first year; later records would have moved on.
    in_first_year = ((tenure.end or today) - tenure.start).days < 365 and tenure is tenure.person.tenures[0]
    return (
        "Social Worker (ASYE)"
        if in_first_year and tenure.person.origin == StartOrigin.NEWLY_QUALIFIED
        else "Social Worker"
    )


def _workers(gen: _Generator, authority: Authority) -> list[tuple[_Person, Worker]]:
    """One unsaved Worker per person, numbered in the order they first started."""
    rng = gen.rng
    for person in gen.people:
        person.tenures.sort(key=lambda t: t.start)
    people = sorted(gen.people, key=lambda p: (p.tenures[0].start, p.tenures[0].post))
    gen.people = people
    used_emails: set[str] = set()
    used_numbers: set[int] = set()
    renewal = _next_renewal(gen.today)
    out = []
    for n, person in enumerate(people, start=1):
        first_tenure, last_tenure = person.tenures[0], person.tenures[-1]
        pinned = person.pinned
        ethnicity = pinned.ethnicity if pinned else _pick(rng, ETHNICITY_WEIGHTS)
        women, men, surnames = NAMES[NAME_BACKGROUND[ethnicity]]
        if pinned:
            first_name, last_name, email = pinned.first_name, pinned.last_name, pinned.email
        else:
            names = men if person.gender == Gender.MALE else women
            if person.gender in (Gender.NOT_KNOWN, Gender.NOT_SPECIFIED) and rng.random() < 0.5:
                names = men
            first_name, last_name = rng.choice(names.split()), rng.choice(surnames.split())
            email = _email(first_name, last_name, gen.plan.domain, used_emails)
        started = first_tenure.start
        years_here = round(((last_tenure.end or gen.today) - started).days / 365)
        # Nobody works past 66; those who retired were 60 to 66 when they went.
        age = max(21, min(person.age_at_start, 65 - years_here))
        if last_tenure.reason == LeavingReason.RETIRED:
            age = rng.randint(60, 66) - years_here
        born = started - dt.timedelta(days=round(age * 365.25) + rng.randint(0, 364))
        worker = Worker(
            authority=authority,
            worker_id=f"{gen.plan.worker_prefix}{10000 + n}",
            first_name=first_name,
            last_name=last_name,
            email=email,
            date_of_birth=born,
            gender=person.gender,
            ethnicity=ethnicity,
            start_origin=person.origin,
            leaver_destination=person.destination,
        )
        if person.social_worker:
            qualified = started.year - (0 if person.origin == StartOrigin.NEWLY_QUALIFIED else rng.randint(1, 15))
            worker.swe_registration = f"SW{_registration_number(rng, qualified, used_numbers)}"
            worker.swe_renewal_date = renewal
            worker.qualification_route = pinned.route if pinned else _pick(rng, ROUTE_WEIGHTS)
            worker.pq_status = _pq_status(person, gen.today)
        out.append((person, worker))
    return out


def _engagement(gen: _Generator, tenure: _Tenure, assignment: Assignment, flag: str = "") -> AgencyEngagement:
    """The agency engagement details; ``flag`` breaks one rule of the DfE guidance on purpose."""
    rng = gen.rng
    job_type = {
        FLM: AgencyJobType.PRACTICE_SUPERVISOR,
        SP: AgencyJobType.SENIOR_SOCIAL_WORKER,
        MM: AgencyJobType.PRACTICE_LEADER,
        SM: AgencyJobType.PRACTICE_LEADER,
    }.get(tenure.role, AgencyJobType.SOCIAL_WORKER)
    cap = PRICE_CAPS[job_type]
    pay = (cap * Decimal(rng.uniform(0.78, 0.86))).quantize(Decimal("0.01"))
    if flag in ("over_cap", "signed_off"):
        pay = (cap * Decimal("0.93")).quantize(Decimal("0.01"))
    signed = tenure.start - dt.timedelta(days=rng.randint(3, 10)) if flag == "signed_off" else None
    return AgencyEngagement(
        assignment=assignment,
        agency=rng.choice(AGENCIES),
        job_type=job_type,
        pay_rate=pay,
        employer_ni=(pay * Decimal("0.125")).quantize(Decimal("0.01")),
        apprenticeship_levy=(pay * Decimal("0.005")).quantize(Decimal("0.01")),
        regional_price_cap=cap,
        pq_experience_years=Decimal("2.0") if flag == "experience" else Decimal(rng.randint(35, 180)) / 10,
        notice_period_weeks=6 if flag == "notice" else rng.choice((1, 2, 4, 4)),
        dcs_signoff_on=signed,
        chief_executive_signoff_on=signed + DAY if signed else None,
    )


@dataclass(frozen=True)
class DemoWorkforce:
    """What the workforce step made (or found), for the logins and for later steps."""

    authority: Authority
    other_authority: Authority
    created: bool  # True when this run generated the workforce records
    today: dt.date


@transaction.atomic
def seed_workforce(*, today: dt.date | None = None) -> DemoWorkforce:
    """The demonstration authority and the small second authority, each generated once."""
    today = today or timezone.localdate()
    demo, created_demo = _seed_authority(DEMO, today)
    other, created_other = _seed_authority(OTHER_AUTHORITY, today)
    return DemoWorkforce(authority=demo, other_authority=other, created=created_demo or created_other, today=today)
