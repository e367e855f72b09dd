"""CPD reminders (spec section 2, cpd): e-mails before 30 November to the social workers who are not yet meeting
the renewal requirement, and a summary to their team managers.

Reminder points are numbers of days before 30 November (the authority's ``CpdSettings.reminder_days``, else
``DEFAULT_REMINDER_DAYS``). On a run at date D with ``days_left(D)`` days to the deadline, the point due is the
smallest configured point N with ``days_left(D) <= N`` (none when the deadline is further away than every point).
A person gets the point due unless they have already had it, or a smaller (later) point, this registration year.
So a cron job that missed some days sends the latest point once and skips the points it missed, an earlier
(larger) point is never sent after a later one, and running the same day twice sends nothing the second time.
Each e-mail sent is recorded in ``ReminderSent`` (its constraints allow one per person per point per year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse

from core.emails import send_templated_email
from core.models import User
from cpd.models import DEFAULT_REMINDER_DAYS, CpdRecord, CpdSettings, ReminderSent
from cpd.selectors.compliance import REQUIRED_RECORDS, meets_requirement_q, with_renewal_counts
from cpd.years import days_left, registration_year_for, year_end, year_label
from workforce.codes import Role, UserRole
from workforce.models import Assignment, Authority, RoleAssignment, Worker
from workforce.selectors import in_post_q

WORKER_TEMPLATE = "cpd/reminder"
MANAGER_TEMPLATE = "cpd/manager_summary"
PEER_REFLECTION_HINT = "a colleague, supervision, group supervision or a reflective team meeting all count"


def reminder_points(settings: CpdSettings | None) -> list[int]:
    """The authority's reminder points, largest (earliest) first; the defaults when none are set."""
    configured = settings.reminder_days if settings is not None and settings.reminder_days else DEFAULT_REMINDER_DAYS
    return sorted({int(n) for n in configured if int(n) >= 0}, reverse=True)


def point_due(points: Iterable[int], left: int) -> int | None:
    """The smallest point N with left <= N: the latest point reached. None before the first point."""
    reached = [n for n in points if left <= n]
    return min(reached) if reached else None


@dataclass(frozen=True)
class AtRiskPerson:
    """A social worker in post who does not yet meet the requirement, and what is missing."""

    worker: Worker
    email: str
    team_ids: frozenset[int]
    team_names: str
    records: int
    with_peer_reflection: int
    drafts: int

    @property
    def name(self) -> str:
        return f"{self.worker.first_name} {self.worker.last_name}"

    @property
    def records_needed(self) -> int:
        return max(0, REQUIRED_RECORDS - self.records)

    @property
    def has_peer_reflection(self) -> bool:
        return self.with_peer_reflection >= 1

    @property
    def missing(self) -> list[str]:
        """What is missing, as sentences for the e-mails."""
        out = []
        if self.records_needed:
            pieces = "piece" if self.records_needed == 1 else "pieces"
            out.append(f"Record {self.records_needed} more {pieces} of CPD.")
        if not self.has_peer_reflection:
            out.append(f"Include reflection with a peer in at least one record ({PEER_REFLECTION_HINT}).")
        return out


@dataclass(frozen=True)
class ManagerSummary:
    user: User
    people: list[AtRiskPerson]


@dataclass
class AuthorityReminders:
    """What one authority's run sends (or would send) at the point due."""

    authority: Authority
    year: int
    days_left: int
    point: int | None
    workers: list[AtRiskPerson] = field(default_factory=list)
    managers: list[ManagerSummary] = field(default_factory=list)
    without_email: list[AtRiskPerson] = field(default_factory=list)
    sent_workers: int = 0
    sent_managers: int = 0


@dataclass
class ReminderRun:
    on: dt.date
    year: int
    dry_run: bool
    authorities: list[AuthorityReminders] = field(default_factory=list)

    @property
    def sent_workers(self) -> int:
        return sum(a.sent_workers for a in self.authorities)

    @property
    def sent_managers(self) -> int:
        return sum(a.sent_managers for a in self.authorities)

    @property
    def points(self) -> list[int]:
        return sorted({a.point for a in self.authorities if a.point is not None}, reverse=True)


def _at_risk_people(authority: Authority, year: int, on: dt.date) -> QuerySet[Worker]:
    """Social workers in post on the date (role `other` left out) who do not meet the requirement (1 query)."""
    posts = Assignment.objects.filter(in_post_q(on), worker=OuterRef("pk"), team__authority=authority).exclude(
        role=Role.OTHER
    )
    latest = posts.order_by("-start_date", "-pk")
    workers = (
        Worker.objects.filter(Exists(posts), authority=authority, archived_at__isnull=True)
        .select_related("user")
        .annotate(
            reminder_team_id=Subquery(latest.values("team_id")[:1]),
            reminder_team_name=Subquery(latest.values("team__name")[:1]),
            cpd_drafts_count=Count(
                "cpd_records",
                filter=Q(cpd_records__registration_year=year, cpd_records__status=CpdRecord.Status.DRAFT),
                distinct=True,
            ),
        )
    )
    return with_renewal_counts(workers, year).exclude(meets_requirement_q()).order_by("last_name", "first_name", "pk")


def _address(worker: Worker) -> str:
    """The worker's own e-mail address, else their login's."""
    if worker.email:
        return worker.email
    return worker.user.email if worker.user is not None and worker.user.is_active else ""


def _already_had(authority: Authority, year: int, point: int, audience: str) -> set[int]:
    """Workers (or users) who have had this point, or a later one, this year."""
    sent = ReminderSent.objects.filter(
        authority=authority, registration_year=year, days_before__lte=point, audience=audience
    )
    column = "worker_id" if audience == ReminderSent.Audience.WORKER else "user_id"
    return set(sent.values_list(column, flat=True))


def plan_authority(*, authority: Authority, on: dt.date) -> AuthorityReminders:
    """Who gets what at the point due on the date (reads only)."""
    year = registration_year_for(on)
    left = days_left(year, on)
    settings = CpdSettings.objects.filter(authority=authority).first()
    point = point_due(reminder_points(settings), left)
    plan = AuthorityReminders(authority=authority, year=year, days_left=left, point=point)
    if point is None:
        return plan
    people = [
        AtRiskPerson(
            worker=w,
            email=_address(w),
            team_ids=frozenset({w.reminder_team_id}),
            team_names=w.reminder_team_name or "",
            records=w.cpd_records_count,
            with_peer_reflection=w.cpd_peer_count,
            drafts=w.cpd_drafts_count,
        )
        for w in _at_risk_people(authority, year, on)
    ]
    had = _already_had(authority, year, point, ReminderSent.Audience.WORKER)
    plan.workers = [p for p in people if p.email and p.worker.pk not in had]
    plan.without_email = [p for p in people if not p.email and p.worker.pk not in had]

    managed: dict[int, tuple[User, set[int]]] = {}
    assignments = RoleAssignment.objects.filter(
        authority=authority, role=UserRole.TEAM_MANAGER, team__isnull=False, user__is_active=True
    ).select_related("user")
    for assignment in assignments:
        managed.setdefault(assignment.user_id, (assignment.user, set()))[1].add(assignment.team_id)
    had_managers = _already_had(authority, year, point, ReminderSent.Audience.MANAGER)
    for user_id, (user, team_ids) in sorted(managed.items(), key=lambda item: item[1][0].email):
        team_people = [p for p in people if p.team_ids & team_ids and p.worker.user_id != user_id]
        if team_people and user.email and user_id not in had_managers:
            plan.managers.append(ManagerSummary(user=user, people=team_people))
    return plan


def _path(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _common_context(plan: AuthorityReminders) -> dict[str, Any]:
    return {
        "authority": plan.authority,
        "year": plan.year,
        "year_label": year_label(plan.year),
        "deadline": year_end(plan.year),
        "days_left": plan.days_left,
        "point": plan.point,
    }


def _send_once(*, plan: AuthorityReminders, audience: str, worker: Worker | None, user: User | None, send: Any) -> bool:
    """Record the reminder and send it in one transaction: if sending fails nothing is recorded; if another run
    recorded it first (the constraint), nothing is sent.
    """
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                authority=plan.authority,
                registration_year=plan.year,
                days_before=plan.point,
                audience=audience,
                worker=worker,
                user=user,
            )
            send()
    except IntegrityError:
        return False
    return True


def send_authority_reminders(plan: AuthorityReminders) -> AuthorityReminders:
    """Send the planned e-mails, each once."""
    common = _common_context(plan)
    my_cpd = _path("cpd:my_cpd")
    overview = _path("cpd:overview")
    for person in plan.workers:
        context = {**common, "person": person, "my_cpd_path": my_cpd}

        def send(person: AtRiskPerson = person, context: dict[str, Any] = context) -> None:
            send_templated_email(to=[person.email], template=WORKER_TEMPLATE, context=context)

        plan.sent_workers += _send_once(
            plan=plan, audience=ReminderSent.Audience.WORKER, worker=person.worker, user=None, send=send
        )
    for summary in plan.managers:
        context = {**common, "manager": summary.user, "people": summary.people, "overview_path": overview}

        def send(summary: ManagerSummary = summary, context: dict[str, Any] = context) -> None:
            send_templated_email(to=[summary.user.email], template=MANAGER_TEMPLATE, context=context)

        plan.sent_managers += _send_once(
            plan=plan, audience=ReminderSent.Audience.MANAGER, worker=None, user=summary.user, send=send
        )
    return plan


def cpd_reminders_send(
    *, on: dt.date, authorities: Iterable[Authority] | None = None, dry_run: bool = False
) -> ReminderRun:
    """Plan every authority's reminders at the date and, unless a dry run, send them."""
    authorities = list(authorities) if authorities is not None else list(Authority.objects.order_by("code"))
    run = ReminderRun(on=on, year=registration_year_for(on), dry_run=dry_run)
    for authority in authorities:
        plan = plan_authority(authority=authority, on=on)
        if not dry_run:
            send_authority_reminders(plan)
        run.authorities.append(plan)
    return run


def summary_line(run: ReminderRun) -> str:
    """The command's one-line summary."""
    if run.points:
        names = " and ".join(f"{n}-day" for n in run.points)
        when = f"{names} point{'s' if len(run.points) > 1 else ''}"
    else:
        left = days_left(run.year, run.on)
        when = f"no reminder point due, {left} day{'' if left == 1 else 's'} before 30 November"
    if run.dry_run:
        workers = sum(len(a.workers) for a in run.authorities)
        managers = sum(len(a.managers) for a in run.authorities)
        verb = "Would send"
    else:
        workers, managers, verb = run.sent_workers, run.sent_managers, "Sent"
    return (
        f"{verb} {workers} reminder{'' if workers == 1 else 's'} to workers and {managers} "
        f"summar{'y' if managers == 1 else 'ies'} to managers for registration year {run.year} ({when})."
    )
