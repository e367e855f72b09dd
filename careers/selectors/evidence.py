"""Reading evidence: one worker's list, one piece with everything its page shows, the items and CPD records a worker
may link, who reviews a worker's evidence, and the evidence waiting for review in a set of teams.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet

from careers.models import CareersSettings, Evidence, EvidenceTransition, FrameworkItem, FrameworkVersion
from core.models import User
from cpd.access import current_team_ids
from cpd.models import CpdRecord
from workforce.codes import UserRole
from workforce.models import Assignment, RoleAssignment, Team, Worker
from workforce.selectors import in_post_q

LINKABLE_KINDS = (FrameworkItem.Kind.PRINCIPLE, FrameworkItem.Kind.OUTCOME)
MAPPING_KINDS = (FrameworkItem.Kind.DOMAIN, FrameworkItem.Kind.STANDARD)


def current_framework_version(worker: Worker) -> FrameworkVersion | None:
    """The practice framework version the worker's authority uses now (None until an administrator chooses one)."""
    settings = CareersSettings.objects.filter(authority_id=worker.authority_id).select_related("framework_version")
    found = settings.first()
    return found.framework_version if found else None


def review_overdue_days(authority_id: int) -> int:
    """Days after which submitted evidence is overdue for review (the model's default without settings)."""
    days = CareersSettings.objects.filter(authority_id=authority_id).values_list("review_overdue_days", flat=True)
    found = days.first()
    return found if found is not None else CareersSettings._meta.get_field("review_overdue_days").default


def linkable_items(version: FrameworkVersion) -> QuerySet[FrameworkItem]:
    """The principles and outcomes of a version, principles first, in their numbered order."""
    return FrameworkItem.objects.filter(version=version, kind__in=LINKABLE_KINDS).order_by("-kind", "number")


def mapping_items() -> QuerySet[FrameworkItem]:
    """The optional mappings (spec section 2): the domains of the shipped BASW Professional Capabilities Framework and
    the standards of the shipped DfE post-qualifying standards, in their numbered order.
    """
    return FrameworkItem.objects.filter(
        version__authority__isnull=True,
        version__family__in=[FrameworkVersion.Family.PCF, FrameworkVersion.Family.PQS],
        kind__in=MAPPING_KINDS,
    ).order_by("version__family", "number")


def linkable_cpd_records(worker: Worker) -> QuerySet[CpdRecord]:
    """The worker's own CPD records, newest first."""
    return CpdRecord.objects.filter(worker=worker).order_by("-start_date", "-pk")


def evidence_for_worker(worker: Worker) -> QuerySet[Evidence]:
    """A worker's evidence for their lists, most recently changed first."""
    return Evidence.objects.filter(worker=worker).order_by("-updated_at", "-pk")


def evidence_with_details(queryset: QuerySet[Evidence] | None = None) -> QuerySet[Evidence]:
    """Evidence with what its page shows: items (in the version's wording), CPD records, files and the timeline."""
    queryset = queryset if queryset is not None else Evidence.objects.all()
    return queryset.select_related("worker", "worker__authority", "worker__user", "framework_version").prefetch_related(
        Prefetch("items", queryset=FrameworkItem.objects.order_by("-kind", "number")),
        Prefetch("cpd_records", queryset=CpdRecord.objects.order_by("-start_date", "-pk")),
        "attachments",
        Prefetch("transitions", queryset=EvidenceTransition.objects.select_related("by").order_by("at", "pk")),
    )


def reviewers_for(worker: Worker, on: dt.date) -> list[User]:
    """The team managers of the team(s) the worker is in on a date (never the worker themself)."""
    teams = current_team_ids(worker, on)
    assignments = RoleAssignment.objects.filter(
        authority_id=worker.authority_id, role=UserRole.TEAM_MANAGER, team_id__in=teams
    ).select_related("user")
    users = {a.user.pk: a.user for a in assignments if a.user.is_active and a.user.pk != worker.user_id}
    return sorted(users.values(), key=lambda u: u.email)


def worker_email(worker: Worker) -> str:
    """The address to write to about a worker's evidence: their record's, else their login's."""
    if worker.email:
        return worker.email
    user: Any = worker.user if worker.user_id else None
    return user.email if user is not None else ""


def evidence_waiting_for_review(*, teams: QuerySet[Team], on: dt.date) -> QuerySet[Evidence]:
    """Submitted evidence of the people in post in the teams on a date, waiting longest first."""
    in_post = Assignment.objects.filter(in_post_q(on), team__in=teams).values("worker_id")
    return (
        Evidence.objects.filter(
            status=Evidence.Status.SUBMITTED, worker_id__in=in_post, worker__archived_at__isnull=True
        )
        .select_related("worker")
        .order_by("submitted_at", "pk")
    )
