"""The CPD step of seed_demo: every state of CPD records, days and training occurs, and a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from cpd import demo
from cpd.filters_oversight import RenewalStatus
from cpd.models import CpdAttachment, CpdDayRequest, CpdRecord, CpdSettings, TrainingCompletion, TrainingCourse
from cpd.selectors.oversight import people_in_post
from workforce.models import Team, Worker
from workforce.services.demo import SOCIAL_WORKER_EMAIL, seed_logins, seed_workforce

TODAY = dt.date(2026, 10, 15)  # registration year 2026
pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():  # noqa: ANN201
    workforce = seed_workforce(today=TODAY)
    seed_logins(workforce=workforce, password="demo-password")
    started = time.monotonic()
    line = demo.seed_cpd(workforce)
    return workforce, line, time.monotonic() - started


def _training_status(completion: TrainingCompletion | None) -> str:
    if completion is None:
        return "missing"
    if completion.expires_on is None or completion.expires_on > TODAY + dt.timedelta(days=60):
        return "active"
    return "expired" if completion.expires_on <= TODAY else "expiring"


def test_it_sets_up_the_demo_authoritys_cpd_settings(seeded) -> None:
    workforce, line, seconds = seeded
    settings = CpdSettings.objects.get(authority=workforce.authority)
    assert (settings.days_per_year, settings.reminder_days, settings.training_expiring_days) == (
        3,
        [90, 60, 30, 14, 7],
        60,
    )
    assert line.startswith("CPD: ")
    assert "Demoshire County Council" in line
    assert seconds < 10
    assert not CpdRecord.objects.filter(worker__authority=workforce.other_authority).exists()


def test_records_come_in_every_state_and_people_in_every_status(seeded) -> None:
    records = CpdRecord.objects.filter(worker__authority=seeded[0].authority)
    assert records.filter(status=CpdRecord.Status.DRAFT).exists()
    assert records.filter(status=CpdRecord.Status.RECORDED).exclude(peer_reflection="").exists()
    assert records.filter(status=CpdRecord.Status.RECORDED, peer_reflection="").exists()
    documents = records.filter(kind=CpdRecord.Kind.DOCUMENT)
    assert documents.exists()
    assert CpdAttachment.objects.filter(record__in=documents).count() == documents.count()
    assert set(records.values_list("registration_year", flat=True)) >= {2025, 2026}
    assert not records.filter(start_date__gt=TODAY).exists()
    assert not records.filter(status=CpdRecord.Status.RECORDED, recorded_at__isnull=True).exists()
    # some people meet the requirement, some are at risk and some have nothing recorded
    teams = Team.objects.filter(authority=seeded[0].authority)
    people = people_in_post(teams=teams, year=2026, on=TODAY)
    statuses = [RenewalStatus.of(p.cpd_records_count, p.cpd_peer_count) for p in people]
    assert {RenewalStatus.MET, RenewalStatus.AT_RISK, RenewalStatus.NOT_STARTED} <= set(statuses)


def test_the_demo_social_worker_is_at_risk_with_a_draft_and_last_years_records(seeded) -> None:
    worker = Worker.objects.get(email=SOCIAL_WORKER_EMAIL)
    this_year = CpdRecord.objects.filter(worker=worker, registration_year=2026)
    assert this_year.filter(status=CpdRecord.Status.RECORDED).exclude(peer_reflection="").count() == 1
    assert this_year.filter(status=CpdRecord.Status.DRAFT).count() == 1
    assert this_year.count() == 2
    assert CpdRecord.objects.filter(worker=worker, registration_year=2025, status="recorded").count() == 2
    statuses = {
        course.code: _training_status(TrainingCompletion.objects.filter(worker=worker, course=course).first())
        for course in TrainingCourse.objects.filter(authority=seeded[0].authority)
    }
    assert statuses == {"SAFEGUARD": "active", "DATAPROT": "expiring", "COURT": "expired", "SOS": "missing"}


def test_day_requests_and_training_come_in_every_status(seeded) -> None:
    requests = CpdDayRequest.objects.filter(worker__authority=seeded[0].authority)
    assert set(requests.values_list("status", flat=True)) == set(CpdDayRequest.Status.values)
    approved = requests.filter(status=CpdDayRequest.Status.APPROVED)
    assert approved.filter(start_date__lt=TODAY).exists()
    assert approved.filter(start_date__gt=TODAY).exists()
    assert not requests.filter(status=CpdDayRequest.Status.REFUSED, refusal_reason="").exists()
    assert not approved.filter(decided_by__isnull=True).exists()
    courses = TrainingCourse.objects.filter(authority=seeded[0].authority)
    assert {c.name: c.validity_months for c in courses} == {
        "Safeguarding children refresher": 36,
        "Data protection": 12,
        "Signs of Safety foundation": None,
        "Court skills": 24,
    }
    statuses = {_training_status(c) for c in TrainingCompletion.objects.filter(course__in=courses)}
    assert statuses == {"active", "expiring", "expired"}  # and "missing", above, for the demo social worker


def test_running_it_again_adds_nothing(seeded) -> None:
    workforce = seeded[0]
    counts = (CpdRecord.objects.count(), CpdDayRequest.objects.count(), TrainingCompletion.objects.count())
    line = demo.seed_cpd(workforce)
    assert line == "CPD: Demoshire County Council already has CPD records; left as they are."
    assert (CpdRecord.objects.count(), CpdDayRequest.objects.count(), TrainingCompletion.objects.count()) == counts


def test_register_adds_the_step_to_seed_demo(monkeypatch) -> None:
    from workforce.services import demo as workforce_demo

    monkeypatch.setattr(workforce_demo, "_STEPS", {})
    demo.register()
    assert workforce_demo._STEPS["cpd"] == (10, demo.seed_cpd)
