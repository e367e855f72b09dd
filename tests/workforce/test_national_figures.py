"""The published England figures come out of the same rate functions the app uses (spec section 3).

Components: DfE, "Children's social work workforce", reporting year 2023 (as at 30 September 2023), national row
of the open data file "Indicators (in post, starters, leavers, agency workers, vacancies, caseload and absence)"
on explore-education-statistics.service.gov.uk. The published rates were computed by the DfE from unrounded
components; the components are published to one decimal place, which is enough to reproduce each rate.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workforce.indicators import Totals, average, indicators_from_totals, rate, round_fte, round_rate
from workforce.models import ComparatorFigure

AS_AT_2023 = dt.date(2023, 9, 30)
ENGLAND_2023 = Totals(
    social_workers_fte=Decimal("33119.1"),
    social_workers_headcount=35199,
    starters_fte=Decimal("6027.5"),
    starters_headcount=6247,
    leavers_fte=Decimal("5254.6"),
    leavers_headcount=5640,
    agency_fte=Decimal("7173.5"),
    agency_headcount=7429,
    agency_covering_vacancies_fte=Decimal("5744.2"),
    vacancy_fte=Decimal("7722.7"),
    case_holders_fte=Decimal("21111.4"),
    cases=337055,
    sickness_days_lost=Decimal("270751"),
)
# The rates the DfE published for 2023 with those components.
PUBLISHED_2023 = {
    "turnover_rate": Decimal("15.9"),
    "headcount_turnover_rate": Decimal("16.0"),
    "agency_rate": Decimal("17.8"),
    "agency_cover_rate": Decimal("80.1"),
    "vacancy_rate": Decimal("18.9"),
    "vacancy_agency_cover_rate": Decimal("74.4"),
    "average_caseload": Decimal("16.0"),
    "absence_rate": Decimal("3.2"),
}


@pytest.fixture
def england_2023():  # noqa: ANN201
    return indicators_from_totals(as_at=AS_AT_2023, scope="England", totals=ENGLAND_2023)


@pytest.mark.parametrize(("key", "published"), PUBLISHED_2023.items())
def test_it_reproduces_the_published_2023_england_rate(england_2023, key: str, published: Decimal) -> None:  # noqa: ANN001
    assert getattr(england_2023, key) == published


def test_the_turnover_rate_is_leavers_over_social_workers_in_post() -> None:
    assert rate(Decimal("5254.6"), Decimal("33119.1")) == Decimal("15.9")


def test_the_average_caseload_is_cases_over_case_holders_fte() -> None:
    assert average(337055, Decimal("21111.4")) == Decimal("16.0")


@pytest.mark.django_db
def test_the_shipped_england_comparators_for_2023_are_what_the_components_give(england_2023) -> None:  # noqa: ANN001
    """The reference data loaded by migration agrees with our own arithmetic on the DfE's components."""
    shipped = {
        figure.indicator: figure.value
        for figure in ComparatorFigure.objects.filter(kind="england", authority=None, as_at=AS_AT_2023)
    }
    assert shipped == {key: getattr(england_2023, key) for key in shipped}
    assert set(shipped) == {"turnover_rate", "agency_rate", "vacancy_rate", "average_caseload", "absence_rate"}


def test_rounding_is_half_up_not_to_even() -> None:
    assert round_rate(Decimal("16.25")) == Decimal("16.3")
    assert round_rate(Decimal("16.35")) == Decimal("16.4")
    assert round_fte(Decimal("0.125")) == Decimal("0.13")
    assert round_fte(Decimal("2.675")) == Decimal("2.68")


def test_a_rate_over_nothing_is_null_not_zero() -> None:
    assert rate(5, 0) is None
    assert average(0, Decimal("0.0")) is None
    assert rate(0, 3) == Decimal("0.0")
