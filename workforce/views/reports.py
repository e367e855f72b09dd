"""Report pages: the turnover workbook (managers and HR, each for their own scope) and the CSWW census return (HR).

Each page is a GET form; its download link carries the same query string to a view that streams the XLSX.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.exports.xlsx import xlsx_response
from workforce import selectors
from workforce.access import STAFF_LIST_ROLES, get_scope, hr_required, role_required
from workforce.census import WORKBOOK_NAME as CENSUS_WORKBOOK_NAME
from workforce.census import census_report, census_sheets, latest_census_year
from workforce.forms.reports import CensusYearForm, TurnoverReportForm
from workforce.indicators import DATE_KEYS, INDICATOR_KEYS, INDICATOR_LABELS, Indicators, compute_indicators
from workforce.turnover import WORKBOOK_NAME, ScopeChoice, scope_choices, turnover_sheets

# The headline figures the turnover page shows before the download (the workbook has every figure).
TURNOVER_PAGE_KEYS = (
    "social_workers_headcount",
    "social_workers_fte",
    "leavers_headcount",
    "leavers_fte",
    "starters_headcount",
    "starters_fte",
    "turnover_rate",
    "headcount_turnover_rate",
    "practice_leader_turnover_rate",
    "agency_headcount",
    "agency_fte",
    "agency_rate",
)
# The census page shows the command's figures (spec section 5) except the practice leader rate, which the
# census does not publish.
CENSUS_PAGE_KEYS = tuple(
    key for key in INDICATOR_KEYS if key not in {*DATE_KEYS, "scope", "practice_leader_turnover_rate"}
)
CHECK_ROWS_SHOWN = 50


def _figures(indicators: Indicators, keys: tuple[str, ...]) -> list[dict[str, object]]:
    """Label, value and (for a null rate) the reason, for the pages' figure tables."""
    return [
        {
            "key": key,
            "label": INDICATOR_LABELS.get(key, key),
            "value": getattr(indicators, key),
            "reason": indicators.null_reason(key),
        }
        for key in keys
    ]


def _turnover_form(request: HttpRequest, choices: list[ScopeChoice]) -> TurnoverReportForm:
    """Bound to the query string, or to the defaults (today, the first scope) when the page is first opened."""
    data = request.GET if "as_at" in request.GET or "scope" in request.GET else None
    if data is None and choices:
        data = {"as_at": selectors.today().isoformat(), "scope": choices[0].value}
    return TurnoverReportForm(data, scopes=[(c.value, c.label) for c in choices])


# ---------------------------------------------------------------------------
# Turnover workbook
# ---------------------------------------------------------------------------
@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def turnover_report(request: HttpRequest) -> HttpResponse:
    """Choose the as-at date and scope, see the headline figures, and download the workbook."""
    choices = scope_choices(request.user)
    form = _turnover_form(request, choices)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        chosen = next(c for c in choices if c.value == form.cleaned_data["scope"])
        as_at = form.cleaned_data["as_at"]
        s = chosen.scope
        indicators = compute_indicators(authority=s.authority, as_at=as_at, team=s.team, service_area=s.service_area)
        query = urlencode({"as_at": as_at.isoformat(), "scope": chosen.value})
        context |= {
            "chosen": chosen,
            "indicators": indicators,
            "figures": _figures(indicators, TURNOVER_PAGE_KEYS),
            "download_url": f"{reverse('workforce:turnover_download')}?{query}",
        }
    return render(request, "workforce/reports/turnover_report.html", context)


@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def turnover_download(request: HttpRequest) -> HttpResponse:
    """The workbook for the date and scope of the query string; with a bad query, back to the page to show why."""
    choices = scope_choices(request.user)
    form = TurnoverReportForm(request.GET, scopes=[(c.value, c.label) for c in choices])
    if not form.is_valid():
        return redirect(f"{reverse('workforce:turnover_report')}?{request.GET.urlencode()}")
    chosen = next(c for c in choices if c.value == form.cleaned_data["scope"])
    return xlsx_response(WORKBOOK_NAME, turnover_sheets(chosen.scope, form.cleaned_data["as_at"]))


# ---------------------------------------------------------------------------
# CSWW census return
# ---------------------------------------------------------------------------
def _census_form(request: HttpRequest) -> CensusYearForm:
    data = request.GET if "year" in request.GET else {"year": latest_census_year(selectors.today())}
    return CensusYearForm(data)


@login_required
@require_GET
@hr_required
def census(request: HttpRequest) -> HttpResponse:
    """Choose the census year, see the counts and the check report, and download the return."""
    form = _census_form(request)
    context: dict[str, object] = {"form": form, "check_rows_shown": CHECK_ROWS_SHOWN}
    if form.is_valid():
        year = form.cleaned_data["year"]
        report = census_report(authority=get_scope(request.user).authority, year=year)
        context |= {
            "report": report,
            "figures": _figures(report.indicators, CENSUS_PAGE_KEYS),
            "download_url": f"{reverse('workforce:census_download')}?{urlencode({'year': year})}",
        }
    return render(request, "workforce/reports/census.html", context)


@login_required
@require_GET
@hr_required
def census_download(request: HttpRequest) -> HttpResponse:
    """The return as XLSX: Workers, Counts and Checks."""
    form = CensusYearForm(request.GET)
    if not form.is_valid():
        return redirect(f"{reverse('workforce:census')}?{request.GET.urlencode()}")
    authority = get_scope(request.user).authority
    report = census_report(authority=authority, year=form.cleaned_data["year"])
    return xlsx_response(f"{CENSUS_WORKBOOK_NAME} {report.year}", census_sheets(authority=authority, report=report))
