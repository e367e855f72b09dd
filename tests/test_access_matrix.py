"""The role × URL matrix (spec section 1): every URL of the application, for every role and anonymous.

The URL patterns are read from the resolver, so a URL added without an expectation here fails
`test_every_url_has_an_expectation`. allauth's own pages (`/accounts/`) and Django admin (`/admin/`) are covered by
tests/core/test_accounts.py and tests/core/test_admin_access.py. The cases of the CPD and careers pages live in
tests/access_cases/, one module per area, each with its own CASES list; they are all collected here.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access_cases
from tests.access import ALL_SIGNED_IN, HR_ONLY, LOGIN, MANAGERS_AND_HR, Case, expect  # noqa: F401
from tests.conftest import ROLE_NAMES, Cast
from workforce.models import ComparatorFigure, IndicatorTarget

APP_NAMESPACES = {"core", "workforce", "cpd", "careers"}

CASES: list[Case] = [
    Case("core:home", expect(200)),
    Case("core:account", expect(200)),
    Case("core:mfa_required", expect(200)),
    Case("core:healthz", expect(200, anonymous=200)),
    Case("core:export_download", expect(404), kwargs=lambda c: {"export_id": "no-such-export"}, label="unknown"),
]

STAFF_READERS = {**MANAGERS_AND_HR, "other_authority_manager": 200}
HR_CHANGE = expect(403, panel_member=404, other_authority_manager=404, **HR_ONLY)
TEAM_READ = expect(200, social_worker=404, panel_member=404, other_authority_manager=404)


def sam(c: Cast) -> dict[str, Any]:
    return {"pk": c.sam.pk}


def fd(c: Cast) -> dict[str, Any]:
    return {"pk": c.front_door.pk}


CASES += [
    Case("workforce:staff_list", expect(403, **STAFF_READERS)),
    Case(
        "core:export_download",
        expect(403, **STAFF_READERS),
        kwargs=lambda c: {"export_id": "staff-list"},
        label="staff-list",
    ),
    Case("workforce:worker_create", expect(403, **HR_ONLY)),
    Case("workforce:worker_create", expect(403, **HR_ONLY), method="POST", label="invalid"),
    Case("workforce:worker_detail", expect(200, panel_member=404, other_authority_manager=404), kwargs=sam),
    Case(
        "workforce:worker_detail",
        expect(404, **HR_ONLY),
        kwargs=lambda c: {"pk": c.cic_worker.pk},
        label="other service area",
    ),
    Case(
        "workforce:worker_detail",
        expect(404, other_authority_manager=200),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
    Case("workforce:worker_edit", HR_CHANGE, kwargs=sam),
    Case("workforce:worker_edit", HR_CHANGE, kwargs=sam, method="POST", label="invalid"),
    Case("workforce:worker_archive", HR_CHANGE, kwargs=sam),
    Case(
        "workforce:worker_unarchive",
        expect(403, panel_member=404, other_authority_manager=404, administrator=302),
        kwargs=sam,
        method="POST",
    ),
    Case("workforce:worker_unarchive", expect(405), kwargs=sam, label="GET is not allowed"),
    Case("workforce:assignment_create", HR_CHANGE, kwargs=sam),
    Case(
        "workforce:assignment_edit",
        HR_CHANGE,
        kwargs=lambda c: {"pk": c.sam.pk, "assignment_pk": c.sam.assignments.get().pk},
    ),
    Case("workforce:leaver_record", HR_CHANGE, kwargs=sam),
    Case("workforce:team_move", HR_CHANGE, kwargs=sam),
    Case("workforce:absence_create", HR_CHANGE, kwargs=sam),
    Case(
        "workforce:caseload_create",
        expect(403, panel_member=404, other_authority_manager=404, team_manager=200, **HR_ONLY),
        kwargs=sam,
    ),
    Case("workforce:team_list", expect(403, **STAFF_READERS)),
    Case("workforce:team_detail", TEAM_READ, kwargs=fd),
    Case(
        "workforce:team_detail",
        expect(404, **HR_ONLY),
        kwargs=lambda c: {"pk": c.children_in_care.pk},
        label="other service area",
    ),
    Case(
        "workforce:team_detail",
        expect(404, other_authority_manager=200),
        kwargs=lambda c: {"pk": c.other_team.pk},
        label="other authority",
    ),
    Case(
        "workforce:establishment_set",
        expect(403, social_worker=404, panel_member=404, other_authority_manager=404, **HR_ONLY),
        kwargs=fd,
    ),
    Case("workforce:team_caseloads", TEAM_READ, kwargs=fd),
    Case(
        "workforce:team_caseloads",
        expect(200, social_worker=404, panel_member=404, other_authority_manager=404, service_manager=403),
        kwargs=fd,
        method="POST",
        label="invalid",
    ),
]


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            names |= _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return {n for n in names if n.split(":")[0] in APP_NAMESPACES}


def test_every_url_has_an_expectation() -> None:
    """A new URL must be added to this matrix: the build fails until it is."""
    covered = {case.url_name for case in CASES}
    missing = sorted(_names(get_resolver()) - covered)
    assert missing == [], f"URLs with no access expectation: {missing}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.django_db
def test_access(case: Case, cast: Cast, client) -> None:  # noqa: ANN001
    url = reverse(case.url_name, kwargs=case.kwargs(cast)) + case.query
    failures = []
    for role in ROLE_NAMES:
        client.logout()
        user = cast.user(role)
        if user is not None:
            client.force_login(user)
        send = client.get if case.method == "GET" else client.post
        response = send(url, data=case.data(cast))
        if response.status_code != case.expected[role]:
            failures.append(f"{role}: {response.status_code} (expected {case.expected[role]})")
    assert failures == [], f"{case.id} {url}: " + "; ".join(failures)


IMPORTERS = {**HR_ONLY, "team_manager": 200, "other_authority_manager": 200}
NOT_IMPORTERS = {"social_worker": 403, "service_manager": 403, "panel_member": 403}


def someone_elses_import(c: Cast) -> dict[str, Any]:
    """A previewed import of the workforce officer's: not even other HR users may act on it."""
    from workforce.models import ImportRun

    run = ImportRun.objects.create(authority=c.authority, kind="staff", user=c.workforce_officer, status="previewed")
    return {"pk": run.pk}


CASES += [
    Case("workforce:import_start", expect(403, **IMPORTERS)),
    Case("workforce:import_upload", expect(403, **IMPORTERS), method="POST", label="invalid"),
    Case("workforce:import_upload", expect(405), label="GET is not allowed"),
    Case(
        "workforce:import_template",
        expect(403, **IMPORTERS),
        kwargs=lambda c: {"kind": "caseloads", "fmt": "csv"},
        label="caseloads",
    ),
    Case(
        "workforce:import_template",
        expect(403, **HR_ONLY),
        kwargs=lambda c: {"kind": "staff", "fmt": "xlsx"},
        label="staff",
    ),
    Case("workforce:import_detail", expect(404, **NOT_IMPORTERS), kwargs=someone_elses_import),
    Case("workforce:import_report", expect(404, **NOT_IMPORTERS), kwargs=someone_elses_import),
    Case("workforce:import_confirm", expect(404, **NOT_IMPORTERS), kwargs=someone_elses_import, method="POST"),
    Case("workforce:import_confirm", expect(405), kwargs=someone_elses_import, label="GET is not allowed"),
]


def _target(c: Cast, authority: Any = None) -> dict[str, Any]:
    target, _ = IndicatorTarget.objects.get_or_create(
        authority=authority or c.authority,
        indicator="turnover_rate",
        effective_from=dt.date(2025, 4, 1),
        defaults={"value": Decimal("14.0")},
    )
    return {"pk": target.pk}


def _figure(c: Cast, authority: Any = None) -> dict[str, Any]:
    figure, _ = ComparatorFigure.objects.get_or_create(
        authority=authority or c.authority,
        kind=ComparatorFigure.Kind.REGION,
        label="North West",
        as_at=dt.date(2025, 9, 30),
        indicator="agency_rate",
        defaults={"value": Decimal("12.4")},
    )
    return {"pk": figure.pk}


def caseload_export(c: Cast) -> dict[str, Any]:
    return {"export_id": "team-caseloads"}


ADMIN_ONLY = expect(403, administrator=200)
OTHER_AUTHORITY_SETTING = expect(403, administrator=404)
CASELOADS_FD = expect(403, team_manager=200, service_manager=200, other_authority_manager=404, **HR_ONLY)
CASELOADS_CIC = expect(403, team_manager=404, service_manager=404, other_authority_manager=404, **HR_ONLY)

CASES += [
    Case("workforce:caseload_overview", expect(403, **STAFF_READERS)),
    Case("workforce:caseload_overview", CASELOADS_FD, data=lambda c: {"team": c.front_door.pk}, label="FD"),
    Case("workforce:caseload_overview", CASELOADS_CIC, data=lambda c: {"team": c.children_in_care.pk}, label="CIC"),
    Case("workforce:caseload_overview", expect(405), method="POST", label="POST is not allowed"),
    Case("core:export_download", expect(403, **STAFF_READERS), kwargs=caseload_export, label="team-caseloads"),
    Case(
        "core:export_download",
        CASELOADS_FD,
        kwargs=caseload_export,
        data=lambda c: {"team": c.front_door.pk},
        label="team-caseloads FD",
    ),
    Case("workforce:settings_index", ADMIN_ONLY),
    Case("workforce:settings_index", expect(405), method="POST", label="POST is not allowed"),
    Case("workforce:settings_workload", ADMIN_ONLY),
    Case("workforce:settings_workload", ADMIN_ONLY, method="POST", label="invalid"),
    Case("workforce:settings_team_threshold", ADMIN_ONLY, kwargs=fd),
    Case("workforce:settings_team_threshold", ADMIN_ONLY, kwargs=fd, method="POST", label="invalid"),
    Case(
        "workforce:settings_team_threshold",
        OTHER_AUTHORITY_SETTING,
        kwargs=lambda c: {"pk": c.other_team.pk},
        label="other authority",
    ),
    Case("workforce:settings_team_threshold_remove", expect(403, administrator=302), kwargs=fd, method="POST"),
    Case("workforce:settings_team_threshold_remove", expect(405), kwargs=fd, label="GET is not allowed"),
    Case("workforce:settings_targets", ADMIN_ONLY),
    Case("workforce:settings_target_create", ADMIN_ONLY),
    Case("workforce:settings_target_create", ADMIN_ONLY, method="POST", label="invalid"),
    Case("workforce:settings_target_edit", ADMIN_ONLY, kwargs=_target),
    Case("workforce:settings_target_edit", ADMIN_ONLY, kwargs=_target, method="POST", label="invalid"),
    Case(
        "workforce:settings_target_edit",
        OTHER_AUTHORITY_SETTING,
        kwargs=lambda c: _target(c, c.other_authority),
        label="other authority",
    ),
    Case("workforce:settings_comparators", ADMIN_ONLY),
    Case("workforce:settings_comparator_create", ADMIN_ONLY),
    Case("workforce:settings_comparator_create", ADMIN_ONLY, method="POST", label="invalid"),
    Case("workforce:settings_comparator_edit", ADMIN_ONLY, kwargs=_figure),
    Case("workforce:settings_comparator_edit", ADMIN_ONLY, kwargs=_figure, method="POST", label="invalid"),
    Case(
        "workforce:settings_comparator_edit",
        OTHER_AUTHORITY_SETTING,
        kwargs=lambda c: _figure(c, c.other_authority),
        label="other authority",
    ),
    Case("workforce:settings_comparator_remove", ADMIN_ONLY, kwargs=_figure),
    Case("workforce:settings_comparator_remove", expect(403, administrator=302), kwargs=_figure, method="POST"),
    Case(
        "workforce:settings_comparator_remove",
        OTHER_AUTHORITY_SETTING,
        kwargs=lambda c: _figure(c, c.other_authority),
        method="POST",
        label="other authority",
    ),
]

CASES += [
    Case("workforce:dashboard", expect(403, **STAFF_READERS)),
    Case(
        "workforce:dashboard",
        expect(403, team_manager=404, service_manager=404, other_authority_manager=404, **HR_ONLY),
        query="?scope=authority",
        label="whole authority",
    ),
    *[
        Case(
            "core:export_download",
            expect(403, **STAFF_READERS),
            kwargs=lambda c, export_id=export_id: {"export_id": export_id},
            label=export_id,
        )
        for export_id in ("dashboard-summary", "dashboard-trends", "dashboard-teams", "dashboard-service-areas")
    ],
]

REPORT_DOWNLOADERS = {"team_manager": 302, "service_manager": 302, "other_authority_manager": 302}
ENGAGEMENT = {
    "agency": "Caring Staff Ltd",
    "job_type": "social_worker",
    "pay_rate": "38.00",
    "employer_ni": "4.00",
    "apprenticeship_levy": "0.20",
    "regional_price_cap": "46.00",
    "pq_experience_years": "5",
    "notice_period_weeks": "4",
}


def cic_agency(c: Cast) -> dict[str, Any]:
    return {"assignment_pk": c.cic_worker.assignments.get().pk}


CASES += [
    Case("workforce:turnover_report", expect(403, **STAFF_READERS)),
    Case("workforce:turnover_report", expect(405), method="POST", label="POST is not allowed"),
    Case(
        "workforce:turnover_download",
        expect(403, **HR_ONLY, **REPORT_DOWNLOADERS),
        query="?as_at=2025-09-30&scope=authority",
        label="authority",
    ),
    Case(
        "workforce:turnover_download",
        expect(403, **(STAFF_READERS | {"other_authority_manager": 302})),
        query="?as_at=2025-09-30&scope=team-FD",
        label="team FD",
    ),
    Case("workforce:census", expect(403, **HR_ONLY)),
    Case("workforce:census_download", expect(403, **HR_ONLY), query="?year=2025"),
    Case("workforce:agency_compliance", expect(403, **HR_ONLY)),
    Case(
        "core:export_download",
        expect(403, **HR_ONLY),
        kwargs=lambda c: {"export_id": "agency-compliance"},
        label="agency-compliance",
    ),
    Case("workforce:agency_engagement", expect(404, **HR_ONLY), kwargs=cic_agency),
    Case(
        "workforce:agency_engagement",
        expect(404, workforce_officer=302, administrator=302),
        kwargs=cic_agency,
        method="POST",
        data=lambda c: ENGAGEMENT,
        label="valid",
    ),
    Case(
        "workforce:agency_engagement",
        expect(404),
        kwargs=lambda c: {"assignment_pk": c.sam.assignments.get().pk},
        label="permanent assignment",
    ),
    Case("workforce:agency_return", expect(403, **HR_ONLY)),
    Case("workforce:agency_return", expect(403, **HR_ONLY), query="?year=2025&quarter=3", label="XLSX"),
]


for _module in pkgutil.iter_modules(tests.access_cases.__path__):
    CASES += importlib.import_module(f"tests.access_cases.{_module.name}").CASES
