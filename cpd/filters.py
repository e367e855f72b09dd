"""FilterSets of the CPD oversight pages (house style 4). The selectors read the cleaned values; the pages render
the forms and pass the same query string to the XLSX download.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict

from cpd.selectors.training import TrainingStatus
from cpd.years import registration_year_for
from workforce import selectors as wf_selectors
from workforce.access import teams_for_user
from workforce.forms.records import GovukForm
from workforce.models import Team

YEARS_BACK = 3


def _bound(data: Mapping[str, Any] | None, keys: tuple[str, ...]) -> QueryDict:
    bound = QueryDict(mutable=True)
    if data is not None:
        for key in keys:
            if data.get(key) not in (None, ""):
                bound[key] = data.get(key)
    return bound


class _CpdFilter(django_filters.FilterSet):
    keys: tuple[str, ...] = ()

    class Meta:
        model = Team
        fields: list[str] = []
        form = GovukForm

    def __init__(self, data: Mapping[str, Any] | None = None, *, user: Any, **kwargs: Any) -> None:
        super().__init__(_bound(data, self.keys), queryset=Team.objects.none(), **kwargs)
        self.filters["team"].queryset = teams_for_user(user).order_by("name")

    def noop(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """The selectors apply the values themselves (the rows are people with computed balances)."""
        return queryset

    def value(self, name: str) -> Any:
        return self.form.cleaned_data.get(name) if self.is_valid() else None

    def querystring(self) -> str:
        if not self.is_valid():
            return ""
        query = QueryDict(mutable=True)
        for key, value in self.form.cleaned_data.items():
            if value not in (None, ""):
                query[key] = str(getattr(value, "pk", value))
        return query.urlencode()


def year_choices(today: Any = None) -> list[tuple[str, str]]:
    current = registration_year_for(today or wf_selectors.today())
    return [(str(year), f"{year - 1} to {year}") for year in range(current + 1, current - YEARS_BACK - 1, -1)]


class DaysUptakeFilter(_CpdFilter):
    """The CPD days uptake page: one team (or all the user may see) and a registration year."""

    keys = ("team", "year")
    team = django_filters.ModelChoiceFilter(label="Team", queryset=None, empty_label="All teams", method="noop")
    year = django_filters.ChoiceFilter(label="CPD year", choices=year_choices, empty_label=None, method="noop")

    def __init__(self, data: Mapping[str, Any] | None = None, *, user: Any, **kwargs: Any) -> None:
        super().__init__(data, user=user, **kwargs)
        # Always bound to a year, so that the select shows the year the page reports (this one by default).
        if "year" not in self.data:
            self.data = self.data.copy()
            self.data["year"] = str(registration_year_for(wf_selectors.today()))

    def selected_year(self) -> int:
        chosen = self.value("year")
        return int(chosen) if chosen else registration_year_for(wf_selectors.today())


class TrainingMatrixFilter(_CpdFilter):
    """The training matrix: one team (or all the user may see) and a status."""

    keys = ("team", "status")
    team = django_filters.ModelChoiceFilter(label="Team", queryset=None, empty_label="All teams", method="noop")
    status = django_filters.ChoiceFilter(
        label="Status", choices=TrainingStatus.choices, empty_label="Any status", method="noop"
    )
