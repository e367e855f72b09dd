"""Factories for CPD records, days and training. Defaults describe a recorded piece of CPD with peer reflection."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from cpd.models import (
    ActivityType,
    CpdDayRequest,
    CpdRecord,
    CpdSettings,
    TrainingCompletion,
    TrainingCourse,
)
from cpd.years import registration_year_for
from tests.workforce.factories import AuthorityFactory, WorkerFactory


class CpdSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CpdSettings
        django_get_or_create = ("authority",)

    authority = factory.SubFactory(AuthorityFactory)
    days_per_year = Decimal("3")
    reminder_days = factory.LazyFunction(lambda: [90, 60, 30, 14, 7])


class CpdRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CpdRecord

    worker = factory.SubFactory(WorkerFactory)
    status = CpdRecord.Status.RECORDED
    title = factory.Sequence(lambda n: f"Training session {n}")
    activity_type = ActivityType.COURSE
    start_date = dt.date(2026, 3, 12)
    registration_year = factory.LazyAttribute(lambda o: registration_year_for(o.start_date))
    description = "A day on direct work with teenagers at risk of exploitation, relevant to my Front Door cases."
    learning = "How to map a young person's networks and spot the signs of grooming earlier."
    impact = "I now ask about online contacts in every return interview; one child was referred to the MACE panel."
    peer_reflection = "In supervision we discussed how I could use the network map with a sibling group."
    peer_name = "Tess Manager"
    peer_role = "Team manager"
    standards = factory.LazyFunction(lambda: ["1", "4"])
    standard_4_parts = factory.LazyFunction(lambda: ["4.3", "4.6"])
    hours = Decimal("6.5")
    recorded_at = factory.LazyAttribute(
        lambda o: dt.datetime(2026, 3, 13, 9, tzinfo=dt.UTC) if o.status == CpdRecord.Status.RECORDED else None
    )


class CpdDayRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CpdDayRequest

    worker = factory.SubFactory(WorkerFactory)
    start_date = dt.date(2026, 5, 11)
    registration_year = factory.LazyAttribute(lambda o: registration_year_for(o.start_date))
    days = Decimal("1")
    purpose = "Attend the regional exploitation conference"
    status = CpdDayRequest.Status.REQUESTED


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    authority = factory.SubFactory(AuthorityFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.Sequence(lambda n: f"Safeguarding refresher {n}")
    validity_months = 36


class TrainingCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCompletion

    worker = factory.SubFactory(WorkerFactory)
    course = factory.SubFactory(TrainingCourseFactory)
    completed_on = dt.date(2025, 1, 15)
    expires_on = None
