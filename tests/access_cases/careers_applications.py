"""Role × URL cases of progression applications and panels (see tests/test_access_matrix.py and ADR 0018).

The application used is Sam's (the social worker login, in Front Door), sent to a panel Pat (the panel member login)
sits on, unless the label says otherwise. Workforce officers see an application's status only: the detail page
answers 200 without the statement or the evidence, the portfolio PDF 403.
"""

from __future__ import annotations

from typing import Any

from tests.access import LOGIN, Case, expect
from tests.careers.factories_applications import application_for
from tests.conftest import Cast

NOT_IN_SCOPE = {"panel_member": 404, "other_authority_manager": 404}


def sams(c: Cast) -> dict[str, Any]:
    return {"pk": application_for(c).pk}


def sams_on_another_panel(c: Cast) -> dict[str, Any]:
    """Sent to a panel Pat does not sit on."""
    return {"pk": application_for(c, members=[]).pk}


def cic_workers(c: Cast) -> dict[str, Any]:
    """Of a worker in Children in Care: outside the social worker's, team and service managers' scope."""
    return {"pk": application_for(c, c.cic_worker).pk}


def decision(c: Cast) -> dict[str, Any]:
    return {"decision": "deferred", "reasons": "More evidence of wishes and feelings, please."}


CASES: list[Case] = [
    # Applying: the worker for themself; the team manager of the worker's team on their behalf.
    Case("careers:application_create", expect(403, social_worker=200)),
    Case("careers:application_create", expect(403, social_worker=200), method="POST", label="invalid"),
    Case(
        "careers:application_create_for",
        expect(403, social_worker=302, team_manager=200, **NOT_IN_SCOPE),
        kwargs=lambda c: {"pk": c.sam.pk},
    ),
    Case(
        "careers:application_create_for",
        expect(404, workforce_officer=403, administrator=403),
        kwargs=lambda c: {"pk": c.cic_worker.pk},
        label="outside the teams",
    ),
    Case(
        "careers:application_create_for",
        expect(403, social_worker=302, team_manager=200, **NOT_IN_SCOPE),
        kwargs=lambda c: {"pk": c.sam.pk},
        method="POST",
        label="invalid",
    ),
    # An application: the worker, their managers, its panel and administrators in full; HR the status only.
    Case("careers:application_detail", expect(200, other_authority_manager=404), kwargs=sams),
    Case(
        "careers:application_detail",
        expect(200, panel_member=404, other_authority_manager=404),
        kwargs=sams_on_another_panel,
        label="another panel",
    ),
    Case(
        "careers:application_detail",
        expect(404, workforce_officer=200, panel_member=200, administrator=200),
        kwargs=cic_workers,
        label="outside the teams",
    ),
    Case(
        "careers:application_withdraw",
        expect(403, social_worker=302, other_authority_manager=404),
        kwargs=sams,
        method="POST",
    ),
    Case("careers:application_withdraw", expect(405), kwargs=sams, label="GET is not allowed"),
    # Panels.
    Case("careers:panel_list", expect(403, panel_member=200, administrator=200)),
    Case("careers:panel_application", expect(404, panel_member=200, administrator=200), kwargs=sams),
    Case(
        "careers:panel_application",
        expect(404, administrator=200),
        kwargs=sams_on_another_panel,
        label="another panel",
    ),
    Case(
        "careers:application_decide",
        expect(404, panel_member=302, administrator=403),
        kwargs=sams,
        method="POST",
        data=decision,
    ),
    Case(
        "careers:application_decide",
        expect(404, panel_member=200, administrator=403),
        kwargs=sams,
        method="POST",
        label="invalid",
    ),
    Case(
        "careers:application_decide",
        expect(404, administrator=403),
        kwargs=sams_on_another_panel,
        method="POST",
        data=decision,
        label="another panel",
    ),
    Case("careers:application_decide", expect(405), kwargs=sams, label="GET is not allowed"),
    Case(
        "careers:application_portfolio_pdf",
        expect(200, workforce_officer=403, other_authority_manager=404),
        kwargs=sams,
    ),
    Case(
        "careers:application_portfolio_pdf",
        expect(200, workforce_officer=403, panel_member=404, other_authority_manager=404),
        kwargs=sams_on_another_panel,
        label="another panel",
    ),
    Case(
        "careers:application_portfolio_pdf",
        expect(404, workforce_officer=403, panel_member=200, administrator=200),
        kwargs=cic_workers,
        label="outside the teams",
    ),
]

__all__ = ["CASES", "LOGIN"]
