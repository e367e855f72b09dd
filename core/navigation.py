"""The service navigation: which sections each role may use. Sections are added here as apps grow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from workforce.access import get_scope
from workforce.codes import UserRole
from workforce.imports.permissions import import_kinds_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str  # the first path segment that marks the item active
    roles: frozenset[str] | None  # None: everyone signed in
    url_kwargs: tuple[tuple[str, Any], ...] = ()


HR = frozenset({UserRole.WORKFORCE_OFFICER, UserRole.ADMINISTRATOR})
MANAGERS_AND_HR = HR | {UserRole.TEAM_MANAGER, UserRole.SERVICE_MANAGER}

ADMINISTRATORS = frozenset({UserRole.ADMINISTRATOR})
SOCIAL_WORKERS = frozenset({UserRole.SOCIAL_WORKER})
PANELS = frozenset({UserRole.PANEL_MEMBER, UserRole.ADMINISTRATOR})

NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("Home", "core:home", "", None),
    NavItem("My CPD", "cpd:my_cpd", "my-cpd", SOCIAL_WORKERS),
    NavItem("My progression", "careers:my_progress", "my-progression", SOCIAL_WORKERS),
    NavItem("Dashboard", "workforce:dashboard", "dashboard", MANAGERS_AND_HR),
    NavItem("Staff", "workforce:staff_list", "staff", MANAGERS_AND_HR),
    NavItem("Teams", "workforce:team_list", "teams", MANAGERS_AND_HR),
    NavItem("Caseloads", "workforce:caseload_overview", "caseloads", MANAGERS_AND_HR),
    NavItem("CPD", "cpd:overview", "cpd", MANAGERS_AND_HR),
    NavItem("Progression", "careers:team_progress", "progression", MANAGERS_AND_HR),
    NavItem("Reports", "workforce:turnover_report", "reports", MANAGERS_AND_HR),
    NavItem("Agency", "workforce:agency_compliance", "agency", HR),
    NavItem("Imports", "workforce:import_start", "imports", MANAGERS_AND_HR),
    NavItem("Panels", "careers:panel_list", "panels", PANELS),
    NavItem("Framework", "careers:framework_index", "framework", ADMINISTRATORS),
    NavItem("Settings", "workforce:settings_index", "settings", ADMINISTRATORS),
    NavItem("Audit", "core:audit_history", "audit", ADMINISTRATORS),
    NavItem("Account", "core:account", "account", None),
)


def navigation_for(user: Any, path: str) -> list[dict[str, Any]]:
    """The items this user sees, with the one for the current section marked active."""
    scope = get_scope(user)
    section = path.strip("/").split("/")[0]
    items = []
    for item in NAV_ITEMS:
        if item.roles is not None and not (scope.roles & item.roles):
            continue
        if item.url_name == "workforce:import_start" and not import_kinds_for(user):
            continue
        try:
            url = reverse(item.url_name, kwargs=dict(item.url_kwargs))
        except NoReverseMatch:
            continue
        active = item.section == section or (item.section == "account" and section == "accounts")
        items.append({"label": item.label, "url": url, "active": active})
    if scope.own_worker_id is not None:
        items.insert(
            1,
            {
                "label": "My record",
                "url": reverse("workforce:worker_detail", kwargs={"pk": scope.own_worker_id}),
                "active": path == reverse("workforce:worker_detail", kwargs={"pk": scope.own_worker_id}),
            },
        )
    return items
