"""Reads for the workforce dashboard (spec section 3): the indicators of a scope beside targets and comparators,
the 24-month trends, breakdowns by team and service area, the extra measures and social worker ethnicity.

Every indicator comes from workforce.indicators (one module, so the dashboard, the exports and the command agree);
this module only chooses the scope, lines the figures up with targets and comparators, and counts ethnicity.
Which scopes a user may choose is worked out from workforce.access (``get_scope``, ``teams_for_user``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.http import Http404

from workforce.access import STAFF_LIST_ROLES, get_scope, teams_for_user
from workforce.codes import MANAGER_ROLES, UNKNOWN_ETHNICITIES, WHITE_MAJORITY_ETHNICITIES, Contract, Role
from workforce.indicators import (
    INDICATOR_DEFINITIONS,
    INDICATOR_LABELS,
    Indicators,
    compute_indicators,
    indicator_series,
    indicators_by_service_area,
    indicators_by_team,
    indicators_for_dates,
    month_ends,
    rate,
)
from workforce.models import (
    Assignment,
    Authority,
    ComparatorFigure,
    IndicatorKey,
    IndicatorTarget,
    ServiceArea,
    Team,
)
from workforce.selectors import in_post_q

AUTHORITY_VALUE = "authority"
AREA_PREFIX = "area-"
TEAM_PREFIX = "team-"
CENSUS_DAY = (9, 30)

# The indicators that have targets and comparators, in the order the dashboard lists them.
TARGET_KEYS = tuple(IndicatorKey.values)
# The indicators drawn month by month.
TREND_KEYS = ("turnover_rate", "agency_rate", "vacancy_rate", "average_caseload", "absence_rate")
# The counts behind the rates.
COUNT_KEYS = (
    "social_workers_headcount",
    "social_workers_fte",
    "agency_headcount",
    "agency_fte",
    "leavers_headcount",
    "leavers_fte",
    "starters_headcount",
    "starters_fte",
    "vacancy_fte",
    "case_holders_fte",
    "cases",
    "sickness_days_lost",
)
# The measures the DfE's children's social care dashboard adds, with the counts they are worked out from.
EXTRA_KEYS = ("headcount_turnover_rate", "agency_cover_rate", "vacancy_agency_cover_rate", "days_lost_per_fte")
EXTRA_COUNT_KEYS = ("agency_covering_vacancies_fte", "manager_social_workers_fte", "manager_leavers_fte")
EXTRA_DEFINITIONS = {
    "headcount_turnover_rate": "Leavers (headcount) ÷ social workers in post (headcount) × 100.",
    "agency_cover_rate": "Agency FTE covering vacancies ÷ agency FTE × 100.",
    "vacancy_agency_cover_rate": "Agency FTE covering vacancies ÷ vacancy FTE × 100.",
    "days_lost_per_fte": "Sickness days lost in the year ÷ social workers FTE.",
}
# The columns of the breakdown tables (their downloads have every figure): the size of each team, then its rates.
BREAKDOWN_KEYS = (
    "social_workers_fte",
    "turnover_rate",
    "agency_rate",
    "vacancy_rate",
    "average_caseload",
    "absence_rate",
)
SHORT_LABELS = {
    "social_workers_fte": "Social workers FTE",
    "turnover_rate": "Turnover %",
    "agency_rate": "Agency %",
    "vacancy_rate": "Vacancy %",
    "average_caseload": "Average caseload",
    "absence_rate": "Absence %",
}
RATE_LIKE_KEYS = frozenset(TARGET_KEYS) | frozenset(EXTRA_KEYS)
PERCENT_KEYS = frozenset(key for key in RATE_LIKE_KEYS if key not in {"average_caseload", "days_lost_per_fte"})

# Ethnicity: counts from 1 to 4 are suppressed, as the DfE does in its published tables.
SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "[c]"
SUPPRESSED_TEXT = "fewer than 5"


def can_see_dashboard(user: Any) -> bool:
    """Team and service managers (for their teams), workforce officers and administrators (for the authority)."""
    return get_scope(user).has(*STAFF_LIST_ROLES)


def default_as_at(today: dt.date) -> dt.date:
    """The latest census date (30 September) on or before today."""
    census = dt.date(today.year, *CENSUS_DAY)
    return census if census <= today else dt.date(today.year - 1, *CENSUS_DAY)


# ---------------------------------------------------------------------------
# Scopes: what the user may look at.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ScopeChoice:
    """One choice of the scope field: the whole authority, one service area, or one team."""

    value: str
    label: str
    authority: Authority
    team: Team | None = None
    service_area: ServiceArea | None = None

    @property
    def kind(self) -> str:
        if self.team is not None:
            return "team"
        if self.service_area is not None:
            return "service_area"
        return AUTHORITY_VALUE

    @property
    def name(self) -> str:
        """The scope as a heading names it."""
        if self.team is not None:
            return f"{self.team.name} team"
        if self.service_area is not None:
            return f"{self.service_area.name} service area"
        return self.authority.name


@dataclass(frozen=True)
class DashboardScopes:
    """The scopes one user may choose, the teams and service areas they may see, and their default scope."""

    authority: Authority
    whole_authority: bool
    service_areas: tuple[ServiceArea, ...]
    teams: tuple[Team, ...]

    @property
    def choices(self) -> list[ScopeChoice]:
        out = []
        if self.whole_authority:
            out.append(ScopeChoice(AUTHORITY_VALUE, f"{self.authority.name} (whole authority)", self.authority))
        for area in self.service_areas:
            out.append(ScopeChoice(f"{AREA_PREFIX}{area.pk}", area.name, self.authority, service_area=area))
        for team in self.teams:
            out.append(ScopeChoice(f"{TEAM_PREFIX}{team.pk}", f"{team.name} ({team.code})", self.authority, team=team))
        return out

    @property
    def form_choices(self) -> list[tuple[str, Any]]:
        """The choices of the scope select, grouped: the authority, then service areas, then teams."""
        choices = self.choices
        out: list[tuple[str, Any]] = [(c.value, c.label) for c in choices if c.kind == AUTHORITY_VALUE]
        areas = [(c.value, c.label) for c in choices if c.kind == "service_area"]
        teams = [(c.value, c.label) for c in choices if c.kind == "team"]
        if areas:
            out.append(("Service areas", areas))
        if teams:
            out.append(("Teams", teams))
        return out

    @property
    def default(self) -> ScopeChoice:
        """HR: the authority; service managers: their (first) service area; team managers: their (first) team."""
        return self.choices[0]

    def get(self, value: str) -> ScopeChoice:
        """The choice with this value; 404 when it is not one the user may see."""
        for choice in self.choices:
            if choice.value == value:
                return choice
        raise Http404("No such scope.")

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(team.pk for team in self.teams)

    @property
    def service_area_ids(self) -> frozenset[int]:
        return frozenset(area.pk for area in self.service_areas)


def dashboard_scopes(user: Any) -> DashboardScopes:
    """The scopes the user may choose: HR the authority, every service area and team; a service manager their
    service areas and the teams they may see; a team manager their teams. 404 for users without a dashboard.
    """
    scope = get_scope(user)
    if scope.authority is None or not can_see_dashboard(user):
        raise Http404("No dashboard.")
    areas = ServiceArea.objects.filter(authority=scope.authority).order_by("name", "code")
    if not scope.is_hr:
        areas = areas.filter(pk__in=scope.service_area_ids)
    teams = teams_for_user(user).select_related("service_area").order_by("name", "code")
    return DashboardScopes(
        authority=scope.authority,
        whole_authority=scope.is_hr,
        service_areas=tuple(areas),
        teams=tuple(teams),
    )


# ---------------------------------------------------------------------------
# Targets and comparators.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ComparatorColumn:
    """The figures of one comparator (England, a region, statistical neighbours) at one census date."""

    kind: str
    label: str
    as_at: dt.date
    values: dict[str, Decimal]

    @property
    def heading(self) -> str:
        return f"{self.label}, {self.as_at.day} {self.as_at:%B %Y}"


def _targets(authority: Authority, until: dt.date) -> list[IndicatorTarget]:
    """Every target of the authority effective on or before the date, earliest first (one query)."""
    return list(
        IndicatorTarget.objects.filter(authority=authority, effective_from__lte=until).order_by(
            "indicator", "effective_from"
        )
    )


def _targets_at(targets: Iterable[IndicatorTarget], on: dt.date) -> dict[str, Decimal]:
    """The latest target of each indicator effective on or before the date."""
    out: dict[str, Decimal] = {}
    for target in targets:  # earliest first, so a later target replaces an earlier one
        if target.effective_from <= on:
            out[target.indicator] = target.value
    return out


def targets_at(authority: Authority, on: dt.date) -> dict[str, Decimal]:
    """The authority's target for each indicator at a date (the latest effective on or before it)."""
    return _targets_at(_targets(authority, on), on)


def _comparator_figures(authority: Authority, until: dt.date) -> list[ComparatorFigure]:
    """England figures (shared) and the authority's own comparators dated on or before the date (one query)."""
    return list(
        ComparatorFigure.objects.filter(
            Q(authority__isnull=True, kind=ComparatorFigure.Kind.ENGLAND) | Q(authority=authority),
            as_at__lte=until,
        ).order_by("as_at")
    )


_KIND_ORDER = {kind: i for i, kind in enumerate(ComparatorFigure.Kind.values)}


def _comparators_at(figures: Iterable[ComparatorFigure], on: dt.date) -> list[ComparatorColumn]:
    """For each comparator (kind and label), its figures at the latest census date on or before the date."""
    latest: dict[tuple[bool, str, str], dt.date] = {}
    for figure in figures:
        if figure.as_at <= on:
            key = (figure.authority_id is None, figure.kind, figure.label)
            latest[key] = max(latest.get(key, figure.as_at), figure.as_at)
    columns: dict[tuple[bool, str, str], ComparatorColumn] = {}
    for figure in figures:
        key = (figure.authority_id is None, figure.kind, figure.label)
        if latest.get(key) == figure.as_at:
            column = columns.setdefault(key, ComparatorColumn(figure.kind, figure.label, figure.as_at, {}))
            column.values[figure.indicator] = figure.value
    return sorted(columns.values(), key=lambda c: (_KIND_ORDER.get(c.kind, 99), c.label))


def comparators_at(authority: Authority, on: dt.date) -> list[ComparatorColumn]:
    """England first, then the authority's regional and statistical-neighbour figures, each at its latest date."""
    return _comparators_at(_comparator_figures(authority, on), on)


def _england_at(figures: Iterable[ComparatorFigure], on: dt.date) -> dict[str, Decimal]:
    for column in _comparators_at(figures, on):
        if column.kind == ComparatorFigure.Kind.ENGLAND:
            return column.values
    return {}


# ---------------------------------------------------------------------------
# Rows of the dashboard's tables.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FigureRow:
    """One indicator of the scope: its value (or why there is none), target and comparator figures."""

    key: str
    label: str
    value: Decimal | int | None
    null_reason: str | None = None
    target: Decimal | None = None
    comparators: tuple[Decimal | None, ...] = ()
    definition: str = ""


def _figure_rows(
    indicators: Indicators,
    keys: Sequence[str],
    *,
    targets: dict[str, Decimal] | None = None,
    comparators: Sequence[ComparatorColumn] = (),
    definitions: dict[str, str] | None = None,
) -> list[FigureRow]:
    definitions = INDICATOR_DEFINITIONS if definitions is None else definitions
    return [
        FigureRow(
            key=key,
            label=INDICATOR_LABELS[key],
            value=getattr(indicators, key),
            null_reason=indicators.null_reason(key),
            target=(targets or {}).get(key),
            comparators=tuple(column.values.get(key) for column in comparators),
            definition=definitions.get(key, ""),
        )
        for key in keys
    ]


@dataclass(frozen=True)
class TrendPoint:
    month_end: dt.date
    value: Decimal | None
    null_reason: str | None
    target: Decimal | None
    england: Decimal | None


@dataclass(frozen=True)
class Trend:
    """One indicator month by month: the chart's data and the accessible table of the same numbers."""

    key: str
    label: str
    scope_name: str
    points: tuple[TrendPoint, ...]

    @property
    def chart_id(self) -> str:
        return f"chart-{self.key.replace('_', '-')}"

    @property
    def title(self) -> str:
        return self.label.removesuffix(" (%)")

    @property
    def has_target(self) -> bool:
        return any(p.target is not None for p in self.points)

    @property
    def has_england(self) -> bool:
        return any(p.england is not None for p in self.points)

    @property
    def description(self) -> str:
        """The chart's accessible name: what it shows, and where the numbers are."""
        first, last = self.points[0].month_end, self.points[-1].month_end
        lines = ["target" if self.has_target else "", "England" if self.has_england else ""]
        extra = " and ".join(line for line in lines if line)
        return (
            f"Line chart of the {self.title.lower()} of {self.scope_name} at each month end from "
            f"{first:%B %Y} to {last:%B %Y}{f', with the {extra}' if extra else ''}. "
            "The same figures are in the table that follows."
        )

    def chart_data(self) -> dict[str, Any]:
        """What core/static/js/charts.js draws: labels, and one series per line (numbers or null)."""
        datasets = [{"label": self.scope_name, "kind": "value", "data": [_number(p.value) for p in self.points]}]
        if self.has_target:
            target = [_number(p.target) for p in self.points]
            datasets.append({"label": "Target (dashed line)", "kind": "target", "data": target})
        if self.has_england:
            datasets.append(
                {"label": "England (dotted line)", "kind": "england", "data": [_number(p.england) for p in self.points]}
            )
        return {
            "title": self.title,
            "unit": "%" if self.key in PERCENT_KEYS else "",
            "labels": [f"{p.month_end:%b %Y}" for p in self.points],
            "datasets": datasets,
        }


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if isinstance(value, int) else float(value)


def _trends(
    series: Sequence[Indicators],
    *,
    scope_name: str,
    targets: Sequence[IndicatorTarget],
    comparator_figures: Sequence[ComparatorFigure],
) -> list[Trend]:
    by_month = [(i, _targets_at(targets, i.as_at), _england_at(comparator_figures, i.as_at)) for i in series]
    return [
        Trend(
            key=key,
            label=INDICATOR_LABELS[key],
            scope_name=scope_name,
            points=tuple(
                TrendPoint(
                    month_end=indicators.as_at,
                    value=getattr(indicators, key),
                    null_reason=indicators.null_reason(key),
                    target=month_targets.get(key),
                    england=england.get(key),
                )
                for indicators, month_targets, england in by_month
            ),
        )
        for key in TREND_KEYS
    ]


# ---------------------------------------------------------------------------
# Ethnicity by seniority, with small numbers suppressed.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SmallCount:
    """A headcount as published: 1 to 4 is suppressed (shown as [c]); 0 and 5 or more are shown."""

    value: int
    suppressed: bool

    @classmethod
    def of(cls, value: int) -> SmallCount:
        return cls(value, 0 < value < SUPPRESSION_THRESHOLD)

    def hide(self) -> SmallCount:
        """The same count, suppressed even when 0: in a small group, "no one" says something about everyone."""
        return SmallCount(self.value, True)

    def __str__(self) -> str:
        return SUPPRESSED if self.suppressed else str(self.value)


@dataclass(frozen=True)
class Share:
    """A percentage of those with a known ethnicity; hidden when worked out from a suppressed count."""

    value: Decimal | None
    suppressed: bool = False

    def __str__(self) -> str:
        if self.suppressed:
            return SUPPRESSED
        return "–" if self.value is None else str(self.value)


@dataclass(frozen=True)
class EthnicityRow:
    key: str
    label: str
    headcount: SmallCount
    known: SmallCount
    unknown: SmallCount
    minority: SmallCount
    white: SmallCount
    minority_share: Share
    white_share: Share


SENIORITY_GROUPS: tuple[tuple[str, str, Q | None], ...] = (
    ("all", "All social workers", None),
    ("managers", "Managers", Q(role__in=MANAGER_ROLES)),
    ("senior_practitioners", "Senior practitioners", Q(role=Role.SENIOR_PRACTITIONER)),
    ("case_holders", "Case holders", Q(role=Role.CASE_HOLDER)),
    ("qualified_no_cases", "Qualified, not holding cases", Q(role=Role.QUALIFIED_NO_CASES)),
)


def _and(*conditions: Q | None) -> Q | None:
    present = [c for c in conditions if c is not None]
    if not present:
        return None
    combined = present[0]
    for condition in present[1:]:
        combined &= condition
    return combined


def _ethnicity_row(key: str, label: str, counts: dict[str, int]) -> EthnicityRow:
    headcount, known = counts["headcount"], counts["known"]
    minority = counts["minority"]
    white = known - minority
    minority_count, white_count = SmallCount.of(minority), SmallCount.of(white)
    known_count = SmallCount.of(known)
    denominator_hidden = known_count.suppressed
    # Known = minority + white: showing one of the two beside the known total would give the other away; and in a
    # group of fewer than 5, even a 0 tells the ethnicity of everyone in it.
    if minority_count.suppressed or white_count.suppressed or denominator_hidden:
        minority_count, white_count = minority_count.hide(), white_count.hide()

    def share(count: SmallCount) -> Share:
        if count.suppressed or denominator_hidden:
            return Share(None, suppressed=True)
        return Share(rate(count.value, known))

    return EthnicityRow(
        key=key,
        label=label,
        headcount=SmallCount.of(headcount),
        known=known_count,
        unknown=SmallCount.of(headcount - known),
        minority=minority_count,
        white=white_count,
        minority_share=share(minority_count),
        white_share=share(white_count),
    )


def ethnicity_by_seniority(
    *, authority: Authority, as_at: dt.date, team: Team | None = None, service_area: ServiceArea | None = None
) -> list[EthnicityRow]:
    """Permanent social workers in post at the date by ethnicity (headcount), overall and by seniority.

    Ethnic minority means every known code except White British, White Irish and any other White background;
    refused, not yet obtained and blank are unknown. One query (conditional counts); small numbers suppressed.
    """
    assignments = Assignment.objects.filter(
        in_post_q(as_at),
        team__authority=authority,
        contract=Contract.PERMANENT,
        worker__archived_at__isnull=True,
    ).exclude(role=Role.OTHER)
    if team is not None:
        assignments = assignments.filter(team=team)
    if service_area is not None:
        assignments = assignments.filter(team__service_area=service_area)
    known = ~Q(worker__ethnicity__in=(*UNKNOWN_ETHNICITIES, ""))
    minority = known & ~Q(worker__ethnicity__in=WHITE_MAJORITY_ETHNICITIES)
    measures: dict[str, Q | None] = {"headcount": None, "known": known, "minority": minority}
    aggregates = {}
    for key, _, group in SENIORITY_GROUPS:
        for measure, condition in measures.items():
            aggregates[f"{key}__{measure}"] = Count("worker", distinct=True, filter=_and(group, condition))
    totals = assignments.order_by().aggregate(**aggregates)
    rows = []
    for key, label, _ in SENIORITY_GROUPS:
        counts = {measure: int(totals[f"{key}__{measure}"] or 0) for measure in measures}
        rows.append(_ethnicity_row(key, label, counts))
    return rows


# ---------------------------------------------------------------------------
# Sections that other apps add (CPD compliance). workforce imports neither cpd nor careers: they register here.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DashboardSection:
    """A part of the dashboard owned by another app: its heading (for the contents list), its template, and a
    function of (scope, as-at date) returning the template's context, or None to leave the section out.
    """

    key: str
    heading: str
    template: str
    build: Callable[[ScopeChoice, dt.date], dict[str, Any] | None]


@dataclass(frozen=True)
class RenderedSection:
    key: str
    heading: str
    template: str
    context: dict[str, Any]


_SECTIONS: dict[str, DashboardSection] = {}


def register_dashboard_section(section: DashboardSection) -> None:
    """Called from an app's AppConfig.ready(); registering the same key again replaces it."""
    _SECTIONS[section.key] = section


def extra_sections(choice: ScopeChoice, as_at: dt.date) -> list[RenderedSection]:
    out = []
    for section in _SECTIONS.values():
        context = section.build(choice, as_at)
        if context is not None:
            out.append(RenderedSection(section.key, section.heading, section.template, context))
    return out


# ---------------------------------------------------------------------------
# The dashboard.
# ---------------------------------------------------------------------------
@dataclass
class Dashboard:
    """Everything the dashboard page shows for one scope and as-at date."""

    as_at: dt.date
    scope: ScopeChoice
    indicators: Indicators
    comparators: list[ComparatorColumn]
    target_rows: list[FigureRow]
    count_rows: list[FigureRow]
    extra_rows: list[FigureRow]
    extra_count_rows: list[FigureRow]
    series: list[Indicators]
    trends: list[Trend]
    team_rows: list[BreakdownRow]
    service_area_rows: list[BreakdownRow]
    ethnicity: list[EthnicityRow]
    has_service_areas: bool = False
    sections: list[RenderedSection] = field(default_factory=list)

    @property
    def has_targets(self) -> bool:
        return any(row.target is not None for row in self.target_rows)


@dataclass(frozen=True)
class BreakdownRow:
    """One team or service area of a breakdown table, with the cells of BREAKDOWN_KEYS."""

    code: str
    name: str
    service_area: str
    indicators: Indicators
    cells: tuple[FigureRow, ...]


def breakdown_rows(rows: Iterable[tuple[Team | ServiceArea, Indicators]]) -> list[BreakdownRow]:
    out = []
    for obj, indicators in rows:
        area = getattr(obj, "service_area", None) if isinstance(obj, Team) else None
        out.append(
            BreakdownRow(
                code=obj.code,
                name=obj.name,
                service_area=area.name if area else "",
                indicators=indicators,
                cells=tuple(_figure_rows(indicators, BREAKDOWN_KEYS)),
            )
        )
    return out


def team_breakdown(
    scopes: DashboardScopes, as_at: dt.date, *, own: tuple[ScopeChoice, Indicators] | None = None
) -> list[tuple[Team, Indicators]]:
    """The indicators of each team the user may see (the indicators module's figures, filtered).

    ``own`` is the page's scope with its figures: when the user sees a single team and the scope is that team (a team
    manager's dashboard), the one row is those figures (the same numbers), without a second run of the indicators.
    """
    if not scopes.teams:
        return []
    if own is not None and own[0].team is not None and scopes.teams == (own[0].team,):
        return [(own[0].team, own[1])]
    visible = {team.pk: team for team in scopes.teams}  # loaded with their service areas
    rows = indicators_by_team(authority=scopes.authority, as_at=as_at)
    return [(visible[team.pk], i) for team, i in rows if team.pk in visible]


def service_area_breakdown(
    scopes: DashboardScopes, as_at: dt.date, *, own: tuple[ScopeChoice, Indicators] | None = None
) -> list[tuple[ServiceArea, Indicators]]:
    """The indicators of each service area the user may see; none for a team manager.

    As for teams: a single service area that is the page's scope is shown with the scope's own figures.
    """
    if not scopes.service_areas:
        return []
    if own is not None and own[0].service_area is not None and scopes.service_areas == (own[0].service_area,):
        return [(own[0].service_area, own[1])]
    visible = {area.pk: area for area in scopes.service_areas}
    rows = indicators_by_service_area(authority=scopes.authority, as_at=as_at)
    return [(visible[area.pk], i) for area, i in rows if area.pk in visible]


def scope_series(choice: ScopeChoice, as_at: dt.date) -> list[Indicators]:
    """The 24 month ends up to the date, for the scope (one call of the indicators module)."""
    return indicator_series(authority=choice.authority, end=as_at, team=choice.team, service_area=choice.service_area)


def scope_series_and_figures(choice: ScopeChoice, as_at: dt.date) -> tuple[list[Indicators], Indicators]:
    """The scope's 24 month ends up to the date, and its figures at the date, from one call of the indicators module.

    A month end (30 September is one) is the series' last point; any other date is one more date of the same call,
    rather than a second run of every indicator query.
    """
    dates = month_ends(as_at)
    extra = dates[-1] != as_at
    figures = indicators_for_dates(
        authority=choice.authority,
        dates=[*dates, as_at] if extra else dates,
        team=choice.team,
        service_area=choice.service_area,
    )
    return (figures[:-1] if extra else figures), figures[-1]


def build_dashboard(*, scopes: DashboardScopes, choice: ScopeChoice, as_at: dt.date) -> Dashboard:
    """The dashboard of one scope at one date, in a fixed number of queries whatever the size of the authority.

    The indicators run once for the scope (24 month ends and the date, together), once by team and once by service
    area (each left out when it would only repeat the scope's figures); every table and chart reads those results.
    """
    authority = choice.authority
    series, indicators = scope_series_and_figures(choice, as_at)
    targets = _targets(authority, as_at)
    comparator_figures = _comparator_figures(authority, as_at)
    comparators = _comparators_at(comparator_figures, as_at)
    return Dashboard(
        as_at=as_at,
        scope=choice,
        indicators=indicators,
        comparators=comparators,
        target_rows=_figure_rows(indicators, TARGET_KEYS, targets=_targets_at(targets, as_at), comparators=comparators),
        count_rows=_figure_rows(indicators, COUNT_KEYS),
        extra_rows=_figure_rows(indicators, EXTRA_KEYS, definitions=EXTRA_DEFINITIONS),
        extra_count_rows=_figure_rows(indicators, EXTRA_COUNT_KEYS),
        series=series,
        trends=_trends(series, scope_name=choice.name, targets=targets, comparator_figures=comparator_figures),
        team_rows=breakdown_rows(team_breakdown(scopes, as_at, own=(choice, indicators))),
        service_area_rows=breakdown_rows(service_area_breakdown(scopes, as_at, own=(choice, indicators))),
        ethnicity=ethnicity_by_seniority(
            authority=authority, as_at=as_at, team=choice.team, service_area=choice.service_area
        ),
        has_service_areas=bool(scopes.service_areas),
        sections=extra_sections(choice, as_at),
    )


def series_with_context(
    choice: ScopeChoice, as_at: dt.date
) -> list[tuple[Indicators, dict[str, Decimal], dict[str, Decimal]]]:
    """The scope's month-end series, each month with the targets and England figures in effect (for the XLSX)."""
    targets = _targets(choice.authority, as_at)
    figures = _comparator_figures(choice.authority, as_at)
    return [(i, _targets_at(targets, i.as_at), _england_at(figures, i.as_at)) for i in scope_series(choice, as_at)]


__all__ = [
    "AUTHORITY_VALUE",
    "BREAKDOWN_KEYS",
    "COUNT_KEYS",
    "EXTRA_KEYS",
    "SHORT_LABELS",
    "SUPPRESSED",
    "SUPPRESSED_TEXT",
    "TARGET_KEYS",
    "TREND_KEYS",
    "BreakdownRow",
    "ComparatorColumn",
    "Dashboard",
    "DashboardScopes",
    "EthnicityRow",
    "FigureRow",
    "ScopeChoice",
    "SmallCount",
    "Trend",
    "build_dashboard",
    "can_see_dashboard",
    "comparators_at",
    "dashboard_scopes",
    "default_as_at",
    "ethnicity_by_seniority",
    "series_with_context",
    "service_area_breakdown",
    "targets_at",
    "team_breakdown",
]


@dataclass(frozen=True)
class DashboardTables:
    """The dashboard's tables at one date without the 24-month series (for the summary download)."""

    indicators: Indicators
    comparators: list[ComparatorColumn]
    target_rows: list[FigureRow]
    count_rows: list[FigureRow]
    extra_rows: list[FigureRow]
    ethnicity: list[EthnicityRow]


def dashboard_tables(*, choice: ScopeChoice, as_at: dt.date) -> DashboardTables:
    """The headline, counts, extra-measure and ethnicity tables of the page, from the same functions."""
    authority = choice.authority
    indicators = compute_indicators(
        authority=authority, as_at=as_at, team=choice.team, service_area=choice.service_area
    )
    comparators = _comparators_at(_comparator_figures(authority, as_at), as_at)
    targets = _targets_at(_targets(authority, as_at), as_at)
    return DashboardTables(
        indicators=indicators,
        comparators=comparators,
        target_rows=_figure_rows(indicators, TARGET_KEYS, targets=targets, comparators=comparators),
        count_rows=_figure_rows(indicators, COUNT_KEYS) + _figure_rows(indicators, EXTRA_COUNT_KEYS),
        extra_rows=_figure_rows(indicators, EXTRA_KEYS, definitions=EXTRA_DEFINITIONS),
        ethnicity=ethnicity_by_seniority(
            authority=authority, as_at=as_at, team=choice.team, service_area=choice.service_area
        ),
    )
