"""Role × URL cases of the administrator's framework pages (/framework/) and of setting a worker's career level."""

from __future__ import annotations

from typing import Any

from careers.models import CareerLevel, FrameworkVersion, Panel
from careers.services.framework import framework_version_adapt
from tests.access import Case, expect
from tests.careers.factories_framework import PCF, load_framework
from tests.conftest import Cast

ADMIN = expect(403, administrator=200)
ADMIN_REDIRECT = expect(403, administrator=302)
HR_AND_ADMIN = expect(403, administrator=200, workforce_officer=200)


def national(c: Cast) -> dict[str, Any]:
    return {"pk": load_framework().pk}


def pcf(c: Cast) -> dict[str, Any]:
    load_framework()
    return {"pk": FrameworkVersion.objects.get(code=PCF).pk}


def other_adaptation(c: Cast) -> dict[str, Any]:
    """Southshire's own wording of the national framework: not even Northshire's administrator may see it."""
    source = load_framework()
    version = FrameworkVersion.objects.filter(authority=c.other_authority).first() or framework_version_adapt(
        source=source,
        authority=c.other_authority,
        name="Southshire way",
        wording={item.pk: (item.title, item.description) for item in source.items.all()},
        user=c.other_authority_manager,
    )
    return {"pk": version.pk}


def level(c: Cast, authority: Any = None) -> dict[str, Any]:
    load_framework()
    return {"pk": CareerLevel.objects.get(authority=authority or c.authority, code="ESW").pk}


def panel(c: Cast, authority: Any = None) -> dict[str, Any]:
    found, _ = Panel.objects.get_or_create(authority=authority or c.authority, name="Progression panel")
    return {"pk": found.pk}


def sam(c: Cast) -> dict[str, Any]:
    load_framework()
    return {"pk": c.sam.pk}


CASES: list[Case] = [
    Case("careers:framework_index", ADMIN),
    Case("careers:framework_version", ADMIN, kwargs=national),
    Case("careers:framework_version", ADMIN, kwargs=pcf, label="PCF"),
    Case("careers:framework_version", expect(403, administrator=404), kwargs=other_adaptation, label="other authority"),
    Case("careers:framework_adapt", ADMIN, kwargs=national),
    Case("careers:framework_adapt", ADMIN, kwargs=national, method="POST", label="invalid"),
    Case("careers:framework_adapt", expect(403), kwargs=pcf, label="PCF is read-only"),
    Case("careers:framework_adapt", expect(403, administrator=404), kwargs=other_adaptation, label="other authority"),
    Case("careers:framework_use", ADMIN_REDIRECT, kwargs=national, method="POST"),
    Case("careers:framework_use", expect(403), kwargs=pcf, method="POST", label="PCF"),
    Case(
        "careers:framework_use",
        expect(403, administrator=404),
        kwargs=other_adaptation,
        method="POST",
        label="other authority",
    ),
    Case("careers:framework_use", expect(405), kwargs=national, label="GET is not allowed"),
    Case("careers:settings", ADMIN),
    Case("careers:settings", ADMIN, method="POST", label="invalid"),
    Case("careers:level_list", ADMIN),
    Case("careers:level_create", ADMIN),
    Case("careers:level_create", ADMIN, method="POST", label="invalid"),
    Case("careers:level_edit", ADMIN, kwargs=level),
    Case("careers:level_edit", ADMIN, kwargs=level, method="POST", label="invalid"),
    Case(
        "careers:level_edit",
        expect(403, administrator=404),
        kwargs=lambda c: level(c, c.other_authority),
        label="other authority",
    ),
    Case("careers:panel_admin_list", ADMIN),
    Case("careers:panel_create", ADMIN),
    Case("careers:panel_create", ADMIN, method="POST", label="invalid"),
    Case("careers:panel_edit", ADMIN, kwargs=panel),
    Case("careers:panel_edit", ADMIN, kwargs=panel, method="POST", label="invalid"),
    Case(
        "careers:panel_edit",
        expect(403, administrator=404),
        kwargs=lambda c: panel(c, c.other_authority),
        label="other authority",
    ),
    Case("careers:worker_level_set", HR_AND_ADMIN, kwargs=sam),
    Case("careers:worker_level_set", HR_AND_ADMIN, kwargs=sam, method="POST", label="invalid"),
    Case(
        "careers:worker_level_set",
        expect(403, administrator=404, workforce_officer=404),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
]
