"""Factories for the practice framework, career levels, evidence, panels and applications."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from careers.models import (
    CareerLevel,
    CareersSettings,
    Evidence,
    EvidenceTransition,
    FrameworkItem,
    FrameworkVersion,
    Panel,
    ProgressionApplication,
    WorkerLevel,
)
from tests.workforce.factories import AuthorityFactory, UserFactory, WorkerFactory


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkVersion
        django_get_or_create = ("code",)

    family = FrameworkVersion.Family.PRACTICE
    code = factory.Sequence(lambda n: f"framework-{n}")
    name = factory.Sequence(lambda n: f"Practice framework {n}")
    published_on = dt.date(2023, 12, 1)


class FrameworkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkItem

    version = factory.SubFactory(FrameworkVersionFactory)
    kind = FrameworkItem.Kind.PRINCIPLE
    number = factory.Sequence(lambda n: n + 1)
    key = factory.LazyAttribute(lambda o: f"{o.kind}-{o.number}")
    title = factory.LazyAttribute(lambda o: f"{o.kind.title()} {o.number}")


class CareersSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareersSettings
        django_get_or_create = ("authority",)

    authority = factory.SubFactory(AuthorityFactory)
    framework_version = factory.SubFactory(FrameworkVersionFactory)


class CareerLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerLevel

    authority = factory.SubFactory(AuthorityFactory)
    order = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"L{o.order}")
    name = factory.LazyAttribute(lambda o: f"Level {o.order}")
    min_accepted_evidence = 0
    min_months_at_previous_level = 0


class WorkerLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerLevel

    worker = factory.SubFactory(WorkerFactory)
    level = factory.SubFactory(CareerLevelFactory)
    effective_from = dt.date(2023, 4, 1)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence
        skip_postgeneration_save = True

    worker = factory.SubFactory(WorkerFactory)
    framework_version = factory.SubFactory(FrameworkVersionFactory)
    title = factory.Sequence(lambda n: f"Family network meeting {n}")
    practice_date = dt.date(2026, 2, 3)
    what_happened = "A mother of three asked for help after her partner was arrested."
    what_i_did = "I convened a family network meeting and agreed a safety plan with the grandparents."
    impact = "The children stayed at home with a plan the family owned; no further referral in six months."
    status = Evidence.Status.DRAFT

    @factory.post_generation
    def items(self, create: bool, extracted: list[FrameworkItem] | None, **kwargs: object) -> None:
        if create and extracted:
            self.items.set(extracted)


class EvidenceTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceTransition

    evidence = factory.SubFactory(EvidenceFactory)
    action = EvidenceTransition.Action.SUBMIT
    from_status = Evidence.Status.DRAFT
    to_status = Evidence.Status.SUBMITTED
    by = factory.SubFactory(UserFactory)
    at = factory.LazyFunction(timezone.now)


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        skip_postgeneration_save = True

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Progression panel {n}")

    @factory.post_generation
    def members(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.members.set(extracted)


class ProgressionApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressionApplication

    worker = factory.SubFactory(WorkerFactory)
    level_sought = factory.SubFactory(CareerLevelFactory)
    panel = factory.SubFactory(PanelFactory)
    statement = "I have led family network meetings across the team for a year."
    applied_by = factory.SubFactory(UserFactory)
    applied_at = factory.LazyFunction(timezone.now)
