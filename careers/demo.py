"""The careers step of ``seed_demo`` (spec section 5): the framework, a career ladder, everyone's level, a panel,
evidence in every state of its workflow, and one application waiting for the panel.

Everything happens in the team manager login's team (Child Protection), so that the team manager reviews the
evidence and the panel member has an application to decide. The evidence writers other than the social worker login
are given accounts without a password (they cannot sign in), because every workflow step records a user.

The step is deterministic (dates are counted back from the workforce's ``today``, people taken in staff-reference
order) and idempotent: an authority that already has evidence is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
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
from careers.selectors.progress import progress_for
from careers.services.levels import career_ladder_seed
from careers.services.reference_data import reference_data_load
from core.models import User
from workforce.codes import Role
from workforce.models import Assignment, Worker
from workforce.selectors import in_post_q
from workforce.services.accounts import user_create, worker_link_user
from workforce.services.demo import (
    DEMO,
    PANEL_MEMBER_EMAIL,
    SOCIAL_WORKER_EMAIL,
    TEAM_MANAGER_EMAIL,
    DemoWorkforce,
    register_demo_step,
)

PANEL_NAME = "Progression panel"
NATIONAL_CODE = "national-2023-12"


@dataclass(frozen=True)
class _Piece:
    title: str
    what_happened: str
    what_i_did: str
    impact: str
    keys: tuple[str, ...]


W, WISH, PART, RAISED, MULTI, ECON = (
    "principle-welfare-paramount",
    "principle-wishes-and-feelings",
    "principle-partnership-with-families",
    "principle-raised-by-families",
    "principle-multi-agency",
    "principle-economic-social-circumstances",
)
TOGETHER, NETWORK, SAFE, HOMES = (
    "outcome-families-together",
    "outcome-family-network",
    "outcome-safe",
    "outcome-stable-loving-homes",
)

PIECES = (
    _Piece(
        "Family network meeting after a strategy discussion",
        "A mother of three young children was referred after her partner was arrested for an assault at home. The "
        "children were frightened and the eldest had stopped going to school.",
        "I met the mother the same day, mapped the family network with her and convened a family network meeting "
        "within a week. The maternal grandparents and an aunt agreed a written safety plan, including who would "
        "collect the children from school and what would happen if the partner returned.",
        "The children stayed at home with a plan their family owned. The eldest was back at school within a fortnight "
        "and there has been no further referral in six months.",
        (W, PART, TOGETHER, NETWORK, SAFE),
    ),
    _Piece(
        "Hearing a nine-year-old's views before a child protection conference",
        "A nine-year-old boy subject to a child protection plan had never attended or contributed to his reviews; "
        "his views were recorded second-hand from his mother.",
        "I saw him alone at school three times, using drawings and a 'three houses' tool, and agreed with him what "
        "he wanted the conference to hear. I read his words to the conference and wrote back to him afterwards.",
        "The plan changed to include the after-school club he asked for, and contact with his father was moved to "
        "Saturdays as he wished. He now asks when his social worker is next visiting.",
        (WISH, W, SAFE),
    ),
    _Piece(
        "Joint working with the school and health visitor on neglect",
        "Two pre-school children were regularly missing health appointments and the nursery reported they often "
        "arrived hungry. The agencies each held part of the picture.",
        "I arranged a professionals' meeting with the nursery, the health visitor and the GP, used the graded care "
        "profile with the parents, and agreed one plan with named leads and review dates.",
        "Attendance at nursery rose from 60% to 95%, both children's immunisations are up to date, and the case "
        "stepped down to early help after four months.",
        (MULTI, W, TOGETHER),
    ),
    _Piece(
        "Debt and housing advice to keep a family together",
        "A father caring alone for two teenagers faced eviction after falling into rent arrears when his hours were "
        "cut. The children were anxious and the younger one had begun self-harming.",
        "I referred the family to the council's welfare rights service, supported a discretionary housing payment "
        "application and a referral to CAMHS, and made sure the school knew what the family was facing.",
        "The eviction was stopped, the arrears are being repaid at an affordable rate and the younger child is "
        "engaging with CAMHS. The family stayed together in their home.",
        (ECON, PART, TOGETHER),
    ),
    _Piece(
        "Kinship placement with an aunt instead of foster care",
        "A baby was due to be discharged from hospital and could not go home to her parents. The plan on file was "
        "an unrelated foster placement.",
        "I traced the father's sister through the family network meeting, completed a viability assessment within "
        "ten days and arranged support for her as a connected person while a full assessment was done.",
        "The baby went straight from hospital to her aunt, has stayed there for eight months and sees both parents "
        "weekly. The aunt is now being assessed for a special guardianship order.",
        (RAISED, NETWORK, HOMES, W),
    ),
    _Piece(
        "Safety planning with a young person at risk of exploitation",
        "A fifteen-year-old girl was repeatedly missing overnight and was seen in cars with older men. Her mother "
        "felt blamed and had stopped answering calls.",
        "I met mother and daughter together and apart, agreed a safety plan written in the girl's own words, and "
        "worked with the police exploitation team and the youth service on a contextual safeguarding plan for the "
        "park where she was targeted.",
        "Missing episodes fell from weekly to none in the last three months. Her mother now calls me when she is "
        "worried, and the park has been made safer with the council's community safety team.",
        (SAFE, WISH, MULTI, PART),
    ),
    _Piece(
        "Reunification of two brothers with their mother",
        "Two brothers had been in foster care for a year after their mother's mental health crisis. She was now "
        "well, and the boys wanted to go home.",
        "I wrote a staged reunification plan with the mother, the foster carers and the boys, increasing contact "
        "over twelve weeks, and arranged support from the family support service for the first six months.",
        "Both boys returned home and the care orders were discharged. At the six-month review the family was doing "
        "well and the support was reduced.",
        (RAISED, TOGETHER, PART, WISH),
    ),
    _Piece(
        "Supporting a care leaver into stable accommodation",
        "A seventeen-year-old in care was about to lose her supported lodgings and had been sofa-surfing before.",
        "I worked with her personal adviser and the housing team on a 'staying close' arrangement, helped her apply "
        "for a bursary and went with her to view two flats.",
        "She moved into a flat near her college and her former carers before her eighteenth birthday and is still "
        "there, attending college four days a week.",
        (HOMES, ECON, W),
    ),
)


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _load_framework(workforce: DemoWorkforce) -> FrameworkVersion:
    """The shipped framework versions, careers settings and default ladders, through the reference data loader
    (safe to repeat: `make run` has already called it through `load_reference_data`)."""
    reference_data_load()
    settings = CareersSettings.objects.filter(authority=workforce.authority).select_related("framework_version").first()
    if settings is None:
        settings = CareersSettings.objects.create(
            authority=workforce.authority, framework_version=FrameworkVersion.objects.get(code=NATIONAL_CODE)
        )
    return settings.framework_version


def _ensure_ladder(workforce: DemoWorkforce, version: FrameworkVersion) -> dict[str, CareerLevel]:
    """The authority's levels by code; the default ladder (``career_ladder_seed``) when it has none."""
    if not CareerLevel.objects.filter(authority=workforce.authority).exists():
        career_ladder_seed(authority=workforce.authority, version=version)
    return {level.code: level for level in CareerLevel.objects.filter(authority=workforce.authority)}


def _level_code(assignment: Assignment, n: int) -> str:
    if assignment.role in (Role.FIRST_LINE_MANAGER, Role.MIDDLE_MANAGER, Role.SENIOR_MANAGER):
        return "TM"
    if assignment.role == Role.SENIOR_PRACTITIONER:
        return "SP"
    if "ASYE" in assignment.job_title:
        return "ASYE"
    return "ESW" if n % 3 == 0 else "SW"


def _seed_levels(
    levels: dict[str, CareerLevel], in_post: list[Assignment], first_start: dict[int, dt.date]
) -> tuple[int, dict[int, CareerLevel]]:
    """Everyone in post gets a level from when they started; the social worker login moved up after her ASYE."""
    records, level_of = [], {}
    for n, assignment in enumerate(in_post):
        worker = assignment.worker
        code = _level_code(assignment, n)
        start = first_start[worker.pk]
        if worker.email == SOCIAL_WORKER_EMAIL and "ASYE" in levels and "SW" in levels:
            records.append(WorkerLevel(worker=worker, level=levels["ASYE"], effective_from=start, note="Joined"))
            code, start = "SW", start + dt.timedelta(days=365)
        level = levels.get(code) or levels[min(levels, key=lambda c: levels[c].order)]
        records.append(WorkerLevel(worker=worker, level=level, effective_from=start, note="Level on joining"))
        level_of[worker.pk] = level
    WorkerLevel.objects.bulk_create(records)
    return len(records), level_of


def _account(worker: Worker) -> User:
    """The worker's login, or an account without a password for a generated worker (it cannot sign in)."""
    if worker.user_id:
        return worker.user
    email = worker.email or f"{worker.worker_id.lower()}@{DEMO.domain}"
    user = user_create(email=email, full_name=worker.full_name)
    worker_link_user(worker=worker, user=user)
    return user


class _Writer:
    """Writes evidence with its workflow timeline, counting back from today."""

    def __init__(self, version: FrameworkVersion, reviewer: User, today: dt.date) -> None:
        self.items = {i.key: i for i in FrameworkItem.objects.filter(version=version)}
        self.version = version
        self.reviewer = reviewer
        self.today = today
        self.count = 0

    def write(self, worker: Worker, author: User, piece: _Piece, steps: list[tuple[str, int, str]]) -> Evidence:
        """``steps``: (action, days ago, comment) in order, from submit to the last review; none for a draft."""
        first_day = self.today - dt.timedelta(days=(steps[0][1] if steps else 5) + 20)
        evidence = Evidence.objects.create(
            worker=worker,
            framework_version=self.version,
            title=piece.title,
            practice_date=first_day,
            what_happened=piece.what_happened,
            what_i_did=piece.what_i_did,
            impact=piece.impact,
            created_by=author,
            updated_by=author,
        )
        evidence.items.set([self.items[k] for k in piece.keys if k in self.items])
        status = Evidence.Status.DRAFT
        transitions = []
        to_status = {
            EvidenceTransition.Action.SUBMIT: Evidence.Status.SUBMITTED,
            EvidenceTransition.Action.RESUBMIT: Evidence.Status.SUBMITTED,
            EvidenceTransition.Action.ACCEPT: Evidence.Status.ACCEPTED,
            EvidenceTransition.Action.RETURN: Evidence.Status.RETURNED,
        }
        for action, days_ago, comment in steps:
            reviewing = action in (EvidenceTransition.Action.ACCEPT, EvidenceTransition.Action.RETURN)
            at = _at(self.today - dt.timedelta(days=days_ago), 15 if reviewing else 9, 30)
            transitions.append(
                EvidenceTransition(
                    evidence=evidence,
                    action=action,
                    from_status=status,
                    to_status=to_status[action],
                    by=self.reviewer if reviewing else author,
                    at=at,
                    comment=comment,
                )
            )
            status = to_status[action]
            if reviewing:
                evidence.decided_at = at
            else:
                evidence.submitted_at = at
        EvidenceTransition.objects.bulk_create(transitions)
        if steps:
            evidence.status = status
            evidence.save(update_fields=["status", "submitted_at", "decided_at"])
        self.count += 1
        return evidence


SUBMIT, RESUBMIT, ACCEPT, RETURN = (
    EvidenceTransition.Action.SUBMIT,
    EvidenceTransition.Action.RESUBMIT,
    EvidenceTransition.Action.ACCEPT,
    EvidenceTransition.Action.RETURN,
)
RETURN_COMMENT = (
    "Thank you, this is a good example. Please say more about the impact for the children themselves: what changed "
    "for them, and how do you know?"
)
RETURN_COMMENT_2 = "Please link this to the outcome it helped achieve, and take out the family's surname."


@transaction.atomic
def seed_careers(workforce: DemoWorkforce) -> str:
    """The careers demo data for the demo authority; nothing when it already has evidence."""
    demo = workforce.authority
    if Evidence.objects.filter(worker__authority=demo).exists():
        return "Careers: demo evidence already there, left as it is."
    today = workforce.today
    version = _load_framework(workforce)
    levels = _ensure_ladder(workforce, version)

    in_post = list(
        Assignment.objects.filter(in_post_q(today), worker__authority=demo, worker__archived_at__isnull=True)
        .exclude(role=Role.OTHER)
        .select_related("worker", "worker__user", "team")
        .order_by("worker__worker_id")
    )
    first_start = dict(
        Assignment.objects.filter(worker__authority=demo)
        .order_by("worker_id", "-start_date")
        .values_list("worker_id", "start_date")
    )  # the last pair per worker wins: their earliest start
    with_level = set(WorkerLevel.objects.filter(worker__authority=demo).values_list("worker_id", flat=True))
    level_records, level_of = _seed_levels(levels, [a for a in in_post if a.worker_id not in with_level], first_start)

    panel, _ = Panel.objects.get_or_create(authority=demo, name=PANEL_NAME)
    panel_member = User.objects.filter(email=PANEL_MEMBER_EMAIL).first()
    if panel_member is not None:
        panel.members.add(panel_member)

    reviewer = User.objects.filter(email=TEAM_MANAGER_EMAIL).first()
    team_people = [
        a.worker
        for a in in_post
        if a.team.code == DEMO.manager_team and a.role in (Role.CASE_HOLDER, Role.SENIOR_PRACTITIONER)
    ]
    if reviewer is None or not team_people:
        return f"Careers: {level_records} level records; no evidence (no team manager login or nobody in post)."
    writer = _Writer(version, reviewer, today)
    amira = next((w for w in team_people if w.email == SOCIAL_WORKER_EMAIL), None)
    others = [w for w in team_people if w is not amira]

    # The social worker login: one piece in each state, and one returned then resubmitted.
    if amira is not None:
        author = _account(amira)
        writer.write(amira, author, PIECES[0], [(SUBMIT, 120, ""), (ACCEPT, 113, "")])
        writer.write(amira, author, PIECES[1], [(SUBMIT, 30, ""), (RETURN, 26, RETURN_COMMENT), (RESUBMIT, 6, "")])
        writer.write(amira, author, PIECES[2], [(SUBMIT, 21, ""), (RETURN, 12, RETURN_COMMENT_2)])
        writer.write(amira, author, PIECES[3], [])

    # The applicant: long enough at their level, with accepted evidence meeting the next level's criteria.
    applicant = next(
        (
            w
            for w in others
            if level_of.get(w.pk) is not None
            and level_of[w.pk].code == "SW"
            and first_start[w.pk] <= today - dt.timedelta(days=800)
        ),
        None,
    )
    application = None
    if applicant is not None:
        author = _account(applicant)
        plan = [
            (PIECES[0], [(SUBMIT, 300, ""), (ACCEPT, 292, "A clear example of working with the whole family.")]),
            (PIECES[1], [(SUBMIT, 240, ""), (RETURN, 236, RETURN_COMMENT), (RESUBMIT, 228, ""), (ACCEPT, 221, "")]),
            (PIECES[2], [(SUBMIT, 170, ""), (ACCEPT, 160, "")]),
            (PIECES[5], [(SUBMIT, 90, ""), (RETURN, 84, RETURN_COMMENT_2), (RESUBMIT, 70, ""), (ACCEPT, 66, "")]),
            (PIECES[3], [(SUBMIT, 40, ""), (ACCEPT, 33, "Good use of the welfare rights service.")]),
        ]
        for piece, steps in plan:
            writer.write(applicant, author, piece, steps)
        progress = progress_for(worker=applicant, today=today)
        if progress.criteria_met and panel_member is not None:
            application = ProgressionApplication.objects.create(
                worker=applicant,
                current_level=progress.current.level if progress.current else None,
                level_sought=progress.level,
                panel=panel,
                statement=(
                    "Over the last two years I have held a full child protection caseload, including several "
                    "complex cases. My evidence shows how I work in partnership with whole families, make sure "
                    "children's voices shape their plans, and bring other agencies together around a family."
                ),
                applied_by=author,
                applied_at=_at(today - dt.timedelta(days=4), 11),
                created_by=author,
                updated_by=author,
            )
            application.evidence.set(applicant.evidence.filter(status=Evidence.Status.ACCEPTED))
        others = [w for w in others if w is not applicant]

    # Three more people: overdue and recent submissions, an accepted piece, a draft.
    mixes = [
        [(PIECES[4], [(SUBMIT, 16, "")]), (PIECES[6], [(SUBMIT, 200, ""), (ACCEPT, 190, "")])],
        [(PIECES[7], [(SUBMIT, 2, "")]), (PIECES[2], [])],
        [(PIECES[5], [(SUBMIT, 13, "")]), (PIECES[0], [(SUBMIT, 60, ""), (RETURN, 55, RETURN_COMMENT)])],
    ]
    for worker, mix in zip(others, mixes, strict=False):
        author = _account(worker)
        for piece, steps in mix:
            writer.write(worker, author, piece, steps)

    waiting = "one application waiting for the panel" if application else "no application"
    return (
        f"Careers: {level_records} level records, panel “{panel.name}”, {writer.count} pieces of evidence in "
        f"{DEMO.manager_team}, {waiting}."
    )


def register() -> None:
    """Called from CareersConfig.ready(): the careers step runs after the workforce and the logins."""
    register_demo_step("careers", seed_careers, order=20)
