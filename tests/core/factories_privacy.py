"""Test data for the data protection tests: a worker with a record of every kind, and leavers who left long ago."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from careers.models import Evidence, EvidenceAttachment, ProgressionApplication
from core.models import User
from cpd.models import CpdAttachment, CpdDayAllowance, CpdDayRequest, CpdRecord
from tests.careers.factories import CareerLevelFactory, PanelFactory, ProgressionApplicationFactory, WorkerLevelFactory
from tests.careers.factories_evidence import Framework, make_evidence, make_framework
from tests.conftest import Cast
from tests.cpd.factories import CpdDayRequestFactory, CpdRecordFactory, TrainingCompletionFactory
from tests.cpd.factories_records import PDF_BYTES, attach
from tests.workforce.factories import AbsenceFactory, AssignmentFactory, CaseloadRecordFactory, WorkerFactory
from workforce.codes import Contract, LeavingReason, Role
from workforce.models import AgencyEngagement, Team, Worker
from workforce.services.accounts import user_create, worker_link_user

REFLECTION = "Talking it through with Tess showed me how the Smith family's story shaped my assessment."
EVIDENCE_TEXT = "I met the Jones children at school and heard their wishes about contact."


@dataclass
class FullRecord:
    worker: Worker
    cpd_record: CpdRecord
    cpd_attachment: CpdAttachment
    evidence: Evidence
    evidence_attachment: EvidenceAttachment
    application: ProgressionApplication


def attach_to_evidence(evidence: Evidence, name: str = "notes.pdf") -> EvidenceAttachment:
    attachment = EvidenceAttachment(
        evidence=evidence, original_name=name, content_type="application/pdf", size=len(PDF_BYTES)
    )
    attachment.file.save(name, ContentFile(PDF_BYTES), save=False)
    attachment.save()
    return attachment


def give_full_record(cast: Cast, worker: Worker, framework: Framework | None = None) -> FullRecord:
    """One record of every kind the export covers (the worker's assignments are left to the caller)."""
    framework = framework or make_framework(cast, code=f"privacy-{worker.pk}")
    CaseloadRecordFactory(worker=worker, date=dt.date(2015, 9, 30), cases=14)
    AbsenceFactory(worker=worker, start_date=dt.date(2015, 3, 2), end_date=dt.date(2015, 3, 6))
    record = CpdRecordFactory(
        worker=worker, start_date=dt.date(2015, 3, 12), peer_reflection=REFLECTION, learning='=HYPERLINK("x")'
    )
    cpd_attachment = attach(record, name="Certificate for Sam.pdf")
    CpdDayAllowance.objects.create(worker=worker, registration_year=2015, days=Decimal("4"), reason="Extra for ASYE")
    CpdDayRequestFactory(
        worker=worker,
        start_date=dt.date(2015, 5, 11),
        status=CpdDayRequest.Status.REFUSED,
        refusal_reason="Court week for the Smith case.",
        cpd_record=record,
    )
    TrainingCompletionFactory(worker=worker, course__authority=cast.authority, note="Passed after a resit")
    evidence = make_evidence(
        cast, framework, status=Evidence.Status.RETURNED, worker=worker, what_happened=EVIDENCE_TEXT
    )
    evidence.cpd_records.add(record)
    evidence_attachment = attach_to_evidence(evidence, name="Jones family notes.pdf")
    level = CareerLevelFactory(authority=cast.authority, order=900 + worker.pk % 50)
    WorkerLevelFactory(worker=worker, level=level, effective_from=dt.date(2014, 4, 1), note="Agreed at supervision")
    application = ProgressionApplicationFactory(
        worker=worker,
        level_sought=level,
        panel=PanelFactory(authority=cast.authority),
        applied_by=cast.team_manager,
        status=ProgressionApplication.Status.DEFERRED,
        decided_by=cast.panel_member,
        decided_at=timezone.now(),
        decision_reasons="Needs more evidence about the Jones family.",
    )
    application.evidence.add(evidence)
    return FullRecord(worker, record, cpd_attachment, evidence, evidence_attachment, application)


def make_leaver(
    cast: Cast,
    *,
    worker_id: str,
    left_on: dt.date,
    team: Team | None = None,
    started_on: dt.date = dt.date(2012, 4, 2),
    email: str = "",
    role: str = Role.CASE_HOLDER,
    **worker_fields: Any,
) -> Worker:
    """A permanent Northshire worker who resigned on ``left_on``; with a sign-in account if given an e-mail."""
    worker = WorkerFactory(
        authority=cast.authority,
        worker_id=worker_id,
        email=email,
        date_of_birth=dt.date(1980, 6, 15),
        gender="2",
        ethnicity="ABAN",
        swe_renewal_date=dt.date(2016, 11, 30),
        **worker_fields,
    )
    AssignmentFactory(
        worker=worker,
        team=team or cast.front_door,
        role=role,
        start_date=started_on,
        end_date=left_on,
        leaving_reason=LeavingReason.RESIGNATION,
    )
    if email:
        user: User = user_create(
            email=email, full_name=f"{worker.first_name} {worker.last_name}", password="pw-12345678"
        )
        worker_link_user(worker=worker, user=user)
    return worker


def add_agency_spell(worker: Worker, team: Team, start: dt.date, end: dt.date) -> AgencyEngagement:
    assignment = AssignmentFactory(
        worker=worker,
        team=team,
        contract=Contract.AGENCY,
        fte=Decimal("0.8"),
        start_date=start,
        end_date=end,
        leaving_reason=LeavingReason.OTHER,
        covers_vacancy=True,
    )
    return AgencyEngagement.objects.create(
        assignment=assignment,
        agency="Careful Recruitment Ltd",
        pay_rate=Decimal("38.50"),
        employer_ni=Decimal("4.10"),
        apprenticeship_levy=Decimal("0.19"),
        regional_price_cap=Decimal("45.00"),
        pq_experience_years=Decimal("5.0"),
        notice_period_weeks=4,
    )


@dataclass
class Leavers:
    """Northshire's leavers: two who left long ago (one with a full record and a sign-in account), one who left
    recently, one who left and came back; and a Southshire leaver of long ago."""

    full: FullRecord
    manager: Worker
    recent: Worker
    returner: Worker
    southshire: Worker


def make_leavers(cast: Cast) -> Leavers:
    first = make_leaver(
        cast, worker_id="L001", left_on=dt.date(2015, 6, 30), email="lee.leaver@northshire.example", first_name="Lee"
    )
    add_agency_spell(first, cast.child_protection, dt.date(2010, 1, 4), dt.date(2012, 3, 30))
    CaseloadRecordFactory(worker=first, date=dt.date(2015, 3, 31), cases=19)
    AbsenceFactory(worker=first, start_date=dt.date(2014, 11, 3), end_date=dt.date(2014, 11, 7))
    full = give_full_record(cast, first)
    manager = make_leaver(
        cast, worker_id="L002", left_on=dt.date(2016, 3, 31), role=Role.FIRST_LINE_MANAGER, team=cast.children_in_care
    )
    CaseloadRecordFactory(worker=manager, date=dt.date(2015, 3, 20), cases=3)
    recent = make_leaver(cast, worker_id="L003", left_on=dt.date(2022, 8, 31), started_on=dt.date(2014, 9, 1))
    returner = make_leaver(cast, worker_id="L004", left_on=dt.date(2014, 7, 31), started_on=dt.date(2013, 1, 7))
    AssignmentFactory(worker=returner, team=cast.front_door, start_date=dt.date(2021, 1, 4))
    southshire = WorkerFactory(authority=cast.other_authority, worker_id="S001", first_name="Sian")
    AssignmentFactory(
        worker=southshire,
        team=cast.other_team,
        start_date=dt.date(2011, 5, 3),
        end_date=dt.date(2014, 5, 30),
        leaving_reason=LeavingReason.RETIRED,
    )
    return Leavers(full, manager, recent, returner, southshire)
