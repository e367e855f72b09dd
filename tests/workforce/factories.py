"""Factories for workforce records. Defaults describe a permanent, full-time case holder in post."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from core.models import User
from workforce.codes import AbsenceType, Contract, Role
from workforce.models import (
    Absence,
    Assignment,
    Authority,
    CaseloadRecord,
    Establishment,
    RoleAssignment,
    ServiceArea,
    Team,
    Worker,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password("correct-horse-battery")


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LA{n}")
    name = factory.LazyAttribute(lambda o: f"{o.code} Council")


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    authority = factory.SubFactory(AuthorityFactory)
    code = factory.Sequence(lambda n: f"SA{n}")
    name = factory.Sequence(lambda n: f"Service area {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    authority = factory.SubFactory(AuthorityFactory)
    service_area = None
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Team {n}")


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worker

    authority = factory.SubFactory(AuthorityFactory)
    worker_id = factory.Sequence(lambda n: f"W{n:05d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    swe_registration = factory.Sequence(lambda n: f"SW{100000 + n}")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    worker = factory.SubFactory(WorkerFactory)
    team = factory.SubFactory(TeamFactory, authority=factory.SelfAttribute("..worker.authority"))
    role = Role.CASE_HOLDER
    contract = Contract.PERMANENT
    fte = Decimal("1")
    start_date = dt.date(2020, 1, 6)
    end_date = None
    leaving_reason = ""


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    team = factory.SubFactory(TeamFactory)
    effective_from = dt.date(2020, 4, 1)
    establishment_fte = Decimal("5")


class CaseloadRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseloadRecord

    worker = factory.SubFactory(WorkerFactory)
    date = dt.date(2025, 9, 30)
    cases = 15


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    worker = factory.SubFactory(WorkerFactory)
    start_date = dt.date(2025, 1, 6)
    end_date = dt.date(2025, 1, 10)
    type = AbsenceType.SICKNESS
    working_days_lost = Decimal("5")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    authority = factory.SubFactory(AuthorityFactory)
    role = "workforce_officer"
