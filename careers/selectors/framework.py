"""Reads for the framework pages: versions with their evidence counts, items, levels, panels, level histories.

Each list is one or two queries whatever its length (annotations and prefetches, no per-row queries). Evidence is
counted for the authority's own workers only.
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from careers.models import CareerLevel, CareersSettings, FrameworkItem, FrameworkVersion, Panel, WorkerLevel
from careers.services.framework import versions_available_to
from core.models import User
from workforce.codes import UserRole
from workforce.models import Authority, Worker

REQUIRED_KINDS = (FrameworkItem.Kind.PRINCIPLE, FrameworkItem.Kind.OUTCOME)
# Principles, then outcomes, then enablers (then PCF domains, PQS standards): the framework's own order.
KIND_ORDER = Case(
    *[When(kind=kind, then=Value(position)) for position, kind in enumerate(FrameworkItem.Kind.values)],
    output_field=IntegerField(),
)


def careers_settings_for(authority: Authority) -> CareersSettings | None:
    return CareersSettings.objects.filter(authority=authority).select_related("framework_version").first()


def framework_versions_for_authority(*, authority: Authority) -> QuerySet[FrameworkVersion]:
    """Shipped versions and the authority's adaptations, with their item and evidence counts."""
    return (
        FrameworkVersion.objects.filter(versions_available_to(authority))
        .select_related("based_on", "authority")
        .annotate(
            item_count=Count("items", distinct=True),
            evidence_count=Count("evidence", filter=Q(evidence__worker__authority=authority), distinct=True),
        )
        .order_by("family", "authority", "-published_on", "code")
    )


def framework_version_items(*, version: FrameworkVersion, authority: Authority) -> QuerySet[FrameworkItem]:
    """The version's items in order, each with the number of the authority's pieces of evidence linked to it."""
    return (
        FrameworkItem.objects.filter(version=version)
        .annotate(evidence_count=Count("evidence", filter=Q(evidence__worker__authority=authority), distinct=True))
        .order_by(KIND_ORDER, "number")
    )


def items_by_kind(items: list[FrameworkItem]) -> list[tuple[str, list[FrameworkItem]]]:
    """(plural heading, items) for each kind present, in the framework's order."""
    headings = {
        FrameworkItem.Kind.PRINCIPLE: "Principles",
        FrameworkItem.Kind.OUTCOME: "Outcomes",
        FrameworkItem.Kind.ENABLER: "Enablers",
        FrameworkItem.Kind.DOMAIN: "Domains",
        FrameworkItem.Kind.STANDARD: "Standards",
    }
    return [
        (heading, [item for item in items if item.kind == kind])
        for kind, heading in headings.items()
        if any(item.kind == kind for item in items)
    ]


def required_item_choices(*, version: FrameworkVersion | None) -> list[FrameworkItem]:
    """The principles and outcomes a level's criteria can name: those of the version in use."""
    if version is None:
        return []
    return list(FrameworkItem.objects.filter(version=version, kind__in=REQUIRED_KINDS).order_by(KIND_ORDER, "number"))


def career_levels_for_authority(*, authority: Authority) -> QuerySet[CareerLevel]:
    """The ladder, lowest first, with each level's required items (and how many workers hold it now or held it)."""
    return (
        CareerLevel.objects.filter(authority=authority)
        .prefetch_related(
            Prefetch("required_items", queryset=FrameworkItem.objects.order_by(KIND_ORDER, "number")),
        )
        .annotate(worker_count=Count("worker_levels__worker", distinct=True))
        .order_by("order")
    )


def criteria_in_wording(
    levels: list[CareerLevel], version: FrameworkVersion | None
) -> list[tuple[CareerLevel, list[FrameworkItem], list[FrameworkItem]]]:
    """Each level with its required principles and outcomes in the wording of ``version`` (matched by key).

    A required meaning the version does not have is shown in the wording it was saved in. Uses the levels'
    prefetched required items and one query for the version's items.
    """
    offered = {item.key: item for item in required_item_choices(version=version)}
    rows = []
    for level in levels:
        items = [offered.get(item.key, item) for item in level.required_items.all()]
        rows.append(
            (
                level,
                [i for i in items if i.kind == FrameworkItem.Kind.PRINCIPLE],
                [i for i in items if i.kind == FrameworkItem.Kind.OUTCOME],
            )
        )
    return rows


def panels_for_authority(*, authority: Authority) -> QuerySet[Panel]:
    return (
        Panel.objects.filter(authority=authority)
        .prefetch_related(Prefetch("members", queryset=User.objects.order_by("full_name", "email")))
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("disabled_on", "name")
    )


def panel_member_candidates(*, authority: Authority, panel: Panel | None = None) -> QuerySet[User]:
    """Users of the authority who hold the panel member role, and anyone already on the panel."""
    condition = Q(role_assignments__authority=authority, role_assignments__role=UserRole.PANEL_MEMBER)
    if panel is not None and panel.pk:
        condition |= Q(panels=panel)
    return User.objects.filter(condition).distinct().order_by("full_name", "email")


def worker_level_history(*, worker: Worker) -> QuerySet[WorkerLevel]:
    """The worker's levels, latest first, with who recorded each and the application that led to it."""
    return (
        WorkerLevel.objects.filter(worker=worker)
        .select_related("level", "created_by", "application")
        .order_by("-effective_from")
    )


def levels_in_use(*, authority: Authority) -> QuerySet[CareerLevel]:
    return CareerLevel.objects.filter(authority=authority, disabled_on__isnull=True).order_by("order")
