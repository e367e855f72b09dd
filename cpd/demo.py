"""The CPD step of ``seed_demo`` (spec section 5): CPD settings, records, CPD days and training for the demo authority.

Runs once: when the demonstration authority already has CPD records it does nothing. Everything is drawn from a
fixed seed, so two fresh databases get the same data. Among the social workers in post some meet the renewal
requirement, some are at risk and some have nothing recorded; records come in every state (drafts, recorded with
and without peer reflection, an uploaded document); CPD day requests in every status; and training completions so
that every training status (up to date, expiring soon, expired, missing) occurs. The demo social worker
(social.worker@demo.example) has one record with peer reflection and a draft this year (at risk, so the demo shows
progress), two records last year, and one course in each training status.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.models import User
from cpd.models import (
    ActivityType,
    CpdAttachment,
    CpdDayRequest,
    CpdRecord,
    CpdSettings,
    TrainingCompletion,
    TrainingCourse,
)
from cpd.years import registration_year_for, year_end, year_start
from workforce.codes import Role
from workforce.models import Assignment, Worker
from workforce.selectors import in_post_q
from workforce.services.demo import (
    SEED,
    SOCIAL_WORKER_EMAIL,
    TEAM_MANAGER_EMAIL,
    DemoWorkforce,
    register_demo_step,
)

CHANGE_REASON = "Demonstration data (seed_demo)"
REMINDER_DAYS = [90, 60, 30, 14, 7]
EXPIRING_WINDOW = 60
COURSES = (
    ("SAFEGUARD", "Safeguarding children refresher", 36),
    ("DATAPROT", "Data protection", 12),
    ("SOS", "Signs of Safety foundation", None),
    ("COURT", "Court skills", 24),
)
# The demo social worker's training: one course in each status.
DEMO_TRAINING = {"SAFEGUARD": "active", "DATAPROT": "expiring", "COURT": "expired", "SOS": "missing"}
# What the others have done this registration year, and the share of people with each.
PROFILES = (("met", 8), ("no_peer", 3), ("one", 3), ("drafts", 2), ("none", 4))
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

ACTIVITIES = (
    (ActivityType.COURSE, "Direct work with teenagers at risk of exploitation",
     "A day's course on contextual safeguarding and direct work with adolescents, relevant to my caseload.",
     "How to map a young person's peer networks and spot the early signs of grooming.",
     "I now ask about online contacts in every return interview and share network maps with the family.", "6"),
    (ActivityType.ELEARNING, "Domestic abuse: coercive control",
     "E-learning module on recognising coercive and controlling behaviour in families.",
     "The pattern-based nature of coercive control and how it shows in children's accounts.",
     "My assessments now describe patterns of behaviour rather than single incidents.", "2"),
    (ActivityType.READING, "Research in Practice briefing on neglect",
     "Read the briefing on cumulative harm and chronic neglect.",
     "Chronologies show cumulative harm that single visits miss.",
     "I keep a running chronology for every child in a family with concerns about neglect.", "1.5"),
    (ActivityType.SUPERVISION, "Reflective supervision on a complex case",
     "Used reflective supervision to think through a stuck case with a family who felt blamed.",
     "How my own anxiety was shaping the plan, and what the family needed to hear.",
     "The family now attends the meetings and the plan has been agreed with them.", "1"),
    (ActivityType.CONFERENCE, "Regional family help conference",
     "Attended the regional conference on family help and family networks.",
     "How family group conferences can be used earlier, before a child protection plan.",
     "I have referred two families to a family group conference this quarter.", "5"),
    (ActivityType.PEER_LEARNING, "Group supervision: working with fathers",
     "Monthly group supervision on engaging fathers and male carers.",
     "Practical ways to include fathers who do not live with their children.",
     "I now invite both parents to every review, and one father has joined the core group.", "1.5"),
    (ActivityType.SHADOWING, "Shadowing the emergency duty team",
     "Shadowed an evening shift with the emergency duty team.",
     "How out-of-hours decisions are made and what information they need from day teams.",
     "My handover notes now give the emergency duty team what they need.", "4"),
)  # fmt: skip
PEERS = (
    ("Joanne Fletcher", "Team manager"),
    ("Sarah Okafor", "Senior practitioner"),
    ("Tom Bradley", "Social worker"),
    ("Group supervision", "Reflective group"),
)
PEER_REFLECTIONS = (
    "In supervision we talked about how I could use what I learned with a sibling group; my manager challenged "
    "me to include the children's own words in the plan.",
    "At our reflective team meeting colleagues shared how they had approached similar families, which helped me "
    "see the case from the father's point of view.",
    "A colleague and I discussed the learning over a case review and agreed to try the approach together.",
)
REFUSAL_REASONS = (
    "The team is short-staffed that week because of the court timetable; please choose another date.",
    "This falls in the week of the Ofsted visit. Happy to approve another date.",
)


def _date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


class _Builder:
    def __init__(self, workforce: DemoWorkforce, rng: random.Random) -> None:
        self.rng = rng
        self.today = workforce.today
        self.year = registration_year_for(self.today)
        self.records: list[CpdRecord] = []
        self.documents: list[CpdRecord] = []
        self.requests: list[CpdDayRequest] = []
        self.completions: list[TrainingCompletion] = []

    # -- records -------------------------------------------------------------------------------------------------
    def record(
        self, worker: Worker, year: int, *, status: str = "recorded", peer: bool = False, document: bool = False
    ) -> None:
        rng = self.rng
        last = min(year_end(year), self.today)
        start = _date_between(rng, year_start(year), last)
        activity, title, description, learning, impact, hours = rng.choice(ACTIVITIES)
        recorded = status == CpdRecord.Status.RECORDED
        recorded_at = None
        if recorded:
            day = min(start + dt.timedelta(days=rng.randint(0, 10)), self.today)
            recorded_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + rng.randint(0, 8), 0)))
        peer_name, peer_role = rng.choice(PEERS) if peer else ("", "")
        record = CpdRecord(
            worker=worker,
            kind=CpdRecord.Kind.DOCUMENT if document else CpdRecord.Kind.WRITTEN,
            status=status,
            registration_year=registration_year_for(start),
            title=f"{title} (certificate)" if document else title,
            activity_type=activity,
            start_date=start,
            description=description,
            learning="" if document else learning,
            impact="" if document or (not recorded and rng.random() < 0.5) else impact,
            peer_reflection=rng.choice(PEER_REFLECTIONS) if peer else "",
            peer_name=peer_name,
            peer_role=peer_role,
            standards=sorted({"4", *rng.sample(["1", "2", "3", "5", "6"], rng.randint(1, 2))}),
            standard_4_parts=sorted(rng.sample(["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8"], 2)),
            hours=Decimal(hours),
            recorded_at=recorded_at,
        )
        self.records.append(record)
        if document:
            self.documents.append(record)

    def year_of(self, worker: Worker, year: int, profile: str) -> None:
        rng, recorded, draft = self.rng, CpdRecord.Status.RECORDED, CpdRecord.Status.DRAFT
        if profile == "met":
            self.record(worker, year, peer=True)
            for _ in range(rng.randint(1, 3)):
                self.record(worker, year, peer=rng.random() < 0.4, document=rng.random() < 0.12)
        elif profile == "no_peer":
            self.record(worker, year, status=recorded)
            self.record(worker, year, status=recorded, document=rng.random() < 0.3)
        elif profile == "one":
            self.record(worker, year, peer=rng.random() < 0.6)
        elif profile == "drafts":
            for _ in range(rng.randint(1, 2)):
                self.record(worker, year, status=draft, peer=rng.random() < 0.3)
        if profile in ("met", "one", "no_peer") and rng.random() < 0.25:
            self.record(worker, year, status=draft)

    # -- CPD days ------------------------------------------------------------------------------------------------
    def day_request(self, worker: Worker, status: str, start: dt.date, manager: User | None) -> None:
        rng = self.rng
        decided = status in (CpdDayRequest.Status.APPROVED, CpdDayRequest.Status.REFUSED)
        decided_on = min(self.today, start - dt.timedelta(days=rng.randint(3, 20)))
        self.requests.append(
            CpdDayRequest(
                worker=worker,
                registration_year=registration_year_for(start),
                start_date=start,
                days=rng.choice((Decimal("0.5"), Decimal("1"), Decimal("1"), Decimal("2"))),
                purpose=rng.choice(ACTIVITIES)[1],
                status=status,
                decided_by=manager if decided else None,
                decided_at=timezone.make_aware(dt.datetime.combine(decided_on, dt.time(10))) if decided else None,
                refusal_reason=rng.choice(REFUSAL_REASONS) if status == CpdDayRequest.Status.REFUSED else "",
            )
        )

    def past_day(self) -> dt.date:
        return _date_between(self.rng, year_start(self.year), self.today - dt.timedelta(days=1))

    def future_day(self) -> dt.date:
        return self.today + dt.timedelta(days=self.rng.randint(7, 75))

    # -- training ------------------------------------------------------------------------------------------------
    def completion(self, worker: Worker, course: TrainingCourse, status: str) -> None:
        rng, months = self.rng, course.validity_months
        if status == "missing":
            return
        if months is None:
            completed = self.today - dt.timedelta(days=rng.randint(30, 1500))
        elif status == "expiring":
            completed = _add_months(self.today + dt.timedelta(days=rng.randint(5, EXPIRING_WINDOW - 15)), -months)
        elif status == "expired":
            completed = _add_months(self.today - dt.timedelta(days=rng.randint(10, 300)), -months)
        else:
            completed = self.today - dt.timedelta(days=rng.randint(20, max(21, months * 30 - EXPIRING_WINDOW - 40)))
        self.completions.append(
            TrainingCompletion(
                worker=worker,
                course=course,
                completed_on=completed,
                expires_on=_add_months(completed, months) if months else None,
                source=TrainingCompletion.Source.RECORDED,
            )
        )


def _create(model: type, objs: list) -> list:
    return bulk_create_with_history(objs, model, batch_size=500, default_change_reason=CHANGE_REASON)


@transaction.atomic
def seed_cpd(workforce: DemoWorkforce) -> str:
    """CPD settings, records, day requests and training for the demo authority, once."""
    authority = workforce.authority
    if CpdRecord.objects.filter(worker__authority=authority).exists():
        return f"CPD: {authority.name} already has CPD records; left as they are."
    rng = random.Random(f"{SEED}:cpd")  # noqa: S311 (demo data, not security)
    build = _Builder(workforce, rng)
    today, year = build.today, build.year
    CpdSettings.objects.get_or_create(
        authority=authority,
        defaults={
            "days_per_year": Decimal("3"),
            "reminder_days": list(REMINDER_DAYS),
            "training_expiring_days": EXPIRING_WINDOW,
        },
    )
    courses = {
        code: TrainingCourse.objects.get_or_create(
            authority=authority, code=code, defaults={"name": name, "validity_months": months}
        )[0]
        for code, name, months in COURSES
    }
    in_post = Assignment.objects.filter(in_post_q(today), team__authority=authority).exclude(role=Role.OTHER)
    workers = list(
        Worker.objects.filter(pk__in=in_post.values("worker_id"), archived_at__isnull=True).order_by("worker_id")
    )
    manager = User.objects.filter(email=TEAM_MANAGER_EMAIL).first()
    demo_worker = next((w for w in workers if w.email == SOCIAL_WORKER_EMAIL), None)
    others = [w for w in workers if w is not demo_worker]

    profiles = [name for name, weight in PROFILES for _ in range(weight)]
    for n, worker in enumerate(others):
        build.year_of(worker, year, profiles[n % len(profiles)] if n < len(profiles) else rng.choice(profiles))
        build.year_of(worker, year - 1, rng.choice(("met", "met", "met", "met", "one", "none")))
        roll = rng.random()
        if roll < 0.45:
            build.day_request(worker, CpdDayRequest.Status.APPROVED, build.past_day(), manager)
        if 0.2 < roll < 0.35:
            build.day_request(worker, CpdDayRequest.Status.APPROVED, build.future_day(), manager)
        if 0.3 < roll < 0.45:
            build.day_request(worker, CpdDayRequest.Status.REQUESTED, build.future_day(), manager)
        if 0.45 < roll < 0.52:
            build.day_request(worker, CpdDayRequest.Status.REFUSED, build.future_day(), manager)
        if 0.52 < roll < 0.58:
            build.day_request(worker, CpdDayRequest.Status.CANCELLED, build.future_day(), manager)
        for course in courses.values():
            weights = (
                (("active", 70), ("missing", 30))
                if course.validity_months is None
                else (("active", 55), ("expiring", 10), ("expired", 15), ("missing", 20))
            )
            status = rng.choices([s for s, _ in weights], weights=[w for _, w in weights])[0]
            build.completion(worker, course, status)

    if demo_worker is not None:
        recorded, draft = CpdRecord.Status.RECORDED, CpdRecord.Status.DRAFT
        build.record(demo_worker, year, status=recorded, peer=True)
        build.record(demo_worker, year, status=draft)
        build.record(demo_worker, year - 1, status=recorded, peer=True)
        build.record(demo_worker, year - 1, status=recorded, document=True)
        build.day_request(demo_worker, CpdDayRequest.Status.APPROVED, build.past_day(), manager)
        build.day_request(demo_worker, CpdDayRequest.Status.REQUESTED, build.future_day(), manager)
        for code, status in DEMO_TRAINING.items():
            build.completion(demo_worker, courses[code], status)

    _create(CpdRecord, build.records)
    attachments = []
    for record in build.documents:
        attachment = CpdAttachment(
            record=record, original_name="certificate.pdf", content_type="application/pdf", size=len(MINIMAL_PDF)
        )
        attachment.file.save("certificate.pdf", ContentFile(MINIMAL_PDF), save=False)
        attachments.append(attachment)
    _create(CpdAttachment, attachments)
    _create(CpdDayRequest, build.requests)
    _create(TrainingCompletion, build.completions)
    return (
        f"CPD: {len(build.records)} CPD records, {len(build.requests)} CPD day requests and "
        f"{len(build.completions)} training completions for {authority.name}."
    )


def register() -> None:
    """Add the step to seed_demo (called from CpdConfig.ready())."""
    register_demo_step("cpd", seed_cpd, order=10)
