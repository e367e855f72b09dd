"""Role × URL cases of the CPD days pages (collected by tests/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import HR_ONLY, MANAGERS_AND_HR, Case, expect
from tests.conftest import Cast

# Pages of one's own CPD days: only users with a staff record (the social worker of the cast).
OWN = expect(403, social_worker=200)
# The uptake report: managers and HR, each for their own scope (the other authority's manager sees their own teams).
UPTAKE = expect(403, **MANAGERS_AND_HR, other_authority_manager=200)
# Sam's request: readers of Sam's CPD see it; the decision is the Front Door team manager's alone.
SEE_SAMS = expect(200, panel_member=404, other_authority_manager=404)
DECIDE_SAMS = expect(403, panel_member=404, other_authority_manager=404, team_manager=200)
HR_CHANGE = expect(403, panel_member=404, other_authority_manager=404, **HR_ONLY)


def _sams_request(c: Cast, **fields: Any) -> dict[str, Any]:
    from cpd.models import CpdDayRequest

    request = CpdDayRequest.objects.create(
        worker=c.sam,
        registration_year=2099,
        start_date=dt.date(2099, 5, 11),
        days=1,
        purpose="Conference",
        **fields,
    )
    return {"pk": request.pk}


def sams_request(c: Cast) -> dict[str, Any]:
    return _sams_request(c)


def sam(c: Cast) -> dict[str, Any]:
    return {"pk": c.sam.pk}


CASES: list[Case] = [
    Case("cpd:my_days", OWN),
    Case("cpd:my_days", expect(405), method="POST", label="POST is not allowed"),
    Case("cpd:day_request_create", OWN),
    Case("cpd:day_request_create", OWN, method="POST", label="invalid"),
    # Cancelling redirects for the worker (their own request) whatever the outcome.
    Case(
        "cpd:day_request_cancel",
        expect(403, social_worker=302, panel_member=404, other_authority_manager=404),
        kwargs=sams_request,
        method="POST",
    ),
    Case("cpd:day_request_cancel", expect(405), kwargs=sams_request, label="GET is not allowed"),
    Case("cpd:days_uptake", UPTAKE),
    Case("cpd:days_uptake", expect(405), method="POST", label="POST is not allowed"),
    Case("core:export_download", UPTAKE, kwargs=lambda c: {"export_id": "cpd-days-uptake"}, label="cpd-days-uptake"),
    Case("cpd:day_request_decide", SEE_SAMS, kwargs=sams_request),
    Case("cpd:day_request_decide", DECIDE_SAMS, kwargs=sams_request, method="POST", label="invalid"),
    Case(
        "cpd:day_request_decide",
        expect(404, administrator=200, workforce_officer=200),
        kwargs=lambda c: _cic_request(c),
        label="other service area",
    ),
    Case("cpd:day_allowance_set", HR_CHANGE, kwargs=sam),
    Case("cpd:day_allowance_set", HR_CHANGE, kwargs=sam, method="POST", label="invalid"),
    Case(
        "cpd:day_allowance_set",
        expect(404, other_authority_manager=403),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
    Case("cpd:settings", expect(403, **HR_ONLY)),
    Case("cpd:settings", expect(403, **HR_ONLY), method="POST", label="invalid"),
]


def _cic_request(c: Cast) -> dict[str, Any]:
    from cpd.models import CpdDayRequest

    request = CpdDayRequest.objects.create(
        worker=c.cic_worker, registration_year=2099, start_date=dt.date(2099, 5, 11), days=1, purpose="Reading"
    )
    return {"pk": request.pk}
